import Foundation
import PasserelleCore
import PasserelleSearch

/// What `bench all` measured, and the markdown it prints.
struct SuiteReport {
    /// A line of the table: what Passerelle took, and PostgreSQL where it does the same.
    struct Row {
        var area: String
        var measurement: String
        var passerelle: String
        var postgres = ""
        var ratio = ""
    }

    /// Nil when an existing data directory was measured as it is.
    let scale: Int?
    let dataDirectory: String
    let started = Date()
    var facts: [String] = []
    var ingest: [Row] = []
    var network: [Row] = []
    var postgresBuild: [Row] = []
    var matching: [Row] = []
    /// Job search, in-process and over HTTP.
    var search: [Measurement] = []
    /// The same query set against PostgreSQL's full-text search.
    var postgres: [Measurement] = []
    /// CV search and talent.
    var other: [Measurement] = []
    var agreement: SearchAgreement?
    var serverPeak: Int?
    var serverResident: Int?
    /// The load average (1, 5, 15 minutes) when each phase started.
    var loads: [(phase: String, load: String)] = []
    var notes: [String] = []

    mutating func load(_ phase: String) {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        loads.append((phase, text.split(separator: " ").prefix(3).joined(separator: " ")))
    }

    mutating func addNetwork(_ figures: NetworkFigures) {
        func cell(_ figures: NetworkFigures.Figures) -> String {
            "wall p50 \(Self.ms(figures.wall.percentile(0.5))), p99 \(Self.ms(figures.wall.percentile(0.99))) ms; "
                + "thread CPU p99 \(Self.ms(figures.cpu.percentile(0.99))) ms"
        }
        network += [
            Row(
                area: "network",
                measurement: "distances from a member to \(figures.batch) members (\(figures.reached))",
                passerelle: cell(figures.distances)),
            Row(
                area: "network",
                measurement: "referral paths to a company (\(String(format: "%.1f", figures.pathsEach)) paths each)",
                passerelle: cell(figures.paths)),
            Row(
                area: "network",
                measurement:
                    "talent links, graph side (company of \(figures.talentStaff) employees, \(figures.window) candidates)",
                passerelle: cell(figures.talent)),
        ]
    }

    mutating func addMatching(_ quality: MatchingQuality) {
        func figures(_ quality: MatchingQuality.Quality) -> String {
            let count = Double(max(quality.count, 1))
            return String(
                format: "precision@10 %.3f, recall@50 %.3f", quality.precision / count, quality.recall / count)
        }
        func cell(_ times: [Duration]) -> String {
            let figures = LatencyFigures(times)
            return "p50 \(Self.ms(figures.percentile(0.5))) · p95 \(Self.ms(figures.percentile(0.95))) · "
                + "p99 \(Self.ms(figures.percentile(0.99))) ms"
        }
        matching = [
            Row(
                area: "matching",
                measurement: "top candidates for an offer (\(quality.candidates.count) offers): re-ranked "
                    + "\(figures(quality.candidates)); text relevance alone \(figures(quality.candidatesByText))",
                passerelle: cell(quality.candidateTimes)),
            Row(
                area: "matching",
                measurement: "recommended offers for a member (\(quality.offers.count) members): re-ranked "
                    + "\(figures(quality.offers)); text relevance alone \(figures(quality.offersByText))",
                passerelle: cell(quality.offerTimes)),
        ]
    }

    mutating func addPostgresBuild(_ build: PostgresFullTextSearch.Build) {
        let when =
            build.reused ? " (built by an earlier run, \(ISO8601DateFormatter().string(from: build.builtAt)))" : ""
        postgresBuild = [
            Row(
                area: "PostgreSQL FTS", measurement: "table of \(build.rows) postings with their tsvectors\(when)",
                passerelle: "", postgres: "\(Self.seconds(build.table)), \(Self.rate(build.rows, build.table))"),
            Row(
                area: "PostgreSQL FTS", measurement: "GIN index on the tsvectors", passerelle: "",
                postgres: "\(Self.seconds(build.gin)), \(Self.rate(build.rows, build.gin))"),
            Row(
                area: "PostgreSQL FTS", measurement: "GiST index on the places, B-tree on the dates, ANALYZE",
                passerelle: "", postgres: Self.seconds(build.otherIndexes)),
            Row(
                area: "PostgreSQL FTS", measurement: "searchable in all (index rate)", passerelle: "",
                postgres: "\(Self.seconds(build.total)), \(Self.rate(build.rows, build.total))"),
        ]
    }

    // MARK: - Markdown

