import Foundation
import PasserelleCore
import Testing

/// Helpers shared by the Formats tests, and the tests of what every format shares.
enum FormatsTesting {
    /// The problems `body` throws; a failed expectation when it throws none.
    static func problems(
        _ body: () throws(LineError) -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) -> [LineProblem] {
        do {
            try body()
            Issue.record("expected a LineError", sourceLocation: sourceLocation)
            return []
        } catch {
            return error.problems
        }
    }

    /// The one problem `body` throws; a failed expectation when it throws none or several.
    static func problem(
        _ body: () throws(LineError) -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) -> LineProblem? {
        let found = problems(body, sourceLocation: sourceLocation)
        #expect(found.count == 1, "expected one problem, got \(found)", sourceLocation: sourceLocation)
        return found.first
    }

    /// `value` as a line of compact JSON.
    static func line(_ value: JSONValue) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(value)) ?? Data())
    }

    static func line(_ text: String) -> [UInt8] { Array(text.utf8) }

    static func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    static func time(_ text: String) -> Date { Timestamp.parse(text)! }

    /// What the formats put in `createdAt` and `updatedAt` for the store to replace.
    static let placeholder = Date(timeIntervalSince1970: 0)
}

extension JSONValue {
    /// A copy with the member at `path` set to `value` (removed for nil), creating the
    /// objects on the way.
    func setting(_ path: String, _ value: JSONValue?) -> JSONValue {
        var keys = path.split(separator: ".").map(String.init)
        let key = keys.removeFirst()
        var members = objectValue ?? [:]
        if keys.isEmpty {
            members[key] = value
        } else {
            members[key] = (members[key] ?? [:]).setting(keys.joined(separator: "."), value)
        }
        return .object(members)
    }
}

@Suite("Formats: what every line shares")
struct FormatsLineTests {
    @Test("A line that is not UTF-8 is refused as a whole, naming the byte, in every format")
    func invalidUTF8() {
        var bytes = Array(#"{"title": "Caf"#.utf8)
        bytes.append(0xE9)  // "é" in Latin-1
        bytes += Array(#""}"#.utf8)
        let today = FormatsTesting.day("2026-11-22")
        for problem in [
            FormatsTesting.problem { () throws(LineError) in _ = try JobPostingFormat.decode(bytes, today: today) },
            FormatsTesting.problem { () throws(LineError) in _ = try ResumeFormat.decode(bytes) },
            FormatsTesting.problem { () throws(LineError) in
                _ = try ConnectionsCSV.decode(Array("m-1,m-2,2026-01-01".utf8) + [0xFF])
            },
        ] {
            #expect(problem?.field == nil)
            #expect(problem?.reason.contains("not valid UTF-8") == true)
        }
        let problem = FormatsTesting.problem { () throws(LineError) in _ = try ResumeFormat.decode(bytes) }
        #expect(problem?.reason.contains("byte 15 is 0xE9") == true)
    }

    @Test("Bad JSON is refused as a whole, saying where the parser stopped")
    func badJSON() {
        let cases: [(String, String)] = [
            (#"{"title": "x", "datePosted": 2026-11-01}"#, "around character"),
            (#"{"title": "x""#, "end of file"),
            (#"{"title": "\q"}"#, "escape"),
            ("", "end of file"),
        ]
        for (text, expected) in cases {
            let problem = FormatsTesting.problem { () throws(LineError) in
                _ = try ResumeFormat.decode(FormatsTesting.line(text))
            }
            #expect(problem?.field == nil)
            #expect(problem?.reason.hasPrefix("the line is not valid JSON: ") == true, "\(text)")
            #expect(problem?.reason.contains(expected) == true, "\(text): \(problem?.reason ?? "")")
        }
        let array = FormatsTesting.problem { () throws(LineError) in
            _ = try JobPostingFormat.decode(FormatsTesting.line("[1, 2]"), today: FormatsTesting.day("2026-11-22"))
        }
        #expect(array == LineProblem(field: nil, reason: "the line must be one JSON object, {…} (got an array)"))
    }

    @Test("Problems read as field: reason, and the whole line's as the reason alone")
    func descriptions() {
        let error = LineError([
            LineProblem(field: "title", reason: "is required"), LineProblem(field: nil, reason: "the line is odd"),
        ])
        #expect(error.description == "title: is required; the line is odd")
        #expect(error.fields == ["title", nil])
        #expect(LineError(field: "since", reason: "x").problems == [LineProblem(field: "since", reason: "x")])
    }

    @Test("A CV's work url https://{id}.example names the company; other urls do not")
    func companyFromURL() {
        #expect(CompanyReference.externalID(fromURL: "https://acme.example") == "acme")
        #expect(CompanyReference.externalID(fromURL: "http://globex-fr.example/") == "globex-fr")
        #expect(CompanyReference.externalID(fromURL: "https://acme.com") == nil)
        #expect(CompanyReference.externalID(fromURL: "https://.example") == nil)
        #expect(CompanyReference.externalID(fromURL: "https://a b.example") == nil)
        #expect(CompanyReference.externalID(fromURL: "acme.example") == nil)
    }
}
