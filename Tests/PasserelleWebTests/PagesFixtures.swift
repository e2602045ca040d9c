import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Mustache
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

@testable import PasserelleWeb

typealias MustacheTemplateAlias = MustacheTemplate

/// The message keys templates use: `{{t.a.b}}` (also in sections).
enum PagesTemplateKeys {
    static func used(in templates: [String: String]) -> [String: Set<String>] {
        let pattern = try! Regex(#"\{\{[#^/]?\s*t\.([A-Za-z0-9_.]+)\s*\}\}"#)
        var used: [String: Set<String>] = [:]
        for (name, text) in templates {
            for match in text.matches(of: pattern) {
                if let key = match.output[1].substring { used[name, default: []].insert(String(key)) }
            }
        }
        return used
    }
}

/// A page's answer: status, headers, the HTML.
struct PageAnswer: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let html: String

    /// The keys the page shows as missing (`⟦key⟧`).
    var missingKeys: [String] {
        html.matches(of: try! Regex(#"⟦([^⟧]*)⟧"#)).compactMap { $0.output[1].substring.map(String.init) }
    }

    /// The cookies set, by name.
    var cookies: [String: String] {
        var cookies: [String: String] = [:]
        for header in headers[values: .setCookie] {
            let pair = header.prefix { $0 != ";" }.split(separator: "=", maxSplits: 1)
            if pair.count == 2 {
                cookies[String(pair[0])] = String(pair[1])
            } else if pair.count == 1 {
                cookies[String(pair[0])] = ""
            }
        }
        return cookies
    }

    /// The value of the first `name="_csrf" value="…"` of the page.
    var csrf: String? {
        html.firstMatch(of: try! Regex(#"name="_csrf" value="([^"]*)""#))?.output[1].substring.map(String.init)
    }
}

extension TestClientProtocol {
    /// Requests a page with `cookies`, or posts a form.
    func page(
        _ method: HTTPRequest.Method, _ uri: String, form: [(String, String)]? = nil, cookies: [String: String] = [:],
        headers extra: HTTPFields = [:]
    ) async throws -> PageAnswer {
        var headers = extra
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        var body: ByteBuffer?
        if let form {
            let allowed = CharacterSet.alphanumerics.subtracting(CharacterSet(charactersIn: "ªº"))
            body = ByteBuffer(
                string: form.map {
                    "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
                }.joined(separator: "&"))
            headers[.contentType] = "application/x-www-form-urlencoded"
        }
        return try await execute(uri: uri, method: method, headers: headers, body: body) { response in
            PageAnswer(
                status: response.status, headers: response.headers, html: String(buffer: response.body))
        }
    }
}

/// Runs `body` against an application on a fresh database and empty shards.
func withPagesApp(
    _ body: @escaping @Sendable (PostgresClient, any TestClientProtocol) async throws -> Void
) async throws {
    try await withAccountsApp { client, http in try await body(client, http) }
}