    func markdown() -> String {
        var lines = ["# Passerelle benchmark suite", ""]
        lines += environment.map { "- \($0)" }
        lines += facts.map { "- \($0)" }
        lines.append(
            "- load average (1, 5, 15 min) as each phase began: "
                + loads.map { "\($0.phase) \($0.load)" }.joined(separator: "; "))
        lines += [
            "", "| area | measurement | Passerelle | PostgreSQL FTS | PostgreSQL ÷ Passerelle |",
            "|---|---|---|---|---|",
        ]
        let rows = ingest + postgresBuild + searchRows + otherRows + network + matching + memoryRows
        for row in rows {
            lines.append(
                "| \(row.area) | \(row.measurement) | \(row.passerelle) | \(row.postgres) | \(row.ratio) |")
        }
        lines += [
            "",
            "Latencies in milliseconds, as the client saw them; req/s is the measured throughput of all queries, "
                + "and for one kind clients ÷ mean latency. The ratio is PostgreSQL's latency over Passerelle's "
                + "(and Passerelle's req/s over PostgreSQL's): above 1, Passerelle is ahead.",
        ]
        if let agreement { lines += ["", "## Do the two agree?", ""] + agreement.markdown() }
        lines += ["", "## Every kind of query", "", "```"]
        lines.append(BenchRow.table((search + postgres + other).flatMap(\.rows)))
        lines.append("```")
        if !notes.isEmpty { lines += ["", "## Notes", ""] + notes.map { "- \($0)" } }
        return lines.joined(separator: "\n") + "\n"
    }

