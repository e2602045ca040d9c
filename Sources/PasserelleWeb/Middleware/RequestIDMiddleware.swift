import HTTPTypes
import Hummingbird
import Logging

/// Gives every request one id, in every log line written while it is answered
/// and in its answer's `X-Request-ID`: the id a proxy sent in `X-Request-ID` when
/// it is a plain token, else the one Hummingbird made. The handlers' `context.logger`
/// carries it as `hb.request.id`; loggers made with
/// ``Logging/Logger/MetadataProvider/passerelleRequest`` (the pool's, the stores')
/// get it too, through a task-local value.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        if let given = request.headers[RequestLogging.header], RequestLogging.isPlainToken(given) {
            context.logger[metadataKey: RequestLogging.metadataKey] = .string(given)
        }
        let id = context.logger[metadataKey: RequestLogging.metadataKey]?.description ?? ""
        return try await RequestLogging.$requestID.withValue(id) {
            var response: Response
            do {
                response = try await next(request, context)
            } catch let error as any HTTPResponseError {
                // Answered here rather than by the server, so that error answers carry the id too.
                response = try error.response(from: request, context: context)
            }
            response.headers[RequestLogging.header] = id
            return response
        }
    }

}

/// The id of the request the current task answers, for loggers other than the request's own.
public enum RequestLogging {
    /// The metadata key of the request id: Hummingbird's own.
    public static let metadataKey = "hb.request.id"

    @TaskLocal public static var requestID: String?

    /// The header a proxy may send the id in, and every answer carries it in.
    public static let header = HTTPField.Name("X-Request-ID")!
    /// Longer ids are not taken from callers: a log line is no place for a novel.
    static let maximumLength = 128

    /// Letters, digits and `-_.:`, at most ``maximumLength`` of them.
    static func isPlainToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= maximumLength
            && text.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":")].contains(byte)
            }
    }
}

extension Logger.MetadataProvider {
    /// `hb.request.id` while a request is answered: give it to the loggers of the
    /// pool and the stores so that what they log during a request names it.
    public static let passerelleRequest = Logger.MetadataProvider {
        RequestLogging.requestID.map { [RequestLogging.metadataKey: .string($0)] } ?? [:]
    }
}
