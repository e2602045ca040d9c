import Foundation

/// A change for the index writer and the graph, written in the same transaction
/// as the change itself. The entry names what changed; the reader fetches the
/// current state (or removes it, for a delete).
public struct OutboxEntry: Identifiable, Hashable, Sendable, Codable {
    public enum Topic: String, CaseIterable, Hashable, Sendable, Codable {
        /// A job posting: `entityID` is the posting, `country` its shard.
        case posting
        /// A CV: `entityID` is the member, `country` its shard.
        case profile
        /// A connection: `entityID` is member A, `otherID` member B.
        case connection
        /// A member's settings or the parts of it that search and the graph show.
        case member
    }

    public enum Operation: String, CaseIterable, Hashable, Sendable, Codable {
        /// Created or changed: fetch it again.
        case upsert
        /// Gone from the database (or from this country's shard).
        case delete
    }

    public var id: Int64
    /// The writing transaction's id (`xid8`); entries are read in (txid, id) order.
    public var transactionID: UInt64
    public var topic: Topic
    public var operation: Operation
    public var country: Country?
    public var entityID: Int64
    public var otherID: Int64?
    public var createdAt: Date

    public init(
        id: Int64, transactionID: UInt64, topic: Topic, operation: Operation, country: Country?,
        entityID: Int64, otherID: Int64?, createdAt: Date
    ) {
        self.id = id
        self.transactionID = transactionID
        self.topic = topic
        self.operation = operation
        self.country = country
        self.entityID = entityID
        self.otherID = otherID
        self.createdAt = createdAt
    }

    /// Where a reader that has applied this entry resumes.
    public var position: OutboxPosition { OutboxPosition(transactionID: transactionID, id: id) }
}

/// A reader's place in the outbox: the last entry applied, in (txid, id) order.
/// Its text form, `txid:id`, is what a shard keeps in its metadata.
public struct OutboxPosition: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var transactionID: UInt64
    public var id: Int64

    public init(transactionID: UInt64, id: Int64) {
        self.transactionID = transactionID
        self.id = id
    }

    /// Before every entry.
    public static let start = OutboxPosition(transactionID: 0, id: 0)

    /// Parses `txid:id`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let transactionID = UInt64(parts[0]), let id = Int64(parts[1]) else { return nil }
        self.init(transactionID: transactionID, id: id)
    }

    public var description: String { "\(transactionID):\(id)" }

    public static func < (lhs: OutboxPosition, rhs: OutboxPosition) -> Bool {
        (lhs.transactionID, lhs.id) < (rhs.transactionID, rhs.id)
    }
}
