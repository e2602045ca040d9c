import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import PasserelleCore

extension PageRequest {
    /// A request for a JSON controller, made from this page's: the same headers
    /// (and so the same viewer and client address), `query` as its query string
    /// and `json` as its body. The pages call the controllers with it, so that a
    /// page and the API check, decide and answer alike.
    func apiRequest(
        _ method: HTTPRequest.Method = .get, query: [(String, String)] = [], json: JSONValue? = nil,
        bytes: [UInt8]? = nil
    ) throws -> Request {
        let path = "/pages" + (query.isEmpty ? "" : "?" + Self.queryString(query))
        var head = HTTPRequest(
            method: method, scheme: request.head.scheme, authority: request.head.authority, path: path)
        head.headerFields = request.headers
        head.headerFields[.contentLength] = nil
        var buffer = ByteBuffer()
        if let json {
            buffer = ByteBuffer(data: try JSONEncoder().encode(json))
        } else if let bytes {
            buffer = ByteBuffer(bytes: bytes)
        }
        head.headerFields[.contentType] = "application/json"
        return Request(head: head, body: RequestBody(buffer: buffer))
    }

    /// `pairs` as a query string, each name and value percent-escaped.
    static func queryString(_ pairs: [(String, String)]) -> String {
        pairs.map { queryEscaped($0.0) + "=" + queryEscaped($0.1) }.joined(separator: "&")
    }

    /// The query string's fields, in order (repeated names kept).
    var queryFields: [(name: String, value: String)] { PageForm(urlEncoded: request.uri.query ?? "").fields }

    /// A path of this site given in `next` (sign-in's way back): only a local
    /// path, never another site (`//evil`, `https:`).
    static func localPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), !text.contains("\\"),
            !text.unicodeScalars.contains(where: { $0.value < 0x20 })
        else { return nil }
        return text
    }
}
