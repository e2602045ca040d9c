import Foundation

/// A candidate asking a connection to refer it for a job.
public struct ReferralRequest: Identifiable, Hashable, Sendable, Codable, Validatable {
    public enum Status: String, CaseIterable, Hashable, Sendable, Codable {
        case pending, accepted, declined, withdrawn
    }

    /// Passerelle's own id; 0 until a store saves it.
    public var id: Int64
    public var jobID: Int64
    public var candidateID: Int64
    public var referrerID: Int64
    public var message: String?
    public var status: Status
    public var createdAt: Date
    /// When it stopped being pending; nil exactly while pending.
    public var decidedAt: Date?

    public init(
        id: Int64 = 0, jobID: Int64, candidateID: Int64, referrerID: Int64, message: String? = nil,
        status: Status = .pending, createdAt: Date = Date(), decidedAt: Date? = nil
    ) {
        self.id = id
        self.jobID = jobID
        self.candidateID = candidateID
        self.referrerID = referrerID
        self.message = message
        self.status = status
        self.createdAt = createdAt
        self.decidedAt = decidedAt
    }

    public func validate() throws(ValidationError) {
        var validator = Validator()
        validator.check(candidateID != referrerID, "referrerID", "a member cannot refer itself")
        try validator.finish()
    }
}
