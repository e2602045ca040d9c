import Hummingbird
import NIOCore

/// What a request carries through the middleware to its handler: Hummingbird's
/// own context, the client's address, and the signed-in account when a valid
/// bearer token or session cookie came with it.
public struct PasserelleRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``BearerAuthenticator``; nil for anyone not signed in.
    public var viewer: Viewer?
    /// The peer of the connection (a proxy's, behind one); nil in router tests.
    public let remoteAddress: SocketAddress?

    /// Bodies are refused past 1 MB (413).
    public var maxUploadSize: Int { 1 << 20 }

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        viewer = nil
        remoteAddress = source.channel.remoteAddress
    }
}
