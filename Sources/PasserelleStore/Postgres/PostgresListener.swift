import CLibPQ
import Foundation
import Synchronization

/// A notification received through LISTEN.
public struct PostgresNotification: Sendable, Equatable {
    public let channel: String
    public let payload: String

    public init(channel: String, payload: String) {
        self.channel = channel
        self.payload = payload
    }
}

extension PostgresClient {
    /// The notifications sent on `channel`, through a connection of its own that
    /// waits on its socket on a thread of its own. Returns once LISTEN is in place,
    /// so a notification sent after this call returns is delivered. If the
    /// connection breaks, it reconnects and listens again; what was sent while it
    /// was down is lost, so treat a notification as a hint to look, not as the data.
    /// Ending the iteration closes the connection.
    public func listen(channel: String) async throws -> AsyncStream<PostgresNotification> {
        let (stream, continuation) = AsyncStream.makeStream(of: PostgresNotification.self)
        let listener = NotificationListener(
            connectionString: configuration.connectionString, channel: channel, output: continuation)
        continuation.onTermination = { _ in listener.stop() }
        try await listener.start()
        return stream
    }
}

/// Runs the LISTEN loop on its own ``BlockingThread``.
final class NotificationListener: Sendable {
    private let connectionString: String
    private let channel: String
    private let output: AsyncStream<PostgresNotification>.Continuation
    private let thread = BlockingThread(name: "passerelle-pg-listen")
    private let stopped = Atomic<Bool>(false)

    init(connectionString: String, channel: String, output: AsyncStream<PostgresNotification>.Continuation) {
        self.connectionString = connectionString
        self.channel = channel
        self.output = output
    }

    /// Connects and listens, then leaves the loop running on the thread.
    func start() async throws {
        let first: PostgresConnection.Handle
        do {
            first = try await thread.run { [self] in try listeningConnection() }
        } catch {
            stop()
            throw error
        }
        thread.execute { [self] in loop(first.pointer) }
    }

    func stop() {
        stopped.store(true, ordering: .releasing)
    }

    private func listeningConnection() throws -> PostgresConnection.Handle {
        let handle = try PostgresConnection.open(connectionString)
        let result = PQexec(handle.pointer, "LISTEN " + PostgresQuery.quoteIdentifier(channel))
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            let message = libpqMessage(PQerrorMessage(handle.pointer))
            PQfinish(handle.pointer)
            throw PostgresError(.server, message: message)
        }
        return handle
    }

    private func loop(_ first: OpaquePointer) {
        var handle: OpaquePointer? = first
        while !stopped.load(ordering: .acquiring) {
            guard let connection = handle else {
                // Reconnect every half second until the server is back or we stop.
                Thread.sleep(forTimeInterval: 0.5)
                handle = try? listeningConnection().pointer
                continue
            }
            // Wake at least every 100 ms to see whether the listener was stopped.
            var descriptor = pollfd(fd: PQsocket(connection), events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 100)
            guard PQconsumeInput(connection) == 1, PQstatus(connection) == CONNECTION_OK else {
                PQfinish(connection)
                handle = nil
                continue
            }
            while let notification = PQnotifies(connection) {
                output.yield(
                    PostgresNotification(
                        channel: String(cString: notification.pointee.relname),
                        payload: String(cString: notification.pointee.extra)))
                PQfreemem(notification)
            }
        }
        if let handle { PQfinish(handle) }
        output.finish()
        thread.stop()
    }
}
