import Foundation
import Synchronization

/// The two file locks that let several processes share one embedded cluster:
/// `start.lock`, held while a process starts or stops the server, and
/// `users.lock`, held shared by every process that uses it. The kernel drops a
/// killed process's locks, so a crash never leaves the cluster locked.
final class ClusterLocks: Sendable {
    private let directory: URL
    private let usersDescriptor = Atomic<Int32>(-1)

    init(directory: URL) {
        self.directory = directory
    }

    /// Runs `body` holding `start.lock`.
    func withStartLock<T>(_ body: () async throws -> T) async throws -> T {
        let descriptor = try open("start.lock")
        defer { close(descriptor) }
        try await acquire(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        return try await body()
    }

    /// Takes the shared `users.lock` for as long as this process uses the cluster.
    func holdAsUser() async throws {
        guard usersDescriptor.load(ordering: .acquiring) < 0 else { return }
        let descriptor = try open("users.lock")
        try await acquire(descriptor, LOCK_SH)
        usersDescriptor.store(descriptor, ordering: .releasing)
    }

    /// Gives up this process's use; true when no other process uses the cluster
    /// (the exclusive lock could be had at once).
    func releaseAndCheckLastUser() -> Bool {
        let descriptor = usersDescriptor.exchange(-1, ordering: .acquiringAndReleasing)
        guard descriptor >= 0 else { return true }
        defer { close(descriptor) }
        return flock(descriptor, LOCK_EX | LOCK_NB) == 0
    }

    private func open(_ name: String) throws -> Int32 {
        let path = directory.appendingPathComponent(name).path
        let descriptor = Foundation.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw EmbeddedClusterError.commandFailed(command: "open \(path)", output: String(cString: strerror(errno)))
        }
        return descriptor
    }

    /// Waits for the lock on a thread of its own: `flock` blocks, and a stop
    /// during cancellation (the group failing) must still get the lock.
    private func acquire(_ descriptor: Int32, _ operation: Int32) async throws {
        if flock(descriptor, operation | LOCK_NB) == 0 { return }
        let status = try await BlockingThread.run(named: "passerelle-lock") { () -> Int32 in
            var status: Int32
            repeat { status = flock(descriptor, operation) } while status != 0 && errno == EINTR
            return status
        }
        guard status == 0 else {
            throw EmbeddedClusterError.commandFailed(command: "flock", output: String(cString: strerror(errno)))
        }
    }
}
