import Foundation
import PasserelleCore
import PasserelleTestSupport
import Synchronization
import Testing

@testable import PasserelleStore

@Suite("Import and export")
struct ImportTests {
    @Test("Jobs, CVs and connections survive import → export → import into a new database unchanged")
    func roundTrip() async throws {
        let directory = try makeTemporaryDataDirectory()
        let files = try SampleFiles(in: directory)
        let (before, exported) = try await TestPostgres.withDatabase { client, _ in
            let importer = Importer(client: client)
            for (kind, path) in files.all {
                let report = try await importer.run(kind, file: path)
                #expect(report.rejected == 0, "\(report.problems)")
            }
            var exported: [(ImportKind, String)] = []
            for kind in [ImportKind.profiles, .connections, .jobs] {
                let path = directory.appendingPathComponent("export-\(kind.rawValue)").path
                try await Exporter(client: client, pageSize: 2).run(kind, to: path)
                exported.append((kind, path))
            }
            return (try await contentFingerprint(client), exported)
        }
        let after = try await TestPostgres.withDatabase { client, _ in
            for (kind, path) in exported {
                let report = try await Importer(client: client).run(kind, file: path)
                #expect(report.rejected == 0, "\(report.problems)")
            }
            return try await contentFingerprint(client)
        }
        #expect(before == after)
        #expect(before.count > 20)
    }

    @Test("Importing the same files again inserts, updates and writes nothing")
    func reimportChangesNothing() async throws {
        let files = try SampleFiles(in: try makeTemporaryDataDirectory())
        try await TestPostgres.withDatabase { client, _ in
            let importer = Importer(client: client, batchSize: 2)
            var first: [ImportKind: ImportReport] = [:]
            for (kind, path) in files.all { first[kind] = try await importer.run(kind, file: path) }
            #expect(first[.profiles]?.inserted == 3)
            #expect(first[.jobs]?.inserted == 3)
            #expect(first[.connections]?.inserted == 3)
            let content = try await contentFingerprint(client)
            let outbox = try await client.query("SELECT count(*) AS n FROM outbox")[0].decode("n", as: Int.self)
            for (kind, path) in files.all {
                let again = try await importer.run(kind, file: path)
                #expect((again.inserted, again.updated, again.rejected) == (0, 0, 0), "\(kind)")
                #expect(again.unchanged == first[kind]?.read, "\(kind)")
            }
            #expect(try await contentFingerprint(client) == content)
            #expect(try await client.query("SELECT count(*) AS n FROM outbox")[0].decode("n", as: Int.self) == outbox)
        }
    }

