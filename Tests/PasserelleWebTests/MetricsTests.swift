import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PasserelleCore
import PasserelleNetwork
import PasserelleSearch
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Synchronization
import Testing

@Suite("GET /metrics and request ids")
struct MetricsTests {
    @Test("/metrics counts requests per route and status, with latency buckets, the pool, the index lag and the graph")
    func metricsReportRequestsPoolLagAndGraph() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let people = try await People(client: client)
            let graph = NetworkGraph(client: client, logger: Logger(label: "test"))
            try await graph.load()
            let shards = try TestShards()
            // Never run: it has applied nothing, so every outbox entry is lag.
            let writer = IndexWriter(client: client, layout: shards.layout, logger: Logger(label: "test"))
            let lag = try await OutboxStore(client: client).count(after: .start)
            #expect(lag > 0)
            let app = buildApplication(
                WebConfiguration(auth: .testing()), database: client, search: SearchIndex(layout: shards.layout),
                network: graph, indexWriter: writer, logger: Logger(label: "test"))
            try await app.test(.router) { http in
                _ = try await http.send(.get, "/api/v1/jobs/999", as: .anonymous)
                _ = try await http.send(.get, "/api/v1/jobs/998", as: .anonymous)
                _ = try await http.send(.get, "/api/v1/members/me/profile", as: .subject)
                _ = try await http.send(.get, "/nowhere", as: .anonymous)
                try await http.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                    let lines = Set(String(buffer: response.body).split(separator: "\n").map(String.init))
                    let job = #"method="GET",route="/api/v1/jobs/{id}",status="404""#
                    let profile = #"method="GET",route="/api/v1/members/me/profile",status="200""#
                    for expected in [
                        "# TYPE passerelle_http_requests_total counter",
                        "passerelle_http_requests_total{\(job)} 2",
                        "passerelle_http_requests_total{\(profile)} 1",
                        #"passerelle_http_requests_total{method="GET",route="NotFound",status="404"} 1"#,
                        "# TYPE passerelle_http_request_duration_seconds histogram",
                        "passerelle_http_request_duration_seconds_bucket{\(job),le=\"+Inf\"} 2",
                        "passerelle_http_request_duration_seconds_count{\(job)} 2",
                        "passerelle_http_requests_in_flight 1",
                        #"passerelle_postgres_connections{state="in_use"} 0"#,
                        "passerelle_postgres_waiting_callers 0",
                        "passerelle_index_lag_outbox_entries \(lag)",
                        "passerelle_graph_members \(people.members.count)",
                        "passerelle_graph_connections 2",
                    ] {
                        #expect(lines.contains(expected), "\(expected)")
                    }
                    // Buckets add up: the 10 s bucket holds both fast requests.
                    #expect(lines.contains("passerelle_http_request_duration_seconds_bucket{\(job),le=\"10\"} 2"))
                }
            }
        }
    }

    @Test("a request's id is in its answer and in every line logged while it is answered; a caller's plain id is kept")
    func requestIDIsInTheAnswerAndEveryLogLine() async throws {
        let recorder = LogRecorder()
        var logger = Logger(label: "test") { _ in RecordingLogHandler(recorder: recorder) }
        logger.logLevel = .debug
        try await withoutDatabase { client in
            let app = buildApplication(
                WebConfiguration(), database: client, search: SearchIndex(layout: try TestShards().layout),
                logger: logger)
            try await app.test(.router) { http in
                let header = RequestLogging.header
                let given = try await http.execute(uri: "/api/v1/jobs/x", method: .get, headers: [header: "trace-42"]) {
                    $0.headers[header]
                }
                #expect(given == "trace-42")
                let made = try await http.execute(uri: "/openapi.json", method: .get, headers: [header: "not plain!"]) {
                    $0.headers[header]
                }
                #expect(made != nil && made != "not plain!" && made != "trace-42")
                let lines = recorder.lines
                #expect(lines.count >= 2)
                #expect(lines.allSatisfy { $0[RequestLogging.metadataKey] != nil })
                #expect(lines.contains { $0[RequestLogging.metadataKey]?.description == "trace-42" })
                #expect(lines.contains { $0[RequestLogging.metadataKey]?.description == made })
            }
        }
    }

    @Test("a logger with the request metadata provider names the request it logs for, and nothing outside one")
    func metadataProviderNamesTheRequest() {
        #expect(Logger.MetadataProvider.passerelleRequest.get().isEmpty)
        RequestLogging.$requestID.withValue("r-1") {
            #expect(Logger.MetadataProvider.passerelleRequest.get()[RequestLogging.metadataKey] == "r-1")
        }
    }
}

/// The metadata of every line logged.
final class LogRecorder: Sendable {
    private let recorded = Mutex<[Logger.Metadata]>([])

    var lines: [Logger.Metadata] { recorded.withLock { $0 } }

    func record(_ metadata: Logger.Metadata) { recorded.withLock { $0.append(metadata) } }
}

struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        recorder.record(metadata.merging(event.metadata ?? [:]) { $1 })
    }
}
