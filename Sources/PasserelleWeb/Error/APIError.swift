import Foundation
import Hummingbird

/// An error that reaches HTTP as `{"error": {"code": "…", "message": "…"}}`
/// (API.md): the error decides its own status.
public struct APIError: HTTPResponseError, Sendable, CustomStringConvertible {
    public let status: HTTPResponse.Status
    public let code: String
    public let message: String
    /// Extra response headers (`WWW-Authenticate` on a 401).
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    /// `{"error": {"code", "message"}}`.
    private struct Body: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
        }

        let error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONEncoder().encode(
            Body(error: Body.Detail(code: code, message: message)), from: request, context: context)
        response.status = status
        response.headers.append(contentsOf: headers)
        return response
    }
}
