import Foundation

/// A thread of its own for blocking calls (libpq, and later Xapian), so that they
/// never run on Swift's cooperative pool, which has one thread per core.
///
/// Jobs run one at a time, in the order they were submitted. A libpq connection is
/// confined to one `BlockingThread`: every call on it goes through ``run(_:)``.
public final class BlockingThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var isStopping = false
    // Set once by the thread itself before it takes its first job.
    private var threadID: pthread_t?

    /// Starts the thread; `name` shows in debuggers and `top -H`.
    public init(name: String) {
        // Linux keeps 15 bytes of a thread's name.
        let shortName = String(decoding: name.utf8.prefix(15), as: UTF8.self)
        let thread = Thread { [self] in
            Thread.current.name = shortName
            #if os(Linux)
            // Foundation does not always pass the name on to the kernel, and a Linux
            // thread starts with its creator's name: write it where `top -H` reads it.
            try? Data(shortName.utf8).write(to: URL(fileURLWithPath: "/proc/thread-self/comm"))
            #endif
            self.loop()
        }
        thread.start()
    }

    /// True when the caller is this thread: blocking code asserts it.
    public var isCurrent: Bool {
        condition.lock()
        defer { condition.unlock() }
        guard let threadID else { return false }
        return pthread_equal(threadID, pthread_self()) != 0
    }

    /// Runs `body` on this thread and suspends the caller (without blocking it)
    /// until it is done.
    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let accepted = submit { continuation.resume(with: Result { try body() }) }
            if !accepted {
                continuation.resume(throwing: CancellationError())
            }
        }
    }

    /// Runs `body` on a thread made for it and ended afterwards: for occasional
    /// blocking work (a program to wait for, a lock, a probe).
    public static func run<T: Sendable>(
        named name: String, _ body: @escaping @Sendable () throws -> T
    ) async throws -> T {
        let thread = BlockingThread(name: name)
        defer { thread.stop() }
        return try await thread.run(body)
    }

    /// Runs `job` on this thread without waiting for it, for work that lives as
    /// long as the thread (a LISTEN loop). Returns false once the thread is stopping.
    @discardableResult
    public func execute(_ job: @escaping @Sendable () -> Void) -> Bool {
        submit(job)
    }

    /// Lets the jobs already submitted finish, then ends the thread.
    public func stop() {
        condition.lock()
        isStopping = true
        condition.signal()
        condition.unlock()
    }

    private func submit(_ job: @escaping () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !isStopping else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    private func loop() {
        condition.lock()
        threadID = pthread_self()
        condition.unlock()
        while true {
            condition.lock()
            while jobs.isEmpty && !isStopping {
                condition.wait()
            }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let batch = jobs
            jobs.removeAll(keepingCapacity: true)
            condition.unlock()
            for job in batch { job() }
        }
    }
}
