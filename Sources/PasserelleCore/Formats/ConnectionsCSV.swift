import Foundation

/// One line of the connections CSV: two members, by their external ids, who know each
/// other since a time, with an optional tie strength.
public struct ConnectionRecord: Sendable, Equatable {
    /// `member_a`: a member's `meta.id`.
    public var memberA: String
    /// `member_b`: a member's `meta.id`. The pair is unordered.
    public var memberB: String
    public var since: Date
    /// 0 to 1; nil: the network computes it from what the two share.
    public var strength: Double?

    public init(memberA: String, memberB: String, since: Date, strength: Double? = nil) {
        self.memberA = memberA
        self.memberB = memberB
        self.since = since
        self.strength = strength
    }
}

/// The connections CSV (FORMATS.md): `member_a,member_b,since[,strength]`, quoted as
/// RFC 4180 says, `since` an RFC 3339 time (or a date, taken as midnight UTC) and
/// `strength` between 0 and 1. Lines may end in CRLF.
public enum ConnectionsCSV {
    /// The first line of an export; ``isHeader(_:)`` recognises it on import.
    public static let header = "member_a,member_b,since,strength"

    /// The columns, in order; problems are reported under these names.
    static let columns = ["member_a", "member_b", "since", "strength"]

    /// True when `line` names the columns (`member_a,member_b,since`, with or without
    /// `strength`, in any case), as a header does rather than a connection.
    public static func isHeader(_ line: some Collection<UInt8>) -> Bool {
        guard let fields = try? split(line) else { return false }
        let names = fields.map { $0.trimmingSpaces.lowercased() }
        return names == columns || names == Array(columns.prefix(3))
    }

    /// The connection on `line`, or every problem found in it.
    public static func decode(_ line: some Collection<UInt8>) throws(LineError) -> ConnectionRecord {
        // Spaces around a value are never meant: ids, times and numbers have none.
        let fields = try split(line).map(\.trimmingSpaces)
        var problems = LineProblems()
        if fields.count > columns.count {
            problems.fail(
                nil, "the line has \(fields.count) columns; expected 3 or 4: \(header), the last one optional")
        }
        let memberA = fields.count > 0 ? fields[0] : ""
        let memberB = fields.count > 1 ? fields[1] : ""
        var validator = Validator()
        if fields.count > 0 { validator.externalID(memberA, field: columns[0]) }
        if fields.count > 1 { validator.externalID(memberB, field: columns[1]) }
        problems.add(validator)
        for missing in columns.prefix(3).dropFirst(fields.count) {
            problems.fail(missing, "is missing: expected \(header), the last one optional")
        }

        var since: Date?
        if fields.count > 2 {
            let text = fields[2]
            since = text.utf8.count == 10 ? CalendarDate(text)?.startOfDayUTC : Timestamp.parse(text)
            if since == nil {
                problems.fail(
                    columns[2],
                    "must be an RFC 3339 time like 2024-03-01T09:30:00Z, or a date, YYYY-MM-DD"
                        + " (got \(Validator.quoted(text)))")
            }
        }
        var strength: Double?
        if fields.count > 3, !fields[3].isEmpty {
            strength = Double(fields[3])
            if strength == nil {
                problems.fail(columns[3], "must be a number between 0 and 1 (got \(Validator.quoted(fields[3])))")
            }
        }

        // The domain's rules for a pair (not the same member twice, strength in 0...1) are
        // Connection's, which compares store ids: stand-ins that are equal exactly when
        // the external ids are.
        let standIn = Connection(0, memberA == memberB ? 0 : 1, strength: strength)
        problems.validate(standIn, fields: ["memberA": columns[0], "memberB": columns[1], "strength": columns[3]])
        try problems.finish()
        return ConnectionRecord(
            memberA: memberA, memberB: memberB, since: since ?? ImportedTimestamps.placeholder, strength: strength)
    }

    /// The record as one CSV line (no line end), quoted where a value needs it.
    public static func encode(_ record: ConnectionRecord) -> String {
        var fields = [record.memberA, record.memberB, Timestamp.rfc3339(record.since)]
        if let strength = record.strength { fields.append(strength.description) }
        return fields.map(quoted).joined(separator: ",")
    }

    /// A value as RFC 4180 writes it: in double quotes, inner quotes doubled, when it holds
    /// a comma, a quote, a line end, or spaces at either end (which readers trim).
    private static func quoted(_ value: String) -> String {
        let needsQuotes =
            value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline })
            || value.first?.isWhitespace == true || value.last?.isWhitespace == true
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The values of one line, unquoted (RFC 4180: a quoted value may hold commas and
    /// doubled quotes; an unquoted one may not hold quotes). A line end is not part of
    /// the line; a CR left by a CRLF file is dropped.
    static func split(_ line: some Collection<UInt8>) throws(LineError) -> [String] {
        var text = try LineText.decode(line)
        if text.hasSuffix("\r") { text.removeLast() }
        let bytes = Array(text.utf8)
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
        var fields: [String] = []
        var index = 0
        // Problems name the column the value is in.
        func column(_ number: Int) -> String? { number < columns.count ? columns[number] : nil }
        while true {
            var value: [UInt8] = []
            if index < bytes.count, bytes[index] == quote {
                index += 1
                while true {
                    guard index < bytes.count else {
                        throw LineError(
                            field: column(fields.count), reason: "a quoted value has no closing quote (\")")
                    }
                    if bytes[index] == quote {
                        if index + 1 < bytes.count, bytes[index + 1] == quote {
                            value.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        break
                    }
                    value.append(bytes[index])
                    index += 1
                }
                if index < bytes.count, bytes[index] != comma {
                    throw LineError(
                        field: column(fields.count),
                        reason: "a closing quote must end the value; write a quote inside a quoted value as \"\"")
                }
            } else {
                while index < bytes.count, bytes[index] != comma {
                    if bytes[index] == quote {
                        throw LineError(
                            field: column(fields.count),
                            reason: "a quote inside an unquoted value; quote the whole value and double the quote")
                    }
                    value.append(bytes[index])
                    index += 1
                }
            }
            fields.append(String(decoding: value, as: UTF8.self))
            guard index < bytes.count else { return fields }
            index += 1  // the comma
        }
    }
}
