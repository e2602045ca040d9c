import Foundation

/// A member vouching for a candidate for a job; the candidate can attach it to
/// its application, and the recruiter sees who referred whom.
public struct Referral: Identifiable, Hashable, Sendable, Codable, Validatable {
    /// Passerelle's own id; 0 until a store saves it.
    public var id: Int64
    /// The request it answers; nil for a referral given unasked.
    public var requestID: Int64?
    public var jobID: Int64
    /// Nil once the candidate was erased; the referrer keeps the record.
    public var candidateID: Int64?
    /// Nil once the referrer was erased; the candidate keeps the record.
    public var referrerID: Int64?
    public var note: String?
    public var createdAt: Date

    public init(
        id: Int64 = 0, requestID: Int64? = nil, jobID: Int64, candidateID: Int64?, referrerID: Int64?,
        note: String? = nil, createdAt: Date = Date()
    ) {
        self.id = id
        self.requestID = requestID
        self.jobID = jobID
        self.candidateID = candidateID
        self.referrerID = referrerID
        self.note = note
        self.createdAt = createdAt
    }

    public func validate() throws(ValidationError) {
        var validator = Validator()
        if let candidateID, let referrerID {
            validator.check(candidateID != referrerID, "referrerID", "a member cannot refer itself")
        }
        try validator.finish()
    }
}
