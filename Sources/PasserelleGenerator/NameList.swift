import Foundation

/// First names by locale and gender and last names by locale (first_names.tsv,
/// last_names.tsv), drawn by frequency: the `weight` column where the list gives one,
/// else three times more often for names that Faker lists (its lists are the more
/// typical ones, SOURCES.md says) than for Mimesis-only names.
struct NameList: Sendable {
    /// Names and their sampler for one locale (and gender).
    struct Pool: Sendable {
        let names: [String]
        let sampler: WeightedSampler

        func draw(_ random: inout SeededRandom) -> String { names[sampler.draw(&random)] }
    }

    /// By country index, then 0 = masculine, 1 = feminine.
    let first: [[Pool]]
    /// By country index.
    let last: [Pool]

    init(directory: URL) throws(GeneratorError) {
        let firstTable = try TSVTable(
            "first_names.tsv", in: directory, requiring: ["locale", "gender", "name", "weight", "source"])
        let lastTable = try TSVTable(
            "last_names.tsv", in: directory, requiring: ["locale", "name", "weight", "source"])
        var first: [[Pool]] = []
        var last: [Pool] = []
        for profile in CountryProfile.all {
            var genders: [Pool] = []
            for gender in ["m", "f"] {
                let rows = firstTable.rows.filter {
                    firstTable[$0, "locale"] == profile.nameLocale && firstTable[$0, "gender"] == gender
                }
                genders.append(try Self.pool(rows, of: firstTable, in: directory))
            }
            first.append(genders)
            let rows = lastTable.rows.filter { lastTable[$0, "locale"] == profile.nameLocale }
            last.append(try Self.pool(rows, of: lastTable, in: directory))
        }
        self.first = first
        self.last = last
    }

    private static func pool(
        _ rows: [[Substring]], of table: TSVTable, in directory: URL
    ) throws(GeneratorError)
        -> Pool
    {
        guard !rows.isEmpty else {
            throw .malformedList(directory.appendingPathComponent(table.name).path, "a locale has no names")
        }
        let given = rows.map { Double(table[$0, "weight"]) }
        let hasWeights = given.contains { $0 != nil }
        // Unweighted rows of a weighted list count as the rarest weighted one.
        let floor = given.compactMap { $0 }.filter { $0 > 0 }.min() ?? 1
        let weights = zip(rows, given).map { row, weight in
            hasWeights ? max(weight ?? floor, floor) : (table[row, "source"].contains("faker") ? 3.0 : 1.0)
        }
        return Pool(names: rows.map { String(table[$0, "name"]) }, sampler: WeightedSampler(weights))
    }
}
