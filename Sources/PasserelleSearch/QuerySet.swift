import Foundation
import PasserelleCore

/// What a benchmark query exercises: `passerelle bench search` reports each kind apart.
public enum QueryKind: String, CaseIterable, Hashable, Sendable {
    /// One word: a job title or a skill.
    case oneWord = "one_word"
    /// Two words: a title, a title and a skill, a title and a city.
    case twoWords = "two_words"
    /// A quoted title or skill of several words.
    case phrase
    /// Words with one to three of country, city, type, remote, salary_min, posted_within_days.
    case filters
    /// Words, or nothing at all (browsing), with facet counts.
    case facets
    /// Near a city, within 10 to 100 km; half of them sorted by distance.
    case geo

    /// The share of each kind in a set: plain words dominate real traffic.
    static let shares: [(QueryKind, Double)] = [
        (.oneWord, 0.20), (.twoWords, 0.20), (.phrase, 0.12), (.filters, 0.20), (.facets, 0.15), (.geo, 0.13),
    ]
}

/// What a benchmark query does beside its kind.
public enum QueryTrait: String, CaseIterable, Hashable, Sendable, Comparable {
    /// A word is misspelt: the search looks for a correction.
    case typo
    /// Typed without its accents.
    case accentless
    /// No words at all: every posting that passes the filters matches.
    case browse
    /// `diversify=one_per_company` or `two_per_company`.
    case diversified
    case sortedByDate = "by_date"
    case sortedByDistance = "by_distance"
    /// Page 2 or 3.
    case laterPage = "later_page"

    public static func < (lhs: QueryTrait, rhs: QueryTrait) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One query of a ``QuerySet``: the search, both as a request for ``SearchIndex``
/// and as the query string of `GET /api/v1/jobs/search`.
public struct BenchmarkQuery: Hashable, Sendable {
    public let kind: QueryKind
    /// The language the query is typed in (its `lang`).
    public let language: Language
    public let traits: Set<QueryTrait>
    public let request: JobSearchRequest

    /// The same search as the query string of `GET /api/v1/jobs/search`.
    public var queryString: String { request.queryString }

    /// The HTTP request target: path and query string.
    public var target: String { "/api/v1/jobs/search?" + queryString }
}

/// A deterministic set of realistic job searches in the seven languages, built from
/// the reference lists of seed/: the same vocabulary, count and seed give the same
/// queries, on every machine. Kinds and languages come in fixed shares (exact, not
/// drawn), in a shuffled order.
public struct QuerySet: Sendable {
    /// The size of the set the benchmarks use.
    public static let standardSize = 1_000

    public let queries: [BenchmarkQuery]

    public init(vocabulary: QueryVocabulary, count: Int = standardSize, seed: UInt64 = 1) {
        var random = QueryRandom(seed: seed)
        var kinds = allocate(count, QueryKind.shares)
        var languages = allocate(count, Self.languageShares)
        random.shuffle(&kinds)
        random.shuffle(&languages)
        let builder = QueryBuilder(vocabulary: vocabulary)
        queries = zip(kinds, languages).map { builder.make($0, $1, &random) }
    }

    /// The share of each language: about the share of each job space in the data.
    static let languageShares: [(Language, Double)] = [
        (.fr, 0.22), (.de, 0.18), (.zh, 0.18), (.en, 0.16), (.es, 0.11), (.it, 0.11), (.pt, 0.04),
    ]
}

/// The words and places queries are made of, from seed/: job titles per language
/// (job_title_thesaurus.tsv), the skills occupations ask for (skills.tsv through
/// occupation_skills.tsv) and each job space's biggest cities with their
/// coordinates (cities.tsv).
public struct QueryVocabulary: Sendable {
    /// A city people search in or near.
    struct City: Hashable, Sendable {
        let country: Country
        let name: String
        /// The name Chinese postings use, for CN cities that have one.
        let chineseName: String?
        let point: GeoPoint
        let population: Int

        /// The name as a query in `language` writes it.
        func name(in language: Language) -> String {
            language == .zh ? (chineseName ?? name) : name
        }
    }

    /// How many cities of each job space queries name: the big ones, where the jobs are.
    public static let citiesPerCountry = 40
    /// A preferred title is drawn this many times as often as a synonym: people type the usual one.
    static let preferredWeight = 3