    @Test("Each kind of bad line is reported with its line number and field; the good lines load")
    func badLinesAreReportedAndSetAside() async throws {
        let directory = try makeTemporaryDataDirectory()
        let good = SampleFiles.posting(requisition: "GOOD-1")
        let bad: [(line: String, field: String?)] = [
            ("{not json", nil),
            (
                SampleFiles.posting(requisition: "B2").replacingOccurrences(
                    of: "\"title\": \"Développeuse Swift\", ", with: ""), "title"
            ),
            (
                SampleFiles.posting(requisition: "B3").replacingOccurrences(
                    of: "\"addressCountry\": \"FR\"", with: "\"addressCountry\": \"France\""),
                "jobLocation.address.addressCountry"
            ),
            (
                SampleFiles.posting(requisition: "B4").replacingOccurrences(
                    of: "\"datePosted\": \"2026-11-01\"", with: "\"datePosted\": \"2026-13-45\""), "datePosted"
            ),
            (
                SampleFiles.posting(requisition: "B5").replacingOccurrences(
                    of: "\"minValue\": 45000", with: "\"minValue\": 95000"), "baseSalary.value.maxValue"
            ),
            (
                SampleFiles.posting(requisition: "B6").replacingOccurrences(
                    of: "\"latitude\": 43.6045", with: "\"latitude\": 123"), "jobLocation.geo.latitude"
            ),
            (
                SampleFiles.posting(requisition: "B7").replacingOccurrences(of: "\"FULL_TIME\"", with: "\"SOMETIMES\""),
                "employmentType[0]"
            ),
            (
                SampleFiles.posting(requisition: "B8").replacingOccurrences(
                    of: "\"inLanguage\": \"fr\"", with: "\"inLanguage\": \"ru\""), "inLanguage"
            ),
            (
                SampleFiles.posting(requisition: "B9").replacingOccurrences(
                    of: "\"name\": \"acme\", \"value\": \"B9\"", with: "\"name\": \"acme\", \"value\": \"\""),
                "identifier.value"
            ),
            ("[1, 2, 3]", nil),
        ]
        var text = good + "\n"
        for (line, _) in bad { text += line + "\n" }
        text += SampleFiles.posting(requisition: "GOOD-2") + "\n"
        var bytes = Array(text.utf8)
        bytes += [0x7b, 0xff, 0xfe, 0x7d, 0x0a]  // invalid UTF-8, line 13
        let path = directory.appendingPathComponent("jobs.jsonl").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))

        try await TestPostgres.withDatabase { client, _ in
            let strict = try await Importer(client: client).run(.jobs, file: path, strict: true)
            #expect(!strict.loaded)
            #expect(strict.rejected == 11)
            #expect(try await client.query("SELECT count(*) AS n FROM job_postings")[0].decode("n", as: Int.self) == 0)

            let report = try await Importer(client: client).run(.jobs, file: path)
            #expect(report.read == 13)
            #expect(report.inserted == 2)
            #expect(report.rejected == 11)
            let lines = Set(report.problems.map(\.line))
            #expect(lines == Set(2...11).union([13]))
            for (index, expected) in bad.enumerated() where expected.field != nil {
                let found = report.problems.filter { $0.line == index + 2 }.map(\.field)
                #expect(
                    found.contains(expected.field),
                    "line \(index + 2): \(report.problems.filter { $0.line == index + 2 })")
            }
            let rejected = try String(contentsOfFile: try #require(report.rejectsFile), encoding: .isoLatin1)
            #expect(rejected.split(separator: "\n").count == 11)
            let problems = try String(contentsOfFile: try #require(report.problemsFile), encoding: .utf8)
            #expect(problems.hasPrefix("jobs.jsonl:2: "))
            #expect(try await client.query("SELECT count(*) AS n FROM job_postings")[0].decode("n", as: Int.self) == 2)
        }
    }

    @Test("A connection to an unknown member is refused with its line; the others load")
    func unknownMemberIsRefused() async throws {
        let files = try SampleFiles(in: try makeTemporaryDataDirectory())
        let path = files.directory.appendingPathComponent("more.csv").path
        try "member_a,member_b,since\nm-1,m-2,2024-01-01T00:00:00Z\nm-1,m-404,2024-01-01T00:00:00Z\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        try await TestPostgres.withDatabase { client, _ in
            _ = try await Importer(client: client).run(.profiles, file: files.profiles)
            let report = try await Importer(client: client).run(.connections, file: path)
            #expect(report.inserted == 1)
            #expect(
                report.problems == [
                    ImportProblem(file: "more.csv", line: 3, field: "member_b", reason: "no member m-404")
                ])
        }
    }

    @Test("An import interrupted half-way and run again ends with exactly the file's content")
    func interruptedImportFinishesOnSecondRun() async throws {
        let files = try SampleFiles(in: try makeTemporaryDataDirectory())
        let path = files.directory.appendingPathComponent("many.csv").path
        var text = "member_a,member_b,since,strength\n"
        for index in 0..<2000 { text += "m-\(index),m-\(index + 1),2024-01-01T00:00:00Z,0.5\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        var resumes = ""
        for index in 0...2000 { resumes += SampleFiles.resume(id: "m-\(index)", name: "Member \(index)") + "\n" }
        let resumesPath = files.directory.appendingPathComponent("many.jsonl").path
        try resumes.write(toFile: resumesPath, atomically: true, encoding: .utf8)

        try await TestPostgres.withDatabase { client, _ in
            _ = try await Importer(client: client, batchSize: 500).run(.profiles, file: resumesPath)
            let started = Atomic<Bool>(false)
            let importer = Importer(client: client, batchSize: 20)
            let interrupted = Task {
                try await importer.run(.connections, file: path) { progress in
                    if progress.linesRead >= 200 { started.store(true, ordering: .releasing) }
                }
            }
            while !started.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(1)) }
            interrupted.cancel()
            await #expect(throws: CancellationError.self) { _ = try await interrupted.value }
            let partial = try await client.query("SELECT count(*) AS n FROM connections")[0].decode("n", as: Int.self)
            #expect(partial >= 200 && partial < 2000)
            // Whole batches only: 20 lines each, the first of them the header.
            #expect((partial + 1) % 20 == 0)

            let second = try await importer.run(.connections, file: path)
            #expect(second.inserted == 2000 - partial)
            #expect(second.unchanged == partial)
            #expect(
                try await client.query("SELECT count(*) AS n FROM connections")[0].decode("n", as: Int.self) == 2000)
        }
    }
}

