import Foundation
import PasserelleCore

/// Where the shards live: `<root>/<country>/<kind>` is a Xapian stub file naming
/// the glass directory beside it that holds the shard now (`auto jobs.<stamp>`).
/// A rebuild writes a new directory and swaps the stub with one `rename`, so
/// readers see the old shard or the new one, never half of either.
public struct IndexLayout: Hashable, Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The stub file of one shard.
    public func stub(_ country: Country, _ kind: IndexKind) -> URL {
        root.appendingPathComponent(country.code).appendingPathComponent(kind.rawValue)
    }

    /// The directory the stub names; nil when the shard was never built.
    public func currentDirectory(_ country: Country, _ kind: IndexKind) -> URL? {
        let stub = stub(country, kind)
        guard let text = try? String(contentsOf: stub, encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n").first ?? ""
        guard line.hasPrefix("auto "), case let name = line.dropFirst(5), !name.isEmpty, !name.contains("/")
        else { return nil }
        return stub.deletingLastPathComponent().appendingPathComponent(String(name))
    }

    /// Opens the shard for writing, creating it (and its stub) when it was never built.
    public func openWriter(
        _ country: Country, _ kind: IndexKind, thesaurus: JobTitleThesaurus?
    ) throws -> ShardWriter {
        if let current = currentDirectory(country, kind) {
            return try ShardWriter(directory: current, kind: kind, thesaurus: thesaurus)
        }
        let fresh = try newDirectory(country, kind)
        // The database exists before the stub names it: a reader never finds a stub without one.
        let writer = try ShardWriter(directory: fresh, kind: kind, thesaurus: thesaurus)
        try activate(fresh, country, kind)
        return writer
    }

    /// A new, unused directory name beside the stub, for a rebuild.
    public func newDirectory(_ country: Country, _ kind: IndexKind) throws -> URL {
        let parent = stub(country, kind).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let stamp = Int64(Date().timeIntervalSince1970 * 1000)
        return parent.appendingPathComponent("\(kind.rawValue).\(stamp)-\(UInt32.random(in: 0...UInt32.max))")
    }

    /// What a shard's documents hold, as this build writes them: a shard of another
    /// format answers, but without what came since (2: matching's facts in the rows).
    public static let documentFormat = 2
    private static let formatFile = "passerelle-format"

    /// The format of the shard in use: 1 for a shard written before formats were
    /// recorded, nil when the shard was never built.
    public func format(_ country: Country, _ kind: IndexKind) -> Int? {
        guard let directory = currentDirectory(country, kind) else { return nil }
        let text = try? String(contentsOf: directory.appendingPathComponent(Self.formatFile), encoding: .utf8)
        return text.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 1
    }

    /// The shards in use whose format is not this build's (never-built ones left out).
    public func outdatedShards(_ countries: [Country]) -> [String] {
        countries.flatMap { country in
            IndexKind.allCases.compactMap { kind in
                format(country, kind).flatMap { $0 == Self.documentFormat ? nil : "\(country.code)/\(kind.rawValue)" }
            }
        }
    }

    /// Points the stub at `directory` (a shard this build just wrote: its format is
    /// recorded in it) atomically; returns the directory it named before.
    @discardableResult
    public func activate(_ directory: URL, _ country: Country, _ kind: IndexKind) throws -> URL? {
        try Data("\(Self.documentFormat)\n".utf8).write(to: directory.appendingPathComponent(Self.formatFile))
        let previous = currentDirectory(country, kind)
        let stub = stub(country, kind)
        let temporary = stub.deletingLastPathComponent().appendingPathComponent(".\(kind.rawValue).stub-\(getpid())")
        try Data("auto \(directory.lastPathComponent)\n".utf8).write(to: temporary)
        guard rename(temporary.path, stub.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: stub.path])
        }
        return previous
    }

    /// What identifies the stub's current content cheaply (its inode changes with
    /// every swap): readers compare it before a search.
    func stubIdentity(_ country: Country, _ kind: IndexKind) -> UInt64? {
        var status = stat()
        guard stat(stub(country, kind).path, &status) == 0 else { return nil }
        return UInt64(status.st_ino)
    }
}
