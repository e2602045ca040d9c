/// One field that breaks a rule: where it is and why, in plain words.
public struct FieldError: Hashable, Sendable, CustomStringConvertible {
    /// The field's path in the input's own terms: `title`,
    /// `jobLocation.address.addressCountry`, `meta.location.lat`.
    public var field: String
    /// Why the value is refused, written for the person who sent it.
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// Input that breaks the domain's rules, with every faulty field at once, so that
/// a caller fixes them in one go. Raised before any SQL runs.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Never empty.
    public var errors: [FieldError]

    public init(_ errors: [FieldError]) {
        precondition(!errors.isEmpty, "a validation error names at least one field")
        self.errors = errors
    }

    public init(field: String, reason: String) {
        self.init([FieldError(field: field, reason: reason)])
    }

    /// The faulty fields' paths, in the order they were found.
    public var fields: [String] { errors.map(\.field) }

    public var description: String { errors.map(\.description).joined(separator: "; ") }
}

/// A value that can check itself against the rules the schema's CHECKs enforce.
public protocol Validatable {
    /// Throws every rule the value breaks.
    func validate() throws(ValidationError)
}
