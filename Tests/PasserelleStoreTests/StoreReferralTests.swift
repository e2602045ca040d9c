import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

@Suite("ReferralStore")
struct StoreReferralTests {
    @Test("Accepting a request closes it and creates its referral in the same transaction")
    func acceptCreatesReferral() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let store = ReferralStore(client: client)
            let request = try await store.request(
                ReferralRequest(
                    jobID: scene.jobID, candidateID: scene.candidate, referrerID: scene.referrer, message: "Merci !"))
            #expect(request.status == .pending)
            #expect(request.decidedAt == nil)
            let referral = try await store.accept(requestID: request.id, note: "Excellente", at: Fixture.time)
            #expect(
                referral
                    == Referral(
                        id: referral.id, requestID: request.id, jobID: scene.jobID, candidateID: scene.candidate,
                        referrerID: scene.referrer, note: "Excellente", createdAt: Fixture.time))
            let accepted = try await store.request(id: request.id)
            #expect(accepted?.status == .accepted)
            #expect(accepted?.decidedAt == Fixture.time)
            #expect(try await store.referrals(givenBy: scene.referrer).items == [referral])
            #expect(try await store.referrals(receivedBy: scene.candidate).items == [referral])
            _ = await expectStoreError(.conflict("referral request \(request.id) is already accepted")) {
                try await store.accept(requestID: request.id)
            }
            #expect(try await store.referrals(givenBy: scene.referrer).total == 1)
        }
    }

    @Test("If the referral cannot be made, the request stays pending")
    func acceptIsAtomic() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let store = ReferralStore(client: client)
            let request = try await store.request(
                ReferralRequest(jobID: scene.jobID, candidateID: scene.candidate, referrerID: scene.referrer))
            // A referral already claiming this request makes the accept's insert fail.
            _ = try await store.create(
                Referral(
                    requestID: request.id, jobID: scene.jobID, candidateID: scene.candidate, referrerID: scene.referrer)
            )
            _ = await expectStoreError(.duplicate("a referral for this request")) {
                try await store.accept(requestID: request.id)
            }
            #expect(try await store.request(id: request.id)?.status == .pending)
        }
    }

    @Test("Asking the same referrer twice for a job is a duplicate; asking oneself is invalid")
    func duplicateAndSelf() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let store = ReferralStore(client: client)
            let request = ReferralRequest(jobID: scene.jobID, candidateID: scene.candidate, referrerID: scene.referrer)
            _ = try await store.request(request)
            _ = await expectStoreError(
                .duplicate("a referral request for this job from this candidate to this referrer")
            ) { try await store.request(request) }
            let error = await #expect(throws: ValidationError.self) {
                try await store.request(
                    ReferralRequest(jobID: scene.jobID, candidateID: scene.candidate, referrerID: scene.candidate))
            }
            #expect(error?.fields == ["referrerID"])
            _ = await expectStoreError(.invalidReference("jobID")) {
                try await store.request(
                    ReferralRequest(jobID: 999, candidateID: scene.candidate, referrerID: scene.referrer))
            }
        }
    }

    @Test("Declined and withdrawn requests are decided; a referrer's inbox filters by status")
    func declineWithdrawAndInbox() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let store = ReferralStore(client: client)
            let fromCandidate = try await store.request(
                ReferralRequest(jobID: scene.jobID, candidateID: scene.candidate, referrerID: scene.referrer))
            let fromRecruiter = try await store.request(
                ReferralRequest(jobID: scene.jobID, candidateID: scene.recruiter, referrerID: scene.referrer))
            #expect(try await store.requests(toReferrer: scene.referrer, status: .pending).total == 2)
            let declined = try await store.decline(requestID: fromCandidate.id, at: Fixture.time)
            #expect(declined.status == .declined)
            #expect(declined.decidedAt == Fixture.time)
            #expect(try await store.withdraw(requestID: fromRecruiter.id).status == .withdrawn)
            #expect(try await store.requests(toReferrer: scene.referrer, status: .pending).items == [])
            #expect(
                try await store.requests(toReferrer: scene.referrer).items.map(\.id) == [
                    fromCandidate.id, fromRecruiter.id,
                ])
            #expect(try await store.requests(fromCandidate: scene.candidate).items == [declined])
        }
    }

    @Test("A referrer edits its note; an unknown referral is notFound")
    func updateNote() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let store = ReferralStore(client: client)
            var referral = try await store.create(
                Referral(jobID: scene.jobID, candidateID: scene.candidate, referrerID: scene.referrer))
            referral.note = "Travaille très bien en équipe"
            #expect(try await store.update(referral) == referral)
            #expect(try await store.referral(id: referral.id) == referral)
            referral.id = 404
            _ = await expectStoreError(.notFound("referral 404")) { try await store.update(referral) }
        }
    }
}
