import Foundation

/// A JSON Resume line, validated: a member, its CV, and the career entries the importer
/// turns into employments and educations once it knows the companies.
public struct ResumeRecord: Sendable, Equatable {
    /// With `id` 0. `externalID` from `meta.id`, `name`, `email` and `headline` from
    /// `basics`; `country` and `language` from `meta`, else `basics.location.countryCode`
    /// and that country's language; `openToWork`, `profileVisibility` and
    /// `hideConnections` from `meta`.
    public var member: Member
    /// With `memberID` 0. `resume` is the whole document, kept exactly as given.
    public var profile: Profile
    public var work: [WorkRecord]
    public var education: [EducationRecord]

    public init(member: Member, profile: Profile, work: [WorkRecord] = [], education: [EducationRecord] = []) {
        self.member = member
        self.profile = profile
        self.work = work
        self.education = education
    }
}

/// A `work` entry of a CV.
public struct WorkRecord: Sendable, Equatable {
    /// `name` and `url`; the id when the url is `https://{id}.example`.
    public var company: CompanyReference
    public var position: String?
    public var startDate: CalendarDate?
    /// Nil: the member still works there.
    public var endDate: CalendarDate?

    public init(
        company: CompanyReference, position: String? = nil, startDate: CalendarDate? = nil,
        endDate: CalendarDate? = nil
    ) {
        self.company = company
        self.position = position
        self.startDate = startDate
        self.endDate = endDate
    }
}

/// An `education` entry of a CV.
public struct EducationRecord: Sendable, Equatable {
    public var institution: String
    /// The field of study.
    public var area: String?
    public var startDate: CalendarDate?
    public var endDate: CalendarDate?

    public init(
        institution: String, area: String? = nil, startDate: CalendarDate? = nil, endDate: CalendarDate? = nil
    ) {
        self.institution = institution
        self.area = area
        self.startDate = startDate
        self.endDate = endDate
    }
}

/// JSON Resume, one JSON object a line, with Passerelle's member fields in `meta`
/// (FORMATS.md).
///
/// Dates may be `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as JSON Resume allows: a partial
/// start date is the first day of its month or year, a partial end date the last.
public enum ResumeFormat {
    /// The CV on `line`, or every problem found in it. `createdAt` and `updatedAt` are a
    /// fixed placeholder, which the store replaces.
    public static func decode(_ line: some Collection<UInt8>) throws(LineError) -> ResumeRecord {
        let document = try JSONLine.parseObject(line)
        let root = JSONField(document)
        var reader = JSONReader()
        let basics = root["basics"]
        let meta = root["meta"]
        reader.object(basics)
        reader.object(meta)

        let idField = meta["id"]
        if idField.isAbsent { reader.fail(idField, "is required: the member's stable id, such as m-1042") }
        let externalID = reader.string(idField)
        let name = reader.requiredString(basics["name"])
        let email = reader.optionalText(basics["email"])
        if let email {
            var validator = Validator()
            validator.email(email, field: basics["email"].path)
            reader.problems.add(validator)
        }
        let headline = reader.optionalText(basics["label"])
        let summary = reader.optionalText(basics["summary"])
        let location = basics["location"]
        reader.object(location)
        let city = reader.optionalText(location["city"])

        let countryField = meta["country"].isAbsent ? location["countryCode"] : meta["country"]
        var country: Country?
        if countryField.isAbsent {
            reader.fail(
                meta["country"], "is required (or basics.location.countryCode): the member's job space, like FR")
        } else {
            country = reader.country(countryField)
        }
        let language = reader.language(meta["language"], else: country, of: "a member")

        var visibility = Member.ProfileVisibility.public
        if let text = reader.string(meta["profileVisibility"]) {
            if let given = Member.ProfileVisibility(rawValue: text) {
                visibility = given
            } else {
                let known = Member.ProfileVisibility.allCases.map(\.rawValue).joined(separator: ", ")
                reader.fail(meta["profileVisibility"], "must be one of \(known) (got \(Validator.quoted(text)))")
            }
        }
        var relocateTo: [Country] = []
        for element in reader.array(meta["relocateTo"]) {
            if let place = reader.country(element), !relocateTo.contains(place) { relocateTo.append(place) }
        }
        let coordinates = reader.point(meta["location"], latitude: "lat", longitude: "lon")

        let member = Member(
            externalID: externalID ?? "", name: name ?? "", email: email, country: country ?? .france,
            language: language ?? .en, headline: headline, openToWork: reader.bool(meta["openToWork"]) ?? false,
            profileVisibility: visibility, hideConnections: reader.bool(meta["hideConnections"]) ?? false,
            createdAt: ImportedTimestamps.placeholder, updatedAt: ImportedTimestamps.placeholder)
        reader.problems.validate(member, fields: ["externalID": idField.path, "name": basics["name"].path])

        let profile = Profile(
            memberID: 0, country: member.country, language: member.language, resume: document, headline: headline,
            summary: summary, city: city, coordinates: coordinates, skills: skills(root["skills"], &reader),
            relocateTo: relocateTo, createdAt: ImportedTimestamps.placeholder,
            updatedAt: ImportedTimestamps.placeholder)
        // Profile's field names are already the document's paths.
        reader.problems.validate(profile)

        let work = reader.array(root["work"]).compactMap { workRecord($0, &reader) }
        let education = reader.array(root["education"]).compactMap { educationRecord($0, &reader) }
        try reader.problems.finish()
        return ResumeRecord(member: member, profile: profile, work: work, education: education)
    }