    private var environment: [String] {
        var facts = ["date: \(ISO8601DateFormatter().string(from: started))"]
        let memory = ProcessInfo.processInfo.physicalMemory >> 30
        var machine = "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(memory) GB"
        if let release = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
            let name = release.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") })
        {
            machine +=
                ", " + name.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        facts.append("machine: \(machine), Xapian \(Xapian.version)")
        facts.append("build: " + (BenchBuild.isRelease ? "release" : "DEBUG (\(BenchBuild.debugWarning))"))
        facts.append(
            scale.map { "scale: \($0) members and \($0) postings, generated, imported and indexed by this run" }
                ?? "data directory: \(dataDirectory), measured as it is (--reuse): no generation, import or reindex")
        return facts
    }

    /// Job search: for each transport and client count, all queries, with facets,
    /// with geo, each beside PostgreSQL at the same client count.
    private var searchRows: [Row] {
        var rows: [Row] = []
        for measurement in search {
            let networked = measurement.transport.hasSuffix("in_network")
            let theirs = postgres.first {
                $0.clients == measurement.clients && $0.transport.hasSuffix("in_network") == networked
            }
            let kinds: [(String, String)] =
                networked
                ? [("all", "in_network, all queries")]
                : [("all", "all queries"), ("facets", "with facets"), ("geo", "with geo")]
            for (kind, name) in kinds {
                guard let ours = measurement.rows.first(where: { $0.kind == kind }) else { continue }
                let their = theirs?.rows.first { $0.kind == kind }
                let transport = measurement.transport.replacingOccurrences(of: " in_network", with: "")
                rows.append(
                    Row(
                        area: "job search",
                        measurement:
                            "\(transport), \(measurement.clients) client\(measurement.clients == 1 ? "" : "s"), \(name)",
                        passerelle: Self.cell(ours), postgres: their.map(Self.cell) ?? "not measured",
                        ratio: their.map { Self.ratio($0, ours) } ?? ""))
            }
        }
        return rows
    }

    private var otherRows: [Row] {
        other.compactMap { measurement in
            guard let all = measurement.rows.first else { return nil }
            let area = measurement.transport.hasPrefix("talent") ? "talent" : "CV search"
            return Row(
                area: area, measurement: "\(measurement.transport), \(all.figures.sorted.count) searches",
                passerelle: Self.cell(all))
        }
    }

    private var memoryRows: [Row] {
        guard let serverPeak else { return [] }
        return [
            Row(
                area: "memory",
                measurement: "`passerelle serve` after the HTTP measurements (index, graph, HTTP)",
                passerelle: "peak RSS \(serverPeak >> 20) MB (resident at the end \((serverResident ?? 0) >> 20) MB)")
        ]
    }

    // MARK: - Formatting

    static func ms(_ duration: Duration) -> String {
        let value = duration / .milliseconds(1)
        return String(format: value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%.0f", value)
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f s", duration / .seconds(1))
    }

    static func rate(_ count: Int, _ duration: Duration) -> String {
        "\(Int((Double(count) / max(duration / .seconds(1), 1e-9)).rounded()))/s"
    }

    static func cell(_ row: BenchRow) -> String {
        let errors = row.failures > 0 ? ", \(row.failures) errors" : ""
        return "p50 \(ms(row.figures.percentile(0.5))) · p95 \(ms(row.figures.percentile(0.95))) · "
            + "p99 \(ms(row.figures.percentile(0.99))) ms · \(String(format: "%.0f", row.perSecond)) req/s\(errors)"
    }

    /// PostgreSQL's latencies over Passerelle's; Passerelle's throughput over PostgreSQL's.
    static func ratio(_ theirs: BenchRow, _ ours: BenchRow) -> String {
        func times(_ a: Double, _ b: Double) -> String {
            guard b > 0 else { return "–" }
            let value = a / b
            return String(format: value < 10 ? "%.1f×" : "%.0f×", value)
        }
        func at(_ fraction: Double) -> String {
            times(
                theirs.figures.percentile(fraction) / .microseconds(1),
                ours.figures.percentile(fraction) / .microseconds(1))
        }
        return "p50 \(at(0.5)) · p99 \(at(0.99)) · req/s \(times(ours.perSecond, theirs.perSecond))"
    }
}

/// How far Passerelle's and PostgreSQL's answers to the same queries agree.
struct SearchAgreement {
    struct Tally {
        var queries = 0
        var bothFind = 0
        var onlyOurs = 0
        var onlyTheirs = 0
        /// Queries whose totals can be compared (ours exact), and of them those equal.
        var comparable = 0
        var equalTotals = 0
        /// PostgreSQL's total over ours, where both find something.
        var totalRatios: [Double] = []
        /// Shared ids over the shorter first page, where both find something.
        var overlaps: [Double] = []
        /// Queries with facets and equal exact totals, and of them those with the same counts.
        var facetQueries = 0
        var equalFacets = 0

        mutating func add(_ ours: JobSearchResults, _ theirs: PostgresFullTextSearch.Answer, facets: [SearchFacet]) {
            queries += 1
            switch (ours.total > 0, theirs.total > 0) {
            case (true, true): bothFind += 1
            case (true, false): onlyOurs += 1
            case (false, true): onlyTheirs += 1
            case (false, false): break
            }
            if ours.totalIsExact {
                comparable += 1
                if ours.total == theirs.total { equalTotals += 1 }
            }
            guard ours.total > 0, theirs.total > 0 else { return }
            totalRatios.append(Double(theirs.total) / Double(ours.total))
            let page = min(ours.hits.count, theirs.ids.count)
            if page > 0 {
                overlaps.append(Double(Set(ours.hits.map(\.id)).intersection(theirs.ids).count) / Double(page))
            }
            // City and company lists are cut at 20 and may differ on ties at the cut: the others are whole.
            let compared = facets.filter { [.country, .type, .remote, .salary, .posted, .language].contains($0) }
            if !compared.isEmpty, ours.totalIsExact, ours.total == theirs.total {
                facetQueries += 1
                let same = compared.allSatisfy { facet in
                    Dictionary(uniqueKeysWithValues: (ours.facets[facet] ?? []).map { ($0.value, $0.count) })
                        == Dictionary(uniqueKeysWithValues: (theirs.facets[facet] ?? []).map { ($0.value, $0.count) })
                }
                if same { equalFacets += 1 }
            }
        }

        func cells(_ name: String) -> String {
            let ratios = totalRatios.sorted()
            let median = ratios.isEmpty ? "–" : String(format: "%.2f", ratios[ratios.count / 2])
            let overlap =
                overlaps.isEmpty ? "–" : String(format: "%.0f%%", 100 * overlaps.reduce(0, +) / Double(overlaps.count))
            return
                "| \(name) | \(queries) | \(bothFind) | \(onlyOurs) | \(onlyTheirs) | \(equalTotals) of \(comparable) | "
                + "\(median) | \(overlap) | \(equalFacets) of \(facetQueries) |"
        }
    }

    var all = Tally()
    var byKind: [QueryKind: Tally] = [:]
    var byLanguage: [Language: Tally] = [:]
    /// Queries with a typo, typed without accents, or in Chinese: where the semantics differ most.
    var typos = Tally()
    var accentless = Tally()

    mutating func add(_ query: BenchmarkQuery, ours: JobSearchResults, theirs: PostgresFullTextSearch.Answer) {
        let facets = query.request.facets
        all.add(ours, theirs, facets: facets)
        byKind[query.kind, default: Tally()].add(ours, theirs, facets: facets)
        byLanguage[query.language, default: Tally()].add(ours, theirs, facets: facets)
        if query.traits.contains(.typo) { typos.add(ours, theirs, facets: facets) }
        if query.traits.contains(.accentless) { accentless.add(ours, theirs, facets: facets) }
    }

    func markdown() -> [String] {
        var lines = [
            "The first \(all.queries) queries of the set, answered by both. A total is compared where Passerelle's is exact "
                + "(under 100,000); the overlap is the share of the shorter first page found on both; facet counts "
                + "(country, type, remote, salary, posted) where the totals are equal.",
            "",
            "| queries | n | both find some | only Passerelle | only PostgreSQL | equal totals | median PG ÷ Passerelle total "
                + "| top-page overlap | equal facet counts |",
            "|---|---|---|---|---|---|---|---|---|",
            all.cells("all"),
        ]
        for kind in QueryKind.allCases { if let tally = byKind[kind] { lines.append(tally.cells(kind.rawValue)) } }
        for language in Language.allCases {
            if let tally = byLanguage[language] { lines.append(tally.cells("in \(language.code)")) }
        }
        if typos.queries > 0 { lines.append(typos.cells("with a typo")) }
        if accentless.queries > 0 { lines.append(accentless.cells("typed without accents")) }
        return lines
    }
}
