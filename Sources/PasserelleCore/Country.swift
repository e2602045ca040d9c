/// A country, as its ISO 3166-1 alpha-2 code in upper case (`FR`). Only the form is
/// checked (two letters A-Z), not ISO's list: a roaming partner may send a country
/// Passerelle has no job space for, and its postings go to the default partition.
public struct Country: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The two upper-case letters.
    public let code: String

    /// Nil unless `code` is exactly two ASCII upper-case letters.
    public init?(_ code: some StringProtocol) {
        guard Country.isWellFormed(code) else { return nil }
        self.code = String(code)
    }

    public init?(rawValue: String) { self.init(rawValue) }

    /// For the constants below, which are known to be well formed.
    private init(known code: StaticString) { self.code = code.description }

    public var rawValue: String { code }
    public var description: String { code }

    public static func < (lhs: Country, rhs: Country) -> Bool { lhs.code < rhs.code }

    /// True when `code` has the form of an alpha-2 code (what the schema's `country_code` checks).
    public static func isWellFormed(_ code: some StringProtocol) -> Bool {
        let utf8 = code.utf8
        return utf8.count == 2 && utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }

    public static let france = Country(known: "FR")
    public static let germany = Country(known: "DE")
    public static let spain = Country(known: "ES")
    public static let italy = Country(known: "IT")
    public static let portugal = Country(known: "PT")
    public static let unitedKingdom = Country(known: "GB")
    public static let china = Country(known: "CN")

    /// The country job spaces configured by default, in the order they are shown
    /// (the migration creates their partitions).
    public static let jobSpaces: [Country] = [.france, .germany, .spain, .italy, .portugal, .unitedKingdom, .china]

    private static let defaultLanguages: [Country: Language] = [
        .france: .fr, .germany: .de, .spain: .es, .italy: .it, .portugal: .pt, .unitedKingdom: .en, .china: .zh,
    ]

    /// The language a posting or CV of this country gets when it names none; nil
    /// for a country without a job space.
    public var defaultLanguage: Language? { Country.defaultLanguages[self] }

    /// True when Passerelle has a job space (and partitions) for this country.
    public var hasJobSpace: Bool { defaultLanguage != nil }
}
