import Foundation

/// The companies of a run: each with a home country and city, a name in its country's
/// style, an id usable as `hiringOrganization.identifier` and in `https://{id}.example`,
/// and a Zipf weight (exponent ``zipfExponent``) by rank within its country, so that
/// employments and postings fall on a few very large companies and many small ones.
struct CompanyDirectory: Sendable {
    let ids: [String]
    let names: [String]
    /// Country index of each company.
    let country: [UInt8]
    /// The city of its head office.
    let city: [Int32]
    /// Company indices by country, largest first.
    let byCountry: [[Int32]]
    /// Draws a position in `byCountry[country]` in proportion to size.
    let samplers: [WeightedSampler]

    static let zipfExponent = 1.05
    /// Employments per company on average (with Zipf sizes most companies have a handful):
    /// a fixed ratio, so that colleague groups look the same at every scale.
    static let employmentsPerCompany = 40.0

    /// About `expectedEmployments / employmentsPerCompany` companies, spread over the
    /// countries by their share of members.
    init(expectedEmployments: Double, reference: ReferenceData, seed: UInt64) {
        var ids: [String] = []
        var names: [String] = []
        var country: [UInt8] = []
        var city: [Int32] = []
        var byCountry: [[Int32]] = []
        var samplers: [WeightedSampler] = []
        for (countryIndex, profile) in CountryProfile.all.enumerated() {
            let count = max(20, Int(expectedEmployments * profile.share / Self.employmentsPerCompany))
            var members: [Int32] = []
            for _ in 0..<count {
                let index = ids.count
                var random = SeededRandom(seed: seed, stream: .company, index: index)
                let home = reference.cities.draw(country: countryIndex, &random)
                let name = Self.name(countryIndex, city: home, reference: reference, &random)
                ids.append(Self.identifier(name, city: reference.cities.name[home], index: index))
                names.append(name)
                country.append(UInt8(countryIndex))
                city.append(Int32(home))
                members.append(Int32(index))
            }
            byCountry.append(members)
            samplers.append(WeightedSampler((0..<count).map { 1 / pow(Double($0 + 1), Self.zipfExponent) }))
        }
        self.ids = ids
        self.names = names
        self.country = country
        self.city = city
        self.byCountry = byCountry
        self.samplers = samplers
    }

    /// A company of `country`, in proportion to size.
    func draw(country: Int, _ random: inout SeededRandom) -> Int {
        Int(byCountry[country][samplers[country].draw(&random)])
    }

    /// A name as companies of that country are named: founders' surnames, the town and
    /// the trade, a legal form.
    private static func name(
        _ country: Int, city: Int, reference: ReferenceData, _ random: inout SeededRandom
    ) -> String {
        let profile = CountryProfile.all[country]
        let phrases = Phrasebook.of(profile.language)
        let surname = reference.names.last[country].draw(&random)
        let sector = random.pick(phrases.sectors)
        let legal = random.pick(profile.legalForms)
        if profile.language == .zh {
            // 上海 + 伟华 + 科技 + 有限公司: town, brand, trade, form.
            let brand = reference.names.first[country][random.below(2)].draw(&random)
            return reference.cities.displayName(city, chinese: true) + brand + sector + legal
        }
        let townName = reference.cities.name[city]
        switch random.below(10) {
        case 0..<3: return "\(surname) \(sector)"
        case 3..<6: return "\(surname) \(legal)"
        case 6..<8: return "\(surname) & \(reference.names.last[country].draw(&random))"
        case 8: return "\(townName) \(sector)"
        default: return "\(sector) \(surname) \(legal)"
        }
    }

    /// `dupont-conseil-2s`: the name in lower-case ASCII letters and digits joined by
    /// hyphens (the town's for a name without Latin letters), then the index in base 36,
    /// which makes it unique. Valid as an external id and as a host name.
    private static func identifier(_ name: String, city: String, index: Int) -> String {
        var base = String(ASCIISlug.make(name).prefix(28))
        if base.count < 3 { base = String(ASCIISlug.make(city).prefix(28)) }
        while base.last == "-" { base.removeLast() }
        return (base.isEmpty ? "c" : base) + "-" + String(index, radix: 36)
    }
}