    /// Titles of one word (every Chinese title), per language, preferred ones repeated.
    let singleWordTitles: [Language: [String]]
    /// Titles of exactly two words, per language.
    let twoWordTitles: [Language: [String]]
    /// Titles worth quoting: several words (several characters in Chinese).
    let phraseTitles: [Language: [String]]
    /// One-word titles of the occupations whose essential skills ESCO lists, each
    /// with those skills: "développeur javascript", not "boucher geomatics".
    let titlesWithSkills: [Language: [(title: String, skills: [String])]]
    /// Those skills, of one word and of two or three.
    let singleWordSkills: [String]
    let phraseSkills: [String]
    /// Each job space's cities, most populous first, and their draw weights.
    let cities: [Country: [City]]
    let cityWeights: [Country: [Double]]

    /// Reads job_title_thesaurus.tsv, occupations.tsv, occupation_skills.tsv,
    /// skills.tsv and cities.tsv in `seedDirectory`. Titles and skills that the
    /// query parser would read as operators or syntax are left out.
    public init(seedDirectory: URL) throws(QueryVocabularyError) {
        let skills = try Self.occupationSkills(seedDirectory)
        let thesaurus = try SeedTable(
            "job_title_thesaurus.tsv", in: seedDirectory, ["occupation_id", "language", "preferred", "title"])
        var single: [Language: [String]] = [:]
        var two: [Language: [String]] = [:]
        var phrases: [Language: [String]] = [:]
        var withSkills: [Language: [(title: String, skills: [String])]] = [:]
        for row in thesaurus.rows {
            let title = String(thesaurus[row, "title"])
            guard let language = Language(rawValue: String(thesaurus[row, "language"])), Self.isPlainText(title)
            else { continue }
            let copies = thesaurus[row, "preferred"] == "1" ? Self.preferredWeight : 1
            let words = language == .zh ? 1 : title.split(separator: " ").count
            if words == 1 {
                single[language, default: []] += Array(repeating: title, count: copies)
                // A short query: a skill of one word or two ("project management").
                let linked = skills[String(thesaurus[row, "occupation_id"]), default: []].filter {
                    $0.split(separator: " ").count <= 2
                }
                if !linked.isEmpty {
                    withSkills[language, default: []] += Array(repeating: (title, linked), count: copies)
                }
            }
            if words == 2 { two[language, default: []] += Array(repeating: title, count: copies) }
            if words >= 2 || (language == .zh && title.count >= 3) {
                phrases[language, default: []] += Array(repeating: title, count: copies)
            }
        }
        for language in Language.allCases where single[language, default: []].isEmpty {
            throw QueryVocabularyError(file: "job_title_thesaurus.tsv", reason: "no one-word title in \(language)")
        }
        singleWordTitles = single
        twoWordTitles = two
        phraseTitles = phrases
        titlesWithSkills = withSkills
        let labels = Set(skills.values.joined()).sorted()
        singleWordSkills = labels.filter { $0.split(separator: " ").count == 1 }
        phraseSkills = labels.filter { (2...3).contains($0.split(separator: " ").count) }
        guard !singleWordSkills.isEmpty, !phraseSkills.isEmpty else {
            throw QueryVocabularyError(file: "occupation_skills.tsv", reason: "no short skill label")
        }
        cities = try Self.biggestCities(seedDirectory)
        // The square root of the population: the capital often, the 40th city now and then.
        cityWeights = cities.mapValues { $0.map { Double($0.population).squareRoot() } }
    }

    /// The short labels (skills.tsv) of each occupation's essential skills
    /// (occupation_skills.tsv, through occupations.tsv's ESCO ids), by occupation id.
    private static func occupationSkills(_ directory: URL) throws(QueryVocabularyError) -> [String: [String]] {
        let skillTable = try SeedTable("skills.tsv", in: directory, ["skill_id", "label_en", "types"])
        var labels: [Substring: String] = [:]
        // Languages are spoken, not searched for as skills; nobody types a label of 40 letters.
        for row in skillTable.rows where !skillTable[row, "types"].contains("language") {
            let label = withoutQualifier(String(skillTable[row, "label_en"]))
            if isPlainText(label), (2...30).contains(label.count) { labels[skillTable[row, "skill_id"]] = label }
        }
        let occupations = try SeedTable("occupations.tsv", in: directory, ["occupation_id", "esco_occupation_id"])
        var occupationOf: [Substring: String] = [:]
        for row in occupations.rows where !occupations[row, "esco_occupation_id"].isEmpty {
            occupationOf[occupations[row, "esco_occupation_id"]] = String(occupations[row, "occupation_id"])
        }
        let links = try SeedTable("occupation_skills.tsv", in: directory, ["esco_occupation_id", "skill_id"])
        var skills: [String: [String]] = [:]
        for row in links.rows {
            guard let occupation = occupationOf[links[row, "esco_occupation_id"]],
                let label = labels[links[row, "skill_id"]]
            else { continue }
            skills[occupation, default: []].append(label)
        }
        return skills
    }

