import Foundation
import PasserelleCore
import Testing

@Suite("Formats: schema.org JobPosting lines")
struct FormatsJobPostingTests {
    /// FORMATS.md's example, as written there.
    static let example = """
        {"@context": "https://schema.org", "@type": "JobPosting",
         "identifier": {"@type": "PropertyValue", "name": "acme", "value": "REQ-123"},
         "title": "Développeuse Swift", "description": "<p>…</p>", "inLanguage": "fr",
         "datePosted": "2026-11-01", "validThrough": "2026-12-01T00:00:00Z",
         "employmentType": ["FULL_TIME"],
         "hiringOrganization": {"@type": "Organization", "name": "Acme", "identifier": "acme",
                                "sameAs": "https://acme.example"},
         "jobLocation": {"@type": "Place",
           "address": {"@type": "PostalAddress", "addressLocality": "Toulouse",
                       "addressRegion": "Occitanie", "postalCode": "31000", "addressCountry": "FR"},
           "geo": {"@type": "GeoCoordinates", "latitude": 43.6045, "longitude": 1.4440}},
         "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR",
           "value": {"@type": "QuantitativeValue", "minValue": 45000, "maxValue": 55000, "unitText": "YEAR"}},
         "skills": ["Swift", "PostgreSQL"], "occupationalCategory": "2512",
         "experienceRequirements": {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 36}}
        """

    static let today = FormatsTesting.day("2026-11-22")

    /// The example as a value, to change one field at a time.
    static var exampleValue: JSONValue {
        try! JSONDecoder().decode(JSONValue.self, from: Data(example.utf8))
    }

    private func decode(_ value: JSONValue) throws(LineError) -> PostingRecord {
        try JobPostingFormat.decode(FormatsTesting.line(value), today: Self.today)
    }

    /// The one problem of the example with `path` set to `value`.
    private func problem(
        _ path: String, _ value: JSONValue?, sourceLocation: SourceLocation = #_sourceLocation
    ) -> LineProblem? {
        let line = Self.exampleValue.setting(path, value)
        return FormatsTesting.problem({ () throws(LineError) in _ = try decode(line) }, sourceLocation: sourceLocation)
    }

    @Test("FORMATS.md's example decodes to exactly the expected posting and company")
    func example() throws {
        let record = try JobPostingFormat.decode(FormatsTesting.line(Self.example), today: Self.today)
        #expect(record.company == CompanyReference(externalID: "acme", name: "Acme", url: "https://acme.example"))
        let posting = record.posting
        #expect(posting.id == 0)
        #expect(posting.companyID == 0)
        #expect(posting.country == .france)
        #expect(posting.language == .fr)
        #expect(posting.requisitionID == "REQ-123")
        #expect(posting.title == "Développeuse Swift")
        #expect(posting.description == "<p>…</p>")
        #expect(posting.employmentTypes == [.fullTime])
        #expect(posting.remote == false)
        #expect(posting.city == "Toulouse")
        #expect(posting.region == "Occitanie")
        #expect(posting.postalCode == "31000")
        #expect(posting.coordinates == GeoPoint(latitude: 43.6045, longitude: 1.4440))
        #expect(posting.salary == SalaryRange(minimum: 45000, maximum: 55000, currency: "EUR", period: .year))
        #expect(posting.skills == ["Swift", "PostgreSQL"])
        #expect(posting.occupationalCategory == "2512")
        #expect(posting.experienceMonths == 36)
        #expect(posting.datePosted == FormatsTesting.day("2026-11-01"))
        #expect(posting.validThrough == FormatsTesting.time("2026-12-01T00:00:00Z"))
        #expect(posting.status == .open)
        #expect(posting.createdAt == FormatsTesting.placeholder)
        #expect(posting.updatedAt == FormatsTesting.placeholder)
        #expect(posting.key == JobPosting.Key(companyID: 0, language: .fr, requisitionID: "REQ-123"))
    }

    @Test("Defaults: validThrough 30 days after datePosted, language the country's, RFC 3339 datePosted")
    func defaults() throws {
        let line = Self.exampleValue.setting("validThrough", nil).setting("inLanguage", nil)
            .setting("datePosted", "2026-11-01T18:30:00+02:00")
            .setting("jobLocation.address.addressCountry", "DE")
        let posting = try decode(line).posting
        #expect(posting.datePosted == FormatsTesting.day("2026-11-01"))
        #expect(posting.validThrough == FormatsTesting.time("2026-12-01T00:00:00Z"))
        #expect(posting.country == .germany)
        #expect(posting.language == .de)
    }

