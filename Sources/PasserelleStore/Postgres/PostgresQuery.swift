/// A statement with its parameters. Interpolated values become `$n` parameters,
/// never text in the SQL:
///
///     let rows = try await db.query("SELECT name FROM members WHERE external_id = \(id)")
///
/// Identifiers chosen by the code (a partition's name) go in with `\(identifier:)`.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public var sql: String
    public var binds: [PostgresBind]

    /// A statement from SQL text built by the code (never from user input) and
    /// its parameters. Named so that `PostgresQuery("... \(x)")` cannot pick it:
    /// that spelling is a literal, whose interpolations become parameters.
    public init(sql: String, binds: [PostgresBind] = []) {
        self.sql = sql
        self.binds = binds
    }

    public init(stringLiteral value: String) {
        self.init(sql: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(sql: stringInterpolation.sql, binds: stringInterpolation.binds)
    }

    /// The SQL text only: values are never logged.
    public var description: String { sql }

    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [PostgresBind] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            binds.append(PostgresBind(value))
            sql += "$\(binds.count)"
        }

        /// An optional value: NULL when nil.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            binds.append(PostgresBind(value))
            sql += "$\(binds.count)"
        }

        /// A table or column name, quoted as an identifier.
        public mutating func appendInterpolation(identifier: String) {
            sql += PostgresQuery.quoteIdentifier(identifier)
        }
    }

    /// `"name"`, with inner quotes doubled.
    public static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// One parameter: its type and its text (nil for NULL).
public struct PostgresBind: Sendable {
    public var type: PostgresType
    public var text: String?

    public init(_ value: some PostgresEncodable) {
        type = Swift.type(of: value).postgresType
        text = value.postgresText
    }
}
