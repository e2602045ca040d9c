import Foundation
import PasserelleCore

/// A PostgreSQL type OID, sent with each parameter so the server need not guess.
public struct PostgresType: Hashable, Sendable {
    public let oid: UInt32
    public init(oid: UInt32) { self.oid = oid }

    public static let bool = PostgresType(oid: 16)
    public static let bytea = PostgresType(oid: 17)
    public static let int8 = PostgresType(oid: 20)
    public static let int4 = PostgresType(oid: 23)
    public static let text = PostgresType(oid: 25)
    public static let float8 = PostgresType(oid: 701)
    public static let date = PostgresType(oid: 1082)
    public static let timestamptz = PostgresType(oid: 1184)
    public static let jsonb = PostgresType(oid: 3802)
    public static let boolArray = PostgresType(oid: 1000)
    public static let int8Array = PostgresType(oid: 1016)
    public static let textArray = PostgresType(oid: 1009)
    public static let float8Array = PostgresType(oid: 1022)
    public static let dateArray = PostgresType(oid: 1182)
    public static let timestamptzArray = PostgresType(oid: 1185)
}

/// A Swift value that can be bound to a statement parameter, in PostgreSQL's text format.
public protocol PostgresEncodable: Sendable {
    static var postgresType: PostgresType { get }
    /// The value as PostgreSQL's text input reads it; nil for SQL NULL.
    var postgresText: String? { get }
}

/// A Swift value that can be read from a column, in PostgreSQL's text format.
public protocol PostgresDecodable: Sendable {
    /// Nil when `postgresText` is not a value of this type.
    init?(postgresText: String)
    /// The value of SQL NULL, when this type has one (only `Optional`).
    static var postgresNull: Self? { get }
}

extension PostgresDecodable {
    public static var postgresNull: Self? { nil }
}

/// A type that can be an element of a PostgreSQL array.
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {
    static var postgresArrayType: PostgresType { get }
}

extension String: PostgresArrayElement {
    public static var postgresType: PostgresType { .text }
    public static var postgresArrayType: PostgresType { .textArray }
    public var postgresText: String? { self }
    public init?(postgresText: String) { self = postgresText }
}

extension Int: PostgresArrayElement {
    public static var postgresType: PostgresType { .int8 }
    public static var postgresArrayType: PostgresType { .int8Array }
    public var postgresText: String? { String(self) }
    public init?(postgresText: String) { self.init(postgresText) }
}

/// `bigint`: the domain's ids.
extension Int64: PostgresArrayElement {
    public static var postgresType: PostgresType { .int8 }
    public static var postgresArrayType: PostgresType { .int8Array }
    public var postgresText: String? { String(self) }
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Int32: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int4 }
    public var postgresText: String? { String(self) }
    public init?(postgresText: String) { self.init(postgresText) }
}

extension Double: PostgresArrayElement {
    public static var postgresType: PostgresType { .float8 }
    public static var postgresArrayType: PostgresType { .float8Array }
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return String(self)
    }
    public init?(postgresText: String) {
        switch postgresText {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default: self.init(postgresText)
        }
    }
}

