import Foundation
import PasserelleCore
import Testing

@Suite("Formats: JSON Resume lines")
struct FormatsResumeTests {
    /// FORMATS.md's example, as written there.
    static let example = """
        {"basics": {"name": "Léa Martin", "label": "Développeuse backend", "email": "lea@example.org",
                    "summary": "…", "location": {"city": "Toulouse", "countryCode": "FR"}},
         "work": [{"name": "Acme", "position": "Développeuse", "startDate": "2021-03-01"},
                  {"name": "Globex", "position": "Stagiaire", "startDate": "2019-09-01", "endDate": "2020-02-28"}],
         "education": [{"institution": "INSA Toulouse", "area": "Informatique", "endDate": "2020-06-30"}],
         "skills": [{"name": "Swift", "level": "Advanced", "keywords": ["SwiftNIO"]}],
         "languages": [{"language": "French", "fluency": "Native speaker"}, {"language": "English", "fluency": "Professional"}],
         "meta": {"id": "m-1042", "country": "FR", "language": "fr", "openToWork": true,
                  "profileVisibility": "public", "hideConnections": false,
                  "relocateTo": ["DE"], "location": {"lat": 43.6045, "lon": 1.4440}}}
        """

    static var exampleValue: JSONValue {
        try! JSONDecoder().decode(JSONValue.self, from: Data(example.utf8))
    }

    private func decode(_ value: JSONValue) throws(LineError) -> ResumeRecord {
        try ResumeFormat.decode(FormatsTesting.line(value))
    }

    private func problem(
        _ path: String, _ value: JSONValue?, sourceLocation: SourceLocation = #_sourceLocation
    ) -> LineProblem? {
        let line = Self.exampleValue.setting(path, value)
        return FormatsTesting.problem({ () throws(LineError) in _ = try decode(line) }, sourceLocation: sourceLocation)
    }