    @Test("The alternative spellings schema.org and feeds use are read")
    func alternativeSpellings() throws {
        let line = Self.exampleValue
            .setting("identifier", 4711)
            .setting("hiringOrganization.identifier", ["@type": "PropertyValue", "value": "acme"])
            .setting("hiringOrganization.sameAs", nil)
            .setting("hiringOrganization.url", "https://www.acme.fr")
            .setting("jobLocation.address.addressCountry", ["@type": "Country", "name": "ES"])
            .setting("jobLocation.geo.latitude", "40.4168").setting("jobLocation.geo.longitude", "-3.7038")
            .setting("inLanguage", "es-ES")
            .setting("employmentType", "full-time, PART_TIME")
            .setting("skills", "Swift, Vapor ,swift")
            .setting("baseSalary.value", ["value": 21.5, "unitText": "hour"])
            .setting("experienceRequirements", "Trois ans en équipe")
            .setting("validThrough", "2026-12-15")
        let record = try decode(line)
        #expect(record.company == CompanyReference(externalID: "acme", name: "Acme", url: "https://www.acme.fr"))
        let posting = record.posting
        #expect(posting.requisitionID == "4711")
        #expect(posting.country == .spain)
        #expect(posting.language == .es)
        #expect(posting.coordinates == GeoPoint(latitude: 40.4168, longitude: -3.7038))
        #expect(posting.employmentTypes == [.fullTime, .partTime])
        #expect(posting.skills == ["Swift", "Vapor"])
        #expect(posting.salary == SalaryRange(minimum: 21.5, maximum: 21.5, currency: "EUR", period: .hour))
        #expect(posting.experienceMonths == nil)
        #expect(posting.validThrough == FormatsTesting.time("2026-12-15T00:00:00Z"))
    }

    @Test("jobLocation may be an array: the first place is taken, and problems name it")
    func locationArray() throws {
        let place = Self.exampleValue["jobLocation"]!
        let other = place.setting("address.addressCountry", "IT")
        let line = Self.exampleValue.setting("jobLocation", [place, other])
        #expect(try decode(line).posting.country == .france)
        let bad = Self.exampleValue.setting("jobLocation", [place.setting("geo.latitude", 123)])
        let problem = FormatsTesting.problem { () throws(LineError) in _ = try decode(bad) }
        #expect(problem?.field == "jobLocation[0].geo.latitude")
    }

    @Test("A remote posting takes its country from applicantLocationRequirements")
    func remote() throws {
        let line = Self.exampleValue.setting("jobLocation", nil).setting("jobLocationType", "TELECOMMUTE")
            .setting("applicantLocationRequirements", ["@type": "Country", "name": "PT"]).setting("inLanguage", nil)
        let posting = try decode(line).posting
        #expect(posting.remote)
        #expect(posting.country == .portugal)
        #expect(posting.language == .pt)
        #expect(posting.city == nil && posting.coordinates == nil)

        let withPlace = Self.exampleValue.setting("jobLocationType", "TELECOMMUTE")
        #expect(try decode(withPlace).posting.remote)
        #expect(try decode(withPlace).posting.city == "Toulouse")

        let noCountry = Self.exampleValue.setting("jobLocation", nil).setting("jobLocationType", "TELECOMMUTE")
        #expect(problem("jobLocation", nil)?.field == "jobLocation")
        let missing = FormatsTesting.problem { () throws(LineError) in _ = try decode(noCountry) }
        #expect(missing?.field == "applicantLocationRequirements")
        #expect(problem("jobLocationType", "ONSITE")?.field == "jobLocationType")
    }

    @Test("A well-formed country without a job space is valid (default partition) given a language")
    func countryWithoutJobSpace() throws {
        let line = Self.exampleValue.setting("jobLocation.address.addressCountry", "US")
        #expect(try decode(line).posting.country == Country("US"))
        #expect(try decode(Self.exampleValue.setting("inLanguage", nil)).posting.language == .fr)
        let noLanguage = line.setting("inLanguage", nil)
        let missing = FormatsTesting.problem { () throws(LineError) in _ = try decode(noLanguage) }
        #expect(missing?.field == "inLanguage")
        #expect(missing?.reason.contains("US") == true)
    }

