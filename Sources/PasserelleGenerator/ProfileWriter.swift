import Foundation
import PasserelleCore

/// Writes profiles.jsonl: each member of ``MemberPlan`` as a JSON Resume document in its
/// language, written with ``ResumeFormat/encode(_:member:)`` exactly as `passerelle import`
/// reads it. Names, titles, skills and wording are drawn here, from the member's own
/// stream; members fitted to a posting take its required skills.
struct ProfileWriter: Sendable {
    let configuration: GeneratorConfiguration
    let reference: ReferenceData
    let companies: CompanyDirectory
    let plan: MemberPlan
    let fits: FitSamples

    /// Writes every member to `path`; returns how many lines and bytes.
    func write(to path: String) throws(GeneratorError) -> (lines: Int, bytes: Int) {
        try LineSink.writeFile(at: path, count: plan.count, line: line)
    }

    /// Languages as JSON Resume examples name them.
    private static let languageNames: [Language: String] = [
        .fr: "French", .en: "English", .de: "German", .es: "Spanish", .it: "Italian", .pt: "Portuguese",
        .zh: "Mandarin Chinese",
    ]
    private static let skillLevels = ["Beginner", "Intermediate", "Advanced", "Expert"]
    private static let epoch = Date(timeIntervalSince1970: 0)

    /// The JSON Resume line of `member`.
    func line(_ member: Int) -> String {
        var random = SeededRandom(seed: configuration.seed, stream: .memberText, index: member)
        let countryIndex = Int(plan.country[member])
        let profile = CountryProfile.all[countryIndex]
        let language = plan.cvLanguage(member)
        let chinese = language == .zh
        let phrases = Phrasebook.of(language)
        let feminine = plan.feminine[member]
        let occupationIndex = Int(plan.occupation[member])
        let occupation = reference.occupations.occupations[occupationIndex]
        let city = Int(plan.city[member])
        let cityName = reference.cities.displayName(city, chinese: chinese)

        let first = reference.names.first[countryIndex][feminine ? 1 : 0].draw(&random)
        let last = reference.names.last[countryIndex].draw(&random)
        let name = profile.language == .zh ? last + first : "\(first) \(last)"
        let email = random.chance(0.9) ? Self.email(first, last, member: member, domain: profile.emailDomain) : nil
        let title = TextBuilding.capitalizedFirst(
            reference.occupations.title(occupationIndex, language, feminine: feminine, &random))

        let skills = self.skills(member, occupation: occupation, &random)
        let years = max(0, (configuration.today.daysSinceEpoch - Int(plan.careerStart[member])) / 365)
        let separator = chinese ? "、" : ", "
        let summary = Phrasebook.fill(
            phrases.summary,
            [
                "title": title, "years": String(years), "city": cityName,
                "skills": skills.prefix(3).joined(separator: separator),
            ])

        var work: [JSONValue] = []
        for job in plan.jobs(of: member).reversed() {
            let company = Int(plan.jobCompany[job])
            let position =
                job == plan.jobs(of: member).upperBound - 1
                ? title
                : TextBuilding.capitalizedFirst(
                    reference.occupations.title(occupationIndex, language, feminine: feminine, &random))
            var entry: [String: JSONValue] = [
                "name": .string(companies.names[company]), "url": .string("https://\(companies.ids[company]).example"),
                "position": .string(position),
                "startDate": .string(CalendarDate(daysSinceEpoch: Int(plan.jobStart[job])).description),
            ]
            if plan.jobEnd[job] != MemberPlan.current {
                entry["endDate"] = .string(CalendarDate(daysSinceEpoch: Int(plan.jobEnd[job])).description)
            }
            work.append(.object(entry))
        }

        var education: [JSONValue] = []
        let schools = plan.schools(of: member)
        for entry in schools.reversed() {
            let (schoolCountry, position) = reference.universities.locate(Int(plan.school[entry]))
            let isMaster = schools.count == 2 && entry == schools.upperBound - 1
            let endYear = Int(plan.schoolEndYear[entry])
            education.append([
                "institution": .string(reference.universities.names[schoolCountry][position]),
                "area": .string(phrases.fields[Phrasebook.fieldOfStudy(isco: occupation.isco)]),
                "studyType": .string(phrases.degrees[isMaster ? 1 : 0]),
                "startDate": .string("\(endYear - (isMaster ? 2 : 3))-09-01"), "endDate": .string("\(endYear)-06-30"),
            ])
        }

        var spoken: [JSONValue] = [
            ["language": .string(Self.languageNames[profile.language] ?? "English"), "fluency": "Native speaker"]
        ]
        if profile.language != .en, random.chance(0.7) {
            spoken.append(["language": "English", "fluency": .string(random.pick(["Professional", "Fluent"]))])
        }
        if random.chance(0.2) {
            let other = random.pick(Language.allCases)
            if other != profile.language, other != .en {
                spoken.append(["language": .string(Self.languageNames[other] ?? "English"), "fluency": "Elementary"])
            }
        }

        let document: JSONValue = [
            "basics": [
                "summary": .string(summary),
                "location": [
                    "city": .string(cityName),
                    "region": .string(reference.cities.displayRegion(city, chinese: chinese)),
                    "countryCode": .string(profile.country.code),
                ],
            ],
            "work": .array(work), "education": .array(education),
            "skills": .array(
                skills.enumerated().map { position, skill in
                    ["name": .string(skill), "level": .string(Self.skillLevels[max(0, 3 - position / 3)])]
                }),
            "languages": .array(spoken),
        ]
        let visibility: Member.ProfileVisibility =
            random.chance(0.85) ? .public : (random.chance(0.65) ? .network : .hidden)
        let memberRecord = Member(
            externalID: TextBuilding.memberID(member), name: name, email: email, country: profile.country,
            language: language, headline: title,
            openToWork: random.chance(fits.sample(ofMember: member) == nil ? 0.15 : 0.6),
            profileVisibility: visibility, hideConnections: random.chance(0.05), createdAt: Self.epoch,
            updatedAt: Self.epoch)
        var relocateTo: [Country] = []
        if random.chance(0.1) {
            let other = CountryProfile.all[random.below(CountryProfile.all.count)].country
            if other != profile.country { relocateTo.append(other) }
        }
        let point = GeoJitter.near(
            latitude: reference.cities.latitude[city], longitude: reference.cities.longitude[city], &random)
        let profileRecord = Profile(
            memberID: 0, country: profile.country, language: language, resume: document, coordinates: point,
            relocateTo: relocateTo, createdAt: Self.epoch, updatedAt: Self.epoch)
        return ResumeFormat.encode(profileRecord, member: memberRecord)
    }

