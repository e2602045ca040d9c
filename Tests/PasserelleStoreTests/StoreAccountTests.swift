import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

@Suite("AccountStore and SessionStore")
struct StoreAccountTests {
    @Test("An account reads back by id, member and email whatever its case; logins are recorded")
    func accountRoundTrip() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let member = try await MemberStore(client: client).create(Fixture.member("lea"))
            let store = AccountStore(client: client)
            let account = try await store.create(
                Account(memberID: member.id, email: "Lea@Example.org", passwordHash: "$argon2id$v=19$..."))
            #expect(account.role == .member)
            #expect(account.lastLoginAt == nil)
            #expect(try await store.get(id: account.id) == account)
            #expect(try await store.get(memberID: member.id) == account)
            #expect(try await store.get(email: "lea@example.ORG") == account)
            try await store.recordLogin(accountID: account.id, at: Fixture.time)
            #expect(try await store.get(id: account.id)?.lastLoginAt == Fixture.time)
        }
    }

    @Test("Emails are unique without regard to case; a member has one account")
    func duplicates() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let members = MemberStore(client: client)
            let lea = try await members.create(Fixture.member("lea"))
            let max = try await members.create(Fixture.member("max"))
            let store = AccountStore(client: client)
            _ = try await store.create(Account(memberID: lea.id, email: "lea@example.org", passwordHash: "h"))
            _ = await expectStoreError(.duplicate("an account with this email")) {
                try await store.create(Account(memberID: max.id, email: "LEA@example.org", passwordHash: "h"))
            }
            _ = await expectStoreError(.duplicate("an account for this member")) {
                try await store.create(Account(memberID: lea.id, email: "other@example.org", passwordHash: "h"))
            }
        }
    }

    @Test("A recruiter acts for an existing company; promoting a member checks it; lists filter by company")
    func recruiters() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let lea = try await MemberStore(client: client).create(Fixture.member("lea"))
            let max = try await MemberStore(client: client).create(Fixture.member("max"))
            let acme = try await CompanyStore(client: client).create(Fixture.company("acme"))
            let store = AccountStore(client: client)
            _ = await expectStoreError(.invalidReference("companyID")) {
                try await store.create(
                    Account(
                        memberID: lea.id, email: "lea@acme.example", passwordHash: "h", role: .recruiter, companyID: 99)
                )
            }
            var account = try await store.create(
                Account(memberID: lea.id, email: "lea@acme.example", passwordHash: "h"))
            _ = try await store.create(Account(memberID: max.id, email: "max@example.org", passwordHash: "h"))
            account.role = .admin
            let error = await #expect(throws: ValidationError.self) { try await store.update(account) }
            #expect(error?.fields == ["companyID"])
            account.companyID = acme.id
            account = try await store.update(account)
            #expect(account.role == .admin)
            #expect(try await store.list(companyID: acme.id).items == [account])
            #expect(try await store.list().total == 2)
        }
    }

    @Test("A session is found by its token hash until it expires; expired ones are swept")
    func sessions() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let lea = try await MemberStore(client: client).create(Fixture.member("lea"))
            let account = try await AccountStore(client: client).create(
                Account(memberID: lea.id, email: "lea@example.org", passwordHash: "h"))
            let store = SessionStore(client: client)
            let hour: TimeInterval = 3600
            let token = Data((0..<32).map { UInt8($0) })
            let session = try await store.create(
                Session(
                    accountID: account.id, kind: .bearer, tokenHash: token, createdAt: Fixture.time,
                    expiresAt: Fixture.time + hour))
            #expect(try await store.get(tokenHash: token, at: Fixture.time + 60) == session)
            #expect(try await store.get(tokenHash: token, at: Fixture.time + hour) == nil)
            let extended = try await store.extend(sessionID: session.id, until: Fixture.time + 2 * hour)
            #expect(try await store.get(tokenHash: token, at: Fixture.time + hour) == extended)
            _ = await expectStoreError(.duplicate("a session with this token")) {
                try await store.create(
                    Session(
                        accountID: account.id, kind: .cookie, tokenHash: token, createdAt: Fixture.time,
                        expiresAt: Fixture.time + hour))
            }
            let other = Data(repeating: 7, count: 32)
            _ = try await store.create(
                Session(
                    accountID: account.id, kind: .cookie, tokenHash: other, createdAt: Fixture.time,
                    expiresAt: Fixture.time + 10))
            #expect(try await store.list(accountID: account.id).total == 2)
            #expect(try await store.deleteExpired(at: Fixture.time + 60) == 1)
            #expect(try await store.delete(tokenHash: token))
            #expect(try await store.deleteAll(accountID: account.id) == 0)
        }
    }

    @Test("Listings give each account with its member's and company's external ids, in email order")
    func listings() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let members = MemberStore(client: client)
            let zoe = try await members.create(Fixture.member("m-zoe"))
            let abel = try await members.create(Fixture.member("m-abel"))
            let acme = try await CompanyStore(client: client).create(Fixture.company("acme"))
            let store = AccountStore(client: client)
            let recruiter = try await store.create(
                Account(
                    memberID: abel.id, email: "Abel@acme.example", passwordHash: "h", role: .recruiter,
                    companyID: acme.id))
            let member = try await store.create(Account(memberID: zoe.id, email: "zoe@example.org", passwordHash: "h"))
            let listed = try await store.listings()
            #expect(listed.total == 2)
            #expect(
                listed.items == [
                    AccountStore.Listing(account: recruiter, memberExternalID: "m-abel", companyExternalID: "acme"),
                    AccountStore.Listing(account: member, memberExternalID: "m-zoe", companyExternalID: nil),
                ])
        }
    }

    @Test("A token hash that is not 32 bytes is refused before SQL")
    func shortHash() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let error = await #expect(throws: ValidationError.self) {
                try await SessionStore(client: client).create(
                    Session(accountID: 1, kind: .bearer, tokenHash: Data(count: 8), expiresAt: Date() + 60))
            }
            #expect(error?.fields == ["tokenHash"])
        }
    }
}