    @Test(
        "Each kind of bad field is refused with its exact path and a reason",
        arguments: [
            ("title", nil, "title", "is required"),
            ("title", "   ", "title", "must not be empty"),
            ("title", 12, "title", "must be a string (got a number)"),
            ("description", nil, "description", "is required"),
            ("description", "<script>x()</script>", "description", "must not be empty"),
            ("identifier", nil, "identifier", "is required"),
            ("hiringOrganization", nil, "hiringOrganization", "is required"),
            ("hiringOrganization", "Acme", "hiringOrganization", "must be an object"),
            ("hiringOrganization.identifier", nil, "hiringOrganization.identifier", "is required"),
            ("hiringOrganization.identifier", "acme corp", "hiringOrganization.identifier", "1 to 100 characters"),
            ("hiringOrganization.name", nil, "hiringOrganization.name", "is required"),
            ("jobLocation.address.addressCountry", "XX1", "jobLocation.address.addressCountry", "ISO 3166-1"),
            ("jobLocation.address.addressCountry", "France", "jobLocation.address.addressCountry", "(got \"France\")"),
            ("jobLocation.address.addressCountry", "X1", "jobLocation.address.addressCountry", "alpha-2"),
            ("jobLocation.address.addressCountry", "fr", "jobLocation.address.addressCountry", "upper case"),
            (
                "jobLocation.address.addressCountry", ["name": "Fr"], "jobLocation.address.addressCountry.name",
                "alpha-2"
            ),
            ("jobLocation.address.addressCountry", nil, "jobLocation.address.addressCountry", "is required"),
            ("jobLocation", "Toulouse", "jobLocation", "must be an object"),
            ("inLanguage", "ru", "inLanguage", "must be one of the languages fr, en, de, es, it, pt, zh (got \"ru\")"),
            ("datePosted", "2026-13-01", "datePosted", "must be a date"),
            ("datePosted", "01/11/2026", "datePosted", "(got \"01/11/2026\")"),
            ("datePosted", nil, "datePosted", "is required"),
            ("datePosted", "2026-11-24", "datePosted", "must not be in the future"),
            ("validThrough", "soon", "validThrough", "RFC 3339"),
            ("validThrough", "2026-10-01T00:00:00Z", "validThrough", "must be after datePosted 2026-11-01"),
            ("baseSalary.value.minValue", 60000, "baseSalary.value.maxValue", "must not be less than minValue"),
            ("baseSalary.value.minValue", -1, "baseSalary.value.minValue", "must be a positive amount"),
            ("baseSalary.value.maxValue", "beaucoup", "baseSalary.value.maxValue", "must be a number"),
            ("baseSalary.value.unitText", "FORTNIGHT", "baseSalary.value.unitText", "HOUR, DAY, WEEK, MONTH, YEAR"),
            ("baseSalary.currency", "euros", "baseSalary.currency", "ISO 4217"),
            ("baseSalary.currency", nil, "baseSalary.currency", "is required"),
            ("baseSalary.value", nil, "baseSalary.value", "minValue, a maxValue or both"),
            ("jobLocation.geo.latitude", 123, "jobLocation.geo.latitude", "between -90 and 90 (got 123.0)"),
            ("jobLocation.geo.longitude", -181, "jobLocation.geo.longitude", "between -180 and 180"),
            ("jobLocation.geo.longitude", nil, "jobLocation.geo.longitude", "is required"),
            ("employmentType", "PERMANENT", "employmentType", "FULL_TIME, PART_TIME"),
            ("employmentType", ["FULL_TIME", "CDI"], "employmentType[1]", "(got \"CDI\")"),
            ("experienceRequirements.monthsOfExperience", -3, "experienceRequirements.monthsOfExperience", "0 or more"),
            ("experienceRequirements.monthsOfExperience", 1.5, "experienceRequirements.monthsOfExperience", "whole"),
            ("skills", ["Swift", 3], "skills[1]", "must be a string"),
            ("@type", "Event", "@type", "must be \"JobPosting\""),
        ] as [(String, JSONValue?, String, String)])
    func badField(path: String, value: JSONValue?, field: String, reason: String) {
        let found = problem(path, value)
        #expect(found?.field == field)
        #expect(found?.reason.contains(reason) == true, "\(found?.reason ?? "no problem")")
    }