    /// The ``citiesPerCountry`` most populous cities of each job space (cities.tsv).
    private static func biggestCities(_ directory: URL) throws(QueryVocabularyError) -> [Country: [City]] {
        let table = try SeedTable(
            "cities.tsv", in: directory,
            ["country", "local_name", "name_zh", "latitude", "longitude", "population", "part_of"])
        var cities: [Country: [City]] = [:]
        for row in table.rows {
            // A district (part_of) is already counted in its city.
            guard table[row, "part_of"].isEmpty, let country = Country(table[row, "country"]), country.hasJobSpace,
                let latitude = Double(table[row, "latitude"]), let longitude = Double(table[row, "longitude"]),
                let population = Int(table[row, "population"])
            else { continue }
            let chinese = table[row, "name_zh"]
            cities[country, default: []].append(
                City(
                    country: country, name: String(table[row, "local_name"]),
                    chineseName: chinese.isEmpty ? nil : String(chinese),
                    point: GeoPoint(latitude: latitude, longitude: longitude), population: population))
        }
        for country in Country.jobSpaces where cities[country, default: []].isEmpty {
            throw QueryVocabularyError(file: table.path, reason: "no city of \(country)")
        }
        return cities.mapValues { cities in
            let ranked = cities.sorted {
                $0.population != $1.population ? $0.population > $1.population : $0.name < $1.name
            }
            return Array(ranked.prefix(citiesPerCountry))
        }
    }

    /// True for text that the query parser takes as words: no operators (`AND`, `NEAR`…),
    /// brackets, quotes or leading `+`/`-` that would change what the query means
    /// (`C++` and `C#` are words to it).
    static func isPlainText(_ text: String) -> Bool {
        let operators: Set<Substring> = ["AND", "OR", "NOT", "XOR", "NEAR", "ADJ"]
        return !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || " '-.+#".contains($0) }
            && !text.split(separator: " ").contains { operators.contains($0) || $0.hasPrefix("-") || $0.hasPrefix("+") }
    }

    /// "Python": what people type for "Python (computer programming)".
    static func withoutQualifier(_ label: String) -> String {
        guard label.hasSuffix(")"), let open = label.lastIndex(of: "(") else { return label }
        return label[..<open].trimmingCharacters(in: .whitespaces)
    }

    func city(in country: Country, _ random: inout QueryRandom) -> City {
        cities[country]![random.weighted(cityWeights[country]!)]
    }

    /// A city whose name in `language` is one word, when a few draws find one: a
    /// query of two words stays two words.
    func oneWordCity(in country: Country, _ language: Language, _ random: inout QueryRandom) -> City {
        var city = city(in: country, &random)
        for _ in 0..<8 where city.name(in: language).contains(" ") {
            city = self.city(in: country, &random)
        }
        return city
    }
}

/// A reference list of seed/ that is missing or cannot be used.
public struct QueryVocabularyError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "\(file): \(reason)" }
}

/// Draws the queries. Every choice goes through the one random stream, in a fixed order.
private struct QueryBuilder {
    let vocabulary: QueryVocabulary

    static let radii: [Double] = [10, 15, 20, 25, 30, 40, 50, 75, 100]
    static let postedWithin = [1, 3, 7, 14, 30]
    static let types: [(EmploymentType, Double)] = [
        (.fullTime, 50), (.partTime, 20), (.contractor, 12), (.temporary, 8), (.intern, 10),
    ]
    /// Facets a results page asks for (API.md).
    static let facets: [SearchFacet] = [.country, .city, .type, .remote, .company, .salary, .posted]
    /// Yearly amounts people ask for, in euros at French pay levels.
    static let salaryFloors: [Double] = [25_000, 30_000, 35_000, 40_000, 45_000, 50_000, 60_000, 70_000]
    /// Pay in the job space's currency relative to France in euros (near the generator's levels).
    static let payLevels: [Country: Double] = [
        .france: 1, .germany: 1.15, .spain: 0.72, .italy: 0.8, .portugal: 0.52, .unitedKingdom: 0.95, .china: 2.6,
    ]

