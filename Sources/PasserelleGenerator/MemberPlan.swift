import Foundation
import PasserelleCore

/// The drawn facts of every member, kept in flat arrays (a few dozen bytes a member)
/// because the network is built from all of them at once: country, language, city,
/// occupation, career (employments and schools, in compressed rows). The profile
/// writer turns one member's facts into text; names and wording are drawn there.
struct MemberPlan: Sendable {
    let count: Int
    /// Index in ``CountryProfile/all``.
    let country: [UInt8]
    /// Index in `Language.allCases`: the CV's language.
    let language: [UInt8]
    let feminine: [Bool]
    let occupation: [UInt16]
    let city: [Int32]
    /// Days since 1970 of the first job.
    let careerStart: [Int32]
    /// Member `m`'s employments are `jobOffsets[m]..<jobOffsets[m + 1]`, oldest first.
    let jobOffsets: [Int32]
    let jobCompany: [Int32]
    /// Days since 1970.
    let jobStart: [Int32]
    /// Days since 1970; ``current`` for the job the member holds today.
    let jobEnd: [Int32]
    /// Member `m`'s schools are `schoolOffsets[m]..<schoolOffsets[m + 1]`, oldest first.
    let schoolOffsets: [Int32]
    /// Global school index (``UniversityList/offsets``).
    let school: [Int32]
    let schoolEndYear: [Int16]

    /// The end of a current employment.
    static let current = Int32.max
    static let memberCountrySampler = WeightedSampler(CountryProfile.all.map(\.share))

    init(
        configuration: GeneratorConfiguration, reference: ReferenceData, companies: CompanyDirectory,
        fits: FitSamples
    ) {
        let count = configuration.members
        let today = configuration.today.daysSinceEpoch
        var country = [UInt8](repeating: 0, count: count)
        var language = [UInt8](repeating: 0, count: count)
        var feminine = [Bool](repeating: false, count: count)
        var occupation = [UInt16](repeating: 0, count: count)
        var city = [Int32](repeating: 0, count: count)
        var careerStart = [Int32](repeating: 0, count: count)
        var jobOffsets: [Int32] = [0]
        var jobCompany: [Int32] = []
        var jobStart: [Int32] = []
        var jobEnd: [Int32] = []
        var schoolOffsets: [Int32] = [0]
        var school: [Int32] = []
        var schoolEndYear: [Int16] = []
        jobOffsets.reserveCapacity(count + 1)
        schoolOffsets.reserveCapacity(count + 1)
        let languages = Language.allCases
        // About 1.4 degrees a member.
        let schoolChoice = reference.universities.choice(graduates: Double(count) * 1.4)

        for member in 0..<count {
            var random = SeededRandom(seed: configuration.seed, stream: .member, index: member)
            let fit = fits.sample(ofMember: member).map {
                PostingPlan.draw(
                    fits.posting(ofSample: $0), configuration: configuration, reference: reference,
                    companies: companies
                ).0
            }
            let home: Int
            var minimumYears = 0
            if let fit {
                home = fit.country
                language[member] = UInt8(languages.firstIndex(of: fit.language) ?? 0)
                occupation[member] = UInt16(fit.occupation)
                city[member] = Int32(fit.city)
                minimumYears = (fit.experienceMonths + 11) / 12
            } else {
                home = Self.memberCountrySampler.draw(&random)
                let profile = CountryProfile.all[home]
                let cvLanguage = profile.language != .en && random.chance(0.08) ? Language.en : profile.language
                language[member] = UInt8(languages.firstIndex(of: cvLanguage) ?? 0)
                occupation[member] = UInt16(reference.occupations.sampler.draw(&random))
                city[member] = Int32(reference.cities.draw(country: home, &random))
            }
            country[member] = UInt8(home)
            feminine[member] = random.chance(0.5)

            // Years since the first job: more young members than old, as on such networks.
            let years = max(minimumYears, Int(38 * pow(random.unit(), 1.4)))
            let start = today - years * 365 - random.below(365)
            careerStart[member] = Int32(start)

            // Schools: a bachelor's, and a master's for four in ten, ending as the career starts.
            let startYear = CalendarDate(daysSinceEpoch: start).year
            let hasMaster = random.chance(0.4)
            for degree in 0..<(hasMaster ? 2 : 1) {
                // Most study at home; some abroad, which ties networks across borders.
                let schoolCountry = random.chance(0.06) ? Self.memberCountrySampler.draw(&random) : home
                school.append(Int32(schoolChoice.draw(country: schoolCountry, &random)))
                schoolEndYear.append(Int16(startYear - (hasMaster && degree == 0 ? 2 : 0)))
            }
            schoolOffsets.append(Int32(school.count))

            // Employments: 1 to 5, more for longer careers, back to back with short gaps.
            let span = today - start
            var jobs = min(5, 1 + years / 6 + random.below(2), 1 + span / 400)
            jobs = max(1, jobs)
            var cuts = (0..<(jobs - 1)).map { _ in start + 200 + random.below(max(1, span - 200)) }
            cuts.sort()
            var begin = start
            for job in 0..<jobs {
                // The last job, or one starting too late to have ended, is the current one.
                let isCurrent = job == jobs - 1 || begin >= today - 120
                // The current job of a fit member is in the posting's country; others, now
                // and then, abroad.
                let abroad = fit == nil && random.chance(0.05)
                let companyCountry = abroad ? Self.memberCountrySampler.draw(&random) : home
                jobCompany.append(Int32(companies.draw(country: companyCountry, &random)))
                jobStart.append(Int32(begin))
                if isCurrent {
                    jobEnd.append(Self.current)
                    break
                }
                let end = min(max(begin + 90, cuts[job]), today - 30)
                jobEnd.append(Int32(end))
                begin = min(end + 1 + random.below(60), today - 1)
            }
            jobOffsets.append(Int32(jobCompany.count))
        }
        self.count = count
        self.country = country
        self.language = language
        self.feminine = feminine
        self.occupation = occupation
        self.city = city
        self.careerStart = careerStart
        self.jobOffsets = jobOffsets
        self.jobCompany = jobCompany
        self.jobStart = jobStart
        self.jobEnd = jobEnd
        self.schoolOffsets = schoolOffsets
        self.school = school
        self.schoolEndYear = schoolEndYear
    }

    /// The employments of `member`, as indices in the job arrays.
    func jobs(of member: Int) -> Range<Int> { Int(jobOffsets[member])..<Int(jobOffsets[member + 1]) }

    /// The schools of `member`, as indices in the school arrays.
    func schools(of member: Int) -> Range<Int> { Int(schoolOffsets[member])..<Int(schoolOffsets[member + 1]) }

    /// The CV's language.
    func cvLanguage(_ member: Int) -> Language { Language.allCases[Int(language[member])] }
}
