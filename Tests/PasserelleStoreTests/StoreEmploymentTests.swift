import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

@Suite("EmploymentStore")
struct StoreEmploymentTests {
    private let start = CalendarDate(year: 2021, month: 3, day: 1)!
    private let end = CalendarDate(year: 2023, month: 6, day: 30)!

    @Test("Employments round-trip, current ones first, and each change writes a member entry")
    func employmentsRoundTrip() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let member = try await MemberStore(client: client).create(Fixture.member("lea"))
            let acme = try await CompanyStore(client: client).create(Fixture.company("acme"))
            try await client.query("DELETE FROM outbox")
            let store = EmploymentStore(client: client)
            let past = try await store.create(
                Employment(memberID: member.id, companyID: acme.id, title: "Stagiaire", startDate: start, endDate: end))
            var current = try await store.create(
                Employment(memberID: member.id, companyID: acme.id, title: "Développeuse", startDate: end))
            #expect(current.isCurrent)
            #expect(try await store.employment(id: past.id) == past)
            #expect(try await store.employments(ofMember: member.id) == [current, past])
            current.title = "Lead"
            #expect(try await store.update(current).title == "Lead")
            #expect(try await store.delete(employmentID: past.id))
            #expect(try await store.delete(employmentID: past.id) == false)
            #expect(try await outboxLines(client) == Array(repeating: "member upsert - \(member.id)", count: 4))
        }
    }

    @Test("A company's current employees are the employments without an end date")
    func currentEmployees() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let members = MemberStore(client: client)
            let acme = try await CompanyStore(client: client).create(Fixture.company("acme"))
            let store = EmploymentStore(client: client)
            var currentIDs: [Int64] = []
            for number in 1...3 {
                let member = try await members.create(Fixture.member("m-\(number)"))
                let left = number == 2
                _ = try await store.create(
                    Employment(memberID: member.id, companyID: acme.id, startDate: start, endDate: left ? end : nil))
                if !left { currentIDs.append(member.id) }
            }
            let page = try await store.currentEmployees(ofCompany: acme.id)
            #expect(page.items.map(\.memberID) == currentIDs)
            #expect(page.total == 2)
        }
    }

    @Test("Replacing a career swaps every employment and writes one member entry")
    func replaceEmployments() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let member = try await MemberStore(client: client).create(Fixture.member("lea"))
            let acme = try await CompanyStore(client: client).create(Fixture.company("acme"))
            let globex = try await CompanyStore(client: client).create(Fixture.company("globex"))
            let store = EmploymentStore(client: client)
            _ = try await store.create(Employment(memberID: member.id, companyID: acme.id))
            try await client.query("DELETE FROM outbox")
            let saved = try await store.replaceEmployments(
                ofMember: member.id,
                with: [
                    Employment(memberID: 0, companyID: globex.id, startDate: end),
                    Employment(memberID: 0, companyID: acme.id, startDate: start, endDate: end),
                ])
            #expect(saved.map(\.companyID) == [globex.id, acme.id])
            #expect(try await store.employments(ofMember: member.id).map(\.companyID) == [globex.id, acme.id])
            #expect(try await outboxLines(client) == ["member upsert - \(member.id)"])
        }
    }

    @Test("An unknown company is an invalid companyID; an end before the start is a validation error")
    func errors() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let member = try await MemberStore(client: client).create(Fixture.member("lea"))
            let store = EmploymentStore(client: client)
            _ = await expectStoreError(.invalidReference("companyID")) {
                try await store.create(Employment(memberID: member.id, companyID: 404))
            }
            let error = await #expect(throws: ValidationError.self) {
                try await store.create(Employment(memberID: member.id, companyID: 1, startDate: end, endDate: start))
            }
            #expect(error?.fields == ["endDate"])
            _ = await expectStoreError(.notFound("employment 5")) {
                try await store.update(Employment(id: 5, memberID: member.id, companyID: 1))
            }
        }
    }

    @Test("Educations round-trip with their normalised institution stored")
    func educations() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let member = try await MemberStore(client: client).create(Fixture.member("lea"))
            let store = EmploymentStore(client: client)
            var education = try await store.create(
                Education(memberID: member.id, institution: "INSA Toulouse", area: "Informatique", endDate: end))
            #expect(try await store.education(id: education.id) == education)
            education.institution = "École Polytechnique"
            education = try await store.update(education)
            let stored = try await client.query(
                "SELECT normalized_institution FROM educations WHERE id = \(education.id)")
            #expect(try stored[0].decode("normalized_institution", as: String.self) == "ecole polytechnique")
            #expect(try await store.educations(ofMember: member.id) == [education])
            #expect(try await store.delete(educationID: education.id))
            #expect(try await store.educations(ofMember: member.id) == [])
            try await client.query("DELETE FROM outbox")
            let replaced = try await store.replaceEducations(
                ofMember: member.id,
                with: [Education(memberID: 0, institution: "INSA Lyon"), Education(memberID: 0, institution: "ENS")])
            #expect(replaced.map(\.normalizedInstitution) == ["insa lyon", "ens"])
            #expect(try await store.educations(ofMember: member.id).count == 2)
            #expect(try await outboxLines(client) == ["member upsert - \(member.id)"])
        }
    }
}
