import Foundation
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleTestSupport
import PasserelleWeb
import Testing

/// Bad input to job search and suggestions: every case is a 400 with the API's
/// error shape, a code, and a message that names the parameter.
@Suite("Bad search input answers 400")
struct SearchBadInputTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let query: String
        let code: String
        /// What the message must hold: the parameter's name, at least.
        let message: String
        var path = "/api/v1/jobs/search"

        var testDescription: String { "\(path)?\(query.prefix(60))" }
    }

    static let invalidParameters: [Case] = [
        Case(query: "sort=popular", code: "invalid_parameter", message: "sort: unknown value \"popular\""),
        Case(query: "diversify=three_per_company", code: "invalid_parameter", message: "diversify: unknown value"),
        Case(query: "type=FREELANCE", code: "invalid_parameter", message: "type: unknown value \"FREELANCE\""),
        Case(query: "type=FULL_TIME,nope", code: "invalid_parameter", message: "type: unknown value \"NOPE\""),
        Case(query: "facets=colour", code: "invalid_parameter", message: "facets: unknown value \"colour\""),
        Case(query: "facets=city,skill", code: "invalid_parameter", message: "facets: unknown value \"skill\""),
        Case(query: "remote=yes", code: "invalid_parameter", message: "remote: must be true or false"),
        Case(query: "lang=xx", code: "invalid_parameter", message: "lang: unknown value \"xx\""),
        Case(query: "page=abc", code: "invalid_parameter", message: "page: must be a whole number from 1"),
        Case(query: "page=0", code: "invalid_parameter", message: "page: must be a whole number from 1"),
        Case(query: "page=-3", code: "invalid_parameter", message: "page: must be a whole number from 1"),
        Case(query: "page=99999999999999999999999", code: "invalid_parameter", message: "page:"),
        Case(query: "page=1&page=2", code: "invalid_parameter", message: "page: given more than once"),
        Case(
            query: "per_page=101", code: "invalid_parameter", message: "per_page: must be a whole number from 1 to 100"),
        Case(query: "per_page=0", code: "invalid_parameter", message: "per_page:"),
        Case(query: "per_page=2.5", code: "invalid_parameter", message: "per_page:"),
        Case(query: "salary_min=lots", code: "invalid_parameter", message: "salary_min: must be"),
        Case(query: "salary_min=-1", code: "invalid_parameter", message: "salary_min: must be"),
        Case(query: "salary_min=nan", code: "invalid_parameter", message: "salary_min: must be"),
        Case(query: "salary_min=1e999", code: "invalid_parameter", message: "salary_min: must be"),
        Case(query: "posted_within_days=0", code: "invalid_parameter", message: "posted_within_days:"),
        Case(query: "posted_within_days=ten", code: "invalid_parameter", message: "posted_within_days:"),
        Case(query: "posted_within_days=99999999999", code: "invalid_parameter", message: "posted_within_days:"),
        Case(query: "radius_km=10", code: "invalid_parameter", message: "radius_km: needs near"),
        Case(query: "near=43.6,1.44&radius_km=-5", code: "invalid_parameter", message: "radius_km: must be"),
        Case(query: "near=43.6,1.44&radius_km=0", code: "invalid_parameter", message: "radius_km: must be"),
        Case(query: "near=43.6,1.44&radius_km=inf", code: "invalid_parameter", message: "radius_km: must be"),
        Case(query: "near=91,0", code: "invalid_parameter", message: "near: the latitude must be from -90 to 90"),
        Case(query: "near=-90.5,0", code: "invalid_parameter", message: "near: the latitude"),
        Case(query: "near=0,181", code: "invalid_parameter", message: "near: the longitude must be from -180 to 180"),
        Case(query: "near=toulouse", code: "invalid_parameter", message: "near: must be lat,lon"),
        Case(query: "near=1,2,3", code: "invalid_parameter", message: "near: must be lat,lon"),
        Case(query: "near=0x10,1", code: "invalid_parameter", message: "near: must be lat,lon"),
        Case(query: "sort=distance", code: "invalid_parameter", message: "sort: distance needs near"),
        Case(query: "country=FRA", code: "invalid_parameter", message: "country: \"FRA\" is not an ISO 3166-1"),
        Case(query: "country=F1", code: "invalid_parameter", message: "country: \"F1\""),
        Case(query: "country=FR,XYZ", code: "invalid_parameter", message: "country: \"XYZ\""),
        Case(query: "company=acme", code: "invalid_parameter", message: "company: \"acme\" is not a company id"),
        Case(query: "company=0", code: "invalid_parameter", message: "company: \"0\""),
        Case(query: "in_network=maybe", code: "invalid_parameter", message: "in_network: must be true or false"),
        Case(query: "city=%FF", code: "invalid_parameter", message: "city: not valid UTF-8"),
        Case(query: "in_network=true", code: "unsupported", message: "in_network: the network filter is not available"),
        Case(query: "q=dev&limit=0", code: "invalid_parameter", message: "limit:", path: "/api/v1/jobs/suggest"),
        Case(query: "q=dev&lang=klingon", code: "invalid_parameter", message: "lang:", path: "/api/v1/jobs/suggest"),
    ]

    static let invalidQueries: [Case] = [
        Case(query: "q=" + String(repeating: "a", count: 1_001), code: "invalid_query", message: "q: 1001 bytes long"),
        // 501 × "é" is 1,002 bytes in 501 characters: the limit counts bytes.
        Case(
            query: "q=" + String(repeating: "%C3%A9", count: 501), code: "invalid_query", message: "q: 1002 bytes long"),
        Case(query: "q=%FF", code: "invalid_query", message: "q: not valid UTF-8"),
        Case(query: "q=caf%C3", code: "invalid_query", message: "q: not valid UTF-8"),
        Case(query: "q=%C3%28", code: "invalid_query", message: "q: not valid UTF-8"),
        Case(query: "q=%ED%A0%80", code: "invalid_query", message: "q: not valid UTF-8"),
        Case(query: "q=AND", code: "invalid_query", message: "q: not valid query syntax"),
        Case(query: "q=foo+AND", code: "invalid_query", message: "q: not valid query syntax"),
        Case(query: "q=title%3A(a+OR", code: "invalid_query", message: "q: not valid query syntax"),
        Case(query: "q=(((", code: "invalid_query", message: "q: not valid query syntax (Syntax: '(' without ')')"),
        Case(query: "q=a)", code: "invalid_query", message: "q: not valid query syntax (Syntax: ')' without '(')"),
        Case(
            query: "q=" + String(repeating: "(", count: 1_000), code: "invalid_query",
            message: "q: not valid query syntax (Brackets nested more than 32 deep)"),
        Case(query: "q=" + String(repeating: "(", count: 10_000), code: "invalid_query", message: "q: 10000 bytes"),
        // 980 bytes: under the limit, so the parser refuses it.
        Case(
            query: "q=" + String(repeating: "(a+AND+", count: 140), code: "invalid_query",
            message: "q: not valid query syntax (Brackets nested more than 32 deep)"),
        Case(
            query: "q=" + String(repeating: "(a+AND+", count: 5) + "b" + String(repeating: ")", count: 4),
            code: "invalid_query", message: "q: not valid query syntax (Syntax: '(' without ')')"),
        Case(query: "q=a&q=b", code: "invalid_query", message: "q: given more than once"),
        Case(query: "q=%FF", code: "invalid_query", message: "q: not valid UTF-8", path: "/api/v1/jobs/suggest"),
    ]

    /// What Xapian's parser reads leniently (an unclosed quote, a prefix alone, a
    /// NUL, a lone plus) is searched, and matches nothing here.
    static let lenientQueries = ["q=%22unclosed", "q=title%3A", "q=%00", "q=%2B"]

    @Test("A malformed, out-of-range or unknown parameter is 400 naming it", arguments: invalidParameters)
    func invalidParameter(_ example: Case) async throws {
        try await expect(example)
    }

    @Test(
        "A search text that is too long, not UTF-8 or not Xapian syntax is 400 invalid_query", arguments: invalidQueries
    )
    func invalidQuery(_ example: Case) async throws {
        try await expect(example)
    }

    @Test("Text Xapian reads leniently is searched: 200 and no results", arguments: lenientQueries)
    func lenientQuery(_ query: String) async throws {
        try await withoutDatabase { client in
            try await JobCorpus.shards().withApp(database: client) { http in
                let (status, body) = try await http.get("/api/v1/jobs/search?\(query)")
                #expect(status == .ok)
                #expect(body["total"] == 0)
            }
        }
    }

    private func expect(_ example: Case) async throws {
        try await withoutDatabase { client in
            try await JobCorpus.shards().withApp(database: client) { http in
                let (status, body) = try await http.get("\(example.path)?\(example.query)")
                #expect(status == .badRequest)
                #expect(body.errorCode == example.code)
                #expect(body.errorMessage.hasPrefix(example.message), "\(body.errorMessage)")
            }
        }
    }
}
