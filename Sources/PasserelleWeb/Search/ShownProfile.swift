import PasserelleSearch

/// A CV search row as one recruiter may see it: `open_to_work` is left out of the
/// CVs of the recruiter's company's current employees, whatever its value, so
/// that an employer never learns that its own people are looking.
struct ShownProfile: Encodable, Sendable {
    let id: String
    let name: String
    let headline: String?
    let country: String
    let city: String?
    let location: JobRow.Location?
    let language: String
    let skills: [String]
    let openToWork: Bool?
    let currentCompanyIDs: [String]
    let visibility: String

    enum CodingKeys: String, CodingKey {
        case id, name, headline, country, city, location, language, skills, visibility
        case openToWork = "open_to_work"
        case currentCompanyIDs = "current_company_ids"
    }

    init(_ row: ProfileRow, viewerCompany: Int64?) {
        id = row.id
        name = row.name
        headline = row.headline
        country = row.country
        city = row.city
        location = row.location
        language = row.language
        skills = row.skills
        let isEmployer = viewerCompany.map { row.currentCompanyIDs.contains(String($0)) } ?? false
        openToWork = isEmployer ? nil : row.openToWork
        currentCompanyIDs = row.currentCompanyIDs
        visibility = row.visibility
    }
}