extension Bool: PostgresArrayElement {
    public static var postgresType: PostgresType { .bool }
    public static var postgresArrayType: PostgresType { .boolArray }
    public var postgresText: String? { self ? "t" : "f" }
    public init?(postgresText: String) {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

/// `timestamptz`. Sessions run in UTC, so the server writes `2026-11-21 10:00:00+00`.
extension Date: PostgresArrayElement {
    public static var postgresType: PostgresType { .timestamptz }
    public static var postgresArrayType: PostgresType { .timestamptzArray }
    public var postgresText: String? { Timestamp.rfc3339(self) }
    public init?(postgresText: String) {
        guard let date = Timestamp.parse(postgresText) else { return nil }
        self = date
    }
}

/// `date`.
extension CalendarDate: PostgresArrayElement {
    public static var postgresType: PostgresType { .date }
    public static var postgresArrayType: PostgresType { .dateArray }
    public var postgresText: String? { description }
    public init?(postgresText: String) { self.init(postgresText) }
}

/// `bytea`, in the hex format (`\x0a0b`).
extension Data: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .bytea }
    public var postgresText: String? {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var text: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        text.reserveCapacity(2 + count * 2)
        for byte in self {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
    public init?(postgresText: String) {
        let utf8 = Array(postgresText.utf8)
        guard utf8.count >= 2, utf8[0] == UInt8(ascii: "\\"), utf8[1] == UInt8(ascii: "x"),
            utf8.count % 2 == 0
        else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity((utf8.count - 2) / 2)
        var index = 2
        while index < utf8.count {
            guard let high = Data.nibble(utf8[index]), let low = Data.nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.init(bytes)
    }
    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// NULL when nil.
extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: PostgresType { Wrapped.postgresType }
    public var postgresText: String? { self?.postgresText }
}

/// Reads SQL NULL as nil instead of failing.
extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init?(postgresText: String) {
        guard let value = Wrapped(postgresText: postgresText) else { return nil }
        self = value
    }
    public static var postgresNull: Self? { .some(.none) }
}

/// One-dimensional arrays: `text[]`, `bigint[]`, `date[]`, ...
extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: PostgresType { Element.postgresArrayType }
    public var postgresText: String? { PostgresArrayLiteral.format(map(\.postgresText)) }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public init?(postgresText: String) {
        guard let items = PostgresArrayLiteral.parse(postgresText) else { return nil }
        var values: [Element] = []
        values.reserveCapacity(items.count)
        for item in items {
            guard let item, let value = Element(postgresText: item) else { return nil }
            values.append(value)
        }
        self = values
    }
}

/// A `jsonb` value holding a Codable Swift value.
public struct PostgresJSON<Value: Codable & Sendable>: PostgresEncodable, PostgresDecodable {
    public var value: Value
    public init(_ value: Value) { self.value = value }

    public static var postgresType: PostgresType { .jsonb }
    public var postgresText: String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
    public init?(postgresText: String) {
        guard let value = try? JSONDecoder().decode(Value.self, from: Data(postgresText.utf8)) else { return nil }
        self.value = value
    }
}

/// PostgreSQL's array literal text, `{a,"b c",NULL}`, one dimension.
enum PostgresArrayLiteral {
    static func format(_ items: [String?]) -> String {
        var text = "{"
        for (index, item) in items.enumerated() {
            if index > 0 { text += "," }
            guard let item else {
                text += "NULL"
                continue
            }
            text += "\""
            for character in item.unicodeScalars {
                if character == "\"" || character == "\\" { text += "\\" }
                text.unicodeScalars.append(character)
            }
            text += "\""
        }
        return text + "}"
    }

    /// The elements, nil for NULL; nil when `text` is not a one-dimensional array literal.
    static func parse(_ text: String) -> [String?]? {
        var scalars = Substring(text).unicodeScalars[...]
        guard scalars.first == "{", scalars.last == "}" else { return nil }
        scalars = scalars.dropFirst().dropLast()
        if scalars.isEmpty { return [] }
        var items: [String?] = []
        var index = scalars.startIndex
        while true {
            var item = String.UnicodeScalarView()
            var quoted = false
            if index < scalars.endIndex, scalars[index] == "\"" {
                quoted = true
                index = scalars.index(after: index)
                while index < scalars.endIndex, scalars[index] != "\"" {
                    if scalars[index] == "\\" { index = scalars.index(after: index) }
                    guard index < scalars.endIndex else { return nil }
                    item.append(scalars[index])
                    index = scalars.index(after: index)
                }
                guard index < scalars.endIndex else { return nil }
                index = scalars.index(after: index)
            } else {
                while index < scalars.endIndex, scalars[index] != "," {
                    if scalars[index] == "{" { return nil }  // more than one dimension
                    item.append(scalars[index])
                    index = scalars.index(after: index)
                }
            }
            let value = String(item)
            items.append(!quoted && value.uppercased() == "NULL" ? nil : value)
            if index == scalars.endIndex { return items }
            guard scalars[index] == "," else { return nil }
            index = scalars.index(after: index)
        }
    }
}
