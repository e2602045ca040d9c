import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// The API's answers to request bodies, ids and rates it refuses.
extension APIError {
    /// A body that cannot be read as what the route takes: not JSON, a wrong type,
    /// a missing field, a value outside a fixed set. `field` is the field's path
    /// in the body (`body` for the whole of it).
    public static func invalidBody(_ field: String, _ reason: String) -> APIError {
        APIError(.badRequest, code: "invalid_body", message: "\(field): \(reason)")
    }

    /// Every problem a decoder found in a body, in one message.
    public static func invalidBody(_ error: LineError) -> APIError {
        APIError(
            .badRequest, code: "invalid_body",
            message: error.problems.map { "\($0.field ?? "body"): \($0.reason)" }.joined(separator: "; "))
    }

    /// Values of a body outside the set the field takes (an unknown country code).
    public static func invalidBody(_ error: ValidationError) -> APIError {
        APIError(.badRequest, code: "invalid_body", message: error.description)
    }

    /// A body that reads well but whose values break a rule (a password too short).
    public static func unprocessable(_ error: ValidationError) -> APIError {
        APIError(.unprocessableContent, code: "invalid_field", message: error.description)
    }

    /// Nothing has this id, or the viewer may not know that it exists.
    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not_found", message: "\(what) does not exist")
    }

    /// The request clashes with what is stored (a requisition id already used).
    public static func conflict(_ reason: String) -> APIError {
        APIError(.conflict, code: "conflict", message: reason)
    }

    /// Too many attempts: try again after `retryAfter` seconds (also in `Retry-After`).
    public static func tooManyRequests(retryAfter seconds: Int, _ reason: String) -> APIError {
        APIError(
            .tooManyRequests, code: "too_many_requests", message: "\(reason); try again in \(seconds) s",
            headers: [.retryAfter: String(seconds)])
    }
}

extension APIError {
    /// What a store refused, as the API answers it: a missing row is 404, a
    /// clash with stored data 409, a reference to nothing or a broken rule 422.
    public init(_ error: StoreError) {
        switch error.kind {
        case .notFound(let what): self = .notFound(what)
        case .duplicate, .conflict, .invalidTransition: self = .conflict(error.description)
        case .invalidReference, .rejected:
            self = APIError(.unprocessableContent, code: "invalid_field", message: error.description)
        }
    }
}
