import Foundation
import PasserelleCore
import PasserelleIndexing

/// What a shard holds: job postings or CVs.
public enum IndexKind: String, CaseIterable, Hashable, Sendable, Codable {
    case jobs, profiles

    var code: Int32 { self == .jobs ? Int32(PI_KIND_JOBS) : Int32(PI_KIND_PROFILES) }
}

/// One country's shard of one kind, open for writing. Xapian calls block: use it
/// from one thread (a ``BlockingThread``), never from the cooperative pool.
/// Changes become visible to readers at ``commit(position:)``.
public final class ShardWriter: @unchecked Sendable {
    public let kind: IndexKind
    public let directory: URL
    private let handle: OpaquePointer
    // indexing/ keeps a pointer to the thesaurus: it lives as long as the writer.
    private let thesaurus: JobTitleThesaurus?

    /// Opens the glass database at `directory`, creating it when missing. With a
    /// thesaurus, the shard's synonyms are brought up to date with it.
    public init(directory: URL, kind: IndexKind, thesaurus: JobTitleThesaurus?) throws {
        self.kind = kind
        self.directory = directory
        self.thesaurus = thesaurus
        handle = try ByteArena.with { arena in
            let path = arena.bytes(directory.path)
            return try checked { pi_writer_open(path, kind.code, thesaurus?.handle, $0) }
        }
    }

    deinit { pi_writer_free(handle) }

    /// Adds or replaces the posting's document.
    public func add(_ document: PostingDocument) throws {
        precondition(kind == .jobs, "a posting goes to a jobs shard")
        try ByteArena.with { arena in
            var posting = IndexedDocument.posting(document, arena: arena)
            try checked { pi_writer_add_posting(handle, &posting, $0) }
        }
    }

    /// Adds or replaces the CV's document; a hidden CV is removed instead.
    public func add(_ document: ProfileDocument) throws {
        precondition(kind == .profiles, "a CV goes to a profiles shard")
        guard document.isSearchable else { return try delete(id: document.profile.memberID) }
        try ByteArena.with { arena in
            var profile = IndexedDocument.profile(document, arena: arena)
            try checked { pi_writer_add_profile(handle, &profile, $0) }
        }
    }

    /// Removes the document with this id (a posting, or a member's CV), if any.
    public func delete(id: Int64) throws {
        try checked { pi_writer_delete(handle, id, $0) }
    }

    /// Makes every change since the last commit visible, with the outbox position
    /// they bring the shard to, in one atomic step.
    public func commit(position: OutboxPosition) throws {
        try ByteArena.with { arena in
            let text = arena.bytes(position.description)
            try checked { pi_writer_commit(handle, text, $0) }
        }
    }

    /// The outbox position of the last commit; nil for a new shard.
    public func position() throws -> OutboxPosition? {
        try readPosition { buffer, capacity, error in pi_writer_position(handle, buffer, capacity, error) }
    }

    public var documentCount: Int { Int(pi_writer_document_count(handle)) }
}

/// One shard open for reading. Used from one thread at a time.
public final class ShardReader: @unchecked Sendable {
    public let directory: URL
    let handle: OpaquePointer

    public init(directory: URL) throws {
        self.directory = directory
        handle = try ByteArena.with { arena in
            let path = arena.bytes(directory.path)
            return try checked { pi_reader_open(path, $0) }
        }
    }

    deinit { pi_reader_free(handle) }

    /// Moves to the latest commit.
    public func reopen() throws {
        try checked { pi_reader_reopen(handle, $0) }
    }

    public var documentCount: Int { Int(pi_reader_document_count(handle)) }

    /// The outbox position of the commit this reader sees.
    public func position() throws -> OutboxPosition? {
        try readPosition { buffer, capacity, error in pi_reader_position(handle, buffer, capacity, error) }
    }
}

private func readPosition(
    _ read: (UnsafeMutablePointer<CChar>, Int, UnsafeMutablePointer<pi_error>) -> Int64
) throws -> OutboxPosition? {
    var buffer = [CChar](repeating: 0, count: 128)
    var error = pi_error()
    let length = buffer.withUnsafeMutableBufferPointer { read($0.baseAddress!, $0.count, &error) }
    if length < 0 { throw SearchError(error) }
    let text = String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return text.isEmpty ? nil : OutboxPosition(text)
}
