import Foundation
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

/// What `passerelle accounts create` and `list` do, through the library calls they make.
@Suite("passerelle accounts: AccountRegistry")
struct AccountRegistryTests {
    let hasher = PasswordHasher(cost: 4, threads: 1)

    @Test("An imported member gets an account; a recruiter acts for its company; the list shows both")
    func createForImportedMembers() async throws {
        try await TestPostgres.withDatabase { client, _ in
            _ = try await MemberStore(client: client).create(
                Member(externalID: "m-1042", name: "Léa Martin", country: .france, language: .fr))
            _ = try await MemberStore(client: client).create(
                Member(externalID: "m-7", name: "Max Weber", country: .germany, language: .de))
            let acme = try await CompanyStore(client: client).create(Company(externalID: "acme", name: "Acme"))
            let registry = AccountRegistry(client: client, hasher: hasher)
            let lea = try await registry.create(
                .init(memberExternalID: "m-1042", email: "lea@example.org", password: "correct horse"))
            #expect(lea.role == .member && lea.companyID == nil)
            #expect(try await hasher.verify("correct horse", hash: lea.passwordHash))
            #expect(try await !hasher.verify("wrong horse", hash: lea.passwordHash))
            let max = try await registry.create(
                .init(
                    memberExternalID: "m-7", email: "max@acme.example", password: "correct horse", role: .recruiter,
                    companyExternalID: "acme"))
            #expect(max.role == .recruiter && max.companyID == acme.id)
            let table = AccountRegistry.table(try await registry.list())
            #expect(
                table == """
                    EMAIL             MEMBER  ROLE       COMPANY
                    lea@example.org   m-1042  member     -
                    max@acme.example  m-7     recruiter  acme
                    """)
        }
    }

    @Test("A member that does not exist is created with the account when name, country and language are given")
    func createsMember() async throws {
        try await TestPostgres.withDatabase { client, _ in
            let registry = AccountRegistry(client: client, hasher: hasher)
            let details = AccountRegistry.NewMember(name: "Ana Costa", country: .portugal, language: .pt)
            let account = try await registry.create(
                .init(memberExternalID: "ana", email: "ana@example.org", password: "correct horse", newMember: details))
            let member = try #require(try await MemberStore(client: client).get(externalID: "ana"))
            #expect(account.memberID == member.id)
            #expect(member.name == "Ana Costa" && member.country == .portugal && member.email == "ana@example.org")
        }
    }

    @Test("Clear refusals: unknown member or company, a recruiter without company, a member with one, a taken email")
    func refusals() async throws {
        try await TestPostgres.withDatabase { client, _ in
            _ = try await MemberStore(client: client).create(
                Member(externalID: "m-1", name: "Léa", country: .france, language: .fr))
            _ = try await MemberStore(client: client).create(
                Member(externalID: "m-2", name: "Max", country: .france, language: .fr))
            let registry = AccountRegistry(client: client, hasher: hasher)
            let cases: [(AccountRegistry.Request, String)] = [
                (
                    .init(memberExternalID: "m-404", email: "a@example.org", password: "correct horse"),
                    "there is no member m-404: import its CV first, or give --name, --country and --language to create it"
                ),
                (
                    .init(
                        memberExternalID: "m-1", email: "a@example.org", password: "correct horse", role: .admin,
                        companyExternalID: "initech"), "there is no company initech: import its postings first"
                ),
                (
                    .init(memberExternalID: "m-1", email: "a@example.org", password: "correct horse", role: .recruiter),
                    "a recruiter acts for a company: give --company"
                ),
                (
                    .init(
                        memberExternalID: "m-1", email: "a@example.org", password: "correct horse",
                        companyExternalID: "acme"),
                    "a member account acts for no company: leave out --company, or give --role"
                ),
                (
                    .init(memberExternalID: "m-1", email: "not an email", password: "short"),
                    "email: must be an email address like name@example.org (got \"not an email\"); "
                        + "password: must be 8 to 72 bytes long (got 5)"
                ),
            ]
            for (request, message) in cases {
                let error = await #expect(throws: AccountRegistry.Refusal.self) { try await registry.create(request) }
                #expect(error?.description == message)
            }
            _ = try await registry.create(
                .init(memberExternalID: "m-1", email: "lea@example.org", password: "correct horse"))
            let taken = await #expect(throws: AccountRegistry.Refusal.self) {
                try await registry.create(
                    .init(memberExternalID: "m-2", email: "LEA@example.org", password: "correct horse"))
            }
            #expect(taken == .emailTaken("LEA@example.org"))
            let twice = await #expect(throws: AccountRegistry.Refusal.self) {
                try await registry.create(
                    .init(memberExternalID: "m-1", email: "other@example.org", password: "correct horse"))
            }
            #expect(twice == .memberHasAccount("m-1"))
            #expect(try await AccountStore(client: client).list().total == 1)
        }
    }

    @Test("Checking a password against an unknown account's decoy takes a real bcrypt's time and fails")
    func decoyTakesAsLong() async throws {
        let slow = PasswordHasher(cost: 8, threads: 1)
        let hash = try await slow.hash("correct horse")
        let clock = ContinuousClock()
        var real: [Duration] = []
        var decoy: [Duration] = []
        var matched: [Bool] = []
        for _ in 0..<5 {
            real.append(try await clock.measure { matched.append(try await slow.verify("wrong horse", hash: hash)) })
            decoy.append(try await clock.measure { matched.append(try await slow.verifyDecoy("correct horse")) })
        }
        #expect(matched == Array(repeating: false, count: 10))
        let (realMedian, decoyMedian) = (real.sorted()[2], decoy.sorted()[2])
        #expect(decoyMedian > realMedian / 3 && decoyMedian < realMedian * 3, "\(realMedian) vs \(decoyMedian)")
    }
}
