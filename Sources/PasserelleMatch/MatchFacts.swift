import Foundation
import PasserelleCore
import PasserelleSearch

/// An offer as matching weighs it.
public struct OfferFacts: Hashable, Sendable {
    public var title: String
    /// The skills it asks for (schema.org `skills`): all required.
    public let skills: [String]
    /// Their ``SkillKey``s, in the same order.
    public let skillKeys: [String]
    /// The description as plain text: skills a CV lists that it mentions count a little.
    public var text: String
    public var language: Language
    public var country: Country
    public var location: GeoPoint?
    public var remote: Bool
    public var experienceMonths: Int?
    public var companyID: Int64

    public init(
        title: String, skills: [String], text: String = "", language: Language, country: Country,
        location: GeoPoint?, remote: Bool, experienceMonths: Int?, companyID: Int64
    ) {
        self.title = title
        self.skills = skills
        skillKeys = skills.map(SkillKey.of)
        self.text = text
        self.language = language
        self.country = country
        self.location = location
        self.remote = remote
        self.experienceMonths = experienceMonths
        self.companyID = companyID
    }

    /// A posting: its description's text, its coordinates.
    public init(_ posting: JobPosting) {
        self.init(
            title: posting.title, skills: posting.skills, text: HTMLSanitizer.plainText(posting.description),
            language: posting.language, country: posting.country, location: posting.coordinates,
            remote: posting.remote, experienceMonths: posting.experienceMonths, companyID: posting.companyID)
    }

    /// A job search row (no description: a recommended offer is weighed on its skills).
    public init?(_ row: JobRow) {
        guard let language = Language(rawValue: row.language), let country = Country(row.country),
            let company = Int64(row.company.id)
        else { return nil }
        self.init(
            title: row.title, skills: row.skills, language: language, country: country,
            location: row.location.map { GeoPoint(latitude: $0.lat, longitude: $0.lon) }, remote: row.remote,
            experienceMonths: row.experienceMonths, companyID: company)
    }
}

/// A CV as matching weighs it.
public struct CandidateFacts: Hashable, Sendable {
    public var memberID: Int64
    public var headline: String?
    public let skills: [String]
    /// Their ``SkillKey``s, in the same order.
    public let skillKeys: [String]
    public var experienceMonths: Int
    public var spokenLanguages: [Language]
    public var country: Country
    public var location: GeoPoint?
    public var relocateTo: [Country]
    public var openToWork: Bool

    public init(
        memberID: Int64, headline: String?, skills: [String], experienceMonths: Int, spokenLanguages: [Language],
        country: Country, location: GeoPoint?, relocateTo: [Country], openToWork: Bool
    ) {
        self.memberID = memberID
        self.headline = headline
        self.skills = skills
        skillKeys = skills.map(SkillKey.of)
        self.experienceMonths = experienceMonths
        self.spokenLanguages = spokenLanguages
        self.country = country
        self.location = location
        self.relocateTo = relocateTo
        self.openToWork = openToWork
    }

    /// A CV search row, its experience counted up to `today`.
    public init?(_ row: ProfileRow, today: CalendarDate) {
        guard let id = Int64(row.id), let country = Country(row.country) else { return nil }
        self.init(
            memberID: id, headline: row.headline, skills: row.skills,
            experienceMonths: row.experienceMonths(asOf: today),
            spokenLanguages: row.spokenLanguages.compactMap(Language.init(rawValue:)), country: country,
            location: row.location.map { GeoPoint(latitude: $0.lat, longitude: $0.lon) },
            relocateTo: row.relocateTo.compactMap { Country($0) }, openToWork: row.openToWork)
    }

    /// A member's own CV.
    public init(profile: Profile, member: Member, today: CalendarDate) {
        self.init(
            memberID: member.id, headline: profile.headline ?? member.headline, skills: profile.skills,
            experienceMonths: CareerFacts.experienceMonths(of: profile.resume, asOf: today),
            spokenLanguages: CareerFacts.spokenLanguages(of: profile.resume, native: profile.language),
            country: profile.country, location: profile.coordinates, relocateTo: profile.relocateTo,
            openToWork: member.openToWork)
    }
}
