import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

/// A company, a posting and three members: a candidate, a referrer and a recruiter.
struct HiringScene {
    let client: PostgresClient
    let jobID: Int64
    let candidate: Int64
    let referrer: Int64
    let recruiter: Int64

    static func make(_ client: PostgresClient) async throws -> HiringScene {
        let company = try await CompanyStore(client: client).create(Fixture.company("acme"))
        let job = try await JobPostingStore(client: client).create(Fixture.posting(companyID: company.id))
        let members = MemberStore(client: client)
        return HiringScene(
            client: client, jobID: job.id, candidate: try await members.create(Fixture.member("candidate")).id,
            referrer: try await members.create(Fixture.member("referrer")).id,
            recruiter: try await members.create(Fixture.member("recruiter")).id)
    }
}

@Suite("ApplicationStore")
struct StoreApplicationTests {
    @Test("Applying starts at applied and records it; moves follow the stages and are recorded in order")
    func applyAndMove() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let store = ApplicationStore(client: client)
            let application = try await store.apply(
                Application(
                    jobID: scene.jobID, memberID: scene.candidate, stage: .offer, message: "Bonjour",
                    resume: Fixture.resume))
            #expect(application.stage == .applied)
            #expect(application.resume == Fixture.resume)
            #expect(try await store.get(id: application.id) == application)
            for stage in [Application.Stage.screening, .interview, .offer, .hired] {
                #expect(
                    try await store.move(applicationID: application.id, to: stage, by: scene.recruiter).stage == stage)
            }
            let history = try await store.history(applicationID: application.id)
            #expect(history.map(\.stage) == [.applied, .screening, .interview, .offer, .hired])
            #expect(history.map(\.changedBy) == [scene.candidate] + Array(repeating: scene.recruiter, count: 4))
        }
    }

    @Test("A move canMove forbids is refused as an invalid transition and changes nothing")
    func invalidTransition() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let store = ApplicationStore(client: client)
            let application = try await store.apply(Application(jobID: scene.jobID, memberID: scene.candidate))
            _ = await expectStoreError(.invalidTransition(from: .applied, to: .offer)) {
                try await store.move(applicationID: application.id, to: .offer, by: scene.recruiter)
            }
            _ = try await store.move(applicationID: application.id, to: .withdrawn, by: scene.candidate)
            _ = await expectStoreError(.invalidTransition(from: .withdrawn, to: .screening)) {
                try await store.move(applicationID: application.id, to: .screening, by: scene.recruiter)
            }
            #expect(try await store.get(id: application.id)?.stage == .withdrawn)
            #expect(try await store.history(applicationID: application.id).map(\.stage) == [.applied, .withdrawn])
            _ = await expectStoreError(.notFound("application 999")) {
                try await store.move(applicationID: 999, to: .screening, by: nil)
            }
        }
    }

    @Test("Applying twice to the same job is a duplicate application")
    func duplicateApplication() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let store = ApplicationStore(client: client)
            _ = try await store.apply(Application(jobID: scene.jobID, memberID: scene.candidate))
            let error = await expectStoreError(.duplicate("an application by this member to this job")) {
                try await store.apply(Application(jobID: scene.jobID, memberID: scene.candidate))
            }
            #expect(error?.sqlState == "23505")
        }
    }

    @Test("Only a referral for this job and this candidate can be attached")
    func referralMustMatch() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let referrals = ReferralStore(client: client)
            let forOther = try await referrals.create(
                Referral(jobID: scene.jobID, candidateID: scene.recruiter, referrerID: scene.referrer))
            let forCandidate = try await referrals.create(
                Referral(jobID: scene.jobID, candidateID: scene.candidate, referrerID: scene.referrer))
            let store = ApplicationStore(client: client)
            _ = await expectStoreError(.invalidReference("referralID")) {
                try await store.apply(
                    Application(jobID: scene.jobID, memberID: scene.candidate, referralID: forOther.id))
            }
            let application = try await store.apply(
                Application(jobID: scene.jobID, memberID: scene.candidate, referralID: forCandidate.id))
            #expect(application.referralID == forCandidate.id)
        }
    }

    @Test("A job's applicants filter by stage; a member's applications list newest first")
    func lists() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let store = ApplicationStore(client: client)
            let first = try await store.apply(Application(jobID: scene.jobID, memberID: scene.candidate))
            let second = try await store.apply(Application(jobID: scene.jobID, memberID: scene.referrer))
            _ = try await store.move(applicationID: second.id, to: .screening, by: scene.recruiter)
            #expect(try await store.list(jobID: scene.jobID).items.map(\.id) == [first.id, second.id])
            let screening = try await store.list(jobID: scene.jobID, stage: .screening)
            #expect(screening.items.map(\.id) == [second.id])
            #expect(screening.total == 1)
            #expect(try await store.list(memberID: scene.candidate).items.map(\.id) == [first.id])
        }
    }

    @Test("Updating the message keeps the stage and records nothing; updating the stage checks it")
    func update() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let store = ApplicationStore(client: client)
            var application = try await store.apply(Application(jobID: scene.jobID, memberID: scene.candidate))
            application.message = "Disponible en janvier"
            application = try await store.update(application, by: scene.candidate)
            #expect(application.message == "Disponible en janvier")
            application.stage = .interview
            _ = await expectStoreError(.invalidTransition(from: .applied, to: .interview)) {
                try await store.update(application, by: scene.recruiter)
            }
            #expect(try await store.history(applicationID: application.id).map(\.stage) == [.applied])
        }
    }
}
