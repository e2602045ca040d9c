import Foundation
import PasserelleCore
import Testing

@Suite("Validation of the domain's values")
struct ValidationTests {
    /// The ValidationError `body` throws, or nil (and a failed expectation).
    private func errors(_ body: () throws -> Void) -> [FieldError]? {
        do {
            try body()
            Issue.record("expected a ValidationError")
            return nil
        } catch let error as ValidationError {
            return error.errors
        } catch {
            Issue.record("expected a ValidationError, got \(error)")
            return nil
        }
    }

    private var posting: JobPosting {
        JobPosting(
            country: .france, companyID: 1, language: .fr, requisitionID: "REQ-1", title: "Développeuse",
            description: "<p>Swift</p>", datePosted: CalendarDate(year: 2026, month: 11, day: 1)!)
    }

    @Test("A valid member, posting, account and session pass")
    func validValuesPass() throws {
        try Member(externalID: "m-1042", name: "Léa Martin", country: .france, language: .fr).validate()
        try posting.validate()
        try Account(memberID: 1, email: "lea@example.org", passwordHash: "$argon2id$...").validate()
        try Session(
            accountID: 1, kind: .bearer, tokenHash: Data(count: 32), createdAt: Date(timeIntervalSince1970: 0),
            expiresAt: Date(timeIntervalSince1970: 60)
        ).validate()
    }

