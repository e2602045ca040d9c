import Foundation

/// A day in the proleptic Gregorian calendar, with no time and no time zone:
/// the start of an employment, the day a posting was published.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Fails when the day does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `days` days after 1970-01-01 (negative: before).
    public init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Parses `YYYY-MM-DD`; also takes the date part of an RFC 3339 time
    /// (`2026-11-01T00:00:00Z`), which feeds often give for a day.
    public init?(_ text: some StringProtocol) {
        let utf8 = Array(text.utf8.prefix(10))
        guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"),
            let year = ASCIIDigits.number(utf8[0..<4]),
            let month = ASCIIDigits.number(utf8[5..<7]),
            let day = ASCIIDigits.number(utf8[8..<10])
        else { return nil }
        let rest = text.utf8.dropFirst(10)
        if let first = rest.first, first != UInt8(ascii: "T"), first != UInt8(ascii: " ") {
            return nil
        }
        self.init(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Midnight UTC at the start of this day.
    public var startOfDayUTC: Date {
        Date(timeIntervalSince1970: TimeInterval(daysSinceEpoch) * 86_400)
    }

    /// The UTC day that holds `date`.
    /// A JSON Resume date: `YYYY-MM-DD`, or `YYYY-MM` or `YYYY`, which start on the
    /// first day of their month or year and end (`isEnd`) on the last.
    public init?(resumeDate text: some StringProtocol, isEnd: Bool) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count < 3, parts.allSatisfy({ !$0.isEmpty }), parts[0].utf8.count == 4,
            parts.count == 1 || parts[1].utf8.count == 2,
            let year = ASCIIDigits.number(parts[0].utf8),
            let month = parts.count == 2 ? ASCIIDigits.number(parts[1].utf8) : (isEnd ? 12 : 1),
            (1...12).contains(month)
        {
            self.init(year: year, month: month, day: isEnd ? CalendarDate.daysIn(month: month, year: year) : 1)
            return
        }
        guard text.utf8.count == 10, let day = CalendarDate(text) else { return nil }
        self = day
    }

    public init(utcDayOf date: Date) {
        self.init(daysSinceEpoch: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    public var description: String {
        let y = String(year).leftPadded(to: 4)
        return "\(y)-\(String(month).leftPadded(to: 2))-\(String(day).leftPadded(to: 2))"
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a date (YYYY-MM-DD): \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
