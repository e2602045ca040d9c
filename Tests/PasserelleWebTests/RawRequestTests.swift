import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PasserelleCore
import PasserelleSearch
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

/// What a listening server does with bytes of a search text that are not UTF-8,
/// whether they come percent-encoded or raw in the request line.
@Suite("Bytes that are not UTF-8 on a live server")
struct RawRequestTests {
    static let invalid: [[UInt8]] = [Array("caf".utf8) + [0xC3], [0xFF], [0xED, 0xA0, 0x80]]

    @Test("Percent-encoded, they answer 400 invalid_query in the API's shape", arguments: invalid)
    func percentEncoded(_ bytes: [UInt8]) async throws {
        let encoded = bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : "%" + String($0, radix: 16, uppercase: true) }
        let response = try await live { port in
            try await httpGet(port: port, target: Array("/api/v1/jobs/search?q=\(encoded.joined())".utf8))
        }
        #expect(response.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        let json = String(response.split(separator: "\r\n\r\n", maxSplits: 1).last ?? "")
        let body = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        #expect(body == ["error": ["code": "invalid_query", "message": "q: not valid UTF-8 once percent-decoded"]])
    }

    /// Raw bytes above ASCII, even valid UTF-8, never reach a handler: the HTTP
    /// layer refuses the request line, so percent-decoding is the one place to check.
    @Test("Raw, the HTTP layer refuses the request line with a bare 400", arguments: invalid + [Array("café".utf8)])
    func raw(_ bytes: [UInt8]) async throws {
        let response = try await live { port in
            try await httpGet(port: port, target: Array("/api/v1/jobs/search?q=".utf8) + bytes)
        }
        #expect(response == "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
    }

    private func live(_ body: @escaping @Sendable (Int) async throws -> String) async throws -> String {
        let shards = try JobCorpus.shards()
        return try await withoutDatabase { client in
            let app = buildApplication(
                WebConfiguration(host: "127.0.0.1", port: 0), database: client,
                search: SearchIndex(layout: shards.layout, threads: 1), logger: Logger(label: "test"))
            return try await app.test(.live) { http in try await body(try #require(http.port)) }
        }
    }
}
