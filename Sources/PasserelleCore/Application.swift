import Foundation

/// A member's application to a job, which the job's recruiters move through stages.
public struct Application: Identifiable, Hashable, Sendable, Codable {
    /// Where an application stands. Every application starts at ``applied``;
    /// ``hired``, ``rejected`` and ``withdrawn`` are final.
    public enum Stage: String, CaseIterable, Hashable, Sendable, Codable {
        case applied, screening, interview, offer, hired, rejected, withdrawn

        /// The stage that follows this one when the process goes on; nil from
        /// ``offer`` on (``hired`` ends it) and from the final stages.
        private var next: Stage? {
            switch self {
            case .applied: .screening
            case .screening: .interview
            case .interview: .offer
            case .offer: .hired
            case .hired, .rejected, .withdrawn: nil
            }
        }

        /// True for a stage from which nothing moves.
        public var isFinal: Bool { next == nil }

        /// Whether an application at this stage may move to `stage`: one step
        /// forward (applied → screening → interview → offer → hired), or out of
        /// the process (rejected by the recruiter, withdrawn by the candidate)
        /// from any stage that is not final. Never backwards, never in place.
        public func canMove(to stage: Stage) -> Bool {
            guard let next else { return false }
            return stage == next || stage == .rejected || stage == .withdrawn
        }

        /// The stages this one may move to, in the order of ``allCases``.
        public var allowedMoves: [Stage] { Stage.allCases.filter(canMove(to:)) }
    }

    /// One move in an application's history.
    public struct StageChange: Identifiable, Hashable, Sendable, Codable {
        public var id: Int64
        public var applicationID: Int64
        public var stage: Stage
        /// The member who made the move (the candidate, a recruiter); nil once erased.
        public var changedBy: Int64?
        public var changedAt: Date

        public init(id: Int64, applicationID: Int64, stage: Stage, changedBy: Int64?, changedAt: Date) {
            self.id = id
            self.applicationID = applicationID
            self.stage = stage
            self.changedBy = changedBy
            self.changedAt = changedAt
        }
    }

    /// Passerelle's own id; 0 until a store saves it.
    public var id: Int64
    public var jobID: Int64
    /// The candidate; nil once the candidate was erased (the recruiter's record stays).
    public var memberID: Int64?
    /// The referral the candidate attached, if any.
    public var referralID: Int64?
    public var stage: Stage
    public var message: String?
    /// The CV as sent with the application.
    public var resume: JSONValue?
    /// Set by the store.
    public var createdAt: Date
    /// Set by the store.
    public var updatedAt: Date

    public init(
        id: Int64 = 0, jobID: Int64, memberID: Int64?, referralID: Int64? = nil, stage: Stage = .applied,
        message: String? = nil, resume: JSONValue? = nil, createdAt: Date = Date(), updatedAt: Date = Date()
    ) {
        self.id = id
        self.jobID = jobID
        self.memberID = memberID
        self.referralID = referralID
        self.stage = stage
        self.message = message
        self.resume = resume
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
