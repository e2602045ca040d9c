import Foundation
import Hummingbird

/// An error that reaches HTTP as `{"error": {"code": "…", "message": "…"}}`
/// (API.md): the error decides its own status.
public struct APIError: HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String

    public init(_ status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = ["error": ["code": code, "message": message]]
        var response = try JSONEncoder().encode(body, from: request, context: context)
        response.status = status
        return response
    }
}
