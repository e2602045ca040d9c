import Foundation
import PasserelleCore
import Testing

@Suite("Matching routes over HTTP")
struct MatchingRoutesTests {
    @Test("Candidates are for the recruiters of the posting's company; recommended jobs for a member with a CV")
    func rules() async throws {
        try await MatchFixture.with { world in
            try await world.withApp { http in
                let candidates = "/api/v1/jobs/\(world.offer.id)/candidates"
                #expect(try await http.get(candidates, token: nil).status == .unauthorized)
                #expect(try await http.get(candidates, token: "alice").status == .forbidden)
                #expect(try await http.get(candidates, token: "other").status == .forbidden)
                #expect(try await http.get(candidates, token: "recruiter").status == .ok)
                #expect(try await http.get("/api/v1/jobs/999999/candidates", token: "recruiter").status == .notFound)
                #expect(try await http.get("/api/v1/jobs/x/candidates", token: "recruiter").status == .notFound)
                let bad = try await http.get(candidates + "?per_page=500", token: "recruiter")
                #expect(bad.status == .badRequest)
                #expect(bad.message.hasPrefix("per_page:"))

                let recommended = "/api/v1/members/me/recommended-jobs"
                #expect(try await http.get(recommended, token: nil).status == .unauthorized)
                let none = try await http.get(recommended, token: "nocv")
                #expect(none.status == .unprocessableContent)
                #expect(none.json?["error"]?["code"] == "no_profile")
                #expect(try await http.get(recommended + "?page=0", token: "alice").status == .badRequest)
            }
        }
    }

    @Test("A candidate as JSON: the CV row, the score, the reasons, the referral path")
    func candidateJSON() async throws {
        try await MatchFixture.with { world in
            try await world.withApp { http in
                let answer = try await http.get(
                    "/api/v1/jobs/\(world.offer.id)/candidates?per_page=2", token: "recruiter")
                #expect(answer.json?["total"] == 4)
                #expect(answer.json?["page"] == 1)
                #expect(answer.json?["per_page"] == 2)
                let first = try #require(answer.json?["results"]?[0])
                #expect(first["id"]?.stringValue == String(world.id("alice")))
                #expect(first["name"] == "Alice")
                #expect(first["open_to_work"] == true)
                #expect(
                    first["reasons"] == [
                        "same_occupation": true, "matched_skills": ["Swift", "iOS", "Kotlin"], "missing_skills": [],
                        "mentioned_skills": [],
                        "experience_years": 6.0, "required_years": 3.0, "seniority": "senior",
                        "offer_seniority": "confirmed", "distance_km": 0.0, "remote": false, "relocating": false,
                        "language": "fr", "speaks_language": true,
                        "text_relevance": first["reasons"]?["text_relevance"] ?? .null,
                    ])
                #expect(
                    first["referral"] == [
                        "employee": ["id": "erin", "name": "Erin"], "degree": 1, "through": nil, "strength": 0.9,
                    ])
                #expect(answer.json?["results"]?[1]?["referral"] == .null)
                #expect(answer.json?["results"]?[2] == nil)
            }
        }
    }

    @Test("A recommended job as JSON: the search row, the score, the reasons, the people the member knows there")
    func offerJSON() async throws {
        try await MatchFixture.with { world in
            try await world.withApp { http in
                let answer = try await http.get("/api/v1/members/me/recommended-jobs", token: "alice")
                #expect(answer.status == .ok)
                #expect(answer.json?["total"] == 3)
                let first = try #require(answer.json?["results"]?[0])
                #expect(first["requisition_id"] == "A-1")
                #expect(first["skills"] == ["Swift", "iOS", "Kotlin"])
                #expect(first["reasons"]?["matched_skills"] == ["Swift", "iOS", "Kotlin"])
                #expect(first["reasons"]?["mentioned_skills"] == nil)
                #expect(
                    first["network"] == [
                        "people_you_know": 1, "best_degree": 1,
                        "people": [["employee": ["id": "erin", "name": "Erin"], "through": nil, "degree": 1]],
                    ])
                let second = try #require(answer.json?["results"]?[1])
                #expect(second["requisition_id"] == "G-1")
                #expect(second["network"]?["people"] == [])
            }
        }
    }
}
