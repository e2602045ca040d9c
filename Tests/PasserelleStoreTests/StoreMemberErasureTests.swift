import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

/// What the API's member routes added to the stores: names read in one go,
/// every invitation of a member, the application a referral became, and an
/// erasure that leaves nothing of the member's own words in others' records.
@Suite("Member stores: lists for the API and erasure")
struct StoreMemberErasureTests {
    @Test("members(ids:) reads the named members by id and leaves unknown ids out")
    func membersByID() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let found = try await MemberStore(client: client).members(ids: [scene.candidate, scene.referrer, 999_999])
            #expect(Set(found.keys) == [scene.candidate, scene.referrer])
            #expect(found[scene.candidate]?.externalID == "candidate")
            #expect(try await MemberStore(client: client).members(ids: []).isEmpty)
        }
    }

    @Test("invitations(involving:) lists sent and received invitations of every status, oldest first")
    func invitationsOfAMember() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let store = ConnectionStore(client: client)
            let sent = try await store.invite(
                ConnectionInvitation(inviterID: scene.candidate, inviteeID: scene.referrer))
            _ = try await store.decline(invitationID: sent.id)
            let received = try await store.invite(
                ConnectionInvitation(inviterID: scene.recruiter, inviteeID: scene.candidate))
            let listed = try await store.invitations(involving: scene.candidate)
            #expect(listed.items.map(\.id) == [sent.id, received.id])
            #expect(listed.items.map(\.status) == [.declined, .pending])
            #expect(try await store.invitations(involving: scene.referrer).items.map(\.id) == [sent.id])
        }
    }

    @Test("applications(forReferrals:) gives the application each referral is attached to")
    func applicationOfAReferral() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let referrals = ReferralStore(client: client)
            let request = try await referrals.request(
                ReferralRequest(jobID: scene.jobID, candidateID: scene.candidate, referrerID: scene.referrer))
            let referral = try await referrals.accept(requestID: request.id)
            let unused = try await referrals.create(
                Referral(jobID: scene.jobID, candidateID: scene.recruiter, referrerID: scene.referrer))
            let store = ApplicationStore(client: client)
            #expect(try await store.applications(forReferrals: [referral.id, unused.id]).isEmpty)
            let application = try await store.apply(
                Application(jobID: scene.jobID, memberID: scene.candidate, referralID: referral.id))
            let found = try await store.applications(forReferrals: [referral.id, unused.id])
            #expect(found.mapValues(\.id) == [referral.id: application.id])
        }
    }

    @Test("Erasure keeps others' records but not the candidate's CV, message or the notes written about it")
    func erasureAnonymises() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let scene = try await HiringScene.make(client)
            let referrals = ReferralStore(client: client)
            let request = try await referrals.request(
                ReferralRequest(jobID: scene.jobID, candidateID: scene.candidate, referrerID: scene.referrer))
            let referral = try await referrals.accept(requestID: request.id, note: "Excellente développeuse")
            let store = ApplicationStore(client: client)
            let application = try await store.apply(
                Application(
                    jobID: scene.jobID, memberID: scene.candidate, referralID: referral.id, message: "Bonjour",
                    resume: Fixture.resume))
            _ = try await store.move(applicationID: application.id, to: .screening, by: scene.recruiter)
            #expect(try await MemberStore(client: client).delete(id: scene.candidate))

            let kept = try #require(try await store.get(id: application.id))
            #expect(kept.memberID == nil && kept.message == nil && kept.resume == nil)
            #expect(kept.stage == .screening && kept.referralID == referral.id)
            let keptReferral = try #require(try await referrals.referral(id: referral.id))
            #expect(keptReferral.candidateID == nil && keptReferral.note == nil)
            #expect(keptReferral.referrerID == scene.referrer)
            #expect(try await referrals.request(id: request.id) == nil)
        }
    }
}
