import Hummingbird

/// What a request carries through the middleware to its handler: Hummingbird's
/// own context, and the signed-in account when a valid bearer token came with it.
public struct PasserelleRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``BearerAuthenticator``; nil for anyone not signed in.
    public var viewer: Viewer?

    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        viewer = nil
    }
}
