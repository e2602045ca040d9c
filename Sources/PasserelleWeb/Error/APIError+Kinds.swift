import Hummingbird

/// The errors of the API by kind, so that one kind always has one code.
extension APIError {
    /// A query parameter that is malformed, out of range or not allowed with the others.
    public static func invalidParameter(_ name: String, _ reason: String) -> APIError {
        APIError(.badRequest, code: "invalid_parameter", message: "\(name): \(reason)")
    }

    /// A search text that cannot be searched: too long, not UTF-8, or not Xapian syntax.
    public static func invalidQuery(_ reason: String) -> APIError {
        APIError(.badRequest, code: "invalid_query", message: "q: \(reason)")
    }

    /// A well-formed request for something this server cannot do yet.
    public static func unsupported(_ name: String, _ reason: String) -> APIError {
        APIError(.badRequest, code: "unsupported", message: "\(name): \(reason)")
    }

    /// No token, or one that names no live session.
    public static func unauthorized(_ reason: String) -> APIError {
        APIError(.unauthorized, code: "unauthorized", message: reason, headers: [.wwwAuthenticate: "Bearer"])
    }

    /// A valid token whose account lacks the right.
    public static func forbidden(_ reason: String) -> APIError {
        APIError(.forbidden, code: "forbidden", message: reason)
    }

    /// A part the server needs (the index, the database) does not answer.
    public static func unavailable(_ reason: String) -> APIError {
        APIError(.serviceUnavailable, code: "unavailable", message: reason)
    }

    /// A fault of the server's: the message says no more than that.
    public static let internalError = APIError(
        .internalServerError, code: "internal_error", message: "the server failed to answer; the fault is logged")
}