    /// The member's skills, the most characteristic first: those a fitted posting requires,
    /// then more of the occupation's.
    private func skills(
        _ member: Int, occupation: OccupationCatalog.Occupation, _ random: inout SeededRandom
    ) -> [String] {
        var chosen: [Int] = []
        if let sample = fits.sample(ofMember: member) {
            chosen =
                PostingPlan.draw(
                    fits.posting(ofSample: sample), configuration: configuration, reference: reference,
                    companies: companies
                ).0.skills
        }
        let wanted = min(occupation.skills.count, max(chosen.count + 2, random.int(in: 4...10)))
        // Like offers, most members list their occupation's first skills.
        for index in 0..<min(2, wanted) where !chosen.contains(index) { chosen.append(index) }
        while chosen.count < wanted {
            let candidate = random.below(occupation.skills.count)
            if !chosen.contains(candidate) { chosen.append(candidate) }
        }
        return chosen.map { occupation.skills[$0] }
    }

    /// `lea.martin.1042@example.fr`: the number keeps namesakes apart; a name without
    /// Latin letters gives `m.1042@example.cn`.
    private static func email(_ first: String, _ last: String, member: Int, domain: String) -> String {
        let local = [first, last].map(ASCIISlug.make).filter { !$0.isEmpty }.joined(separator: ".")
        return (local.isEmpty ? "m" : local) + ".\(member + 1)@\(domain)"
    }
}
