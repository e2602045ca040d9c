import HTTPTypes
import Hummingbird
import NIOCore

/// The address a request comes from, as the rate limits count it.
enum ClientAddress {
    /// Behind a trusted proxy, the last `X-Forwarded-For` entry (the one the proxy
    /// appended: the ones before it are whatever the client wrote); otherwise the
    /// connection's peer. `unknown` when neither is known (router tests).
    static func of(_ request: Request, context: PasserelleRequestContext, trustsForwardedHeaders: Bool) -> String {
        if trustsForwardedHeaders,
            let forwarded = request.headers[values: HTTPField.Name("X-Forwarded-For")!].last?
                .split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
            !forwarded.isEmpty
        {
            return forwarded
        }
        return context.remoteAddress?.ipAddress ?? "unknown"
    }
}
