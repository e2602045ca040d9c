import Foundation
import PasserelleIndexing

/// The multilingual job-title thesaurus of `seed/job_title_thesaurus.tsv`: every
/// title of an occupation in seven languages and both genders. Shards get it as
/// Xapian synonyms, so that `développeuse` finds `développeur` and
/// `software developer` finds `Softwareentwickler`.
public final class JobTitleThesaurus: @unchecked Sendable {
    /// One title of the file.
    public struct Entry: Hashable, Sendable {
        public var occupation: String
        public var language: String
        /// "m", "f" or "n".
        public var gender: Character
        public var title: String
    }

    public let entries: [Entry]
    // Read-only once built: indexing/ only reads it, from any one thread at a time.
    let handle: OpaquePointer

    public init(entries: [Entry]) {
        self.entries = entries
        handle = pi_thesaurus_new()
        ByteArena.with { arena in
            for entry in entries {
                pi_thesaurus_add(
                    handle, arena.bytes(entry.occupation), arena.bytes(entry.language),
                    CChar(entry.gender.asciiValue ?? UInt8(ascii: "n")), arena.bytes(entry.title))
            }
        }
        pi_thesaurus_finish(handle)
    }

    deinit { pi_thesaurus_free(handle) }

    /// The occupations (the file's `occupation_id`s) of the thesaurus titles that
    /// `title` holds, in any language and gender: "Développeuse Swift" and "Software
    /// Developer" share one.
    public func occupations(in title: String) -> Set<String> {
        ByteArena.with { arena in
            let text = arena.bytes(title)
            var buffer = [UInt8](repeating: 0, count: 256)
            while true {
                let needed = buffer.withUnsafeMutableBufferPointer { out in
                    out.withMemoryRebound(to: CChar.self) {
                        pi_thesaurus_occupations(handle, text, $0.baseAddress, $0.count)
                    }
                }
                if needed <= buffer.count {
                    return Set(
                        buffer.prefix(needed).split(separator: UInt8(ascii: "\n")).map {
                            String(decoding: $0, as: UTF8.self)
                        })
                }
                buffer = [UInt8](repeating: 0, count: needed)
            }
        }
    }

    /// Parses the TSV (header `occupation_id isco_code language gender preferred title ...`).
    public convenience init(tsv: String) throws {
        var entries: [Entry] = []
        for (index, line) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index == 0 || line.isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 6, let gender = fields[3].first else {
                throw ThesaurusError(line: index + 1, reason: "expected at least 6 tab-separated fields")
            }
            entries.append(
                Entry(
                    occupation: String(fields[0]), language: String(fields[2]), gender: gender,
                    title: String(fields[5])))
        }
        self.init(entries: entries)
    }

    /// The thesaurus compiled into the program from `seed/`.
    public static let bundled: JobTitleThesaurus = {
        let text = String(decoding: PackageResources.job_title_thesaurus_tsv, as: UTF8.self)
        // The file is part of the build: a malformed line is a build defect.
        do { return try JobTitleThesaurus(tsv: text) } catch { fatalError("seed/job_title_thesaurus.tsv: \(error)") }
    }()
}

/// A line of a thesaurus file that cannot be read.
public struct ThesaurusError: Error, CustomStringConvertible {
    public var line: Int
    public var reason: String
    public var description: String { "job_title_thesaurus.tsv line \(line): \(reason)" }
}
