import Foundation
import PasserelleCore
import PasserelleSearch
import PasserelleTestSupport
import Synchronization
import Testing

@testable import PasserelleStore

@Suite("Index writer: the outbox to the shards")
struct IndexWriterTests {
    @Test(
        "After creates, updates, closes, deletes, moves and CV changes, the shards hold exactly what PostgreSQL holds")
    func shardsMirrorPostgres() async throws {
        let layout = try temporaryLayout()
        try await TestPostgres.withDatabase { client, _ in
            let data = SearchFixtures(client: client)
            let acme = try await data.company("Acme")
            let globex = try await data.company("Globex")
            // Written before the writer starts: it begins with the whole outbox.
            let kept = try await data.posting("Développeuse Swift", company: acme)
            let closed = try await data.posting("Boulanger", company: acme)
            let deleted = try await data.posting("Chef de projet", company: globex)
            let moved = try await data.posting("Data engineer", company: globex)
            let renamed = try await data.posting("Softwareentwickler", company: globex, country: .germany)
            let employee = try await data.member("Léa Martin", openToWork: true)
            let employment = try await data.employments.create(Employment(memberID: employee.id, companyID: acme.id))
            let turnsHidden = try await data.member("Jonas Weber")
            let networkOnly = try await data.member("Ana Lima", visibility: .network)
            let losesCV = try await data.member("Marco Rossi", country: .germany)
            let emigrates = try await data.member("Chloé Petit")
            let erased = try await data.member("Paul Durand")

            let writer = IndexWriter(
                client: client, layout: layout, countries: [.france, .germany], logger: quietLogger("test.index"))
            let index = IndexContents(layout)
            try await withRunning(writer) {
                #expect(try await writer.waitUntilCaughtUp())
                #expect(try await index.ids(.france, .jobs) == [kept.id, closed.id, deleted.id, moved.id])
                let employeeRow = try await index.profileRow(.france, employee.id)
                #expect(employeeRow?.currentCompanyIDs == [String(acme.id)])
                #expect(employeeRow?.openToWork == true)

                // Changed while the writer runs.
                _ = try await data.postings.close(id: closed.id)
                try await data.postings.delete(id: deleted.id)
                var movedToGermany = moved
                movedToGermany.country = .germany
                movedToGermany.language = .de
                _ = try await data.postings.update(movedToGermany)
                var retitled = renamed
                retitled.title = "Backend-Entwicklerin"
                _ = try await data.postings.update(retitled)
                var hidden = turnsHidden
                hidden.profileVisibility = .hidden
                _ = try await data.members.update(hidden)
                try await data.profiles.delete(memberID: losesCV.id)
                var movedMember = emigrates
                movedMember.country = .germany
                _ = try await data.members.update(movedMember)
                try await data.members.delete(id: erased.id)
                var ended = employment
                ended.endDate = CalendarDate(utcDayOf: Date())
                _ = try await data.employments.update(ended)
                let created = try await data.posting("Product owner", company: acme)

                #expect(try await writer.waitUntilCaughtUp())
                for country in [Country.france, .germany] {
                    #expect(try await index.ids(country, .jobs) == data.openPostingIDs(country), "\(country)")
                    #expect(try await index.ids(country, .profiles) == data.searchableProfileIDs(country), "\(country)")
                    #expect(try await index.shard(country, .jobs)?.documents == data.openPostingIDs(country).count)
                    #expect(
                        try await index.shard(country, .profiles)?.documents
                            == data.searchableProfileIDs(country).count)
                }
                #expect(try await index.ids(.france, .jobs) == [kept.id, created.id])
                #expect(try await index.ids(.germany, .jobs) == [moved.id, renamed.id])
                #expect(try await index.ids(.france, .profiles) == [employee.id, networkOnly.id])
                #expect(try await index.ids(.germany, .profiles) == [emigrates.id])

                var german = JobSearchRequest()
                german.query = "Backend-Entwicklerin"
                german.countries = [.germany]
                let hit = try await index.search.searchJobs(german).hits.first
                #expect(hit?.id == renamed.id)
                #expect(hit?.row.title == "Backend-Entwicklerin")
                #expect(hit?.row.company.name == "Globex")
                let row = try await index.profileRow(.france, employee.id)
                #expect(row?.name == "Léa Martin")
                #expect(row?.currentCompanyIDs == [])
                #expect(try await index.profileRow(.germany, emigrates.id)?.country == "DE")
            }
            // Shut down gracefully: every shard, the idle ones too, records the writer's position.
            let latest = try #require(try await IndexSource(client: client).latestPosition())
            for country in [Country.france, .germany] {
                for kind in IndexKind.allCases {
                    #expect(try await index.shard(country, kind)?.position == latest, "\(country) \(kind)")
                }
            }
            #expect(writer.appliedPosition == latest)
        }
    }

    @Test("A posting committed while the writer runs is found by a search within moments")
    func committedPostingBecomesSearchable() async throws {
        let layout = try temporaryLayout()
        try await TestPostgres.withDatabase { client, _ in
            let data = SearchFixtures(client: client)
            let acme = try await data.company("Acme")
            // Polling rarely: only the NOTIFY can wake the writer in time.
            let writer = IndexWriter(
                client: client, layout: layout, countries: [.france], logger: quietLogger("test.index"),
                pollInterval: .seconds(3600))
            let index = IndexContents(layout)
            try await withRunning(writer) {
                #expect(try await writer.waitUntilCaughtUp())
                var request = JobSearchRequest()
                request.query = "Tonnelière"
                request.countries = [.france]
                #expect(try await index.search.searchJobs(request).hits.isEmpty)

                let posting = try await data.posting("Tonnelière", company: acme)
                let committed = ContinuousClock.now
                let found = try await eventually(within: .seconds(5)) {
                    try await index.search.searchJobs(request).hits.map(\.id) == [posting.id]
                }
                #expect(found, "not searchable after \(ContinuousClock.now - committed)")
            }
        }
    }

    @Test("A writer stopped and started again resumes where its shards are, skipping nothing")
    func restartResumesFromShardPositions() async throws {
        let layout = try temporaryLayout()
        try await TestPostgres.withDatabase { client, _ in
            let data = SearchFixtures(client: client)
            let acme = try await data.company("Acme")
            let first = IndexWriter(client: client, layout: layout, countries: [.france], logger: quietLogger("t"))
            let early = try await data.posting("Menuisière", company: acme)
            try await withRunning(first) { () async throws in #expect(try await first.waitUntilCaughtUp()) }
            // Written while no writer runs.
            let late = try await data.posting("Charpentière", company: acme)
            _ = try await data.postings.close(id: early.id)
            let second = IndexWriter(client: client, layout: layout, countries: [.france], logger: quietLogger("t"))
            try await withRunning(second) { () async throws in
                #expect(try await second.waitUntilCaughtUp())
                #expect(try await IndexContents(layout).ids(.france, .jobs) == [late.id])
            }
        }
    }

    @Test("Killed with SIGKILL while applying a stream of postings, then restarted, the writer loses nothing")
    func killNineLosesNothing() async throws {
        let directory = try makeTemporaryDataDirectory()
        let layout = IndexLayout(root: directory.appendingPathComponent("index"))
        try await TestPostgres.withDatabase { client, database in
            let data = SearchFixtures(client: client)
            let acme = try await data.company("Acme")
            let writer = Program(
                executable: try passerelleExecutable().path,
                arguments: ["index-writer", "--country", "FR", "--data-dir", directory.path, "--log-level", "warning"],
                user: nil, workingDirectory: directory, environment: ["DATABASE_URL": database.connectionString])
            let index = IndexContents(layout)

            // Postings in transactions of 20, some closed or deleted again, from a task of their own,
            // until the writer has been killed three times (and at least 2,000 of them).
            let enough = Flag()
            let writing = Task {
                var made: [Int64] = []
                var batch = 0
                while batch < 100 || !enough.isSet {
                    defer { batch += 1 }
                    made += try await client.withTransaction { connection in
                        var ids: [Int64] = []
                        for number in 0..<20 {
                            let posting = SearchFixtures.posting(
                                "Soudeuse \(batch)-\(number)", company: acme, requisition: "K-\(batch)-\(number)")
                            ids.append(try await data.postings.create(posting, on: connection).id)
                        }
                        return ids
                    }
                    if batch % 3 == 0 { _ = try await data.postings.close(id: made[made.count - 7]) }
                    if batch % 5 == 0 { try await data.postings.delete(id: made[made.count - 13]) }
                }
            }
            // Runs killed while they apply the stream, each once it has committed more than the run before.
            var seen: OutboxPosition?
            var kills = 0
            repeat {
                let run = Task { try await writer.run() }
                let progressed = try await eventually(within: .seconds(30)) {
                    guard let position = try await index.shard(.france, .jobs)?.position else { return false }
                    return seen.map { position > $0 } ?? true
                }
                #expect(progressed)
                #expect(try await signal(SIGKILL, commandLineContaining: ["index-writer", directory.path]))
                #expect(try await run.value.status == 128 + SIGKILL)
                seen = try await index.shard(.france, .jobs)?.position
                kills += 1
            } while kills < 3
            enough.set()
            try await writing.value
            let expected = try await data.openPostingIDs(.france)
            #expect(expected.count > 1500)
            let latest = try #require(try await IndexSource(client: client).latestPosition())

            let last = Task { try await writer.run() }
            let caughtUp = try await eventually(within: .seconds(60)) {
                try await index.shard(.france, .jobs)?.position.map { $0 >= latest } ?? false
            }
            #expect(caughtUp)
            #expect(try await index.ids(.france, .jobs) == expected)
            #expect(try await index.shard(.france, .jobs)?.documents == expected.count)
            #expect(try await signal(SIGTERM, commandLineContaining: ["index-writer", directory.path]))
            #expect(try await last.value.status == 0)
        }
    }
}

/// Set once, read from other tasks.
final class Flag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}

/// Sends `signal` to the one process whose command line holds every one of
/// `parts`, waiting for it to appear (it may be starting); false if it never does.
func signal(_ signal: Int32, commandLineContaining parts: [String]) async throws -> Bool {
    var found: [Int32] = []
    _ = try await eventually(within: .seconds(10)) {
        found = processes(commandLineContaining: parts)
        return found.count == 1
    }
    return found.count == 1 && kill(found[0], signal) == 0
}

/// The processes whose command line holds every one of `parts`.
func processes(commandLineContaining parts: [String]) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> Int32? in
        guard let pid = Int32(entry), let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
        else { return nil }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return parts.allSatisfy(arguments.contains) && arguments.contains(where: { $0.hasSuffix("passerelle") })
            ? pid : nil
    }
}
