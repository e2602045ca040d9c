import Foundation
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

@Suite("Connections, referrals and applications: the workflows from start to end")
struct ReferralWorkflowTests {
    @Test("Invite, accept, ask for a referral, accept it, apply with it, move the stages; the referrer sees the stage")
    func wholeWorkflow() async throws {
        try await withPeople { client, http, people in
            // Sam (the stranger) invites Léa, who works at Acme; she accepts.
            let invited = try await http.send(
                .post, "/api/v1/connections", json: ["member_id": "subject", "message": "Bonjour Léa"], as: .stranger)
            #expect(invited.status == .created)
            #expect(invited.body?["status"] == "pending")
            #expect(invited.body?["invitee"]?["id"] == "subject")
            let invitationID = try #require(invited.body?["id"]?.stringValue)
            let inbox = try await http.send(.get, "/api/v1/members/me/invitations", as: .subject)
            #expect(inbox.body?["results"]?[0]?["id"] == .string(invitationID))
            #expect(inbox.body?["results"]?[0]?["inviter"]?["id"] == "stranger")
            let accepted = try await http.send(.post, "/api/v1/connections/\(invitationID)/accept", as: .subject)
            #expect(accepted.status == .ok)
            #expect(accepted.body?["member"]?["id"] == "stranger")
            let mine = try await http.send(.get, "/api/v1/members/me/connections", as: .stranger)
            #expect(mine.body?["total"] == 1)
            #expect(mine.body?["results"]?[0]?["member"]?["id"] == "subject")
            #expect(
                try await http.send(.post, "/api/v1/connections/\(invitationID)/accept", as: .subject).status
                    == .conflict)

            // Sam asks Léa for a referral for Acme's posting; she accepts with a note.
            let posting = try await people.posting(of: people.acme, client: client)
            let asked = try await http.send(
                .post, "/api/v1/referral-requests",
                json: [
                    "job_id": .string(String(posting.id)), "referrer_id": "subject", "message": "Tu me recommandes ?",
                ],
                as: .stranger)
            #expect(asked.status == .created)
            let requestID = try #require(asked.body?["id"]?.stringValue)
            let received = try await http.send(.get, "/api/v1/members/me/referral-requests", as: .subject)
            #expect(received.body?["results"]?[0]?["id"] == .string(requestID))
            #expect(received.body?["results"]?[0]?["status"] == "pending")
            let sent = try await http.send(.get, "/api/v1/members/me/referral-requests?box=sent", as: .stranger)
            #expect(sent.body?["results"]?[0]?["id"] == .string(requestID))
            // Only Léa answers it.
            #expect(
                try await http.send(.post, "/api/v1/referral-requests/\(requestID)/accept", as: .stranger).status
                    == .forbidden)
            #expect(
                try await http.send(.post, "/api/v1/referral-requests/\(requestID)/accept", as: .friend).status
                    == .notFound)
            let referral = try await http.send(
                .post, "/api/v1/referral-requests/\(requestID)/accept", json: ["note": "Excellente"], as: .subject)
            #expect(referral.status == .created)
            #expect(referral.body?["application"] == .null)
            let referralID = try #require(referral.body?["id"]?.stringValue)

            // Sam applies with the referral, once.
            let applied = try await http.send(
                .post, "/api/v1/jobs/\(posting.id)/applications",
                json: ["referral_id": .string(referralID), "message": "Ma candidature"], as: .stranger)
            #expect(applied.status == .created)
            #expect(applied.body?["stage"] == "applied")
            #expect(applied.body?["referral"]?["referrer"]?["id"] == "subject")
            #expect(applied.body?["job"]?["company"]?["id"] == "acme")
            let applicationID = try #require(applied.body?["id"]?.stringValue)
            let twice = try await http.send(.post, "/api/v1/jobs/\(posting.id)/applications", as: .stranger)
            #expect(twice.status == .conflict)

            // Acme's recruiter sees the applicant and who referred it, and moves it to hired.
            let applicants = try await http.send(.get, "/api/v1/jobs/\(posting.id)/applications", as: .acmeRecruiter)
            #expect(applicants.body?["total"] == 1)
            #expect(applicants.body?["results"]?[0]?["candidate"]?["id"] == "stranger")
            #expect(applicants.body?["results"]?[0]?["referral"]?["referrer"]?["name"] == "Name of subject")
            for stage in ["screening", "interview", "offer", "hired"] {
                let moved = try await http.send(
                    .post, "/api/v1/applications/\(applicationID)/stage", json: ["stage": .string(stage)],
                    as: .acmeRecruiter)
                #expect(moved.status == .ok, "\(stage)")
                #expect(moved.body?["stage"] == .string(stage))
            }
            let after = try await http.send(
                .post, "/api/v1/applications/\(applicationID)/stage", json: ["stage": "rejected"], as: .acmeAdmin)
            #expect(after.status == .conflict)

            // The referrer sees what became of its referral; the candidate its stages.
            let given = try await http.send(.get, "/api/v1/members/me/referrals", as: .subject)
            #expect(given.body?["given"]?["results"]?[0]?["application"]?["stage"] == "hired")
            #expect(given.body?["given"]?["results"]?[0]?["candidate"]?["id"] == "stranger")
            #expect(given.body?["given"]?["results"]?[0]?["application"]?["message"] == nil)
            #expect(given.body?["received"]?["total"] == 0)
            let got = try await http.send(.get, "/api/v1/members/me/referrals", as: .stranger)
            #expect(got.body?["received"]?["results"]?[0]?["referrer"]?["id"] == "subject")
            #expect(got.body?["received"]?["results"]?[0]?["note"] == "Excellente")
            let applications = try await http.send(.get, "/api/v1/members/me/applications", as: .stranger)
            #expect(applications.body?["results"]?[0]?["stage"] == "hired")
            let one = try await http.send(.get, "/api/v1/applications/\(applicationID)", as: .stranger)
            let seenByRecruiter = try await http.send(.get, "/api/v1/applications/\(applicationID)", as: .acmeAdmin)
            #expect(seenByRecruiter.body?["message"] == "Ma candidature")
            #expect(seenByRecruiter.body?["resume"]?["basics"]?["name"] == "Name of stranger")
            #expect(
                one.body?["history"]?.arrayValue?.compactMap { $0["stage"]?.stringValue }
                    == ["applied", "screening", "interview", "offer", "hired"])
        }
    }

    @Test("Declined invitations and referral requests make nothing; the inviter cannot accept its own invitation")
    func declines() async throws {
        try await withPeople { client, http, people in
            let invited = try await http.send(
                .post, "/api/v1/connections", json: ["member_id": "friend"], as: .stranger)
            let invitationID = try #require(invited.body?["id"]?.stringValue)
            #expect(
                try await http.send(.post, "/api/v1/connections/\(invitationID)/accept", as: .stranger).status
                    == .forbidden)
            #expect(
                try await http.send(.post, "/api/v1/connections/\(invitationID)/accept", as: .subject).status
                    == .notFound)
            let declined = try await http.send(.post, "/api/v1/connections/\(invitationID)/decline", as: .friend)
            #expect(declined.status == .ok)
            #expect(declined.body?["status"] == "declined")
            #expect(try await ConnectionStore(client: client).get(people[.stranger].id, people[.friend].id) == nil)

            let posting = try await people.posting(of: people.acme, client: client)
            let asked = try await http.send(
                .post, "/api/v1/referral-requests",
                json: ["job_id": .string(String(posting.id)), "referrer_id": "subject"], as: .friend)
            let requestID = try #require(asked.body?["id"]?.stringValue)
            let no = try await http.send(.post, "/api/v1/referral-requests/\(requestID)/decline", as: .subject)
            #expect(no.status == .ok)
            #expect(no.body?["status"] == "declined")
            #expect(
                try await http.send(.post, "/api/v1/referral-requests/\(requestID)/accept", as: .subject).status
                    == .conflict)
            #expect(
                try await http.send(.get, "/api/v1/members/me/referrals", as: .friend).body?["received"]?["total"] == 0)
        }
    }

    @Test("The rules: connections only, open postings only, the referral must be the candidate's for this job")
    func rules() async throws {
        try await withPeople { client, http, people in
            let posting = try await people.posting(of: people.acme, client: client)
            let job = JSONValue.string(String(posting.id))
            // Greta is 2nd degree to Léa: not a connection.
            let notConnected = try await http.send(
                .post, "/api/v1/referral-requests", json: ["job_id": job, "referrer_id": "subject"], as: .friendOfFriend
            )
            #expect(notConnected.status == .unprocessableContent)
            #expect(notConnected.errorMessage.hasPrefix("referrer_id: must be one of your 1st-degree connections"))
            let yourself = try await http.send(
                .post, "/api/v1/referral-requests", json: ["job_id": job, "referrer_id": "friend"], as: .friend)
            #expect(yourself.status == .unprocessableContent)
            #expect(
                try await http.send(.post, "/api/v1/connections", json: ["member_id": "friend"], as: .friend).status
                    == .unprocessableContent)
            #expect(
                try await http.send(.post, "/api/v1/connections", json: ["member_id": "subject"], as: .friend).status
                    == .conflict)

            // Léa refers Farid for this posting; Greta cannot use that referral, nor can Farid on another posting.
            let asked = try await http.send(
                .post, "/api/v1/referral-requests", json: ["job_id": job, "referrer_id": "subject"], as: .friend)
            let requestID = try #require(asked.body?["id"]?.stringValue)
            let referralID = try #require(
                try await http.send(.post, "/api/v1/referral-requests/\(requestID)/accept", as: .subject).body?["id"])
            let other = try await people.posting(of: people.acme, "REQ-2", client: client)
            let wrongJob = try await http.send(
                .post, "/api/v1/jobs/\(other.id)/applications", json: ["referral_id": referralID], as: .friend)
            #expect(wrongJob.status == .unprocessableContent)
            #expect(wrongJob.errorMessage.hasPrefix("referral_id:"))
            let notYours = try await http.send(
                .post, "/api/v1/jobs/\(posting.id)/applications", json: ["referral_id": referralID], as: .friendOfFriend
            )
            #expect(notYours.status == .unprocessableContent)

            // Closed and expired postings take no applications nor referral requests.
            _ = try await JobPostingStore(client: client).close(id: other.id)
            let closed = try await http.send(.post, "/api/v1/jobs/\(other.id)/applications", as: .friend)
            #expect(closed.status == .unprocessableContent)
            #expect(closed.errorMessage.hasPrefix("job: the posting is closed or expired"))
            var expired = try await people.posting(of: people.globex, "REQ-3", client: client)
            expired.validThrough = Date().addingTimeInterval(-60)
            expired.datePosted = day(-40)
            expired = try await JobPostingStore(client: client).update(expired)
            #expect(
                try await http.send(.post, "/api/v1/jobs/\(expired.id)/applications", as: .friend).status
                    == .unprocessableContent)
            let lateAsk = try await http.send(
                .post, "/api/v1/referral-requests",
                json: ["job_id": .string(String(expired.id)), "referrer_id": "subject"], as: .friend)
            #expect(lateAsk.status == .unprocessableContent)
        }
    }

    @Test("A hidden member cannot be invited or asked by strangers: it does not exist for them")
    func hiddenMembers() async throws {
        try await withPeople { client, http, people in
            _ = try await http.send(
                .patch, "/api/v1/members/me/settings", json: ["profile_visibility": "hidden"], as: .subject)
            let invite = try await http.send(
                .post, "/api/v1/connections", json: ["member_id": "subject"], as: .stranger)
            #expect(invite.status == .notFound)
            #expect(invite.errorMessage == "member \"subject\" does not exist")
            let posting = try await people.posting(of: people.acme, client: client)
            let ask = try await http.send(
                .post, "/api/v1/referral-requests",
                json: ["job_id": .string(String(posting.id)), "referrer_id": "subject"], as: .stranger)
            #expect(ask.status == .notFound)
            // Her connections still reach her.
            let friendAsk = try await http.send(
                .post, "/api/v1/referral-requests",
                json: ["job_id": .string(String(posting.id)), "referrer_id": "subject"], as: .friend)
            #expect(friendAsk.status == .created)
        }
    }
}
