import PasserelleCore

/// The drawn facts of one posting, before any text is written: what the posting writer
/// turns into a JobPosting line and what the members fitted to it copy. A pure function
/// of the seed and the posting's index.
struct PostingPlan: Sendable {
    let index: Int
    let country: Int
    let language: Language
    let occupation: Int
    /// The title's form, where the language has two.
    let feminine: Bool
    let company: Int
    let city: Int
    let remote: Bool
    /// 0 junior, 1 confirmed, 2 senior, 3 lead.
    let seniority: Int
    let experienceMonths: Int
    /// Indices in the occupation's skills, the required ones.
    let skills: [Int]
    let employmentTypes: [EmploymentType]
    let datePosted: CalendarDate
    /// Days between datePosted and validThrough.
    let validityDays: Int

    /// `REQ-000123`: unique across the run, so unique per company and language too.
    var requisitionID: String { "REQ-" + TextBuilding.zeroPadded(index + 1, width: 6) }

    /// Employment types with how often they are offered; every type occurs.
    private static let typeWeights: [(EmploymentType, Double)] = [
        (.fullTime, 70), (.partTime, 8), (.contractor, 7), (.temporary, 6), (.intern, 5), (.volunteer, 1),
        (.perDiem, 1.5), (.other, 1.5),
    ]
    private static let typeSampler = WeightedSampler(typeWeights.map(\.1))
    private static let senioritySampler = WeightedSampler([25, 40, 25, 10])
    /// Months of experience asked for, by seniority.
    private static let experienceChoices = [[0, 6, 12, 24], [24, 36, 48], [60, 72, 96], [96, 120, 144]]
    static let countrySampler = WeightedSampler(CountryProfile.all.map(\.share))

    /// The plan of posting `index`, and its random stream positioned after the plan, for
    /// the writer to go on drawing the text from.
    static func draw(
        _ index: Int, configuration: GeneratorConfiguration, reference: ReferenceData, companies: CompanyDirectory
    ) -> (PostingPlan, SeededRandom) {
        var random = SeededRandom(seed: configuration.seed, stream: .posting, index: index)
        let country = countrySampler.draw(&random)
        let profile = CountryProfile.all[country]
        // Multinationals and export-minded firms write some offers in English.
        let language = profile.language != .en && random.chance(0.1) ? Language.en : profile.language
        let occupation = reference.occupations.sampler.draw(&random)
        let feminine = random.chance(0.5)
        // A foreign company now and then hires in this country.
        let companyCountry = random.chance(0.08) ? countrySampler.draw(&random) : country
        let company = companies.draw(country: companyCountry, &random)
        let atHeadOffice = companyCountry == country && random.chance(0.5)
        let city = atHeadOffice ? Int(companies.city[company]) : reference.cities.draw(country: country, &random)
        let remote = random.chance(0.08)

        var types = [typeWeights[typeSampler.draw(&random)].0]
        if types[0] == .fullTime, random.chance(0.05) { types.append(.contractor) }
        let seniority = types[0] == .intern ? 0 : senioritySampler.draw(&random)
        let experienceMonths = types[0] == .intern ? 0 : random.pick(experienceChoices[seniority])

        let available = reference.occupations.occupations[occupation].skills.count
        let wanted = min(available, random.int(in: 3...8))
        // The occupation's first skills are its most characteristic: most offers ask for them.
        var skills = Array(0..<min(2, wanted))
        while skills.count < wanted {
            let candidate = random.below(available)
            if !skills.contains(candidate) { skills.append(candidate) }
        }
        let age = random.below(90)
        let validityDays = random.pick([30, 30, 45, 60, 90])
        let plan = PostingPlan(
            index: index, country: country, language: language, occupation: occupation, feminine: feminine,
            company: company, city: city, remote: remote, seniority: seniority, experienceMonths: experienceMonths,
            skills: skills, employmentTypes: types, datePosted: configuration.today.adding(days: -age),
            validityDays: validityDays)
        return (plan, random)
    }
}
