import Foundation

/// A person on the network: the owner of a CV, of connections and of applications.
public struct Member: Identifiable, Hashable, Sendable, Codable, Validatable {
    /// Who may see the member's CV.
    public enum ProfileVisibility: String, CaseIterable, Hashable, Sendable, Codable {
        /// Everyone, and CV search.
        case `public`
        /// Its connections only.
        case network
        /// No one: the CV is out of search.
        case hidden
    }

    /// Passerelle's own id; 0 until a store saves the member.
    public var id: Int64
    /// The stable id of the API and of JSON Resume's `meta.id`.
    public var externalID: String
    public var name: String
    public var email: String?
    /// The member's job space: its CV lives there.
    public var country: Country
    public var language: Language
    public var headline: String?
    /// Shown to recruiters only, never to those of the member's current employer.
    public var openToWork: Bool
    public var profileVisibility: ProfileVisibility
    /// Such a member is never shown as an intermediary on a referral path.
    public var hideConnections: Bool
    /// Set by the store.
    public var createdAt: Date
    /// Set by the store.
    public var updatedAt: Date

    public init(
        id: Int64 = 0, externalID: String, name: String, email: String? = nil, country: Country,
        language: Language, headline: String? = nil, openToWork: Bool = false,
        profileVisibility: ProfileVisibility = .public, hideConnections: Bool = false,
        createdAt: Date = Date(), updatedAt: Date = Date()
    ) {
        self.id = id
        self.externalID = externalID
        self.name = name
        self.email = email
        self.country = country
        self.language = language
        self.headline = headline
        self.openToWork = openToWork
        self.profileVisibility = profileVisibility
        self.hideConnections = hideConnections
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public func validate() throws(ValidationError) {
        var validator = Validator()
        validator.externalID(externalID, field: "externalID")
        validator.nonBlank(name, field: "name")
        try validator.finish()
    }
}