extension ImportTests {
    @Test("Bad lines in many small batches keep their numbers while the next batch decodes during each merge")
    func pipelinedBatchesKeepLineNumbers() async throws {
        let directory = try makeTemporaryDataDirectory()
        let bad = Set([5, 17, 29])
        var text = ""
        for number in 1...30 {
            text +=
                (bad.contains(number) ? "{bad \(number)" : SampleFiles.resume(id: "m-\(number)", name: "M \(number)"))
            text += "\n"
        }
        let path = directory.appendingPathComponent("cvs.jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try await TestPostgres.withDatabase { client, _ in
            let strict = try await Importer(client: client, batchSize: 4).run(.profiles, file: path, strict: true)
            #expect(!strict.loaded)
            #expect(try await client.query("SELECT count(*) AS n FROM members")[0].decode("n", as: Int.self) == 0)

            let report = try await Importer(client: client, batchSize: 4).run(.profiles, file: path)
            #expect((report.read, report.inserted, report.rejected) == (30, 27, 3))
            #expect(report.problems.map(\.line) == [5, 17, 29])
            let rejected = try String(contentsOfFile: try #require(report.rejectsFile), encoding: .utf8)
            #expect(rejected == "{bad 5\n{bad 17\n{bad 29\n")
            #expect(try await client.query("SELECT count(*) AS n FROM members")[0].decode("n", as: Int.self) == 27)
        }
    }

    @Test("A pair repeated within a batch and across batches keeps its last line; each change has its outbox row")
    func repeatedPairsKeepTheLastLine() async throws {
        let files = try SampleFiles(in: try makeTemporaryDataDirectory())
        let path = files.directory.appendingPathComponent("pairs.csv").path
        try """
        m-1,m-2,2024-01-01T00:00:00Z,0.1
        m-2,m-1,2024-01-02T00:00:00Z,0.2
        m-1,m-3,2024-01-03T00:00:00Z
        m-2,m-1,2024-01-04T00:00:00Z,0.4

        """.write(toFile: path, atomically: true, encoding: .utf8)
        try await TestPostgres.withDatabase { client, _ in
            _ = try await Importer(client: client).run(.profiles, file: files.profiles)
            let outboxBefore = try await connectionOutboxRows(client)
            let report = try await Importer(client: client, batchSize: 2).run(.connections, file: path)
            #expect((report.read, report.inserted, report.updated, report.unchanged) == (4, 2, 1, 1))
            let pairs = try await client.query(
                """
                SELECT a.external_id || ' ' || b.external_id || ' ' || k.since || ' ' || coalesce(k.strength::text, '-')
                       AS line
                FROM connections k JOIN members a ON a.id = k.member_a JOIN members b ON b.id = k.member_b
                ORDER BY line
                """
            ).map { try $0.decode("line", as: String.self) }
            #expect(pairs == ["m-1 m-2 2024-01-04 00:00:00+00 0.4", "m-1 m-3 2024-01-03 00:00:00+00 -"])
            #expect(try await connectionOutboxRows(client) == outboxBefore + 3)
        }
    }

    @Test(
        "Connections find members created after the import started and refuse members erased since, triggers or not",
        arguments: [true, false])
    func connectionsAgainstAStaleDirectory(skippingTriggers: Bool) async throws {
        let files = try SampleFiles(in: try makeTemporaryDataDirectory())
        let path = files.directory.appendingPathComponent("pairs.csv").path
        try "m-1,m-2,2024-01-01T00:00:00Z,0.5\nm-3,m-1,2024-02-01T00:00:00Z\nm-2,m-3,2024-03-01T00:00:00Z,0.1\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        try await TestPostgres.withDatabase { client, _ in
            _ = try await Importer(client: client).run(.profiles, file: files.profiles)
            // The directory as read before m-1 signed up and before m-3 was erased.
            var directory = try await MemberDirectory.read(from: client)
            #expect(directory.count == 3)
            directory["m-1"] = nil
            try await client.query("DELETE FROM members WHERE external_id = 'm-3'")
            let loader = ConnectionsLoader(members: directory, skipsForeignKeyTriggers: skippingTriggers)
            let report = try await Importer(client: client).run(
                loader, file: try LineFile(path: path), batchSize: 2, strict: false, progress: { _ in })
            #expect((report.read, report.inserted, report.rejected) == (3, 1, 2))
            #expect(
                report.problems == [
                    ImportProblem(file: "pairs.csv", line: 2, field: "member_a", reason: "no member m-3"),
                    ImportProblem(file: "pairs.csv", line: 3, field: "member_b", reason: "no member m-3"),
                ])
            let orphans = try await client.query(
                """
                SELECT count(*) AS n FROM connections k
                WHERE NOT EXISTS (SELECT 1 FROM members WHERE id = k.member_a)
                   OR NOT EXISTS (SELECT 1 FROM members WHERE id = k.member_b)
                """)
            #expect(try orphans[0].decode("n", as: Int.self) == 0)
            #expect(try await client.query("SELECT count(*) AS n FROM connections")[0].decode("n", as: Int.self) == 1)
            #expect(try await connectionOutboxRows(client) == 1)
        }
    }

    private func connectionOutboxRows(_ client: PostgresClient) async throws -> Int {
        try await client.query("SELECT count(*) AS n FROM outbox WHERE topic = 'connection'")[0].decode(
            "n", as: Int.self)
    }
}

