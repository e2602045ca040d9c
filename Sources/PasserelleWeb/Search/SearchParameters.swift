import PasserelleCore
import PasserelleSearch

/// Typed values of a search's query string. Each reader throws a 400 that names
/// the parameter and says why; an empty value counts as not given (forms send
/// their empty fields), and a parameter given twice where one is expected is refused.
struct SearchParameters {
    let parameters: QueryParameters

    /// The longest search text taken, in UTF-8 bytes.
    static let maximumQueryBytes = 1_000
    /// Deeper pages cost the index more than anyone reads: 10,000 pages of 100.
    static let maximumPage = 10_000
    static let maximumPerPage = 100
    /// 100 years: enough for any posting, and far from overflowing a time stamp.
    static let maximumPostedWithinDays = 36_500

    init(query: String?) {
        parameters = QueryParameters(query: query)
    }

    // MARK: - Text

    /// `q`: at most ``maximumQueryBytes`` bytes of UTF-8; "" when not given.
    func searchText() throws -> String {
        let values = parameters["q"]
        guard values.count <= 1 else { throw APIError.invalidQuery("given more than once") }
        guard let value = values.first else { return "" }
        guard let text = value.text else {
            throw APIError.invalidQuery("not valid UTF-8 once percent-decoded")
        }
        guard text.utf8.count <= Self.maximumQueryBytes else {
            throw APIError.invalidQuery(
                "\(text.utf8.count) bytes long; at most \(Self.maximumQueryBytes) bytes are searched")
        }
        return text
    }

    /// The one value of `name`; nil when not given or empty.
    func single(_ name: String) throws -> String? {
        let values = try texts(name).map(\.trimmingWhitespace).filter { !$0.isEmpty }
        guard values.count <= 1 else { throw APIError.invalidParameter(name, "given more than once; give it once") }
        return values.first
    }

    /// Every item of a repeatable `name`; with `commaLists`, `a,b` is two items.
    func list(_ name: String, commaLists: Bool) throws -> [String] {
        let values = try texts(name)
        let items = commaLists ? values.flatMap { $0.split(separator: ",").map(String.init) } : values
        return items.map { $0.trimmingWhitespace }.filter { !$0.isEmpty }
    }

    private func texts(_ name: String) throws -> [String] {
        try parameters[name].map { value in
            guard let text = value.text else {
                throw APIError.invalidParameter(name, "not valid UTF-8 once percent-decoded")
            }
            return text
        }
    }

    // MARK: - Numbers and flags

    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = try single(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.invalidParameter(
                name, "must be a whole number from \(range.lowerBound) to \(range.upperBound) (got \(quoted(text)))")
        }
        return value
    }

    /// A finite decimal number that `isAllowed` accepts (`rule` says which).
    func number(_ name: String, _ rule: String, _ isAllowed: (Double) -> Bool) throws -> Double? {
        guard let text = try single(name) else { return nil }
        guard let value = Self.decimal(text), isAllowed(value) else {
            throw APIError.invalidParameter(name, "must be \(rule) (got \(quoted(text)))")
        }
        return value
    }

    /// `true` or `false`.
    func flag(_ name: String) throws -> Bool? {
        guard let text = try single(name) else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: throw APIError.invalidParameter(name, "must be true or false (got \(quoted(text)))")
        }
    }

    /// One of the raw values of `T`, once `normalized`.
    func choice<T: CaseIterable & RawRepresentable>(
        _ name: String, _ type: T.Type, normalized: (String) -> String = { $0 }
    ) throws -> T? where T.RawValue == String {
        try single(name).map { try value(name, normalized($0), T.self) }
    }

    /// Raw values of `T`, once `normalized`: repeatable and comma lists.
    func choices<T: CaseIterable & RawRepresentable & Hashable>(
        _ name: String, _ type: T.Type, normalized: (String) -> String = { $0 }
    ) throws -> [T] where T.RawValue == String {
        try list(name, commaLists: true).map { try value(name, normalized($0), T.self) }.uniqued()
    }

    private func value<T: CaseIterable & RawRepresentable>(_ name: String, _ text: String, _ type: T.Type) throws -> T
    where T.RawValue == String {
        guard let value = T(rawValue: text) else { throw unknown(name, text, T.allCases.map(\.rawValue)) }
        return value
    }

    // MARK: - Codes, places, facets, pages

    /// `country`, repeatable and comma lists: ISO 3166-1 alpha-2 codes, either case.
    func countries() throws -> [Country] {
        try list("country", commaLists: true).map { code in
            guard let country = Country(code.uppercased()) else {
                throw APIError.invalidParameter(
                    "country", "\(quoted(code)) is not an ISO 3166-1 alpha-2 code (two letters, like FR)")
            }
            return country
        }.uniqued()
    }

    /// `lang`: an ISO 639-1 code of a language Passerelle stems, either case.
    func language() throws -> Language? {
        try choice("lang", Language.self) { $0.lowercased() }
    }

    /// `near` (`lat,lon`) with `radius_km`, checked with `sort`: a radius or a sort
    /// by distance needs a point to measure from.
    func circle(sort: SearchSort) throws -> GeoCircle? {
        let radius = try number("radius_km", "a number of kilometres greater than 0") { $0 > 0 }
        guard let text = try single("near") else {
            if radius != nil { throw APIError.invalidParameter("radius_km", "needs near=lat,lon to measure from") }
            if sort == .distance { throw APIError.invalidParameter("sort", "distance needs near=lat,lon") }
            return nil
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let latitude = Self.decimal(parts[0]), let longitude = Self.decimal(parts[1]) else {
            throw APIError.invalidParameter(
                "near", "must be lat,lon in decimal degrees, like 43.6,1.44 (got \(quoted(text)))")
        }
        guard (-90...90).contains(latitude) else {
            throw APIError.invalidParameter("near", "the latitude must be from -90 to 90 (got \(parts[0]))")
        }
        guard (-180...180).contains(longitude) else {
            throw APIError.invalidParameter("near", "the longitude must be from -180 to 180 (got \(parts[1]))")
        }
        return GeoCircle(center: GeoPoint(latitude: latitude, longitude: longitude), radiusKilometres: radius)
    }

    /// `facets`: a comma list of the facets this search counts.
    func facets(allowed: [SearchFacet]) throws -> [SearchFacet] {
        try list("facets", commaLists: true).map { name in
            guard let facet = SearchFacet(rawValue: name), allowed.contains(facet) else {
                throw unknown("facets", name, allowed.map(\.rawValue))
            }
            return facet
        }.uniqued()
    }

    /// `page` (from 1) and `per_page` (1 to 100, 20 by default).
    func page() throws -> SearchPage {
        SearchPage(
            number: try integer("page", in: 1...Self.maximumPage) ?? 1,
            size: try integer("per_page", in: 1...Self.maximumPerPage) ?? SearchPage().size)
    }

    // MARK: - Helpers

    private func unknown(_ name: String, _ value: String, _ expected: [String]) -> APIError {
        APIError.invalidParameter(
            name, "unknown value \(quoted(value)); expected one of \(expected.joined(separator: ", "))")
    }

    /// A decimal number as people write it; Swift's `Double(_:)` also takes `nan`,
    /// `inf` and hexadecimal, which no one means in a URL.
    static func decimal(_ text: some StringProtocol) -> Double? {
        let text = text.trimmingWhitespace
        let allowed = text.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "e")
                || byte == UInt8(ascii: "E")
        }
        guard allowed, let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
