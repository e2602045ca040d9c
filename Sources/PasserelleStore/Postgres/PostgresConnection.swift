import CLibPQ
import Foundation
import Synchronization

/// One libpq connection, confined to its own ``BlockingThread``: every libpq call
/// on it runs there, never on Swift's cooperative pool. A connection is used by
/// one task at a time; the pool (``PostgresClient``) hands it out.
public final class PostgresConnection: @unchecked Sendable {
    /// The thread every libpq call on `handle` runs on.
    private let thread: BlockingThread
    // Touched only on `thread` (asserted in `onThread`).
    private let handle: OpaquePointer
    private let broken = Atomic<Bool>(false)
    /// A number for logs: which connection of the pool this is.
    public let number: Int

    private init(thread: BlockingThread, handle: OpaquePointer, number: Int) {
        self.thread = thread
        self.handle = handle
        self.number = number
    }

    /// Opens a connection. `connectionString` is a libpq key=value string or a
    /// `postgresql://` URI. Sessions run in UTC with ISO dates.
    public static func connect(_ connectionString: String, number: Int = 0) async throws -> PostgresConnection {
        let thread = BlockingThread(name: "passerelle-pg-\(number)")
        do {
            let handle = try await thread.run { try PostgresConnection.open(connectionString) }
            let connection = PostgresConnection(thread: thread, handle: handle.pointer, number: number)
            try await connection.onThread { try $0.executeSimple("SET TimeZone = 'UTC'; SET DateStyle = 'ISO'") }
            return connection
        } catch {
            thread.stop()
            throw error
        }
    }

    /// True once the connection has broken: the pool closes it instead of reusing it.
    public var isBroken: Bool { broken.load(ordering: .acquiring) }

