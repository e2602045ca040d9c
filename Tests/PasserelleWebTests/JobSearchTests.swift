import Foundation
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleSearch
import PasserelleTestSupport
import PasserelleWeb
import Testing

@Suite("GET /api/v1/jobs/search and /jobs/suggest")
struct JobSearchTests {
    @Test("An answer has the exact total, the results with the posting's fields, and the facets asked for")
    func answerShape() async throws {
        try await TestPostgres.withDatabase { client, _ in
            try await JobCorpus.shards().withApp(database: client) { http in
                let (status, body) = try await http.get(
                    "/api/v1/jobs/search?country=FR&sort=date&facets=city,type,company")
                #expect(status == .ok)
                #expect(body["total"] == 3)
                #expect(body["total_is_exact"] == true)
                #expect(body["corrected_query"] == .null)
                #expect(body.resultIDs == ["103", "101", "102"])
                let posted = day(-2)
                let expected: JSONValue = [
                    "id": "101", "requisition_id": "REQ-101", "title": "Développeur Swift",
                    "company": ["id": "1", "name": "Acme"], "country": "FR", "city": "Toulouse",
                    "location": ["lat": 43.6047, "lon": 1.4442], "type": "FULL_TIME", "types": ["FULL_TIME"],
                    "remote": false, "language": "fr",
                    "salary": ["min": 45_000, "max": 55_000, "currency": "EUR", "period": "YEAR"],
                    "posted_at": .string("\(posted)T00:00:00Z"),
                    "valid_through": .string("\(posted.adding(days: JobPosting.defaultValidity))T00:00:00Z"),
                    "skills": ["Swift"],
                    // Without q, the snippet is the start of the description.
                    "snippet": "Vous écrirez des applications iOS en Swift pour nos clients",
                ]
                #expect(body["results"]?[1] == expected)
                #expect(
                    body["facets"] == [
                        "city": [["value": "Toulouse", "count": 2], ["value": "Paris", "count": 1]],
                        "type": [["value": "FULL_TIME", "count": 2], ["value": "PART_TIME", "count": 1]],
                        "company": [
                            ["value": "1", "count": 2, "name": "Acme"], ["value": "2", "count": 1, "name": "Globex"],
                        ],
                    ])
            }
        }
    }

    @Test("Words find postings in every job space when no country is named, with their words marked in a snippet")
    func queryAcrossCountries() async throws {
        try await TestPostgres.withDatabase { client, _ in
            try await JobCorpus.shards().withApp(database: client) { http in
                let (status, body) = try await http.get("/api/v1/jobs/search?q=swift")
                #expect(status == .ok)
                #expect(Set(body.resultIDs) == ["101", "104"])
                #expect(body["total"] == 2)
                let toulouse = body["results"]?.arrayValue?.first { $0["id"] == "101" }
                #expect(toulouse?["snippet"]?.stringValue?.contains("<mark>Swift</mark>") == true)
                #expect(toulouse?["distance_km"] == nil)
            }
        }
    }

    @Test("near with radius_km keeps what lies within it, each result with its distance, nearest first")
    func nearWithRadius() async throws {
        try await TestPostgres.withDatabase { client, _ in
            try await JobCorpus.shards().withApp(database: client) { http in
                let (status, body) = try await http.get(
                    "/api/v1/jobs/search?near=43.6047,1.4442&radius_km=50&sort=distance")
                #expect(status == .ok)
                #expect(body.resultIDs == ["101", "103"])
                let distance = JobCorpus.toulouse.distanceInKilometres(to: JobCorpus.nearToulouse)
                #expect(body["results"]?[0]?["distance_km"] == 0)
                #expect(body["results"]?[1]?["distance_km"] == .number((distance * 10).rounded() / 10))
            }
        }
    }

    @Test("Filters: type, remote, salary_min, posted_within_days, company, diversify and pages")
    func filters() async throws {
        try await TestPostgres.withDatabase { client, _ in
            try await JobCorpus.shards().withApp(database: client) { http in
                func ids(_ query: String) async throws -> Set<String> {
                    let (status, body) = try await http.get("/api/v1/jobs/search?\(query)")
                    #expect(status == .ok, "\(query): \(body)")
                    return Set(body.resultIDs)
                }
                #expect(try await ids("type=PART_TIME") == ["103"])
                #expect(try await ids("type=full_time,CONTRACTOR&country=fr,DE") == ["101", "102", "104"])
                #expect(try await ids("type=FULL_TIME&type=PART_TIME&country=FR") == ["101", "102", "103"])
                #expect(try await ids("remote=true") == ["102"])
                #expect(try await ids("remote=false&country=FR") == ["101", "103"])
                #expect(try await ids("salary_min=52000") == ["101", "102"])
                #expect(try await ids("salary_min=58000") == ["102"])
                #expect(try await ids("posted_within_days=2") == ["103"])
                #expect(try await ids("posted_within_days=5") == ["101", "103", "104"])
                #expect(try await ids("company=2") == ["103", "104"])
                #expect(try await ids("company=1&company=2&country=FR") == ["101", "102", "103"])
                #expect(try await ids("city=Paris") == ["102"])
                #expect(try await ids("in_network=false&country=DE") == ["104"])
                // Unknown parameters are ignored.
                #expect(try await ids("country=DE&colour=blue") == ["104"])

                let (_, diverse) = try await http.get(
                    "/api/v1/jobs/search?country=FR&sort=date&diversify=one_per_company")
                #expect(diverse.resultIDs == ["103", "101"])
                let (_, second) = try await http.get("/api/v1/jobs/search?country=FR&sort=date&per_page=1&page=2")
                #expect(second.resultIDs == ["101"])
                #expect(second["total"] == 3)
            }
        }
    }

    @Test("Suggestions complete titles in the language asked for and company names")
    func suggest() async throws {
        try await TestPostgres.withDatabase { client, _ in
            try await JobCorpus.shards().withApp(database: client) { http in
                let (status, body) = try await http.get("/api/v1/jobs/suggest?q=d%C3%A9v&lang=fr")
                #expect(status == .ok)
                #expect(body == ["titles": ["Développeur Swift", "Développeur iOS"], "companies": []])
                let (_, companies) = try await http.get("/api/v1/jobs/suggest?q=ac")
                #expect(companies == ["titles": [], "companies": ["Acme"]])
                let (emptyStatus, empty) = try await http.get("/api/v1/jobs/suggest?q=")
                #expect(emptyStatus == .ok)
                #expect(empty == ["titles": [], "companies": []])
            }
        }
    }

    @Test("A shard Xapian cannot open answers 503 unavailable, saying nothing of Xapian")
    func brokenShard() async throws {
        let shards = try JobCorpus.shards()
        // The stub names a directory of garbage where a glass database should be.
        let broken = shards.layout.stub(.france, .jobs).deletingLastPathComponent().appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        try Data("not a database".utf8).write(to: broken.appendingPathComponent("iamglass"))
        try shards.layout.activate(broken, .france, .jobs)
        try await withoutDatabase { client in
            try await shards.withApp(database: client) { http in
                let (status, body) = try await http.get("/api/v1/jobs/search?country=FR")
                #expect(status == .serviceUnavailable)
                #expect(body.errorCode == "unavailable")
                #expect(!body.errorMessage.contains("Xapian"))
            }
        }
    }

    @Test("An unknown route answers 404 in the API's error shape")
    func unknownRoute() async throws {
        try await withoutDatabase { client in
            try await TestShards().withApp(database: client) { http in
                let (status, body) = try await http.get("/api/v1/nothing-here")
                #expect(status == .notFound)
                #expect(body.errorCode == "not_found")
            }
        }
    }
}
