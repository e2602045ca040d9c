import Foundation

/// A job offer in one country job space and one language: schema.org's JobPosting
/// as Passerelle keeps it. Unique by ``key`` (company, language, requisition id):
/// importing the same offer twice updates it.
public struct JobPosting: Identifiable, Hashable, Sendable, Codable, Validatable {
    public enum Status: String, CaseIterable, Hashable, Sendable, Codable {
        case open, closed
    }

    /// What makes a posting unique across every country.
    public struct Key: Hashable, Sendable, Codable {
        public var companyID: Int64
        public var language: Language
        /// `identifier.value`: the recruiter's own reference.
        public var requisitionID: String

        public init(companyID: Int64, language: Language, requisitionID: String) {
            self.companyID = companyID
            self.language = language
            self.requisitionID = requisitionID
        }
    }

    /// How long a posting stays valid when the feed gives no `validThrough`.
    public static let defaultValidity = 30

    /// Passerelle's own id; 0 until a store saves the posting.
    public var id: Int64
    /// `jobLocation.address.addressCountry`: the job space and the partition.
    public var country: Country
    public var companyID: Int64
    /// `inLanguage`, else the country's language.
    public var language: Language
    public var requisitionID: String
    public var title: String
    /// Sanitised HTML.
    public var description: String
    public var employmentTypes: [EmploymentType]
    /// `jobLocationType: "TELECOMMUTE"`.
    public var remote: Bool
    public var city: String?
    public var region: String?
    public var postalCode: String?
    public var coordinates: GeoPoint?
    public var salary: SalaryRange?
    public var skills: [String]
    /// An ISCO or O*NET code.
    public var occupationalCategory: String?
    public var experienceMonths: Int?
    public var datePosted: CalendarDate
    /// Expired postings leave search.
    public var validThrough: Date
    public var status: Status
    /// Set by the store.
    public var createdAt: Date
    /// Set by the store.
    public var updatedAt: Date

    /// `validThrough` defaults to ``defaultValidity`` days after `datePosted`.
    public init(
        id: Int64 = 0, country: Country, companyID: Int64, language: Language, requisitionID: String,
        title: String, description: String, employmentTypes: [EmploymentType] = [], remote: Bool = false,
        city: String? = nil, region: String? = nil, postalCode: String? = nil, coordinates: GeoPoint? = nil,
        salary: SalaryRange? = nil, skills: [String] = [], occupationalCategory: String? = nil,
        experienceMonths: Int? = nil, datePosted: CalendarDate, validThrough: Date? = nil, status: Status = .open,
        createdAt: Date = Date(), updatedAt: Date = Date()
    ) {
        self.id = id
        self.country = country
        self.companyID = companyID
        self.language = language
        self.requisitionID = requisitionID
        self.title = title
        self.description = description
        self.employmentTypes = employmentTypes
        self.remote = remote
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.coordinates = coordinates
        self.salary = salary
        self.skills = skills
        self.occupationalCategory = occupationalCategory
        self.experienceMonths = experienceMonths
        self.datePosted = datePosted
        self.validThrough = validThrough ?? datePosted.adding(days: JobPosting.defaultValidity).startOfDayUTC
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var key: Key {
        get { Key(companyID: companyID, language: language, requisitionID: requisitionID) }
        set {
            companyID = newValue.companyID
            language = newValue.language
            requisitionID = newValue.requisitionID
        }
    }

    /// True when the posting is past `validThrough` at `date`.
    public func isExpired(at date: Date) -> Bool { validThrough <= date }

    /// Fields are named as in the schema.org JobPosting a feed or the API sends.
    public func validate() throws(ValidationError) {
        var validator = Validator()
        validator.nonBlank(requisitionID, field: "identifier.value")
        validator.nonBlank(title, field: "title")
        validator.nonBlank(description, field: "description")
        validator.coordinates(
            coordinates, latitudeField: "jobLocation.geo.latitude", longitudeField: "jobLocation.geo.longitude")
        salary?.validate(into: &validator, field: "baseSalary")
        if let experienceMonths {
            validator.check(
                experienceMonths >= 0, "experienceRequirements.monthsOfExperience",
                "must be 0 or more (got \(experienceMonths))")
        }
        try validator.finish()
    }
}
