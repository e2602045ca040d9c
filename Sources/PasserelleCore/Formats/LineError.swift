import Foundation

/// Why one line of an import file was refused: the field and the reason in plain words.
public struct LineProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// A JSON path such as `jobLocation.address.addressCountry` or `work[1].endDate`, or a
    /// CSV column name; nil for the whole line (bad JSON, invalid UTF-8).
    public var field: String?
    /// Why the line is refused, written for the person who sent it.
    public var reason: String

    /// A problem with `field` (nil: with the whole line).
    public init(field: String?, reason: String) {
        self.field = field
        self.reason = reason
    }

    /// `field: reason`, or the reason alone for the whole line.
    public var description: String { field.map { "\($0): \(reason)" } ?? reason }
}

/// A line that cannot be imported, with every problem found in it, so that the sender
/// fixes them in one go.
public struct LineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Never empty; in the order they were found.
    public var problems: [LineProblem]

    /// An error with `problems`, of which there is at least one.
    public init(_ problems: [LineProblem]) {
        precondition(!problems.isEmpty, "a line error names at least one problem")
        self.problems = problems
    }

    /// An error with one problem.
    public init(field: String?, reason: String) {
        self.init([LineProblem(field: field, reason: reason)])
    }

    /// The faulty fields, in the order they were found (nil: the whole line).
    public var fields: [String?] { problems.map(\.field) }

    /// Every problem, separated by `; `.
    public var description: String { problems.map(\.description).joined(separator: "; ") }
}

/// Collects a line's problems and throws them together. A field is reported once, and
/// nothing is reported inside a field already refused: a `jobLocation` that is not an
/// object does not also give "jobLocation.address is required".
struct LineProblems {
    private(set) var problems: [LineProblem] = []

    /// Records that `field` is wrong, unless it or a field that contains it already is.
    mutating func fail(_ field: String?, _ reason: String) {
        if let field, problems.contains(where: { $0.field.map { LineProblems.covers($0, field) } ?? false }) {
            return
        }
        problems.append(LineProblem(field: field, reason: reason))
    }

    /// Records the rules of the domain that `value` breaks, renaming the domain's field
    /// names to the line's own where they differ (`externalID` is `meta.id` in a CV).
    mutating func validate(_ value: some Validatable, fields: [String: String] = [:]) {
        do {
            try value.validate()
        } catch {
            for fieldError in error.errors {
                fail(fields[fieldError.field] ?? fieldError.field, fieldError.reason)
            }
        }
    }

    /// Records what a validator found.
    mutating func add(_ validator: Validator) {
        for error in validator.errors { fail(error.field, error.reason) }
    }

    /// Throws what was recorded, if anything.
    func finish() throws(LineError) {
        if !problems.isEmpty { throw LineError(problems) }
    }

    /// True when `outer` is `inner` or one of its parents in a JSON path.
    private static func covers(_ outer: String, _ inner: String) -> Bool {
        guard inner.hasPrefix(outer) else { return false }
        let rest = inner.dropFirst(outer.count)
        return rest.isEmpty || rest.hasPrefix(".") || rest.hasPrefix("[")
    }
}

/// The text of a line: UTF-8 checked (a file in Latin-1 is refused, not garbled) and a
/// byte order mark, which editors put at the start of a file, dropped.
enum LineText {
    static func decode(_ line: some Collection<UInt8>) throws(LineError) -> String {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = line.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
            case .emptyInput:
                var text = String(decoding: line, as: UTF8.self)
                if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
                return text
            case .error:
                let byte = line.dropFirst(offset).first ?? 0
                let hex = String(byte, radix: 16, uppercase: true)
                throw LineError(
                    field: nil,
                    reason: "the line is not valid UTF-8: byte \(offset + 1) is 0x\(hex.leftPadded(to: 2));"
                        + " save the file as UTF-8")
            }
        }
    }
}

/// The time the decoded domain values carry in `createdAt` and `updatedAt`: the store
/// sets both when it saves, and a fixed value keeps decoding a pure function, so the
/// same line always gives equal records.
enum ImportedTimestamps {
    static let placeholder = Date(timeIntervalSince1970: 0)
}
