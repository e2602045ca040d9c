import Foundation
import PasserelleCore
import Testing

@Suite("Calendar dates and RFC 3339 times")
struct CalendarDateTimestampTests {
    @Test("Leap days exist in leap years only (2000 yes, 1900 and 2026 no)")
    func leapDays() {
        #expect(CalendarDate(year: 2028, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDate("2028-02-29")?.adding(days: 1).description == "2028-03-01")
    }

    @Test(
        "Impossible or malformed dates are rejected",
        arguments: [
            "2026-02-30", "2026-13-01", "2026-04-31", "2026-00-10", "2026-1-01", "26-11-01", "2026/11/01",
            "2026-11-01x", "",
        ])
    func invalidDates(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test("Dates round-trip through text, days since the epoch and JSON")
    func dateRoundTrips() throws {
        for days in [-719_162, -1, 0, 59, 20_000, 2_932_896] {
            let date = CalendarDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(CalendarDate(date.description) == date)
        }
        let date = CalendarDate(year: 2026, month: 11, day: 1)!
        #expect(CalendarDate("2026-11-01T00:00:00Z") == date)
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == "[\"2026-11-01\"]")
        #expect(try JSONDecoder().decode([CalendarDate].self, from: json) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data("[\"2026-02-30\"]".utf8))
        }
    }

    @Test("An offset time with a fraction parses to the right instant and prints in UTC")
    func timestampWithOffsetAndFraction() throws {
        let date = try #require(Timestamp.parse("2026-11-21T10:00:00.5+01:00"))
        #expect(Timestamp.rfc3339(date) == "2026-11-21T09:00:00.5Z")
        #expect(Timestamp.parse("2026-11-21 09:00:00.5+00") == date)
        #expect(Timestamp.parse("2026-11-21T04:30:00.5-04:30") == date)
    }

    @Test("Times round-trip through RFC 3339 to the microsecond, before and after 1970")
    func timestampRoundTrips() throws {
        for seconds in [0.0, 1_795_000_000, 1_795_000_000.25, -86_400.5, 951_782_400] {
            let date = Date(timeIntervalSince1970: seconds)
            let text = Timestamp.rfc3339(date)
            #expect(Timestamp.parse(text) == date, "\(text)")
        }
        #expect(Timestamp.rfc3339(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(Timestamp.rfc3339(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.5Z")
    }

    @Test(
        "Times without an offset, with a bad hour or a bad day are rejected",
        arguments: [
            "2026-11-21T10:00:00", "2026-11-21T24:00:00Z", "2026-11-21T10:60:00Z", "2026-02-30T10:00:00Z",
            "2026-11-21T10:00:00.Z", "2026-11-21T10:00:00+1", "2026-11-21T10:00:00Zjunk", "2026-11-21",
        ])
    func invalidTimestamps(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }
}
