import Foundation

/// Bearer tokens as sessions keep them: only the token's SHA-256, so that a copy
/// of the database holds no usable token.
public enum SessionToken {
    /// What ``SessionStore`` finds a session by; whoever issues a token stores this.
    public static func hash(_ token: String) -> Data { SHA256.hash(token.utf8) }
}