    func make(_ kind: QueryKind, _ language: Language, _ random: inout QueryRandom) -> BenchmarkQuery {
        var request = JobSearchRequest()
        request.language = language
        var traits: Set<QueryTrait> = []
        let home = homeCountry(language, &random)
        switch kind {
        case .oneWord:
            request.query = typed(oneWord(language, &random), language, typos: true, &traits, &random)
        case .twoWords:
            request.query = typed(
                twoWords(language, home, withCity: true, &random), language, typos: true, &traits, &random)
        case .phrase:
            // A quoted phrase is copied more often than typed: no typo.
            request.query = "\"" + typed(phrase(language, &random), language, typos: false, &traits, &random) + "\""
        case .filters:
            request.query = typed(words(language, home, &random), language, typos: true, &traits, &random)
            addFilters(&request, home, language, &random)
        case .facets:
            if random.chance(0.2) {
                traits.insert(.browse)
            } else {
                request.query = typed(words(language, home, &random), language, typos: true, &traits, &random)
            }
            request.facets =
                random.chance(0.7)
                ? Self.facets : random.subset(Self.facets, count: 2 + random.below(3))
            if random.chance(0.5) { request.countries = [home] }
        case .geo:
            let city = vocabulary.city(in: home, &random)
            request.near = GeoCircle(center: city.point, radiusKilometres: random.pick(Self.radii))
            if random.chance(0.5) {
                request.sort = .distance
                traits.insert(.sortedByDistance)
            }
            if random.chance(0.15) {
                traits.insert(.browse)
            } else {
                request.query = typed(words(language, home, &random), language, typos: true, &traits, &random)
            }
            if random.chance(0.4) { request.countries = [home] }
        }
        if request.sort == .relevance, random.chance(0.08) {
            request.sort = .date
            traits.insert(.sortedByDate)
        }
        if random.chance(0.1) {
            request.diversify = random.chance(0.7) ? .onePerCompany : .twoPerCompany
            traits.insert(.diversified)
        }
        if random.chance(0.07) {
            request.page = SearchPage(number: random.chance(0.7) ? 2 : 3)
            traits.insert(.laterPage)
        }
        return BenchmarkQuery(kind: kind, language: language, traits: traits, request: request)
    }

    /// The job space a query in `language` looks in: English ones mostly in Great
    /// Britain, and now and then elsewhere (postings in English exist everywhere).
    private func homeCountry(_ language: Language, _ random: inout QueryRandom) -> Country {
        let home = Country.jobSpaces.first { $0.defaultLanguage == language } ?? .unitedKingdom
        guard language == .en, random.chance(0.2) else { return home }
        return random.pick(Country.jobSpaces.filter { $0 != home })
    }

    private func oneWord(_ language: Language, _ random: inout QueryRandom) -> String {
        random.chance(0.9)
            ? random.pick(vocabulary.singleWordTitles[language]!) : random.pick(vocabulary.singleWordSkills)
    }

    /// Two words: a title of two words, a title and one of its skills, or (when the
    /// query has no place of its own) a title and a city.
    private func twoWords(
        _ language: Language, _ home: Country, withCity: Bool, _ random: inout QueryRandom
    ) -> String {
        let twoWordTitles = vocabulary.twoWordTitles[language, default: []]
        let titlesWithSkills = vocabulary.titlesWithSkills[language, default: []]
        let weights: [Double] = [
            twoWordTitles.isEmpty ? 0 : 4, titlesWithSkills.isEmpty ? 0 : 3, withCity ? 3 : 0,
        ]
        switch random.weighted(weights) {
        case 0:
            return random.pick(twoWordTitles)
        case 1:
            let (title, skills) = random.pick(titlesWithSkills)
            return title + " " + random.pick(skills)
        default:
            let title = random.pick(vocabulary.singleWordTitles[language]!)
            return title + " " + vocabulary.oneWordCity(in: home, language, &random).name(in: language)
        }
    }