    @Test("A member's bad external id and blank name are both reported, by field")
    func memberReportsEveryField() {
        let found = errors { try Member(externalID: "m 1/2", name: "  ", country: .france, language: .fr).validate() }
        #expect(found?.map(\.field) == ["externalID", "name"])
        #expect(
            found?.first?.reason
                == "must be 1 to 100 characters among letters, digits and . _ : - (got \"m 1/2\")")
        #expect(found?.last?.reason == "must not be empty")
    }

    @Test("External ids: 100 allowed characters pass, 101 or an empty one do not")
    func externalIDLength() {
        var validator = Validator()
        validator.externalID(String(repeating: "a", count: 100), field: "a")
        validator.externalID("A.b_c:d-9", field: "b")
        #expect(validator.errors.isEmpty)
        validator.externalID(String(repeating: "a", count: 101), field: "c")
        validator.externalID("", field: "d")
        validator.externalID("é", field: "e")
        #expect(validator.errors.map(\.field) == ["c", "d", "e"])
    }

    @Test("A posting's errors are named by their schema.org JobPosting path")
    func postingErrorsUseSchemaOrgPaths() {
        var bad = posting
        bad.requisitionID = ""
        bad.title = " "
        bad.coordinates = GeoPoint(latitude: 91, longitude: -181)
        bad.salary = SalaryRange(minimum: 60000, maximum: 50000, currency: "eur", period: .year)
        bad.experienceMonths = -1
        let found = errors { try bad.validate() }
        #expect(
            found?.map(\.field) == [
                "identifier.value", "title", "jobLocation.geo.latitude", "jobLocation.geo.longitude",
                "baseSalary.value.maxValue", "baseSalary.currency", "experienceRequirements.monthsOfExperience",
            ])
        #expect(found?[4].reason == "must not be less than minValue 60000.0 (got 50000.0)")
        #expect(
            found?[5].reason
                == "must be an ISO 4217 currency code of three upper-case letters, like EUR (got \"eur\")")
    }

    @Test("A salary needs an amount, and amounts are not negative")
    func salaryAmounts() {
        var validator = Validator()
        SalaryRange(minimum: nil, maximum: nil, currency: "EUR").validate(into: &validator, field: "baseSalary")
        SalaryRange(minimum: -1, maximum: nil, currency: "EUR").validate(into: &validator, field: "baseSalary")
        #expect(validator.errors.map(\.field) == ["baseSalary.value", "baseSalary.value.minValue"])
    }

    @Test("A posting's validThrough defaults to 30 days after datePosted, at midnight UTC")
    func validThroughDefault() {
        #expect(Timestamp.rfc3339(posting.validThrough) == "2026-12-01T00:00:00Z")
    }

    @Test("A profile's resume must be a JSON object and its coordinates in range")
    func profileRules() {
        let profile = Profile(
            memberID: 1, country: .france, language: .fr, resume: ["not", "an", "object"],
            coordinates: GeoPoint(latitude: 0, longitude: 200))
        #expect(errors { try profile.validate() }?.map(\.field) == ["resume", "meta.location.lon"])
    }

    @Test("Employments and educations end on or after they start")
    func periods() {
        let start = CalendarDate(year: 2021, month: 3, day: 1)!
        let before = CalendarDate(year: 2021, month: 2, day: 28)!
        #expect(
            errors { try Employment(memberID: 1, companyID: 1, startDate: start, endDate: before).validate() }
                == [
                    FieldError(
                        field: "endDate", reason: "must not be before the start date 2021-03-01 (got 2021-02-28)")
                ])
        #expect(
            errors { try Education(memberID: 1, institution: "", startDate: start, endDate: before).validate() }?
                .map(\.field) == ["institution", "endDate"])
        #expect(Employment(memberID: 1, companyID: 1, startDate: start).isCurrent)
        #expect(!Employment(memberID: 1, companyID: 1, startDate: before, endDate: start).isCurrent)
    }

    @Test("Accounts: email form, and a company exactly for recruiters and admins")
    func accountRules() {
        for email in ["lea", "lea@", "@example.org", "lea@@example.org", "lé a@example.org"] {
            #expect(
                errors { try Account(memberID: 1, email: email, passwordHash: "h").validate() }?.map(\.field) == [
                    "email"
                ])
        }
        #expect(
            errors { try Account(memberID: 1, email: "a@b", passwordHash: "h", role: .recruiter).validate() }
                == [FieldError(field: "companyID", reason: "a recruiter acts for a company: give its id")])
        #expect(
            errors { try Account(memberID: 1, email: "a@b", passwordHash: "h", role: .member, companyID: 3).validate() }
                == [FieldError(field: "companyID", reason: "a member account acts for no company")])
    }

    @Test("Sessions keep a 32-byte hash and expire after they start")
    func sessionRules() {
        let now = Date(timeIntervalSince1970: 1000)
        let session = Session(accountID: 1, kind: .cookie, tokenHash: Data(count: 16), createdAt: now, expiresAt: now)
        #expect(errors { try session.validate() }?.map(\.field) == ["tokenHash", "expiresAt"])
        #expect(session.isExpired(at: now))
    }

    @Test("Connections: strength in 0...1, never with oneself")
    func connectionRules() {
        #expect(errors { try Connection(4, 4, strength: 1.5).validate() }?.map(\.field) == ["memberB", "strength"])
        #expect(throws: Never.self) { try Connection(1, 2, strength: 0).validate() }
        #expect(throws: Never.self) { try Connection(1, 2, strength: 1).validate() }
    }

    @Test("Country and language parsing report the field and what was given")
    func countryAndLanguageParsing() {
        var validator = Validator()
        #expect(validator.country("FR", field: "country") == .france)
        #expect(validator.language("de", field: "language") == .de)
        #expect(validator.errors.isEmpty)
        #expect(validator.country("France", field: "jobLocation.address.addressCountry") == nil)
        #expect(validator.language("xx", field: "inLanguage") == nil)
        #expect(
            validator.errors == [
                FieldError(
                    field: "jobLocation.address.addressCountry",
                    reason: "must be an ISO 3166-1 alpha-2 country code in upper case, like FR (got \"France\")"),
                FieldError(
                    field: "inLanguage", reason: "must be one of the languages fr, en, de, es, it, pt, zh (got \"xx\")"),
            ])
        #expect(throws: ValidationError.self) { try validator.finish() }
    }

    @Test("A ValidationError describes every field in one line")
    func description() {
        let error = ValidationError([
            FieldError(field: "title", reason: "must not be empty"), FieldError(field: "country", reason: "bad"),
        ])
        #expect(error.description == "title: must not be empty; country: bad")
        #expect(error.fields == ["title", "country"])
    }

    @Test("Pages start at 1 and hold 1 to 100 items, 20 by default")
    func pages() throws {
        #expect(Page.first.page == 1)
        #expect(Page.first.perPage == 20)
        #expect(try Page(page: 3, perPage: 10).offset == 20)
        #expect(errors { _ = try Page(page: 0, perPage: 101) }?.map(\.field) == ["page", "per_page"])
        let paged = Paged(items: [1, 2], total: 41, page: try Page(page: 3, perPage: 20))
        #expect(paged.pageCount == 3)
        #expect(!paged.hasNextPage)
    }
}
