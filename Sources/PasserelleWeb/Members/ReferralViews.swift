import Hummingbird
import PasserelleCore
import PasserelleStore

/// A referral request, as its candidate and its referrer see it.
struct ReferralRequestView: ResponseEncodable, Sendable {
    let id: String
    let job: JobReference
    let candidate: MemberReference
    let referrer: MemberReference
    let message: String?
    let status: String
    let createdAt: String
    let decidedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, job, candidate, referrer, message, status
        case createdAt = "created_at"
        case decidedAt = "decided_at"
    }

    init(_ request: ReferralRequest, references: References) {
        id = String(request.id)
        job = references.job(request.jobID)
        candidate = references.member(request.candidateID)
        referrer = references.member(request.referrerID)
        message = request.message
        status = request.status.rawValue
        createdAt = Timestamp.rfc3339(request.createdAt)
        decidedAt = request.decidedAt.map(Timestamp.rfc3339)
    }

    static func views(_ requests: [ReferralRequest], database: PostgresClient) async throws -> [ReferralRequestView] {
        let references = try await References.load(
            memberIDs: requests.flatMap { [$0.candidateID, $0.referrerID] }, jobIDs: requests.map(\.jobID),
            database: database)
        return requests.map { ReferralRequestView($0, references: references) }
    }
}

/// A referral, with what became of it: the application it is attached to and
/// that application's stage (null until the candidate applies with it). The
/// referrer sees the stage only, not the application's message or CV.
struct ReferralView: ResponseEncodable, Sendable {
    struct ApplicationLine: Encodable, Sendable {
        let id: String
        let stage: String
        let updatedAt: String

        enum CodingKeys: String, CodingKey {
            case id, stage
            case updatedAt = "updated_at"
        }
    }

    let id: String
    let requestID: String?
    let job: JobReference
    let candidate: MemberReference
    let referrer: MemberReference
    let note: String?
    let createdAt: String
    let application: ApplicationLine?

    enum CodingKeys: String, CodingKey {
        case id, job, candidate, referrer, note, application
        case requestID = "request_id"
        case createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(requestID, forKey: .requestID)
        try container.encode(job, forKey: .job)
        try container.encode(candidate, forKey: .candidate)
        try container.encode(referrer, forKey: .referrer)
        try container.encode(note, forKey: .note)
        try container.encode(createdAt, forKey: .createdAt)
        // Always there: null says the candidate has not applied with it (yet).
        try container.encode(application, forKey: .application)
    }

    static func views(_ referrals: [Referral], database: PostgresClient) async throws -> [ReferralView] {
        let references = try await References.load(
            memberIDs: referrals.flatMap { [$0.candidateID, $0.referrerID] }, jobIDs: referrals.map(\.jobID),
            database: database)
        let applications = try await ApplicationStore(client: database).applications(
            forReferrals: referrals.map(\.id))
        return referrals.map { referral in
            ReferralView(
                id: String(referral.id), requestID: referral.requestID.map { String($0) },
                job: references.job(referral.jobID), candidate: references.member(referral.candidateID),
                referrer: references.member(referral.referrerID), note: referral.note,
                createdAt: Timestamp.rfc3339(referral.createdAt),
                application: applications[referral.id].map {
                    ApplicationLine(
                        id: String($0.id), stage: $0.stage.rawValue, updatedAt: Timestamp.rfc3339($0.updatedAt))
                })
        }
    }
}
