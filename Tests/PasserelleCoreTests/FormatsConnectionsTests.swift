import Foundation
import PasserelleCore
import Testing

@Suite("Formats: the connections CSV")
struct FormatsConnectionsTests {
    private func decode(_ text: String) throws(LineError) -> ConnectionRecord {
        try ConnectionsCSV.decode(FormatsTesting.line(text))
    }

    private func problem(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> LineProblem? {
        FormatsTesting.problem({ () throws(LineError) in _ = try decode(text) }, sourceLocation: sourceLocation)
    }

    @Test("FORMATS.md's line decodes, with and without strength")
    func example() throws {
        #expect(
            try decode("m-1042,m-7,2024-03-01T09:30:00Z,0.8")
                == ConnectionRecord(
                    memberA: "m-1042", memberB: "m-7", since: FormatsTesting.time("2024-03-01T09:30:00Z"),
                    strength: 0.8))
        #expect(
            try decode("m-1042,m-7,2024-03-01T09:30:00Z")
                == ConnectionRecord(
                    memberA: "m-1042", memberB: "m-7", since: FormatsTesting.time("2024-03-01T09:30:00Z")))
        #expect(try decode("m-1042,m-7,2024-03-01T09:30:00Z,").strength == nil)
    }

    @Test("since may be a plain date (midnight UTC) or any RFC 3339 offset; CRLF, spaces and quotes are read")
    func lenientReading() throws {
        #expect(try decode("a,b,2024-03-01").since == FormatsTesting.time("2024-03-01T00:00:00Z"))
        #expect(try decode("a,b,2024-03-01T10:30:00+01:00").since == FormatsTesting.time("2024-03-01T09:30:00Z"))
        let quoted = try decode("\"m-1\", m-2 ,\"2024-03-01T09:30:00.25Z\",\"1\"\r")
        #expect(
            quoted
                == ConnectionRecord(
                    memberA: "m-1", memberB: "m-2", since: FormatsTesting.time("2024-03-01T09:30:00.25Z"), strength: 1))
    }

    @Test("The header is recognised, and is not a connection")
    func header() {
        #expect(ConnectionsCSV.isHeader(FormatsTesting.line(ConnectionsCSV.header)))
        #expect(ConnectionsCSV.isHeader(FormatsTesting.line("Member_A, member_b ,since\r")))
        #expect(ConnectionsCSV.isHeader([0xEF, 0xBB, 0xBF] + FormatsTesting.line("member_a,member_b,since,strength")))
        #expect(!ConnectionsCSV.isHeader(FormatsTesting.line("m-1,m-2,2024-03-01")))
        #expect(!ConnectionsCSV.isHeader(FormatsTesting.line("member_a,member_b")))
    }

    @Test(
        "Each kind of bad line is refused with its column and a reason",
        arguments: [
            ("m-1,m-2", "since", "is missing"),
            ("m-1,m-2,2024-03-01,0.5,extra", nil, "has 5 columns"),
            ("m-1,m-2,2024-03-01,1.5", "strength", "between 0 and 1 (got 1.5)"),
            ("m-1,m-2,2024-03-01,-0.1", "strength", "between 0 and 1"),
            ("m-1,m-2,2024-03-01,strong", "strength", "must be a number"),
            ("m-1,m-2,2024-03-01,nan", "strength", "between 0 and 1"),
            ("m-1,m-2,01/03/2024", "since", "RFC 3339"),
            ("m-1,m-2,2024-02-30", "since", "(got \"2024-02-30\")"),
            ("m-1,m-2,2024-03-01T09:30:00", "since", "RFC 3339"),
            ("m-1,m-1,2024-03-01", "member_b", "a member cannot be connected to itself"),
            ("m 1,m-2,2024-03-01", "member_a", "1 to 100 characters"),
            (",m-2,2024-03-01", "member_a", "1 to 100 characters"),
            ("m-1,\"m-2,2024-03-01", "member_b", "no closing quote"),
            ("m-1,\"m-2\"x,2024-03-01", "member_b", "a closing quote must end the value"),
            ("m-1,m\"2,2024-03-01", "member_b", "a quote inside an unquoted value"),
            ("m-1,\"m\"\"2\",2024-03-01", "member_b", "(got \"m\"2\")"),
        ] as [(String, String?, String)])
    func badLine(text: String, field: String?, reason: String) {
        let found = problem(text)
        #expect(found?.field == field)
        #expect(found?.reason.contains(reason) == true, "\(found?.reason ?? "no problem")")
    }

    @Test("Every problem of a line is reported")
    func severalProblems() {
        let found = FormatsTesting.problems { () throws(LineError) in _ = try decode("m/1,m-2,yesterday,2") }
        #expect(found.map(\.field) == ["member_a", "since", "strength"])
        let empty = FormatsTesting.problems { () throws(LineError) in _ = try decode("") }
        #expect(empty.map(\.field) == ["member_a", "member_b", "since"])
    }

    @Test("encode then decode gives the same record")
    func roundTrips() throws {
        let records = [
            ConnectionRecord(
                memberA: "m-1042", memberB: "m-7", since: FormatsTesting.time("2024-03-01T09:30:00Z"), strength: 0.8),
            ConnectionRecord(memberA: "a.b_c:d-e", memberB: "Z9", since: FormatsTesting.time("1999-12-31T23:59:59Z")),
            ConnectionRecord(
                memberA: "m-1", memberB: "m-2", since: FormatsTesting.time("2026-11-21T10:00:00.5Z"), strength: 0),
            ConnectionRecord(
                memberA: "m-1", memberB: "m-2", since: FormatsTesting.time("2026-11-21T10:00:00Z"), strength: 1 / 3),
        ]
        for record in records {
            let text = ConnectionsCSV.encode(record)
            #expect(try decode(text) == record, "\(text)")
        }
        #expect(ConnectionsCSV.encode(records[0]) == "m-1042,m-7,2024-03-01T09:30:00Z,0.8")
        #expect(ConnectionsCSV.encode(records[1]) == "a.b_c:d-e,Z9,1999-12-31T23:59:59Z")
    }

    @Test("Values that need it are quoted as RFC 4180 says, and read back as written")
    func quoting() throws {
        // Valid member ids never need quotes; the quoting is still exact for any value.
        let odd = ConnectionRecord(
            memberA: "Dupont, \"Léa\"", memberB: " m-2", since: FormatsTesting.time("2024-03-01T00:00:00Z"))
        let text = ConnectionsCSV.encode(odd)
        #expect(text == #""Dupont, ""Léa"""," m-2",2024-03-01T00:00:00Z"#)
        let found = FormatsTesting.problems { () throws(LineError) in _ = try decode(text) }
        #expect(found.map(\.field) == ["member_a"])
        #expect(found.first?.reason.contains(#"(got "Dupont, "Léa"")"#) == true)
    }
}
