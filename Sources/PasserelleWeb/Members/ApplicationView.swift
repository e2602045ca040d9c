import Hummingbird
import PasserelleCore
import PasserelleStore

/// An application as its candidate and the posting's company see it: the job,
/// the candidate ("deleted member" once erased), the stage, the referral and
/// who gave it, and the stages it went through and the CV sent with it when
/// asked for one application.
struct ApplicationView: ResponseEncodable, Sendable {
    struct ReferralLine: Encodable, Sendable {
        let id: String
        let referrer: MemberReference
    }

    struct StageLine: Encodable, Sendable {
        let stage: String
        let changedAt: String

        enum CodingKeys: String, CodingKey {
            case stage
            case changedAt = "changed_at"
        }
    }

    let id: String
    let job: JobReference
    let candidate: MemberReference
    let stage: String
    let referral: ReferralLine?
    let message: String?
    let createdAt: String
    let updatedAt: String
    let history: [StageLine]?
    /// The CV sent with the application (as the candidate sent it, contact details
    /// included: applying is giving them to the company); with the history only.
    let resume: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id, job, candidate, stage, referral, message, history, resume
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(
        _ application: PasserelleCore.Application, references: References, referrals: [Int64: Referral],
        history: [PasserelleCore.Application.StageChange]? = nil
    ) {
        id = String(application.id)
        job = references.job(application.jobID)
        candidate = references.member(application.memberID)
        stage = application.stage.rawValue
        referral = application.referralID.map {
            ReferralLine(id: String($0), referrer: references.member(referrals[$0]?.referrerID))
        }
        message = application.message
        createdAt = Timestamp.rfc3339(application.createdAt)
        updatedAt = Timestamp.rfc3339(application.updatedAt)
        resume = history == nil ? nil : application.resume
        self.history = history?.map { StageLine(stage: $0.stage.rawValue, changedAt: Timestamp.rfc3339($0.changedAt)) }
    }

    /// The views of `applications`, their members, postings and referrers read once for the lot.
    static func views(
        _ applications: [PasserelleCore.Application], database: PostgresClient,
        history: [PasserelleCore.Application.StageChange]? = nil
    ) async throws -> [ApplicationView] {
        let store = ReferralStore(client: database)
        var referrals: [Int64: Referral] = [:]
        for id in Set(applications.compactMap(\.referralID)) { referrals[id] = try await store.referral(id: id) }
        let references = try await References.load(
            memberIDs: applications.map(\.memberID) + referrals.values.map(\.referrerID),
            jobIDs: applications.map(\.jobID), database: database)
        return applications.map {
            ApplicationView($0, references: references, referrals: referrals, history: history)
        }
    }
}
