import Foundation
import PasserelleCore

/// What an import can fail on as a whole (a bad line is not one of these: it is
/// reported and, by default, set aside).
public enum ImportError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(String, String)
    case cannotRead(String)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open \(path): \(reason)"
        case .cannotRead(let reason): return "cannot read: \(reason)"
        case .cannotWrite(let reason): return "cannot write: \(reason)"
        }
    }
}

/// A refused line: where, which field, why.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var field: String?
    public var reason: String

    /// `jobs.jsonl:12: title: is missing`, as compilers print it.
    public var description: String {
        "\(file):\(line): " + (field.map { "\($0): " } ?? "") + reason
    }
}

/// How an import went.
public struct ImportReport: Sendable {
    public var read = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0
    /// The first problems found (all of them are in ``problemsFile``).
    public var problems: [ImportProblem] = []
    /// False when `--strict` refused the file: nothing was loaded.
    public var loaded = true
    /// The rejected lines as they were, to fix and import again.
    public var rejectsFile: String?
    /// Every problem, one a line.
    public var problemsFile: String?

    static let problemsKept = 100

    public var summary: String {
        var text =
            "read \(read), inserted \(inserted), updated \(updated), unchanged \(unchanged), rejected \(rejected)"
        if !loaded { text += " — nothing loaded (--strict)" }
        return text
    }
}

/// Where an import is, for a progress bar.
public struct ImportProgress: Sendable {
    public var linesRead: Int
    public var bytesRead: Int
    public var totalBytes: Int
    public var elapsed: Duration
}
