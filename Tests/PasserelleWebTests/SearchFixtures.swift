import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PasserelleCore
import PasserelleSearch
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb

/// Real shards in a temporary directory, written through ShardWriter as the
/// index writer writes them.
struct TestShards {
    let layout: IndexLayout

    init(postings: [PostingDocument] = [], profiles: [ProfileDocument] = []) throws {
        layout = IndexLayout(root: try makeTemporaryDataDirectory().appendingPathComponent("index"))
        try write(postings: postings, profiles: profiles)
    }

    /// Adds (or replaces) documents and commits, as a later outbox batch would.
    func write(postings: [PostingDocument] = [], profiles: [ProfileDocument] = []) throws {
        for (country, documents) in Dictionary(grouping: postings, by: \.posting.country) {
            let writer = try layout.openWriter(country, .jobs, thesaurus: .bundled)
            for document in documents { try writer.add(document) }
            try writer.commit(position: OutboxPosition(transactionID: 1, id: 1))
        }
        for (country, documents) in Dictionary(grouping: profiles, by: \.profile.country) {
            let writer = try layout.openWriter(country, .profiles, thesaurus: .bundled)
            for document in documents { try writer.add(document) }
            try writer.commit(position: OutboxPosition(transactionID: 1, id: 1))
        }
    }

    /// Runs `body` against the router of an application over these shards.
    func withApp(
        database: PostgresClient, configuration: WebConfiguration = WebConfiguration(),
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let app = buildApplication(
            configuration, database: database, search: SearchIndex(layout: layout, threads: 1),
            logger: Logger(label: "test"))
        try await app.test(.router, body)
        try? FileManager.default.removeItem(at: layout.root.deletingLastPathComponent())
    }
}

/// A pool that never connects: for routes that must not need PostgreSQL (no
/// token sent), so that a test of them fails if one does.
func withoutDatabase<T: Sendable>(_ body: (PostgresClient) async throws -> T) async throws -> T {
    let nowhere = try makeTemporaryDataDirectory().path
    let client = PostgresClient(configuration: .init(connectionString: "host=\(nowhere) dbname=none user=none"))
    return try await withShutdown(of: client, body)
}

/// Today in UTC, moved by `days`: postings are judged against the real clock.
func day(_ days: Int) -> CalendarDate { CalendarDate(utcDayOf: Date()).adding(days: days) }

extension TestClientProtocol {
    /// GETs `uri` and reads the answer as JSON.
    func get(_ uri: String, token: String? = nil) async throws -> (status: HTTPResponse.Status, body: JSONValue) {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(uri: uri, method: .get, headers: headers) { response in
            (response.status, try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body)))
        }
    }
}

extension JSONValue {
    /// The `id`s of an answer's `results`.
    var resultIDs: [String] { (self["results"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue } }
    /// An error answer's `error.code`.
    var errorCode: String? { self["error"]?["code"]?.stringValue }
    var errorMessage: String { self["error"]?["message"]?.stringValue ?? "" }
}