    private func phrase(_ language: Language, _ random: inout QueryRandom) -> String {
        let titles = vocabulary.phraseTitles[language, default: []]
        return random.chance(0.7) && !titles.isEmpty ? random.pick(titles) : random.pick(vocabulary.phraseSkills)
    }

    /// The words of a query that also has filters, facets or a place: no city in
    /// the words, which could contradict the query's own.
    private func words(_ language: Language, _ home: Country, _ random: inout QueryRandom) -> String {
        random.chance(0.6) ? oneWord(language, &random) : twoWords(language, home, withCity: false, &random)
    }

    /// The text as people type it: mostly in lower case, sometimes without accents,
    /// now and then with a typo (not in Chinese, typed through an input method).
    private func typed(
        _ text: String, _ language: Language, typos: Bool, _ traits: inout Set<QueryTrait>,
        _ random: inout QueryRandom
    ) -> String {
        guard language != .zh else { return text }
        var text = random.chance(0.8) ? text.lowercased() : text
        if text.unicodeScalars.contains(where: { !$0.isASCII }), random.chance(0.15) {
            text = text.folding(options: .diacriticInsensitive, locale: nil)
            traits.insert(.accentless)
        }
        if typos, random.chance(0.1), let misspelt = misspell(text, &random) {
            text = misspelt
            traits.insert(.typo)
        }
        return text
    }

    /// One word of five letters or more with two letters swapped, one dropped, one
    /// doubled or one replaced; nil when no word is long enough. The first letter stays.
    private func misspell(_ text: String, _ random: inout QueryRandom) -> String? {
        var words = text.split(separator: " ").map { Array($0) }
        let candidates = words.indices.filter { words[$0].count >= 5 && words[$0].allSatisfy(\.isLetter) }
        guard !candidates.isEmpty else { return nil }
        let index = random.pick(candidates)
        var word = words[index]
        let position = 1 + random.below(word.count - 2)
        switch random.below(4) {
        case 0: word.swapAt(position, position + 1)
        case 1: word.remove(at: position)
        case 2: word.insert(word[position], at: position)
        default: word[position] = word[position] == "e" ? "a" : "e"
        }
        words[index] = word
        return words.map { String($0) }.joined(separator: " ")
    }

    private func addFilters(
        _ request: inout JobSearchRequest, _ home: Country, _ language: Language, _ random: inout QueryRandom
    ) {
        enum Filter: CaseIterable { case country, city, type, remote, salary, posted }
        for filter in random.subset(Filter.allCases, count: 1 + random.below(3)) {
            switch filter {
            case .country:
                request.countries = [home]
                // Someone open to moving looks in a second job space.
                if random.chance(0.1) { request.countries.append(random.pick(Country.jobSpaces.filter { $0 != home })) }
            case .city:
                request.cities = [vocabulary.city(in: home, &random).name(in: language)]
            case .type:
                request.types = [random.weighted(Self.types)]
                if random.chance(0.1), case let other = random.weighted(Self.types), other != request.types[0] {
                    request.types.append(other)
                }
            case .remote:
                request.remote = random.chance(0.8)
            case .salary:
                let level = Self.payLevels[home] ?? 1
                request.salaryMinimum = (random.pick(Self.salaryFloors) * level / 1_000).rounded() * 1_000
            case .posted:
                request.postedWithinDays = random.pick(Self.postedWithin)
            }
        }
    }
}

