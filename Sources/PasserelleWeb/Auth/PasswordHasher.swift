import CBcrypt
import Foundation
import HummingbirdBcrypt
import PasserelleStore
import Synchronization

/// Password hashes with bcrypt (HummingbirdBcrypt). bcrypt is slow on purpose and
/// blocks its thread for the whole computation, so it runs on threads of its own
/// (one per core by default), never on Swift's cooperative pool; requests beyond
/// that wait in the threads' queues instead of each taking a core.
public final class PasswordHasher: Sendable {
    /// log2 of bcrypt's rounds for new hashes: 12 (about a quarter of a second)
    /// in production; tests use the minimum, 4.
    public let cost: UInt8
    private let threads: [BlockingThread]
    private let nextThread = Mutex(0)
    /// A well-formed hash of no password at ``cost``: checking a password against
    /// it takes as long as against a real account's, and always fails.
    private let decoy: String

    /// The fewest bytes a password may have, and the most bcrypt reads (it ignores the rest).
    public static let passwordBytes = 8...72

    public init(cost: UInt8 = 12, threads: Int? = nil) {
        precondition((4...31).contains(cost), "bcrypt's cost is 4 to 31")
        self.cost = cost
        let count = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        self.threads = (0..<count).map { BlockingThread(name: "passerelle-bcrypt-\($0)") }
        decoy = String(format: "$2b$%02d$", cost) + String(repeating: "Passerelle", count: 6).prefix(53)
    }

    deinit {
        for thread in threads { thread.stop() }
    }

    /// A new salted hash of `password`.
    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await thread().run { Bcrypt.hash(password, cost: cost) }
    }

    /// True when `password` is the one `hash` was made from. The two hashes are
    /// compared in constant time: HummingbirdBcrypt's own `verify` compares them
    /// with `memcmp`, so this computes the hash with the stored salt itself.
    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await thread().run { Self.matches(password, hash: hash) }
    }

    /// Spends the time of a ``verify(_:hash:)`` and returns false: for a sign-in
    /// with an unknown email, so that it answers as slowly as a wrong password.
    public func verifyDecoy(_ password: String) async throws -> Bool {
        let decoy = decoy
        return try await thread().run {
            _ = Self.matches(password, hash: decoy)
            return false
        }
    }

    private func thread() -> BlockingThread {
        let index = nextThread.withLock { next in
            defer { next = (next + 1) % threads.count }
            return next
        }
        return threads[index]
    }

    private static func matches(_ password: String, hash: String) -> Bool {
        var computed = [CChar](repeating: 0, count: Int(BCRYPT_HASHSPACE) + 1)
        let status = computed.withUnsafeMutableBufferPointer { buffer in
            c_hb_bcrypt_hashpass(password, hash, buffer.baseAddress, Int(BCRYPT_HASHSPACE))
        }
        guard status == 0 else { return false }
        let computedBytes = Array(computed.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) })
        return ConstantTime.equal(computedBytes, Array(hash.utf8))
    }
}

/// Comparisons whose time depends on the lengths only, never on where the bytes differ.
enum ConstantTime {
    static func equal(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
