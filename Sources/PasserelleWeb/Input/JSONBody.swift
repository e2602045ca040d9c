import Foundation
import Hummingbird
import NIOCore
import PasserelleCore

/// Request bodies read as JSON, with the API's answers for every way one can be
/// wrong: too large (413), not UTF-8, not JSON, not an object, a field missing or
/// of the wrong type (400, naming the field). Nothing a caller sends becomes a 500.
enum JSONBody {
    /// The body's bytes, at most the context's `maxUploadSize` (413 beyond), as valid UTF-8.
    static func bytes(of request: Request, context: some RequestContext) async throws -> [UInt8] {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            // Hummingbird answers this one with an empty body: give it the API's shape.
            throw APIError(
                .contentTooLarge, code: "too_large", message: "body: larger than \(context.maxUploadSize) bytes")
        }
        let bytes = Array(buffer.readableBytesView)
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw APIError.invalidBody("body", "not valid UTF-8")
        }
        return bytes
    }

    /// The body as one JSON object.
    static func object(of request: Request, context: some RequestContext) async throws -> [String: JSONValue] {
        try object(try await bytes(of: request, context: context))
    }

    /// `bytes` as one JSON object.
    static func object(_ bytes: [UInt8]) throws -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw APIError.invalidBody("body", "not valid JSON")
        }
        guard let object = value.objectValue else { throw APIError.invalidBody("body", "must be a JSON object, {…}") }
        return object
    }

    /// The body decoded as `T`: its fields named by their JSON keys in every error.
    static func decode<T: Decodable>(
        _ type: T.Type, from request: Request, context: some RequestContext
    ) async throws -> T {
        let bytes = try await bytes(of: request, context: context)
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw answer(error)
        }
    }

    /// What a caller is told about a body JSONDecoder refused.
    static func answer(_ error: DecodingError) -> APIError {
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidBody(path(context.codingPath + [key]), "is required")
        case .typeMismatch(let type, let context):
            return .invalidBody(path(context.codingPath), "must be \(kind(type))")
        case .valueNotFound(let type, let context):
            return .invalidBody(path(context.codingPath), "must be \(kind(type)), not null")
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty
                ? .invalidBody("body", "not valid JSON") : .invalidBody(path(context.codingPath), "is malformed")
        @unknown default:
            return .invalidBody("body", "cannot be read")
        }
    }

    /// `a.b[0].c`, or `body` for the root.
    private static func path(_ keys: [any CodingKey]) -> String {
        var path = ""
        for key in keys {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path.isEmpty ? "body" : path
    }

    private static func kind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Double.Type: "a number"
        case is [Any].Type: "an array"
        default: "a JSON object"
        }
    }
}
