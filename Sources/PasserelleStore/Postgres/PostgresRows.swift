import CLibPQ

/// The rows a statement returned. It owns libpq's result; reading it is memory
/// access only, so it can be done on any thread.
public struct PostgresRows: Sendable, RandomAccessCollection {
    let result: PostgresResult

    public var startIndex: Int { 0 }
    public var endIndex: Int { result.rowCount }
    public subscript(position: Int) -> PostgresRow { PostgresRow(result: result, index: position) }

    /// The rows the statement inserted, updated, deleted or copied (`PQcmdTuples`).
    public var affectedRows: Int { result.affectedRows }
    /// The command tag: `INSERT 0 1`, `COMMIT`, or `ROLLBACK` for a COMMIT of a failed transaction.
    public var commandTag: String { result.commandTag }
    /// The names of the columns, in order.
    public var columns: [String] { result.columnNames }
}

/// One row; read its columns with `decode`.
public struct PostgresRow: Sendable {
    let result: PostgresResult
    let index: Int

    /// The column named `column` as a `T`. A NULL reads as nil for an optional `T`
    /// and is an error otherwise, as is a value that is not a `T`.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let position = result.columnIndex[column] else {
            throw PostgresError(.decoding, message: "no column '\(column)' in the result")
        }
        return try decode(position, as: type)
    }

    /// The column at `position` (from 0) as a `T`.
    public func decode<T: PostgresDecodable>(_ position: Int, as type: T.Type = T.self) throws -> T {
        guard position >= 0, position < result.columnNames.count else {
            throw PostgresError(.decoding, message: "no column \(position) in the result")
        }
        let name = result.columnNames[position]
        guard let text = result.text(row: index, column: position) else {
            guard let null = T.postgresNull else {
                throw PostgresError(.decoding, message: "column '\(name)' is NULL, expected \(T.self)")
            }
            return null
        }
        guard let value = T(postgresText: text) else {
            throw PostgresError(.decoding, message: "column '\(name)' cannot be read as \(T.self)")
        }
        return value
    }
}

/// Owns a `PGresult`, cleared when the last reference goes.
final class PostgresResult: @unchecked Sendable {
    // Immutable after init: libpq results are read-only and independent of their connection.
    private let handle: OpaquePointer
    let rowCount: Int
    let columnNames: [String]
    let columnIndex: [String: Int]
    let affectedRows: Int
    let commandTag: String

    init(handle: OpaquePointer) {
        self.handle = handle
        rowCount = Int(PQntuples(handle))
        let names = (0..<PQnfields(handle)).map { String(cString: PQfname(handle, $0)) }
        columnNames = names
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil {
            index[name] = position
        }
        columnIndex = index
        affectedRows = Int(String(cString: PQcmdTuples(handle))) ?? 0
        commandTag = String(cString: PQcmdStatus(handle))
    }

    deinit {
        PQclear(handle)
    }

    func text(row: Int, column: Int) -> String? {
        if PQgetisnull(handle, Int32(row), Int32(column)) != 0 { return nil }
        return String(cString: PQgetvalue(handle, Int32(row), Int32(column)))
    }
}