    /// Runs a statement and returns its rows.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws -> PostgresRows {
        try await onThread { try $0.execute(query) }
    }

    /// Runs `body` in a transaction on this connection: committed when it
    /// returns, rolled back when it throws (or when a statement in it failed and
    /// the error was caught).
    public func withTransaction<T>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (PostgresConnection) async throws -> sending T
    ) async throws -> sending T {
        try await query("BEGIN")
        let value: T
        do {
            value = try await body(self)
        } catch {
            if !isBroken { _ = try? await query("ROLLBACK") }
            throw error
        }
        let commit = try await query("COMMIT")
        guard commit.commandTag == "COMMIT" else {
            throw PostgresError(.server, message: "the transaction was rolled back: a statement in it failed")
        }
        return value
    }

    /// Runs a script of several statements without parameters (the simple query
    /// protocol), as migrations need. Never pass user input here.
    public func execute(script: String) async throws {
        try await onThread { try $0.executeSimple(script) }
    }

    /// Bulk-loads rows with `COPY table (columns) FROM STDIN`. `fill` appends the
    /// rows to the writer, which sends them in chunks; returns the rows copied.
    /// If `fill` throws, the COPY is aborted and nothing it sent is kept.
    @discardableResult
    public func copyIn(
        table: String, columns: [String], _ fill: (CopyInWriter) async throws -> Void
    ) async throws -> Int {
        let statement =
            "COPY \(PostgresQuery.quoteIdentifier(table)) ("
            + columns.map(PostgresQuery.quoteIdentifier).joined(separator: ", ") + ") FROM STDIN"
        try await onThread { try $0.beginCopyIn(statement) }
        let writer = CopyInWriter(connection: self)
        do {
            try await fill(writer)
            try await writer.flush()
        } catch {
            _ = try? await onThread { try $0.endCopyIn(abortMessage: "aborted by the client: \(error)") }
            throw error
        }
        return try await onThread { try $0.endCopyIn(abortMessage: nil) }
    }

    /// Runs `statement`, a `COPY (…) TO STDOUT` in the text format, and hands
    /// each row (its bytes, without the newline) to `row` on the connection's
    /// own thread: a bulk read never runs on the cooperative pool. Returns the rows
    /// read. If `row` throws, the rest of the COPY is drained and the error rethrown.
    /// `statement` is SQL text written in the code (COPY takes no parameters).
    @discardableResult
    public func copyOut(
        _ statement: String, row: @escaping @Sendable (UnsafeRawBufferPointer) throws -> Void
    ) async throws -> Int {
        try await onThread { try $0.copyOut(statement, row) }
    }

    /// True when the connection can be handed out: the server has not closed it
    /// (what it sent is read without waiting, libpq sockets being non-blocking)
    /// and no transaction was left open on it.
    func isReusable() async -> Bool {
        guard !isBroken else { return false }
        let reusable = try? await onThread { $0.consumeInput() && PQtransactionStatus($0.handle) == PQTRANS_IDLE }
        return reusable ?? false
    }

    /// Closes the connection and ends its thread. For a connection made with
    /// ``connect(_:number:)``; the pool closes its own.
    public func close() async {
        // Not through onThread: a broken connection must be freed too.
        _ = try? await thread.run { [handle = Handle(pointer: handle)] in PQfinish(handle.pointer) }
        thread.stop()
    }

    func sendCopyData(_ bytes: [UInt8]) async throws {
        try await onThread { try $0.putCopyData(bytes) }
    }

    // MARK: - On the connection's thread

    /// The connection as seen from its own thread: the only way to reach libpq.
    private func onThread<T: Sendable>(_ body: @escaping @Sendable (Confined) throws -> T) async throws -> T {
        guard !isBroken else {
            throw PostgresError(.connectionLost, message: "the connection is broken")
        }
        do {
            return try await thread.run { [self] in
                precondition(thread.isCurrent, "libpq called off its connection's thread")
                return try body(Confined(handle: handle, owner: self))
            }
        } catch is CancellationError {
            throw PostgresError(.connectionLost, message: "the connection is closed")
        }
    }

    struct Handle: @unchecked Sendable { let pointer: OpaquePointer }

    /// Opens a libpq connection; blocking, so only on a ``BlockingThread``.
    static func open(_ connectionString: String) throws -> Handle {
        let keywords = ["dbname", "application_name", "client_encoding", "connect_timeout"]
        let values = [connectionString, "passerelle", "UTF8", "10"]
        let handle = withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let handle else {
            throw PostgresError(.connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = libpqMessage(PQerrorMessage(handle))
            PQfinish(handle)
            throw PostgresError(.connectionFailed, message: message)
        }
        // The server's notices (NOTICE, the FATAL of a forced disconnect) are not
        // for the terminal; errors reach the caller as PostgresError.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        return Handle(pointer: handle)
    }

    /// libpq calls on a connection, made on its thread only.
    private struct Confined: @unchecked Sendable {
        let handle: OpaquePointer
        let owner: PostgresConnection

        func execute(_ query: PostgresQuery) throws -> PostgresRows {
            let types = query.binds.map { $0.type.oid }
            let values: [UnsafeMutablePointer<CChar>?] = query.binds.map { bind in bind.text.flatMap { strdup($0) } }
            defer { values.forEach { free($0) } }
            let result = values.withUnsafeBufferPointer { valuePointers in
                valuePointers.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: values.count) {
                    PQexecParams(handle, query.sql, Int32(values.count), types, $0, nil, nil, 0)
                }
            }
            do {
                return PostgresRows(result: try check(result))
            } catch var error as PostgresError {
                error.statement = query.sql
                throw error
            }
        }

        func executeSimple(_ script: String) throws {
            _ = try check(PQexec(handle, script))
        }

        func beginCopyIn(_ statement: String) throws {
            guard let result = PQexec(handle, statement) else { throw connectionError() }
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_COPY_IN else {
                throw error(from: result)
            }
        }

        func putCopyData(_ bytes: [UInt8]) throws {
            let sent = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    PQputCopyData(handle, $0, Int32(buffer.count))
                }
            }
            guard sent == 1 else { throw connectionError(kind: .copy) }
        }

        func endCopyIn(abortMessage: String?) throws -> Int {
            guard PQputCopyEnd(handle, abortMessage) == 1 else { throw connectionError(kind: .copy) }
            var copied = 0
            var failure: PostgresError?
            while let result = PQgetResult(handle) {
                if PQresultStatus(result) == PGRES_COMMAND_OK {
                    copied = Int(String(cString: PQcmdTuples(result))) ?? 0
                } else if failure == nil {
                    failure = error(from: result, kind: .copy)
                }
                PQclear(result)
            }
            if let failure { throw failure }
            return copied
        }

        func copyOut(_ statement: String, _ row: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
            guard let started = PQexec(handle, statement) else { throw connectionError() }
            guard PQresultStatus(started) == PGRES_COPY_OUT else {
                defer { PQclear(started) }
                throw error(from: started)
            }
            PQclear(started)
            var rows = 0
            var failure: (any Error)?
            while true {
                var buffer: UnsafeMutablePointer<CChar>?
                let length = PQgetCopyData(handle, &buffer, 0)
                if length == -1 { break }
                guard length > 0, let buffer else { throw connectionError(kind: .copy) }
                defer { PQfreemem(buffer) }
                rows += 1
                guard failure == nil else { continue }
                // The row's newline is not the caller's business.
                let count = Int(length) - (buffer[Int(length) - 1] == 0x0A ? 1 : 0)
                do { try row(UnsafeRawBufferPointer(start: buffer, count: count)) } catch { failure = error }
            }
            var serverFailure: PostgresError?
            while let result = PQgetResult(handle) {
                if PQresultStatus(result) != PGRES_COMMAND_OK && serverFailure == nil {
                    serverFailure = error(from: result, kind: .copy)
                }
                PQclear(result)
            }
            if let serverFailure { throw serverFailure }
            if let failure { throw failure }
            return rows
        }

        func consumeInput() -> Bool {
            if PQconsumeInput(handle) == 0 || PQstatus(handle) != CONNECTION_OK {
                markBroken()
                return false
            }
            return true
        }

        /// Turns a result into rows or into a typed error.
        private func check(_ result: OpaquePointer?) throws -> PostgresResult {
            guard let result else { throw connectionError() }
            switch PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                return PostgresResult(handle: result)
            default:
                defer { PQclear(result) }
                throw error(from: result)
            }
        }

        private func error(from result: OpaquePointer, kind: PostgresError.Kind = .server) -> PostgresError {
            func field(_ code: Character) -> String? {
                guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
                return String(cString: value)
            }
            if PQstatus(handle) != CONNECTION_OK {
                markBroken()
                let message = field("M") ?? libpqMessage(PQerrorMessage(handle))
                return PostgresError(.connectionLost, sqlState: field("C"), message: message)
            }
            return PostgresError(
                kind, sqlState: field("C"),
                message: field("M") ?? libpqMessage(PQresultErrorMessage(result)),
                detail: field("D"), constraint: field("n"), table: field("t"), column: field("c"))
        }

        private func connectionError(kind: PostgresError.Kind = .connectionLost) -> PostgresError {
            if PQstatus(handle) != CONNECTION_OK {
                markBroken()
                return PostgresError(.connectionLost, message: libpqMessage(PQerrorMessage(handle)))
            }
            return PostgresError(kind, message: libpqMessage(PQerrorMessage(handle)))
        }

        private func markBroken() {
            owner.broken.store(true, ordering: .releasing)
        }
    }
}

/// Calls `body` with NUL-terminated copies of `strings` and a NULL at the end.
private func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
    let copies = strings.map { strdup($0) } + [nil]
    defer { copies.forEach { free($0) } }
    return copies.withUnsafeBufferPointer { buffer in
        buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
    }
}

/// libpq's message without its trailing newline.
func libpqMessage(_ message: UnsafePointer<CChar>?) -> String {
    guard let message else { return "unknown libpq error" }
    return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
}