/// A few postings, CVs and connections in the formats of FORMATS.md.
struct SampleFiles {
    let directory: URL
    let jobs: String
    let profiles: String
    let connections: String
    var all: [(ImportKind, String)] { [(.profiles, profiles), (.jobs, jobs), (.connections, connections)] }

    init(in directory: URL) throws {
        self.directory = directory
        jobs = directory.appendingPathComponent("jobs.jsonl").path
        profiles = directory.appendingPathComponent("profiles.jsonl").path
        connections = directory.appendingPathComponent("connections.csv").path
        let remote = """
            {"@context": "https://schema.org", "@type": "JobPosting", "identifier": {"@type": "PropertyValue", "name": "globex", "value": "R-9"}, "title": "Softwareentwickler (m/w/d)", "description": "<p>Go &amp; Swift</p><script>x</script>", "inLanguage": "de", "datePosted": "2026-11-10", "employmentType": "CONTRACTOR", "hiringOrganization": {"@type": "Organization", "name": "Globex GmbH", "identifier": "globex"}, "jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": {"@type": "Country", "name": "DE"}, "skills": ["Go", "Swift"]}
            """
        try [
            Self.posting(requisition: "REQ-1"), Self.posting(requisition: "REQ-2", country: "DE", language: "de"),
            remote,
        ]
        .joined(separator: "\n").write(toFile: jobs, atomically: true, encoding: .utf8)
        try [
            Self.resume(id: "m-1", name: "Léa Martin"), Self.resume(id: "m-2", name: "Jonas Müller", country: "DE"),
            Self.resume(id: "m-3", name: "王芳", country: "CN"),
        ].joined(separator: "\n").write(toFile: profiles, atomically: true, encoding: .utf8)
        try """
        member_a,member_b,since,strength
        m-1,m-2,2024-03-01T10:00:00Z,0.8
        m-3,m-2,2025-01-15T00:00:00Z,
        m-1,m-3,2023-06-30T12:30:00.25Z,0.3
        """.write(toFile: connections, atomically: true, encoding: .utf8)
    }

    static func posting(requisition: String, country: String = "FR", language: String = "fr") -> String {
        """
        {"@context": "https://schema.org", "@type": "JobPosting", "identifier": {"@type": "PropertyValue", "name": "acme", "value": "\(requisition)"}, "title": "Développeuse Swift", "description": "<p>Swift, PostgreSQL, « Xapian »</p>", "inLanguage": "\(language)", "datePosted": "2026-11-01", "validThrough": "2026-12-01T00:00:00Z", "employmentType": ["FULL_TIME"], "hiringOrganization": {"@type": "Organization", "name": "Acme", "identifier": "acme", "sameAs": "https://acme.example"}, "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Toulouse", "addressRegion": "Occitanie", "postalCode": "31000", "addressCountry": "\(country)"}, "geo": {"@type": "GeoCoordinates", "latitude": 43.6045, "longitude": 1.444}}, "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR", "value": {"@type": "QuantitativeValue", "minValue": 45000, "maxValue": 55000, "unitText": "YEAR"}}, "skills": ["Swift", "PostgreSQL"], "occupationalCategory": "2512", "experienceRequirements": {"@type": "OccupationalExperienceRequirements", "monthsOfExperience": 36}}
        """
    }

