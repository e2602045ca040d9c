import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PasserelleCore
import PasserelleSearch
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import ServiceLifecycle
import Testing

@Suite("Graceful shutdown")
struct ShutdownTests {
    @Test(
        "on graceful shutdown a request under way is answered, and the index writer leaves its position in the shards")
    func requestUnderWayFinishesAndTheWriterCommits() async throws {
        try await TestPostgres.withDatabase { client, _ in
            _ = try await People(client: client)
            let shards = try TestShards()
            let logger = Logger(label: "test")
            let writer = IndexWriter(client: client, layout: shards.layout, countries: [.france], logger: logger)
            let router = buildRouter(database: client, search: SearchIndex(layout: shards.layout), indexWriter: writer)
            let (started, start) = AsyncStream.makeStream(of: Void.self)
            router.get("slow") { _, _ in
                start.yield()
                // Not `try?`: were the handler cancelled, the answer would be a 500.
                try await Task.sleep(for: .milliseconds(500))
                return "done"
            }
            let (ports, port) = AsyncStream.makeStream(of: Int.self)
            let app = Application(
                router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { port.yield($0.localAddress?.port ?? 0) }, logger: logger)
            // As in `serve`: the writer before the server, so that the server stops first.
            let group = ServiceGroup(configuration: .init(services: [writer, app], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let listening = try #require(await ports.first { _ in true })
                #expect(try await writer.waitUntilCaughtUp() == true)
                let http = TestClient(host: "127.0.0.1", port: listening)
                http.connect()
                async let answer = http.get("/slow")
                _ = await started.first { _ in true }
                await group.triggerGracefulShutdown()
                let response = try await answer
                #expect(response.status == .ok)
                #expect(response.body.map { String(buffer: $0) } == "done")
                try await http.shutdown()
                try await tasks.waitForAll()
            }
            let latest = try await IndexSource(client: client).latestPosition()
            let directory = try #require(shards.layout.currentDirectory(.france, .profiles))
            #expect(try ShardReader(directory: directory).position() == latest)
        }
    }
}