    /// The member's CV as one JSON object (no newline): the stored document with `meta`
    /// refreshed from `member` and `profile` (id, country, language, openToWork,
    /// profileVisibility, hideConnections, relocateTo, location) and `basics` from the
    /// member (name, email, label), so that export then import gives the same data. A key
    /// is only rewritten when it says something else, so an unchanged CV is exported as
    /// it was imported.
    public static func encode(_ profile: Profile, member: Member) -> String {
        var document = profile.resume.objectValue ?? [:]
        var basics = document["basics"]?.objectValue ?? [:]
        refresh(&basics, "name", .string(member.name))
        refresh(&basics, "email", member.email.map(JSONValue.string))
        refresh(&basics, "label", member.headline.map(JSONValue.string))
        document["basics"] = .object(basics)

        var meta = document["meta"]?.objectValue ?? [:]
        let statedCountry = basics["location"]?["countryCode"]?.stringValue.flatMap { Country($0) }
        refresh(&meta, "id", .string(member.externalID))
        refresh(&meta, "country", .string(member.country.code), absentMeans: statedCountry == member.country)
        refresh(
            &meta, "language", .string(member.language.code),
            absentMeans: member.country.defaultLanguage == member.language)
        refresh(&meta, "openToWork", .bool(member.openToWork), absentMeans: !member.openToWork)
        refresh(
            &meta, "profileVisibility", .string(member.profileVisibility.rawValue),
            absentMeans: member.profileVisibility == .public)
        refresh(&meta, "hideConnections", .bool(member.hideConnections), absentMeans: !member.hideConnections)
        refresh(
            &meta, "relocateTo", .array(profile.relocateTo.map { .string($0.code) }),
            absentMeans: profile.relocateTo.isEmpty)
        refresh(
            &meta, "location",
            profile.coordinates.map { ["lat": .number($0.latitude), "lon": .number($0.longitude)] })
        document["meta"] = .object(meta)
        return JSONLine.serialize(.object(document))
    }

    // MARK: - The parts of a CV

    /// Sets `object[key]` to `value` (removes it for nil) unless it already says that, or
    /// it is absent and `absentMeans` (its absence already says `value`).
    private static func refresh(
        _ object: inout [String: JSONValue], _ key: String, _ value: JSONValue?, absentMeans: Bool = false
    ) {
        let current = object[key]
        if current == value || (current == nil && absentMeans) { return }
        object[key] = value
    }

    /// The names of `skills` and their keywords, once each whatever the case.
    private static func skills(_ field: JSONField, _ reader: inout JSONReader) -> [String] {
        var names: [String] = []
        for skill in reader.array(field) {
            guard reader.object(skill) != nil else { continue }
            if let name = reader.optionalText(skill["name"]) { names.append(name) }
            for keyword in reader.array(skill["keywords"]) {
                if let text = reader.optionalText(keyword) { names.append(text) }
            }
        }
        return SkillList.deduplicated(names)
    }

    private static func workRecord(_ entry: JSONField, _ reader: inout JSONReader) -> WorkRecord? {
        guard reader.object(entry) != nil else { return nil }
        // JSON Resume before 1.0 called these `company` and `website`.
        let nameField = entry["name"].isAbsent && !entry["company"].isAbsent ? entry["company"] : entry["name"]
        let urlField = entry["url"].isAbsent ? entry["website"] : entry["url"]
        let name = reader.requiredString(nameField)
        let url = reader.optionalText(urlField)
        let position = reader.optionalText(entry["position"])
        let start = reader.resumeDay(entry["startDate"], isEnd: false)
        let end = reader.resumeDay(entry["endDate"], isEnd: true)
        reader.problems.validate(
            Employment(memberID: 0, companyID: 0, title: position, startDate: start, endDate: end),
            fields: ["endDate": entry["endDate"].path])
        let company = CompanyReference(
            externalID: url.flatMap(CompanyReference.externalID(fromURL:)), name: name ?? "", url: url)
        return WorkRecord(company: company, position: position, startDate: start, endDate: end)
    }

    private static func educationRecord(_ entry: JSONField, _ reader: inout JSONReader) -> EducationRecord? {
        guard reader.object(entry) != nil else { return nil }
        let institution = reader.requiredString(entry["institution"])
        let area = reader.optionalText(entry["area"])
        let start = reader.resumeDay(entry["startDate"], isEnd: false)
        let end = reader.resumeDay(entry["endDate"], isEnd: true)
        reader.problems.validate(
            Education(memberID: 0, institution: institution ?? "", area: area, startDate: start, endDate: end),
            fields: ["institution": entry["institution"].path, "endDate": entry["endDate"].path])
        return EducationRecord(institution: institution ?? "", area: area, startDate: start, endDate: end)
    }
}
