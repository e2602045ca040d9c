import Foundation

/// Every reference list of seed/ that the generator draws from, loaded once.
public struct ReferenceData: Sendable {
    let cities: CityList
    let occupations: OccupationCatalog
    let names: NameList
    let universities: UniversityList

    /// Loads the lists in `directory` (cities.tsv, occupations.tsv, job_title_thesaurus.tsv,
    /// skills.tsv, occupation_skills.tsv, first_names.tsv, last_names.tsv,
    /// universities.tsv); the error names the first list that is missing or unusable.
    public init(directory: URL) throws(GeneratorError) {
        cities = try CityList(directory: directory)
        occupations = try OccupationCatalog(directory: directory)
        names = try NameList(directory: directory)
        universities = try UniversityList(directory: directory)
    }
}
