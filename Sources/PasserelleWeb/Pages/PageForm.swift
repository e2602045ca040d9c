import Foundation
import Hummingbird
import NIOCore

/// A submitted form: `application/x-www-form-urlencoded` fields, the last value of
/// each name (the pages never repeat one), and `all` for those that repeat.
struct PageForm: Sendable {
    let fields: [(name: String, value: String)]

    subscript(_ name: String) -> String? { fields.last { $0.name == name }?.value }

    /// Every value of `name`, in order.
    func all(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// The trimmed value of `name`, nil when absent or blank.
    func text(_ name: String) -> String? {
        guard let value = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    init(fields: [(name: String, value: String)]) { self.fields = fields }

    /// Parses `text` (`a=1&b=x+y`); a malformed escape keeps its text as it is.
    init(urlEncoded text: String) {
        fields = text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// Reads the body of `request` (up to the context's upload limit: 413 past it).
    static func read(_ request: Request, context: PasserelleRequestContext) async throws -> PageForm {
        do {
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            return PageForm(urlEncoded: String(buffer: buffer))
        } catch is NIOTooManyBytesError {
            throw APIError(
                .contentTooLarge, code: "too_large", message: "body: larger than \(context.maxUploadSize) bytes")
        }
    }
}
