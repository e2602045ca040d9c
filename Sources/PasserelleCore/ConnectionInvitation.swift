import Foundation

/// A member's request to connect with another; accepting it makes the connection.
public struct ConnectionInvitation: Identifiable, Hashable, Sendable, Codable, Validatable {
    public enum Status: String, CaseIterable, Hashable, Sendable, Codable {
        case pending, accepted, declined, withdrawn
    }

    /// Passerelle's own id; 0 until a store saves it.
    public var id: Int64
    public var inviterID: Int64
    public var inviteeID: Int64
    public var message: String?
    public var status: Status
    public var createdAt: Date
    /// When it stopped being pending.
    public var decidedAt: Date?

    public init(
        id: Int64 = 0, inviterID: Int64, inviteeID: Int64, message: String? = nil, status: Status = .pending,
        createdAt: Date = Date(), decidedAt: Date? = nil
    ) {
        self.id = id
        self.inviterID = inviterID
        self.inviteeID = inviteeID
        self.message = message
        self.status = status
        self.createdAt = createdAt
        self.decidedAt = decidedAt
    }

    public func validate() throws(ValidationError) {
        var validator = Validator()
        validator.check(inviterID != inviteeID, "inviteeID", "a member cannot invite itself")
        try validator.finish()
    }
}
