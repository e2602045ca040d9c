import Foundation
import Hummingbird
import PasserelleCore

extension JSONBody {
    /// The body decoded as `T`; an empty body reads as `{}`, for routes whose
    /// fields are all optional.
    static func decodeOptional<T: Decodable>(
        _ type: T.Type, from request: Request, context: some RequestContext
    ) async throws -> T {
        let bytes = try await bytes(of: request, context: context)
        let json = bytes.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) } ? Array("{}".utf8) : bytes
        do {
            return try JSONDecoder().decode(type, from: Data(json))
        } catch let error as DecodingError {
            throw answer(error)
        }
    }

    /// The longest message or note a member may write (characters).
    static let maximumMessageLength = 5_000

    /// `text` as the message of `field`: nil when blank, 422 when too long.
    static func message(_ text: String?, field: String) throws -> String? {
        guard let text, !text.trimmingWhitespace.isEmpty else { return nil }
        guard text.count <= maximumMessageLength else {
            throw APIError(
                .unprocessableContent, code: "invalid_field",
                message: "\(field): at most \(maximumMessageLength) characters (got \(text.count))")
        }
        return text
    }

    /// A body field that holds a numeric id as a string (`"job_id": "42"`): 400 when it is not one.
    static func numericID(_ text: String, field: String) throws -> Int64 {
        guard let id = Int64(text), id > 0, text.allSatisfy(\.isASCII) else {
            throw APIError.invalidBody(field, "must be an id, a string of digits (got \(quoted(text)))")
        }
        return id
    }
}