    @Test("Every problem of a line is reported, not just the first")
    func severalProblems() {
        let line = Self.exampleValue.setting("title", nil).setting("jobLocation.address.addressCountry", "France")
            .setting("jobLocation.geo.latitude", 123).setting("baseSalary.value.minValue", 90000)
            .setting("employmentType", "PERMANENT").setting("inLanguage", "ru")
            .setting("hiringOrganization.identifier", nil).setting("jobLocation.geo.longitude", "east")
        let found = FormatsTesting.problems { () throws(LineError) in _ = try decode(line) }
        #expect(
            found.map(\.field) == [
                "hiringOrganization.identifier", "title", "employmentType", "jobLocation.address.addressCountry",
                "jobLocation.geo.longitude", "inLanguage", "jobLocation.geo.latitude", "baseSalary.value.maxValue",
            ])
    }

    @Test("The description is sanitised on the way in")
    func descriptionSanitised() throws {
        let line = Self.exampleValue.setting(
            "description", #"<p class="x">Rejoignez-nous &amp; codez</p><script>steal()</script><img src=x>"#)
        #expect(try decode(line).posting.description == "<p>Rejoignez-nous &amp; codez</p>")
    }

    /// Decoding what `encode` wrote gives the same record back.
    private func expectRoundTrip(_ record: PostingRecord, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = JobPostingFormat.encode(record.posting, company: record.company)
        #expect(!text.contains("\n"), sourceLocation: sourceLocation)
        let again = try JobPostingFormat.decode(Array(text.utf8), today: Self.today)
        #expect(again == record, sourceLocation: sourceLocation)
        #expect(JobPostingFormat.encode(again.posting, company: again.company) == text, sourceLocation: sourceLocation)
    }

    @Test("encode then decode gives the same record: the example, unicode and quotes, remote, no salary")
    func roundTrips() throws {
        try expectRoundTrip(try JobPostingFormat.decode(FormatsTesting.line(Self.example), today: Self.today))

        let unicode = PostingRecord(
            company: CompanyReference(externalID: "beijing-01", name: "北京 \"Tech\" & Co", url: nil),
            posting: JobPosting(
                country: .china, companyID: 0, language: .zh, requisitionID: "招聘-7",
                title: "Ingénieur « Swift » \"senior\" </script>",
                description: "<h2>职位</h2><ul><li>Swift &amp; C++ &lt;3</li></ul><p>Ça va ? Ünïcödé ✓</p>",
                employmentTypes: [.contractor, .temporary], city: "北京",
                coordinates: GeoPoint(latitude: 39.9042, longitude: 116.4074),
                salary: SalaryRange(minimum: 30000.5, maximum: nil, currency: "CNY", period: .month),
                skills: ["Swift", "C++"], datePosted: FormatsTesting.day("2026-11-20"),
                validThrough: FormatsTesting.time("2027-01-31T23:59:59Z"), createdAt: FormatsTesting.placeholder,
                updatedAt: FormatsTesting.placeholder))
        try expectRoundTrip(unicode)

        let remote = PostingRecord(
            company: CompanyReference(externalID: "globex", name: "Globex", url: "https://globex.example"),
            posting: JobPosting(
                country: .unitedKingdom, companyID: 0, language: .en, requisitionID: "R-1",
                title: "Remote Swift developer",
                description: "<p>Anywhere in the UK.</p>", remote: true, datePosted: FormatsTesting.day("2026-11-02"),
                createdAt: FormatsTesting.placeholder, updatedAt: FormatsTesting.placeholder))
        try expectRoundTrip(remote)
        let remoteText = JobPostingFormat.encode(remote.posting, company: remote.company)
        #expect(!remoteText.contains(#""jobLocation":"#))  // no place to name
        var remoteWithCity = remote
        remoteWithCity.posting.city = "Leeds"
        try expectRoundTrip(remoteWithCity)

        var foreign = remote
        foreign.posting.country = Country("US")!
        foreign.posting.remote = false
        foreign.posting.experienceMonths = 0
        foreign.posting.occupationalCategory = "15-1252.00"
        try expectRoundTrip(foreign)
    }

    @Test("The JSON is safe inside a <script> element of a job page")
    func jsonLDIsSafe() {
        let posting = JobPosting(
            country: .france, companyID: 0, language: .fr, requisitionID: "R", title: "</script><script>alert(1)",
            description: "<p>a &amp; b</p>", datePosted: FormatsTesting.day("2026-11-01"))
        let text = JobPostingFormat.encode(posting, company: CompanyReference(externalID: "acme", name: "A&B"))
        #expect(!text.contains("<") && !text.contains(">") && !text.contains("&"))
        #expect(text.hasPrefix(#"{"@context":"https://schema.org","@type":"JobPosting","#))
        #expect(text.contains(#""title":"\u003c/script\u003e\u003cscript\u003ealert(1)""#))
    }
}
