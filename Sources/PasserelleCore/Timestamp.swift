import Foundation

/// RFC 3339 times, read and written without DateFormatter (which is slow and
/// locale-dependent): the API's times and PostgreSQL's `timestamptz` text.
public enum Timestamp {
    /// Formats `date` in UTC as `2026-11-21T10:00:00.123456Z` (fraction only when
    /// non-zero, to the microsecond, PostgreSQL's precision).
    public static func rfc3339(_ date: Date) -> String {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let totalMicros = Int64(micros)
        let (seconds, fraction) = floorDivide(totalMicros, 1_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let day = CalendarDate(daysSinceEpoch: Int(days))
        let hour = Int(secondOfDay / 3600)
        let minute = Int(secondOfDay % 3600 / 60)
        let second = Int(secondOfDay % 60)
        var text = "\(day)T\(pad(hour)):\(pad(minute)):\(pad(second))"
        if fraction != 0 {
            var digits = String(fraction).leftPadded(to: 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "Z"
    }

    /// Parses an RFC 3339 time (`T` or a space between date and time, any offset,
    /// `Z`, an optional fraction) and PostgreSQL's `timestamptz` output
    /// (`2026-11-21 10:00:00.5+00`, `+05:30`, `-03`). Returns nil for anything else.
    public static func parse(_ text: some StringProtocol) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, let day = CalendarDate(String(decoding: bytes[0..<10], as: UTF8.self)),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let hour = ASCIIDigits.number(bytes[11..<13]), let minute = ASCIIDigits.number(bytes[14..<16]),
            let second = ASCIIDigits.number(bytes[17..<19]), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, let digit = ASCIIDigits.value(bytes[index]) {
                fraction += Double(digit) * scale
                scale /= 10
                index += 1
            }
            if index == start { return nil }
        }
        var offsetSeconds = 0
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                index += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard index + 2 <= bytes.count, let hours = ASCIIDigits.number(bytes[index..<index + 2]) else {
                    return nil
                }
                index += 2
                var minutes = 0
                if index < bytes.count, bytes[index] == UInt8(ascii: ":") { index += 1 }
                if index + 2 <= bytes.count, let m = ASCIIDigits.number(bytes[index..<index + 2]) {
                    minutes = m
                    index += 2
                }
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
            default:
                return nil
            }
        } else {
            return nil  // RFC 3339 requires an offset.
        }
        guard index == bytes.count else { return nil }
        let seconds = day.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds) + fraction)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    private static func pad(_ value: Int) -> String { String(value).leftPadded(to: 2) }
}
