import Foundation
import Logging
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import PasserelleWeb
import Testing

/// The demo data set of seed/demo, loaded by the code `passerelle demo` runs.
@Suite("passerelle demo: the demo data set")
struct DemoDataTests {
    /// seed/demo at the root of the package, found from this file's path.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seed/demo")

    @Test(
        "The data set loads whole; each named account signs in and shows what accounts.tsv says; a second load changes nothing"
    )
    func loadsOnce() async throws {
        let demo = try await DemoData.open(lookingIn: [Self.directory])
        #expect(
            demo.accounts.map(\.email)
                == ["toulouse", "munich", "shanghai", "recruiter", "admin"].map { "\($0)@demo.example" })
        try await TestPostgres.withDatabase { client, _ in
            let temporary = try makeTemporaryDataDirectory()
            defer { try? FileManager.default.removeItem(at: temporary) }
            let work = temporary.appendingPathComponent("demo-load")
            let hasher = PasswordHasher(cost: 4, threads: 1)
            var logger = Logger(label: "test")
            logger.logLevel = .warning
            let load = try #require(
                try await demo.load(client: client, hasher: hasher, workDirectory: work, logger: logger))
            #expect(load.imports.map(\.kind) == [.jobs, .profiles, .connections])
            for (kind, report) in load.imports {
                #expect(report.read > 0 && report.inserted == report.read && report.rejected == 0, "\(kind)")
            }
            #expect(load.accountsCreated == 5)
            #expect(!FileManager.default.fileExists(atPath: work.path))
            let loaded = try await Self.contents(client)

            // The postings were moved to today: the newest was posted on the day the data set was generated as of.
            let newest = try await client.query("SELECT max(date_posted)::text AS day FROM job_postings")
            #expect(try newest[0].decode("day", as: String.self) == CalendarDate(utcDayOf: Date()).description)

            let shards = try TestShards()
            try await shards.withApp(database: client, configuration: WebConfiguration(auth: .testing())) { http in
                for account in demo.accounts {
                    let login = try await http.send(
                        .post, "/api/v1/auth/login",
                        json: ["email": .string(account.email), "password": .string(account.password)])
                    #expect(login.status == .ok, "\(account.email)")
                    #expect(login.body?["member_id"]?.stringValue == account.memberExternalID)
                }
            }

            let account = Dictionary(uniqueKeysWithValues: demo.accounts.map { ($0.email.prefix { $0 != "@" }, $0) })
            for (name, city, fewest) in [
                ("toulouse", "Toulouse", 200), ("munich", "München", 50), ("shanghai", "上海", 50),
            ] {
                let member = try #require(account[Substring(name)])
                let rows = try await client.query(
                    """
                    SELECT p.city, (SELECT count(*) FROM connections c WHERE m.id IN (c.member_a, c.member_b)) AS degree
                    FROM members m JOIN profiles p ON p.member_id = m.id WHERE m.external_id = \(member.memberExternalID)
                    """)
                let degree = try rows[0].decode("degree", as: Int64.self)
                #expect(try rows[0].decode("city", as: String.self) == city)
                #expect(degree >= fewest && member.about.hasSuffix(" with \(degree) connections"), "\(name)")
            }

            let recruiter = try #require(account["recruiter"])
            #expect(recruiter.role == .recruiter)
            let company = try #require(recruiter.companyExternalID)
            let open = try await client.query(
                """
                SELECT count(*) AS open FROM job_postings j JOIN companies c ON c.id = j.company_id
                WHERE c.external_id = \(company) AND j.country = 'FR' AND j.status = 'open' AND j.valid_through > now()
                """)
            let openPostings = try open[0].decode("open", as: Int64.self)
            #expect(openPostings >= 50 && recruiter.about.hasSuffix(", \(openPostings) open postings in France"))
            #expect(try await Self.currentEmployees(of: company, client).contains(recruiter.memberExternalID))

            let admin = try #require(account["admin"])
            #expect(admin.role == .admin)
            let staff = try await Self.currentEmployees(of: try #require(admin.companyExternalID), client)
            #expect(staff.count >= 50 && admin.about.hasSuffix(", \(staff.count) current employees"))
            #expect(staff.contains(admin.memberExternalID))

            #expect(try await demo.isLoaded(client: client))
            #expect(try await demo.load(client: client, hasher: hasher, workDirectory: work, logger: logger) == nil)
            #expect(try await Self.contents(client) == loaded)
        }
    }

    @Test("Where no directory holds the data set, the error names each; where one lacks files, it names them")
    func missingFiles() async throws {
        let empty = try makeTemporaryDataDirectory()
        let nowhere = empty.appendingPathComponent("nowhere")
        let notFound = await #expect(throws: DemoData.Problem.self) {
            try await DemoData.open(lookingIn: [nowhere, empty])
        }
        #expect(
            notFound?.description
                == "no demo data set (seed/demo/accounts.tsv and the files beside it) in \(nowhere.path), \(empty.path)"
        )
        try Data().write(to: empty.appendingPathComponent("accounts.tsv"))
        let incomplete = await #expect(throws: DemoData.Problem.self) {
            try await DemoData.open(lookingIn: [nowhere, empty])
        }
        #expect(
            incomplete?.description
                == "the demo data set in \(empty.path) lacks as_of.txt, jobs.jsonl.gz, profiles.jsonl.gz, connections.csv.gz"
        )
        try FileManager.default.removeItem(at: empty)
    }

    /// Row counts of what a load writes, and the outbox's last entry.
    static func contents(_ client: PostgresClient) async throws -> [Int64] {
        let rows = try await client.query(
            """
            SELECT (SELECT count(*) FROM members) AS members, (SELECT count(*) FROM companies) AS companies,
                   (SELECT count(*) FROM job_postings) AS postings, (SELECT count(*) FROM profiles) AS profiles,
                   (SELECT count(*) FROM employments) AS employments, (SELECT count(*) FROM connections) AS connections,
                   (SELECT count(*) FROM accounts) AS accounts, (SELECT max(id) FROM outbox) AS outbox
            """)
        return try ["members", "companies", "postings", "profiles", "employments", "connections", "accounts", "outbox"]
            .map { try rows[0].decode($0, as: Int64.self) }
    }

    /// The members who work at `company` now.
    static func currentEmployees(of company: String, _ client: PostgresClient) async throws -> Set<String> {
        let rows = try await client.query(
            """
            SELECT DISTINCT m.external_id FROM employments e JOIN members m ON m.id = e.member_id
            JOIN companies c ON c.id = e.company_id WHERE c.external_id = \(company) AND e.end_date IS NULL
            """)
        return Set(try (0..<rows.count).map { try rows[$0].decode("external_id", as: String.self) })
    }
}