    @Test("FORMATS.md's example decodes to exactly the expected member, CV, work and education")
    func example() throws {
        let record = try ResumeFormat.decode(FormatsTesting.line(Self.example))
        let member = record.member
        #expect(member.id == 0)
        #expect(member.externalID == "m-1042")
        #expect(member.name == "Léa Martin")
        #expect(member.email == "lea@example.org")
        #expect(member.country == .france)
        #expect(member.language == .fr)
        #expect(member.headline == "Développeuse backend")
        #expect(member.openToWork == true)
        #expect(member.profileVisibility == .public)
        #expect(member.hideConnections == false)
        #expect(member.createdAt == FormatsTesting.placeholder && member.updatedAt == FormatsTesting.placeholder)

        let profile = record.profile
        #expect(profile.memberID == 0)
        #expect(profile.country == .france)
        #expect(profile.language == .fr)
        #expect(profile.resume == Self.exampleValue)
        #expect(profile.headline == "Développeuse backend")
        #expect(profile.summary == "…")
        #expect(profile.city == "Toulouse")
        #expect(profile.coordinates == GeoPoint(latitude: 43.6045, longitude: 1.4440))
        #expect(profile.skills == ["Swift", "SwiftNIO"])
        #expect(profile.relocateTo == [.germany])
        #expect(profile.createdAt == FormatsTesting.placeholder && profile.updatedAt == FormatsTesting.placeholder)

        #expect(
            record.work == [
                WorkRecord(
                    company: CompanyReference(externalID: nil, name: "Acme"), position: "Développeuse",
                    startDate: FormatsTesting.day("2021-03-01"), endDate: nil),
                WorkRecord(
                    company: CompanyReference(externalID: nil, name: "Globex"), position: "Stagiaire",
                    startDate: FormatsTesting.day("2019-09-01"), endDate: FormatsTesting.day("2020-02-28")),
            ])
        #expect(
            record.education == [
                EducationRecord(
                    institution: "INSA Toulouse", area: "Informatique", startDate: nil,
                    endDate: FormatsTesting.day("2020-06-30"))
            ])
    }

    @Test("Without meta.country and meta.language: basics.location.countryCode and its language; defaults")
    func defaults() throws {
        let line = Self.exampleValue.setting("meta", ["id": "m-7"]).setting("basics.location.countryCode", "IT")
        let record = try decode(line)
        #expect(record.member.country == .italy)
        #expect(record.member.language == .it)
        #expect(record.member.openToWork == false)
        #expect(record.member.profileVisibility == .public)
        #expect(record.member.hideConnections == false)
        #expect(record.profile.relocateTo == [])
        #expect(record.profile.coordinates == nil)
    }

    @Test("Skills: names and keywords, once each whatever the case, in order")
    func skills() throws {
        let line = Self.exampleValue.setting(
            "skills",
            [
                ["name": "Swift", "keywords": ["SwiftNIO", "swift", "Vapor"]],
                ["name": "PostgreSQL", "keywords": ["SQL", "swiftnio"]], ["keywords": ["Xapian"]],
            ])
        #expect(try decode(line).profile.skills == ["Swift", "SwiftNIO", "Vapor", "PostgreSQL", "SQL", "Xapian"])
    }

    @Test("Work: company ids from https://{id}.example, old names company/website, partial dates")
    func work() throws {
        let line = Self.exampleValue.setting(
            "work",
            [
                ["name": "Acme SAS", "url": "https://acme.example", "startDate": "2021-03"],
                ["company": "Globex", "website": "https://www.globex.com", "startDate": "2019", "endDate": "2020"],
                ["name": "Initech", "startDate": "2018-02", "endDate": "2018-02"],
            ])
        let work = try decode(line).work
        #expect(
            work == [
                WorkRecord(
                    company: CompanyReference(externalID: "acme", name: "Acme SAS", url: "https://acme.example"),
                    startDate: FormatsTesting.day("2021-03-01")),
                WorkRecord(
                    company: CompanyReference(externalID: nil, name: "Globex", url: "https://www.globex.com"),
                    startDate: FormatsTesting.day("2019-01-01"), endDate: FormatsTesting.day("2020-12-31")),
                WorkRecord(
                    company: CompanyReference(externalID: nil, name: "Initech"),
                    startDate: FormatsTesting.day("2018-02-01"), endDate: FormatsTesting.day("2018-02-28")),
            ])
    }

    @Test(
        "Each kind of bad field is refused with its exact path and a reason",
        arguments: [
            ("meta.id", nil, "meta.id", "is required"),
            ("meta", nil, "meta.id", "is required"),
            ("meta.id", "m 1042/x", "meta.id", "1 to 100 characters among letters, digits and . _ : -"),
            ("meta.id", 1042, "meta.id", "must be a string"),
            ("basics.name", nil, "basics.name", "is required"),
            ("basics.name", " ", "basics.name", "must not be empty"),
            ("basics.email", "lea.example.org", "basics.email", "email address"),
            ("meta.country", "France", "meta.country", "ISO 3166-1"),
            ("meta.language", "ru", "meta.language", "fr, en, de, es, it, pt, zh"),
            ("meta.openToWork", "yes", "meta.openToWork", "must be true or false"),
            ("meta.profileVisibility", "friends", "meta.profileVisibility", "public, network, hidden"),
            ("meta.relocateTo", ["DE", "Deutschland"], "meta.relocateTo[1]", "ISO 3166-1"),
            ("meta.relocateTo", "DE", "meta.relocateTo", "must be an array"),
            ("meta.location", ["lat": 123, "lon": 1], "meta.location.lat", "between -90 and 90"),
            ("meta.location", ["lat": 43], "meta.location.lon", "is required"),
            ("basics", "Léa", "basics", "must be an object"),
            ("work", ["name": "Acme"], "work", "must be an array"),
            ("skills", ["Swift"], "skills[0]", "must be an object"),
        ] as [(String, JSONValue?, String, String)])
    func badField(path: String, value: JSONValue?, field: String, reason: String) {
        let found = problem(path, value)
        #expect(found?.field == field)
        #expect(found?.reason.contains(reason) == true, "\(found?.reason ?? "no problem")")
    }

    @Test("Bad work and education entries are named by their index")
    func badEntries() {
        let line = Self.exampleValue
            .setting("work", [["name": "Acme"], ["name": "Globex", "startDate": "2020-01-01", "endDate": "2019-06"]])
            .setting("education", [["area": "Informatique"], ["institution": "INSA", "startDate": "juin 2020"]])
        let found = FormatsTesting.problems { () throws(LineError) in _ = try decode(line) }
        #expect(found.map(\.field) == ["work[1].endDate", "education[0].institution", "education[1].startDate"])
        #expect(found.first?.reason.contains("must not be before the start date 2020-01-01 (got 2019-06-30)") == true)
        #expect(found.last?.reason.contains("YYYY-MM-DD, YYYY-MM or YYYY") == true)
    }

    @Test("A member in a country without a job space needs meta.language")
    func countryWithoutJobSpace() throws {
        let line = Self.exampleValue.setting("meta.country", "US").setting("meta.language", nil)
        let found = FormatsTesting.problem { () throws(LineError) in _ = try decode(line) }
        #expect(found?.field == "meta.language")
        #expect(try decode(line.setting("meta.language", "en")).member.country == Country("US"))
        let noCountry = Self.exampleValue.setting("meta.country", nil).setting("basics.location", nil)
        #expect(FormatsTesting.problem { () throws(LineError) in _ = try decode(noCountry) }?.field == "meta.country")
    }

    @Test("Every problem of a CV is reported, not just the first")
    func severalProblems() {
        let line = Self.exampleValue.setting("meta.id", "m/1").setting("basics.name", nil)
            .setting("basics.email", "nobody").setting("meta.location.lat", 100)
        let found = FormatsTesting.problems { () throws(LineError) in _ = try decode(line) }
        #expect(found.map(\.field) == ["basics.name", "basics.email", "meta.id", "meta.location.lat"])
    }

    @Test("An unchanged CV is exported exactly as it was imported, and imports the same")
    func unchangedRoundTrip() throws {
        let record = try ResumeFormat.decode(FormatsTesting.line(Self.example))
        let text = ResumeFormat.encode(record.profile, member: record.member)
        #expect(!text.contains("\n"))
        let again = try ResumeFormat.decode(Array(text.utf8))
        #expect(again == record)
        #expect(again.profile.resume == Self.exampleValue)

        // Defaults left unsaid stay unsaid.
        let sparse = try decode(Self.exampleValue.setting("meta", ["id": "m-7"]))
        let sparseText = ResumeFormat.encode(sparse.profile, member: sparse.member)
        #expect(try ResumeFormat.decode(Array(sparseText.utf8)).profile.resume == sparse.profile.resume)
    }

    @Test("Export refreshes meta and basics from the member, so that import gives the member back")
    func changedRoundTrip() throws {
        var record = try ResumeFormat.decode(FormatsTesting.line(Self.example))
        record.member.name = "Léa « Lou » \"Martin\"-Dupont 李"
        record.member.email = nil
        record.member.headline = "Architecte \\ logiciel"
        record.member.country = .germany
        record.member.language = .en
        record.member.openToWork = false
        record.member.profileVisibility = .network
        record.member.hideConnections = true
        record.profile.relocateTo = []
        record.profile.coordinates = GeoPoint(latitude: 52.52, longitude: 13.405)

        let again = try ResumeFormat.decode(Array(ResumeFormat.encode(record.profile, member: record.member).utf8))
        #expect(again.member == record.member)
        #expect(again.profile.country == .germany && again.profile.language == .en)
        #expect(again.profile.headline == "Architecte \\ logiciel")
        #expect(again.profile.relocateTo == [])
        #expect(again.profile.coordinates == GeoPoint(latitude: 52.52, longitude: 13.405))
        #expect(again.work == record.work && again.education == record.education)
        #expect(again.profile.resume["basics"]?["email"] == nil)
        #expect(again.profile.resume["languages"] == Self.exampleValue["languages"])

        // And that export, imported and exported again, is stable.
        let twice = try ResumeFormat.decode(Array(ResumeFormat.encode(again.profile, member: again.member).utf8))
        #expect(twice == again)
    }
}
