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

    enum CodingKeys: String, CodingKey {
        case id, title, company, country, city, location, type, types, remote, language, salary
        case requisitionID = "requisition_id"
        case postedAt = "posted_at"
        case validThrough = "valid_through"
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

    enum CodingKeys: String, CodingKey {
        case id, name, headline, country, city, location, language, skills, visibility
        case openToWork = "open_to_work"
        case currentCompanyIDs = "current_company_ids"
    }

    public init(document: ProfileDocument) {
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
