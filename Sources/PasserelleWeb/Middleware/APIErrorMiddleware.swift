import Hummingbird
import Logging
import PasserelleCore
import PasserelleSearch
import PasserelleStore

/// Gives every error the API's shape (`{"error": {"code", "message"}}`), answers
/// what the stores and the domain's validation refuse as the caller's mistake, and logs
/// the server's own faults, so that no handler builds an error response by hand
/// and nothing internal leaks into a response.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            // Hummingbird's own (an unknown route, a body too large): same status, the API's shape.
            throw APIError(
                error.status, code: Self.code(error.status),
                message: error.body ?? error.status.reasonPhrase, headers: error.headers)
        } catch let error as StoreError {
            // What a store refuses (a duplicate, a stale state) is the caller's: 404, 409 or 422.
            throw APIError(error)
        } catch let error as ValidationError {
            throw APIError.unprocessable(error)
        } catch let error as SearchError {
            throw logged(APIError(error), cause: error, request: request, context: context)
        } catch let error as PostgresError {
            throw logged(APIError(error), cause: error, request: request, context: context)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            throw logged(.internalError, cause: error, request: request, context: context)
        }
    }

    private func logged(_ answer: APIError, cause: any Error, request: Request, context: Context) -> APIError {
        if answer.status.code >= 500 {
            context.logger.error(
                "request failed",
                metadata: [
                    "path": "\(request.uri.path)", "status": "\(answer.status.code)", "error": "\(cause)",
                ])
        }
        return answer
    }

    /// A code for an error Hummingbird raised itself, from its status.
    static func code(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: "not_found"
        case 405: "method_not_allowed"
        case 413: "too_large"
        case 400..<500: "bad_request"
        default: "internal_error"
        }
    }
}
