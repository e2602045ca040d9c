import Foundation
import PasserelleCore
import Testing

@Suite("Countries and languages")
struct CountryLanguageTests {
    @Test("A country is two upper-case ASCII letters, nothing else")
    func countryForm() {
        #expect(Country("FR")?.code == "FR")
        #expect(Country("US")?.code == "US")  // a roaming country, without a job space
        for bad in ["fr", "Fr", "FRA", "F", "", "É1", "F R"] {
            #expect(Country(bad) == nil, "\(bad)")
        }
    }

    @Test("The job spaces are FR DE ES IT PT GB CN with their default language")
    func jobSpaces() {
        #expect(Country.jobSpaces.map(\.code) == ["FR", "DE", "ES", "IT", "PT", "GB", "CN"])
        #expect(Country.jobSpaces.map { $0.defaultLanguage?.rawValue } == ["fr", "de", "es", "it", "pt", "en", "zh"])
        #expect(Country("US")?.defaultLanguage == nil)
        #expect(Country("US")?.hasJobSpace == false)
    }

    @Test("Languages are the seven codes")
    func languages() {
        #expect(Language.allCases.map(\.rawValue) == ["fr", "en", "de", "es", "it", "pt", "zh"])
        #expect(Language(rawValue: "nl") == nil)
    }

    @Test("Country codes are JSON strings, and a malformed one fails to decode")
    func countryCodable() throws {
        let data = try JSONEncoder().encode([Country.germany])
        #expect(String(decoding: data, as: UTF8.self) == "[\"DE\"]")
        #expect(try JSONDecoder().decode([Country].self, from: data) == [.germany])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Country].self, from: Data("[\"de\"]".utf8)) }
    }
}