extension JobSearchRequest {
    /// The query string of `GET /api/v1/jobs/search` (API.md) that asks for this
    /// search: the parameters that differ from their defaults, in a fixed order.
    /// `languages`, `networkCompanies` and `facetLimit` have no parameter and are
    /// left out (`in_network` is decided by the server for a signed-in viewer).
    public var queryString: String {
        var parameters: [(String, String)] = []
        if !query.isEmpty { parameters.append(("q", query)) }
        if let language { parameters.append(("lang", language.code)) }
        if !countries.isEmpty { parameters.append(("country", countries.map(\.code).joined(separator: ","))) }
        // One parameter per city: a city's name may hold a comma.
        parameters += cities.map { ("city", $0) }
        if let near {
            parameters.append(("near", "\(decimal(near.center.latitude)),\(decimal(near.center.longitude))"))
            if let radius = near.radiusKilometres { parameters.append(("radius_km", decimal(radius))) }
        }
        if !types.isEmpty { parameters.append(("type", types.map(\.rawValue).joined(separator: ","))) }
        if let remote { parameters.append(("remote", String(remote))) }
        if let salaryMinimum { parameters.append(("salary_min", decimal(salaryMinimum))) }
        if let postedWithinDays { parameters.append(("posted_within_days", String(postedWithinDays))) }
        if !companies.isEmpty { parameters.append(("company", companies.map(String.init).joined(separator: ","))) }
        if sort != .relevance { parameters.append(("sort", sort.rawValue)) }
        if diversify != .none { parameters.append(("diversify", diversify.rawValue)) }
        if !facets.isEmpty { parameters.append(("facets", facets.map(\.rawValue).joined(separator: ","))) }
        if page.number != SearchPage().number { parameters.append(("page", String(page.number))) }
        if page.size != SearchPage().size { parameters.append(("per_page", String(page.size))) }
        return parameters.map { "\($0)=\(percentEncoded($1))" }.joined(separator: "&")
    }
}

/// A number as a URL carries it: whole numbers without a fraction, others in the
/// shortest form that reads back as the same `Double`.
private func decimal(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
}

/// Percent-encodes every byte of the UTF-8 but the unreserved characters of RFC 3986
/// and the comma, which the API's lists use and which means nothing else in a query.
private func percentEncoded(_ text: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var bytes: [UInt8] = []
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"), UInt8(ascii: ","):
            bytes.append(byte)
        default:
            bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// `count` items in the proportions of `shares`, exactly (largest remainders), in the
/// order of `shares`.
private func allocate<T>(_ count: Int, _ shares: [(T, Double)]) -> [T] {
    let total = shares.reduce(0) { $0 + $1.1 }
    let exact = shares.map { Double(count) * $0.1 / total }
    var counts = exact.map { Int($0.rounded(.down)) }
    let remainders = exact.indices.sorted { left, right in
        let (a, b) = (exact[left] - exact[left].rounded(.down), exact[right] - exact[right].rounded(.down))
        return a != b ? a > b : left < right
    }
    for index in remainders.prefix(count - counts.reduce(0, +)) { counts[index] += 1 }
    return zip(shares, counts).flatMap { share, count in Array(repeating: share.0, count: count) }
}

/// SplitMix64 and draws made from it with integer arithmetic only: the same seed
/// gives the same draws on every platform and Swift version, which the standard
/// library's `random(in:using:)` does not promise.
struct QueryRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "nothing to draw from")
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < probability
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// An index of `weights`, in proportion to its weight.
    mutating func weighted(_ weights: [Double]) -> Int {
        var left = Double(next() >> 11) * 0x1p-53 * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            left -= weight
            if left < 0 { return index }
        }
        return weights.count - 1
    }

    mutating func weighted<T>(_ choices: [(T, Double)]) -> T {
        choices[weighted(choices.map(\.1))].0
    }

    /// `count` distinct items of `items`, in their order there.
    mutating func subset<T>(_ items: [T], count: Int) -> [T] {
        var indices = Array(items.indices)
        shuffle(&indices)
        return indices.prefix(count).sorted().map { items[$0] }
    }

    /// Fisher–Yates.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, below(index + 1))
        }
    }
}

/// A tab-separated list of seed/ (UTF-8, one header line), read by column name.
private struct SeedTable {
    let path: String
    let columns: [String: Int]
    let rows: [[Substring]]

    init(_ name: String, in directory: URL, _ required: [String]) throws(QueryVocabularyError) {
        let path = directory.appendingPathComponent(name).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw QueryVocabularyError(file: path, reason: "cannot be read (is --seed-dir the seed/ directory?)")
        }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        guard !lines.isEmpty else { throw QueryVocabularyError(file: path, reason: "empty") }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false)
        var columns: [String: Int] = [:]
        for (index, column) in header.enumerated() { columns[String(column)] = index }
        for column in required where columns[column] == nil {
            throw QueryVocabularyError(file: path, reason: "no column \(column)")
        }
        self.path = path
        self.columns = columns
        // Short rows (a trailing empty cell) are padded so that every column can be read.
        rows = lines.map { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            return cells.count < header.count ? cells + Array(repeating: "", count: header.count - cells.count) : cells
        }
    }

    subscript(row: [Substring], column: String) -> Substring { row[columns[column]!] }
}
