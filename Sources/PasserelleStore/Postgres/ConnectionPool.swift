import Logging

/// The pool's bookkeeping: idle connections, how many are open, who waits.
/// Waiters are served first come, first served, so no caller starves.
actor ConnectionPool {
    private struct IdleConnection {
        let connection: PostgresConnection
        let since: ContinuousClock.Instant
    }

    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<PostgresConnection, any Error>
    }

    private let configuration: PostgresClient.Configuration
    private let logger: Logger
    private var idle: [IdleConnection] = []
    /// Connections open or being opened, leased or idle.
    private var openCount = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID = 0
    private var nextConnectionNumber = 0
    private var isShutDown = false

    init(configuration: PostgresClient.Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// A connection, and whether it was opened just now (no need to check it).
    func acquire() async throws -> (PostgresConnection, isNew: Bool) {
        guard !isShutDown else { throw PostgresError(.shutDown, message: "the connection pool is shut down") }
        if let last = idle.popLast() {
            return (last.connection, false)
        }
        if openCount < configuration.maximumConnections {
            openCount += 1
            return (try await openConnection(), true)
        }
        let id = nextWaiterID
        nextWaiterID += 1
        let connection = try await withTaskCancellationHandler {
            // This runs on the actor before it can take the cancellation below.
            try await withCheckedThrowingContinuation { continuation in
                waiters.append(Waiter(id: id, continuation: continuation))
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
        return (connection, false)
    }

    /// Takes a connection back: to the next waiter, else to the idle list.
    func release(_ connection: PostgresConnection) {
        if connection.isBroken || isShutDown {
            discard(connection)
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().continuation.resume(returning: connection)
        } else {
            idle.append(IdleConnection(connection: connection, since: .now))
        }
    }

    /// Closes a connection that cannot be used again, and opens one for the next waiter.
    func discard(_ connection: PostgresConnection) {
        openCount -= 1
        Task { await connection.close() }
        guard !waiters.isEmpty, !isShutDown, openCount < configuration.maximumConnections else { return }
        let waiter = waiters.removeFirst()
        openCount += 1
        Task {
            do {
                waiter.continuation.resume(returning: try await self.openConnection())
            } catch {
                waiter.continuation.resume(throwing: error)
            }
        }
    }

    /// Opens connections up to the minimum; failures are logged, not thrown.
    func fill() async {
        while !isShutDown, openCount < configuration.minimumConnections {
            openCount += 1
            do {
                release(try await openConnection())
            } catch {
                logger.warning("cannot open a PostgreSQL connection", metadata: ["error": "\(error)"])
                return
            }
        }
    }

    /// Closes idle connections that timed out (above the minimum) or that the server
    /// closed, then opens connections up to the minimum again.
    func upkeep() async {
        let now = ContinuousClock.now
        var kept: [IdleConnection] = []
        var checked = idle
        idle.removeAll()
        // Oldest first, so the ones kept are the most recently used.
        checked.sort { $0.since < $1.since }
        for entry in checked {
            let timedOut = now - entry.since > configuration.idleTimeout
            if timedOut && openCount > configuration.minimumConnections {
                discard(entry.connection)
            } else if await entry.connection.isReusable() {
                kept.append(entry)
            } else {
                discard(entry.connection)
            }
        }
        // Connections released while this ran are already in `idle`.
        idle.insert(contentsOf: kept, at: 0)
        await fill()
    }

    func shutdown() async {
        isShutDown = true
        for waiter in waiters {
            waiter.continuation.resume(throwing: PostgresError(.shutDown, message: "the connection pool is shut down"))
        }
        waiters.removeAll()
        let closing = idle
        idle.removeAll()
        openCount -= closing.count
        for entry in closing {
            await entry.connection.close()
        }
    }

    func statistics() -> PostgresClient.PoolStatistics {
        .init(open: openCount, idle: idle.count, waiting: waiters.count)
    }

    /// Opens a connection for a place already counted in `openCount`.
    private func openConnection() async throws -> PostgresConnection {
        let number = nextConnectionNumber
        nextConnectionNumber += 1
        do {
            return try await PostgresConnection.connect(configuration.connectionString, number: number)
        } catch {
            openCount -= 1
            throw error
        }
    }

    private func cancelWaiter(_ id: Int) {
        // A waiter already served keeps its connection.
        if let index = waiters.firstIndex(where: { $0.id == id }) {
            waiters.remove(at: index).continuation.resume(throwing: CancellationError())
        }
    }
}
