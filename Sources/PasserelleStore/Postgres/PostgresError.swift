/// An error from PostgreSQL or from the way Passerelle talks to it.
///
/// The message is the server's (or libpq's) and is safe to log: it never holds a
/// password or the values bound to a statement.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No connection could be made (server down, wrong socket, bad credentials).
        case connectionFailed
        /// The connection broke while in use (server stopped or restarted).
        case connectionLost
        /// The server refused a statement: see ``sqlState``.
        case server
        /// A value in a row could not be read as the type asked for.
        case decoding
        /// A COPY was refused or aborted.
        case copy
        /// The pool was shut down.
        case shutDown
    }

    public var kind: Kind
    /// The five-character SQLSTATE for ``Kind/server`` errors, e.g. `23505`.
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var constraint: String?
    public var table: String?
    public var column: String?
    /// The SQL text of the statement that failed (never its parameters' values).
    public var statement: String?

    public init(
        _ kind: Kind, sqlState: String? = nil, message: String, detail: String? = nil,
        constraint: String? = nil, table: String? = nil, column: String? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.message = message
        self.detail = detail
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    public var description: String {
        var text = "PostgreSQL \(kind)"
        if let sqlState { text += " [\(sqlState)]" }
        text += ": \(message)"
        if let constraint { text += " (constraint \(constraint))" }
        if let statement { text += " in: \(statement)" }
        return text
    }

    /// True when the connection that raised it cannot be used again.
    public var isConnectionError: Bool { kind == .connectionFailed || kind == .connectionLost }
}

/// The SQLSTATE codes Passerelle reacts to (PostgreSQL's Appendix A).
public enum SQLState {
    public static let uniqueViolation = "23505"
    public static let foreignKeyViolation = "23503"
    public static let checkViolation = "23514"
    public static let notNullViolation = "23502"
    public static let exclusionViolation = "23P01"
    public static let syntaxError = "42601"
    public static let undefinedTable = "42P01"
    public static let undefinedColumn = "42703"
    public static let invalidTextRepresentation = "22P02"
    public static let adminShutdown = "57P01"
    public static let serializationFailure = "40001"
    public static let deadlockDetected = "40P01"
}

extension PostgresError {
    public var isUniqueViolation: Bool { sqlState == SQLState.uniqueViolation }
    public var isForeignKeyViolation: Bool { sqlState == SQLState.foreignKeyViolation }
    public var isCheckViolation: Bool { sqlState == SQLState.checkViolation }
    /// Integrity constraint violations (class 23): the data broke a rule.
    public var isConstraintViolation: Bool { sqlState?.hasPrefix("23") ?? false }
}
