import Foundation
import PasserelleCore

/// What a job search result shows, kept in the index's document data so that a
/// search needs no PostgreSQL round trip. Field names are the API's.
public struct JobRow: Hashable, Sendable, Codable {
    public struct CompanyRef: Hashable, Sendable, Codable {
        public var id: String
        public var name: String
    }

    public struct Location: Hashable, Sendable, Codable {
        public var lat: Double
        public var lon: Double
    }

    public struct Salary: Hashable, Sendable, Codable {
        public var min: Double?
        public var max: Double?
        public var currency: String
        public var period: String?
    }

    public var id: String
    public var requisitionID: String
    public var title: String
    public var company: CompanyRef
    public var country: String
    public var city: String?
    public var location: Location?
    /// The first employment type; `types` has them all.
    public var type: String?
    public var types: [String]
    public var remote: Bool
    public var language: String
    public var salary: Salary?
    public var postedAt: Date
    public var validThrough: Date
    /// The skills the offer asks for.
    public var skills: [String]
    /// The experience it asks for (`experienceRequirements.monthsOfExperience`).
    public var experienceMonths: Int?

    enum CodingKeys: String, CodingKey {
        case id, title, company, country, city, location, type, types, remote, language, salary, skills
        case requisitionID = "requisition_id"
        case postedAt = "posted_at"
        case validThrough = "valid_through"
        case experienceMonths = "experience_months"
    }

    public init(posting: JobPosting, companyName: String) {
        id = String(posting.id)
        requisitionID = posting.requisitionID
        title = posting.title
        company = CompanyRef(id: String(posting.companyID), name: companyName)
        country = posting.country.code
        city = posting.city
        location = posting.coordinates.map { Location(lat: $0.latitude, lon: $0.longitude) }
        types = posting.employmentTypes.map(\.rawValue)
        type = types.first
        remote = posting.remote
        language = posting.language.code
        salary = posting.salary.map {
            Salary(min: $0.minimum, max: $0.maximum, currency: $0.currency, period: $0.period?.rawValue)
        }
        postedAt = posting.datePosted.startOfDayUTC
        validThrough = posting.validThrough
        skills = posting.skills
        experienceMonths = posting.experienceMonths
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        requisitionID = try container.decode(String.self, forKey: .requisitionID)
        title = try container.decode(String.self, forKey: .title)
        company = try container.decode(CompanyRef.self, forKey: .company)
        country = try container.decode(String.self, forKey: .country)
        city = try container.decodeIfPresent(String.self, forKey: .city)
        location = try container.decodeIfPresent(Location.self, forKey: .location)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        types = try container.decode([String].self, forKey: .types)
        remote = try container.decode(Bool.self, forKey: .remote)
        language = try container.decode(String.self, forKey: .language)
        salary = try container.decodeIfPresent(Salary.self, forKey: .salary)
        postedAt = try container.decode(Date.self, forKey: .postedAt)
        validThrough = try container.decode(Date.self, forKey: .validThrough)
        // Shards written before matching have neither: empty until the next reindex.
        skills = try container.decodeIfPresent([String].self, forKey: .skills) ?? []
        experienceMonths = try container.decodeIfPresent(Int.self, forKey: .experienceMonths)
    }
}

/// What a CV search result shows. Contact details never enter the index.
public struct ProfileRow: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var headline: String?
    public var country: String
    public var city: String?
    public var location: JobRow.Location?
    public var language: String
    public var skills: [String]
    /// Shown to recruiters only, and never to those of a current employer
    /// (`currentCompanyIDs`): the caller removes it.
    public var openToWork: Bool
    public var currentCompanyIDs: [String]
    public var visibility: String
    /// Months worked up to `experienceAsOf` (``CareerFacts/experienceMonths(of:asOf:)``).
    public var experienceMonths: Int
    /// The day the CV was indexed.
    public var experienceAsOf: CalendarDate
    /// ISO codes, the CV's own language first.
    public var spokenLanguages: [String]
    /// The countries the member would move to.
    public var relocateTo: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, headline, country, city, location, language, skills, visibility
        case openToWork = "open_to_work"
        case currentCompanyIDs = "current_company_ids"
        case experienceMonths = "experience_months"
        case experienceAsOf = "experience_as_of"
        case spokenLanguages = "spoken_languages"
        case relocateTo = "relocate_to"
    }

    /// The row of `document`, its experience counted up to `today`.
    public init(document: ProfileDocument, today: CalendarDate = CalendarDate(utcDayOf: Date())) {
        let profile = document.profile
        id = String(profile.memberID)
        name = document.member.name
        headline = profile.headline ?? document.member.headline
        country = profile.country.code
        city = profile.city
        location = profile.coordinates.map { JobRow.Location(lat: $0.latitude, lon: $0.longitude) }
        language = profile.language.code
        skills = profile.skills
        openToWork = document.member.openToWork
        currentCompanyIDs = document.currentCompanyIDs.map { String($0) }
        visibility = document.member.profileVisibility.rawValue
        experienceAsOf = today
        experienceMonths = CareerFacts.experienceMonths(of: profile.resume, asOf: today)
        spokenLanguages = CareerFacts.spokenLanguages(of: profile.resume, native: profile.language).map(\.code)
        relocateTo = profile.relocateTo.map(\.code)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        headline = try container.decodeIfPresent(String.self, forKey: .headline)
        country = try container.decode(String.self, forKey: .country)
        city = try container.decodeIfPresent(String.self, forKey: .city)
        location = try container.decodeIfPresent(JobRow.Location.self, forKey: .location)
        language = try container.decode(String.self, forKey: .language)
        skills = try container.decode([String].self, forKey: .skills)
        openToWork = try container.decode(Bool.self, forKey: .openToWork)
        currentCompanyIDs = try container.decode([String].self, forKey: .currentCompanyIDs)
        visibility = try container.decode(String.self, forKey: .visibility)
        // Shards written before matching have none of these: empty until the next reindex.
        experienceMonths = try container.decodeIfPresent(Int.self, forKey: .experienceMonths) ?? 0
        experienceAsOf =
            try container.decodeIfPresent(CalendarDate.self, forKey: .experienceAsOf) ?? CalendarDate(daysSinceEpoch: 0)
        spokenLanguages = try container.decodeIfPresent([String].self, forKey: .spokenLanguages) ?? [language]
        relocateTo = try container.decodeIfPresent([String].self, forKey: .relocateTo) ?? []
    }

    /// Months worked up to `day`: those counted at indexing, and since then while
    /// the member has a current job.
    public func experienceMonths(asOf day: CalendarDate) -> Int {
        guard !currentCompanyIDs.isEmpty, day > experienceAsOf else { return experienceMonths }
        return experienceMonths + CareerFacts.months(inDays: day.daysSinceEpoch - experienceAsOf.daysSinceEpoch)
    }
}

/// A posting with what the index needs beside it.
public struct PostingDocument: Hashable, Sendable {
    public var posting: JobPosting
    public var companyName: String

    public init(posting: JobPosting, companyName: String) {
        self.posting = posting
        self.companyName = companyName
    }
}

/// A CV with its member (name, settings) and current employers.
public struct ProfileDocument: Hashable, Sendable {
    public var profile: Profile
    public var member: Member
    public var currentCompanyIDs: [Int64]

    public init(profile: Profile, member: Member, currentCompanyIDs: [Int64]) {
        self.profile = profile
        self.member = member
        self.currentCompanyIDs = currentCompanyIDs
    }

    /// Hidden CVs are found by no search: they are not in the index at all.
    public var isSearchable: Bool { member.profileVisibility != .hidden }
}