    static func resume(id: String, name: String, country: String = "FR") -> String {
        """
        {"basics": {"name": "\(name)", "label": "Développeuse backend", "email": "\(id)@example.org", "summary": "Swift et PostgreSQL", "location": {"city": "Toulouse", "countryCode": "\(country)"}}, "work": [{"name": "Acme", "url": "https://acme.example", "position": "Développeuse", "startDate": "2021-03-01"}, {"name": "Société Générale S.A.", "position": "Stagiaire", "startDate": "2019-09-01", "endDate": "2020-02-28"}], "education": [{"institution": "INSA Toulouse", "area": "Informatique", "endDate": "2020-06-30"}], "skills": [{"name": "Swift", "level": "Advanced", "keywords": ["SwiftNIO"]}], "languages": [{"language": "French", "fluency": "Native speaker"}], "meta": {"id": "\(id)", "country": "\(country)", "openToWork": true, "profileVisibility": "public", "hideConnections": false, "relocateTo": ["DE"], "location": {"lat": 43.6045, "lon": 1.444}}}
        """
    }
}

/// The imported data without ids or times, to compare two databases.
func contentFingerprint(_ client: PostgresClient) async throws -> [String] {
    let rows = try await client.query(
        """
        SELECT 'member ' || external_id || ' ' || name || ' ' || coalesce(email, '') || ' ' || country || ' '
               || language || ' ' || coalesce(headline, '') || ' ' || open_to_work || ' ' || profile_visibility
               || ' ' || hide_connections AS line FROM members
        UNION ALL
        SELECT 'profile ' || m.external_id || ' ' || p.country || ' ' || p.language || ' ' || p.resume::text || ' '
               || coalesce(p.summary, '') || ' ' || coalesce(p.city, '') || ' ' || coalesce(p.latitude::text, '')
               || ' ' || p.skills::text || ' ' || p.relocate_to::text
        FROM profiles p JOIN members m ON m.id = p.member_id
        UNION ALL
        SELECT 'company ' || external_id || ' ' || name || ' ' || coalesce(country, '') || ' ' || coalesce(url, '')
        FROM companies
        UNION ALL
        SELECT 'employment ' || m.external_id || ' ' || c.external_id || ' ' || coalesce(e.title, '') || ' '
               || coalesce(e.start_date::text, '') || ' ' || coalesce(e.end_date::text, '')
        FROM employments e JOIN members m ON m.id = e.member_id JOIN companies c ON c.id = e.company_id
        UNION ALL
        SELECT 'school ' || m.external_id || ' ' || d.institution || ' ' || coalesce(d.area, '') || ' '
               || coalesce(d.end_date::text, '')
        FROM educations d JOIN members m ON m.id = d.member_id
        UNION ALL
        SELECT 'connection ' || a.external_id || ' ' || b.external_id || ' ' || k.since || ' '
               || coalesce(k.strength::text, '')
        FROM connections k JOIN members a ON a.id = k.member_a JOIN members b ON b.id = k.member_b
        UNION ALL
        SELECT 'posting ' || c.external_id || ' ' || j.language || ' ' || j.requisition_id || ' ' || j.country
               || ' ' || j.title || ' ' || j.description || ' ' || j.employment_types::text || ' ' || j.remote
               || ' ' || coalesce(j.city, '') || ' ' || coalesce(j.latitude::text, '') || ' '
               || coalesce(j.salary_min::text, '') || ' ' || coalesce(j.salary_max::text, '') || ' '
               || coalesce(j.salary_currency, '') || ' ' || j.skills::text || ' ' || coalesce(j.experience_months::text, '')
               || ' ' || j.date_posted || ' ' || j.valid_through || ' ' || j.status
               || ' ' || j.tableoid::regclass::text
        FROM job_postings j JOIN companies c ON c.id = j.company_id
        ORDER BY line
        """)
    return try rows.map { try $0.decode("line", as: String.self) }
}
