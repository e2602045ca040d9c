import Foundation
import PasserelleCore

/// Writes jobs.jsonl: each posting drawn by ``PostingPlan`` and written in its language
/// with ``JobPostingFormat/encode(_:company:)``, exactly as `passerelle import` reads it.
struct PostingWriter: Sendable {
    let configuration: GeneratorConfiguration
    let reference: ReferenceData
    let companies: CompanyDirectory

    /// Writes every posting to `path`; returns how many lines and bytes.
    func write(to path: String) throws(GeneratorError) -> (lines: Int, bytes: Int) {
        try LineSink.writeFile(at: path, count: configuration.postings, line: line)
    }

    /// The JobPosting line of posting `index`.
    func line(_ index: Int) -> String {
        var (plan, random) = PostingPlan.draw(
            index, configuration: configuration, reference: reference, companies: companies)
        let occupation = reference.occupations.occupations[plan.occupation]
        let phrases = Phrasebook.of(plan.language)
        let chinese = plan.language == .zh
        var title = TextBuilding.capitalizedFirst(
            reference.occupations.title(plan.occupation, plan.language, feminine: plan.feminine, &random))
        if let suffix = phrases.titleSuffix, random.chance(0.3) { title += suffix }
        let city = reference.cities.displayName(plan.city, chinese: chinese)
        let skills = plan.skills.map { occupation.skills[$0] }
        let description = self.description(
            plan, title: title, city: city, skills: skills, phrases: phrases, &random)
        let salary =
            random.chance(0.8)
            ? SalaryScale.range(
                majorGroup: occupation.majorGroup, country: plan.country, seniority: plan.seniority,
                type: plan.employmentTypes[0], &random)
            : nil
        let point = GeoJitter.near(
            latitude: reference.cities.latitude[plan.city], longitude: reference.cities.longitude[plan.city], &random)
        let posting = JobPosting(
            country: CountryProfile.all[plan.country].country, companyID: 0, language: plan.language,
            requisitionID: plan.requisitionID, title: title, description: description,
            employmentTypes: plan.employmentTypes, remote: plan.remote, city: city,
            region: reference.cities.displayRegion(plan.city, chinese: chinese), coordinates: point, salary: salary,
            skills: skills, occupationalCategory: occupation.isco, experienceMonths: plan.experienceMonths,
            datePosted: plan.datePosted,
            validThrough: plan.datePosted.adding(days: plan.validityDays).startOfDayUTC,
            createdAt: Self.epoch, updatedAt: Self.epoch)
        return JobPostingFormat.encode(posting, company: reference(ofCompany: plan.company))
    }

    /// The company as a posting's `hiringOrganization` names it.
    func reference(ofCompany company: Int) -> CompanyReference {
        let id = companies.ids[company]
        return CompanyReference(externalID: id, name: companies.names[company], url: "https://\(id).example")
    }

    /// Neither encoded nor compared: a fixed value keeps `Date()` out of the generator.
    private static let epoch = Date(timeIntervalSince1970: 0)

    /// The HTML description: an introduction, duties built from the required skills, the
    /// profile sought, what the company offers.
    private func description(
        _ plan: PostingPlan, title: String, city: String, skills: [String], phrases: Phrasebook,
        _ random: inout SeededRandom
    ) -> String {
        let company = companies.names[plan.company]
        var html = "<p>"
        html += HTMLSanitizer.escapeText(
            Phrasebook.fill(random.pick(phrases.intro), ["company": company, "title": title, "city": city]))
        html += "</p><h3>\(phrases.dutiesHeading)</h3><ul>"
        var templates = phrases.duties
        random.shuffle(&templates)
        for (skill, template) in zip(skills.prefix(4), templates) {
            html += "<li>" + HTMLSanitizer.escapeText(Phrasebook.fill(template, ["skill": skill])) + "</li>"
        }
        html += "</ul><h3>\(phrases.profileHeading)</h3><ul><li>"
        let years = plan.experienceMonths / 12
        html += years > 0 ? Phrasebook.fill(phrases.experience, ["years": String(years)]) : phrases.beginner
        let list = skills.joined(separator: plan.language == .zh ? "、" : ", ")
        html += "</li><li>" + HTMLSanitizer.escapeText(Phrasebook.fill(phrases.skillsLine, ["skills": list]))
        html += "</li></ul><h3>\(phrases.offerHeading)</h3><ul>"
        for offer in random.distinct(2, of: phrases.offers.count) { html += "<li>\(phrases.offers[offer])</li>" }
        html += "</ul>"
        if plan.remote { html += "<p>\(phrases.remote)</p>" }
        return html
    }
}
