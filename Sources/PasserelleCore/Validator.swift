/// Collects the rules a value breaks, then throws them together as one
/// ``ValidationError``. The rules are the schema's CHECKs, said in words, so that
/// bad input is refused with a clear message before it reaches PostgreSQL.
///
///     var validator = Validator()
///     validator.nonBlank(title, field: "title")
///     let country = validator.country(text, field: "jobLocation.address.addressCountry")
///     try validator.finish()
public struct Validator: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    /// Records that `field` is wrong, and why.
    public mutating func fail(_ field: String, _ reason: String) {
        errors.append(FieldError(field: field, reason: reason))
    }

    /// Records `reason` for `field` unless `condition` holds.
    public mutating func check(_ condition: Bool, _ field: String, _ reason: @autoclosure () -> String) {
        if !condition { fail(field, reason()) }
    }

    /// Throws what was recorded, if anything.
    public func finish() throws(ValidationError) {
        if !errors.isEmpty { throw ValidationError(errors) }
    }

    // MARK: - The rules

    /// An id given by the outside world (`meta.id`, `hiringOrganization.identifier`):
    /// 1 to 100 of `A-Z a-z 0-9 . _ : -`, so that it fits in a URL path as is.
    public mutating func externalID(_ value: String, field: String) {
        let allowed = value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"),
                UInt8(ascii: "-"):
                true
            default: false
            }
        }
        check(
            allowed && (1...100).contains(value.utf8.count), field,
            "must be 1 to 100 characters among letters, digits and . _ : - (got \(Validator.quoted(value)))")
    }

    /// Text that must say something: not empty, not only spaces.
    public mutating func nonBlank(_ value: String, field: String) {
        check(!Validator.isBlank(value), field, "must not be empty")
    }

    /// Optional text that, when given, must say something.
    public mutating func nonBlankIfPresent(_ value: String?, field: String) {
        if let value { nonBlank(value, field: field) }
    }

    /// An email address of the form `someone@somewhere`: one `@`, something on
    /// each side, no spaces.
    public mutating func email(_ value: String, field: String) {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        check(
            parts.count == 2 && parts.allSatisfy { !$0.isEmpty } && !value.contains(where: \.isWhitespace), field,
            "must be an email address like name@example.org (got \(Validator.quoted(value)))")
    }

    /// A point on Earth: latitude in -90...90, longitude in -180...180.
    public mutating func coordinates(_ point: GeoPoint?, latitudeField: String, longitudeField: String) {
        guard let point else { return }
        check(
            (-90...90).contains(point.latitude), latitudeField,
            "must be a latitude between -90 and 90 (got \(point.latitude))")
        check(
            (-180...180).contains(point.longitude), longitudeField,
            "must be a longitude between -180 and 180 (got \(point.longitude))")
    }

    /// An end date, when both are known, on or after the start date.
    public mutating func period(start: CalendarDate?, end: CalendarDate?, endField: String) {
        guard let start, let end else { return }
        check(end >= start, endField, "must not be before the start date \(start) (got \(end))")
    }

    /// Parses an ISO 3166-1 alpha-2 code; records the error and returns nil when it is not one.
    public mutating func country(_ text: String, field: String) -> Country? {
        guard let country = Country(text) else {
            fail(
                field,
                "must be an ISO 3166-1 alpha-2 country code in upper case, like FR (got \(Validator.quoted(text)))")
            return nil
        }
        return country
    }

    /// Parses a language code; records the error and returns nil when Passerelle does not know it.
    public mutating func language(_ text: String, field: String) -> Language? {
        guard let language = Language(rawValue: text) else {
            let known = Language.allCases.map(\.rawValue).joined(separator: ", ")
            fail(field, "must be one of the languages \(known) (got \(Validator.quoted(text)))")
            return nil
        }
        return language
    }

    private static func isBlank(_ value: String) -> Bool {
        value.allSatisfy(\.isWhitespace)
    }

    /// The value as shown in a message: quoted, and cut when long.
    static func quoted(_ value: String) -> String {
        let shown = value.count > 40 ? value.prefix(40) + "…" : Substring(value)
        return "\"\(shown)\""
    }
}
