import Foundation
import PasserelleCore
import PasserelleSearch
import PasserelleTestSupport
import Testing

@testable import PasserelleStore

@Suite("Reindex: shards rebuilt from PostgreSQL and swapped in")
struct ReindexTests {
    @Test(
        "A rebuild holds exactly PostgreSQL's open postings and searchable CVs, swaps the stub, and open searches follow"
    )
    func rebuildSwapsInWhatPostgresHolds() async throws {
        let layout = try temporaryLayout()
        try await TestPostgres.withDatabase { client, _ in
            let data = SearchFixtures(client: client)
            let acme = try await data.company("Acme")
            let first = try await data.posting("Développeuse Swift", company: acme)
            let second = try await data.posting("Boulanger", company: acme)
            let german = try await data.posting("Softwareentwickler", company: acme, country: .germany)
            let visible = try await data.member("Léa Martin")
            _ = try await data.member("Jonas Weber", visibility: .hidden)
            let reindexer = Reindexer(client: client, layout: layout, logger: quietLogger("test.reindex"))

            let built = try await reindexer.run(countries: [.france, .germany])
            let index = IndexContents(layout)
            #expect(try await index.ids(.france, .jobs) == [first.id, second.id])
            #expect(try await index.ids(.germany, .jobs) == [german.id])
            #expect(try await index.ids(.france, .profiles) == [visible.id])
            #expect(try await index.shard(.france, .profiles)?.documents == 1)
            #expect(try await index.shard(.france, .jobs)?.position == built.position)
            #expect(built.rows == 5)
            let before = try #require(layout.currentDirectory(.france, .jobs))

            // Changed with no index writer running: only a rebuild brings the shards up to date.
            _ = try await data.postings.close(id: second.id)
            let third = try await data.posting("Charpentière", company: acme)
            var hidden = visible
            hidden.profileVisibility = .hidden
            _ = try await data.members.update(hidden)
            let rebuilt = try await reindexer.run(countries: [.france])

            let after = try #require(layout.currentDirectory(.france, .jobs))
            #expect(after != before)
            #expect(!FileManager.default.fileExists(atPath: before.path))
            #expect(rebuilt.position >= built.position)
            #expect(
                rebuilt.shards.map { "\($0.country)/\($0.kind.rawValue):\($0.documents)" } == [
                    "FR/jobs:2", "FR/profiles:0",
                ])
            // The SearchIndex opened before the swap reads the new shard.
            #expect(try await index.ids(.france, .jobs) == [first.id, third.id])
            #expect(try await index.ids(.france, .jobs) == data.openPostingIDs(.france))
            #expect(try await index.ids(.france, .profiles) == data.searchableProfileIDs(.france))
            #expect(try await index.ids(.germany, .jobs) == [german.id])
        }
    }

    @Test("A rebuild under a running index writer loses none of the changes made during it or after")
    func rebuildWhileTheWriterRuns() async throws {
        let layout = try temporaryLayout()
        try await TestPostgres.withDatabase { client, _ in
            let data = SearchFixtures(client: client)
            let acme = try await data.company("Acme")
            for number in 0..<300 { _ = try await data.posting("Plombière \(number)", company: acme) }
            let writer = IndexWriter(
                client: client, layout: layout, countries: [.france], logger: quietLogger("test.index"))
            let index = IndexContents(layout)
            try await withRunning(writer) {
                #expect(try await writer.waitUntilCaughtUp())
                let before = try #require(layout.currentDirectory(.france, .jobs))
                // Changes go on while the shard is rebuilt beside the live one.
                let changing = Task {
                    for number in 0..<60 {
                        let posting = try await data.posting("Électricienne \(number)", company: acme)
                        if number % 4 == 0 { _ = try await data.postings.close(id: posting.id) }
                    }
                }
                let reindexer = Reindexer(
                    client: client, layout: layout, logger: quietLogger("test.reindex"), parallelShards: 1)
                _ = try await reindexer.run(countries: [.france], kinds: [.jobs])
                try await changing.value
                #expect(layout.currentDirectory(.france, .jobs) != before)
                // After the swap, the writer works on the new shard.
                let last = try await data.posting("Couvreuse", company: acme)
                #expect(try await writer.waitUntilCaughtUp())
                #expect(try await index.ids(.france, .jobs) == data.openPostingIDs(.france))
                #expect(try await index.shard(.france, .jobs)?.documents == data.openPostingIDs(.france).count)
                #expect(try await index.ids(.france, .jobs).contains(last.id))
            }
        }
    }

    @Test("passerelle reindex --country --kind rebuilds those shards and prints what it did")
    func commandLine() async throws {
        let directory = try makeTemporaryDataDirectory()
        try await TestPostgres.withDatabase { client, database in
            let data = SearchFixtures(client: client)
            let acme = try await data.company("Acme")
            let posting = try await data.posting("Développeuse Swift", company: acme)
            let (status, output) = try await Program(
                executable: try passerelleExecutable().path,
                arguments: [
                    "reindex", "--country", "FR", "--kind", "jobs", "--data-dir", directory.path, "--log-level",
                    "error",
                ],
                user: nil, workingDirectory: directory, environment: ["DATABASE_URL": database.connectionString]
            ).run()
            #expect(status == 0, "\(output)")
            #expect(output.contains("FR/jobs: 1 documents"))
            #expect(output.contains("reindexed 1 rows into 1 shards"))
            let layout = IndexLayout(root: directory.appendingPathComponent("index"))
            #expect(try await IndexContents(layout).ids(.france, .jobs) == [posting.id])
            #expect(layout.currentDirectory(.france, .profiles) == nil)
        }
    }
}
