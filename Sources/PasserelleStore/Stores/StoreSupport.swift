import Foundation
import PasserelleCore

/// SQL text written in the code, never built from input: the column lists and
/// clauses the stores share. A `StaticString` cannot be made from user data.
/// `package`: the search index loads rows with the stores' column lists.
package struct SQLFragment: Sendable {
    package let text: String
    package init(_ text: StaticString) { self.text = text.description }
}

extension PostgresQuery.StringInterpolation {
    /// Splices a fixed fragment (a column list) into the statement as SQL text.
    package mutating func appendInterpolation(_ fragment: SQLFragment) {
        appendLiteral(fragment.text)
    }
}

/// A value an upsert saved, and whether it was new.
public struct Upserted<Value: Sendable>: Sendable {
    public var value: Value
    /// True when the upsert inserted; false when it updated what was there.
    public var wasCreated: Bool

    public init(value: Value, wasCreated: Bool) {
        self.value = value
        self.wasCreated = wasCreated
    }
}

extension Upserted: Equatable where Value: Equatable {}

extension PostgresConnection {
    /// Runs a store's statement, turning the constraint violations a caller can
    /// act on into ``StoreError``s. Every store statement goes through here.
    @discardableResult
    func run(_ query: PostgresQuery) async throws -> PostgresRows {
        do {
            return try await self.query(query)
        } catch let error as PostgresError {
            throw StoreError(mapping: error) ?? error
        }
    }

    /// The rows of `query`, each read with `decode`.
    func all<T>(_ query: PostgresQuery, _ decode: (PostgresRow) throws -> T) async throws -> [T] {
        try await run(query).map(decode)
    }

    /// The first row of `query` read with `decode`, nil when there is none.
    func first<T>(_ query: PostgresQuery, _ decode: (PostgresRow) throws -> T) async throws -> T? {
        let rows = try await run(query)
        return try rows.first.map(decode)
    }

    /// One page of the rows `select columns <from> ORDER BY orderBy` gives, and
    /// their total. `from` is the statement's `FROM ... WHERE ...` part with its
    /// parameters; it is used for the count and for the page, so a filter is
    /// written once. Both are read in one snapshot when run in a transaction.
    func page<T: Sendable>(
        _ page: Page, select columns: SQLFragment, from: PostgresQuery, orderBy: SQLFragment,
        _ decode: (PostgresRow) throws -> T
    ) async throws -> Paged<T> {
        let count = PostgresQuery(sql: "SELECT count(*) AS total " + from.sql, binds: from.binds)
        let total = try await run(count)[0].decode("total", as: Int.self)
        guard total > page.offset else { return Paged(items: [], total: total, page: page) }
        // The limit and offset come after from's parameters: $n+1 and $n+2.
        let items = PostgresQuery(
            sql: "SELECT \(columns.text) \(from.sql) ORDER BY \(orderBy.text) LIMIT $\(from.binds.count + 1) "
                + "OFFSET $\(from.binds.count + 2)",
            binds: from.binds + [PostgresBind(page.perPage), PostgresBind(page.offset)])
        return Paged(items: try await all(items, decode), total: total, page: page)
    }
}

extension PostgresConnection {
    /// Ends a pending request (an invitation, a referral request) of `table`
    /// with `status` at `date`, and returns it read with `decode`. Throws
    /// ``StoreError`` `.notFound`, or `.conflict` when it is no longer pending
    /// (the row is locked first, so two answers cannot both win).
    func decidePending<T, Status: PostgresRawText>(
        _ what: String, in table: SQLFragment, id: Int64, status: Status, at date: Date,
        returning columns: SQLFragment, _ decode: (PostgresRow) throws -> T
    ) async throws -> T {
        guard
            let current = try await first(
                "SELECT status FROM \(table) WHERE id = \(id) FOR UPDATE", { try $0.decode("status", as: String.self) })
        else { throw StoreError.notFound("\(what) \(id)") }
        guard current == "pending" else { throw StoreError.conflict("\(what) \(id) is already \(current)") }
        return try await run(
            "UPDATE \(table) SET status = \(status), decided_at = \(date) WHERE id = \(id) RETURNING \(columns)"
        ).map(decode)[0]
    }
}

extension PostgresClient {
    /// Runs a read on a pooled connection; reads of several statements (a page
    /// and its count) use ``withTransaction(isolation:_:)`` instead.
    func read<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await withConnection { try await body($0) }
    }
}
