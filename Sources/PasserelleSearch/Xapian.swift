import Foundation
import PasserelleIndexing
import PasserelleStore

/// An error raised inside Xapian, caught in `indexing/` and carried across as a
/// type and a message: C++ exceptions never cross into Swift.
public struct SearchError: Error, Sendable, CustomStringConvertible {
    /// Xapian's error class (`DatabaseOpeningError`, `QueryParserError`, ...),
    /// `std::exception` or `unknown`.
    public let type: String
    public let message: String

    public var description: String { "Xapian \(type): \(message)" }

    /// True when the query text could not be parsed: the user's mistake (HTTP 400).
    public var isInvalidQuery: Bool { type == "QueryParserError" }

    public init(type: String, message: String) {
        self.type = type
        self.message = message
    }

    init(_ error: pi_error) {
        var copy = error
        type = withUnsafeBytes(of: &copy.type) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        message = withUnsafeBytes(of: &copy.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}

/// The Xapian library Passerelle is linked with.
public enum Xapian {
    /// Its version, e.g. "1.4.22".
    public static var version: String { String(cString: pi_xapian_version()) }

    /// Opens the database at `path` and reads its document count, on a thread of
    /// its own (Xapian calls block). Throws ``SearchError`` when Xapian refuses.
    public static func checkDatabase(at path: String) async throws {
        try await BlockingThread.run(named: "passerelle-xapian") {
            var error = pi_error()
            let status = path.utf8CString.withUnsafeBufferPointer { bytes in
                pi_check_database(bytes.baseAddress, bytes.count - 1, &error)
            }
            if status != 0 { throw SearchError(error) }
        }
    }
}
