import Foundation

/// The universities of universities.tsv by country. Some schools are much bigger than
/// others: each gets a Zipf-like weight by a rank that depends on its name only.
struct UniversityList: Sendable {
    /// By country index.
    let names: [[String]]
    /// By country, positions in `names[country]`, the largest school first.
    let ranked: [[Int]]
    /// The first global index of each country's schools (a school's global index is
    /// `offsets[country] + position`), so that classes can be keyed by one number.
    let offsets: [Int]

    /// Graduates per school a data set should have at least, for classes to form: a
    /// small data set only uses a country's largest schools.
    static let graduatesPerSchool = 200.0

    init(directory: URL) throws(GeneratorError) {
        let table = try TSVTable("universities.tsv", in: directory, requiring: ["country", "name"])
        var names = Array(repeating: [String](), count: CountryProfile.all.count)
        for row in table.rows {
            guard let index = CountryProfile.all.firstIndex(where: { $0.country.code == table[row, "country"] })
            else { continue }
            names[index].append(String(table[row, "name"]))
        }
        var ranked: [[Int]] = []
        var offsets: [Int] = []
        var total = 0
        for (index, schools) in names.enumerated() {
            guard !schools.isEmpty else {
                throw .malformedList(
                    directory.appendingPathComponent("universities.tsv").path,
                    "no university of \(CountryProfile.all[index].country)")
            }
            ranked.append(
                schools.indices.sorted {
                    OccupationCatalog.stableHash(schools[$0]) < OccupationCatalog.stableHash(schools[$1])
                })
            offsets.append(total)
            total += schools.count
        }
        self.names = names
        self.ranked = ranked
        self.offsets = offsets
    }

    /// Draws the schools of a data set of `graduates` degrees: per country, among as many
    /// of its largest schools as give each ``graduatesPerSchool`` graduates.
    struct Choice: Sendable {
        let schools: [[Int]]
        let samplers: [WeightedSampler]

        /// A global school index of `country`.
        func draw(country: Int, _ random: inout SeededRandom) -> Int {
            schools[country][samplers[country].draw(&random)]
        }
    }

    func choice(graduates: Double) -> Choice {
        var schools: [[Int]] = []
        var samplers: [WeightedSampler] = []
        for (country, profile) in CountryProfile.all.enumerated() {
            let limit = max(3, min(ranked[country].count, Int(graduates * profile.share / Self.graduatesPerSchool)))
            schools.append(ranked[country].prefix(limit).map { offsets[country] + $0 })
            samplers.append(WeightedSampler((0..<limit).map { 1 / Double($0 + 1).squareRoot() }))
        }
        return Choice(schools: schools, samplers: samplers)
    }

    /// The country index and the position in `names[country]` of global school `school`.
    func locate(_ school: Int) -> (country: Int, position: Int) {
        let country = (offsets.lastIndex { $0 <= school }) ?? 0
        return (country, school - offsets[country])
    }
}
