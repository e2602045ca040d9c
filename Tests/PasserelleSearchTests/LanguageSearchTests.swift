import Foundation
import PasserelleCore
import PasserelleSearch
import Testing

@Suite("Search understands each language")
struct LanguageSearchTests {
    @Test("French: stemming finds plurals, and accents are ignored both ways")
    func french() async throws {
        let index = try TestIndex(postings: [
            samplePosting(id: 1, title: "Développeur iOS", description: "Nous cherchons des développeurs passionnés."),
            samplePosting(id: 2, title: "Comptable", description: "Tenue des comptes de l'entreprise."),
        ])
        #expect(try await index.ids("developpeur", language: .fr) == [1])
        #expect(try await index.ids("développeurs", language: .fr) == [1])
        #expect(try await index.ids("DEVELOPPEURS", language: .fr) == [1])
        #expect(try await index.ids("entreprise", language: .fr) == [2])
    }

    @Test("German: Munchen finds München, and the stemmer folds inflections")
    func german() async throws {
        let index = try TestIndex(postings: [
            samplePosting(
                id: 1, title: "Buchhalter (m/w/d)", description: "Ihre Aufgaben in München: Buchungen und Abschlüsse.",
                language: .de, country: .germany, city: "München"),
            samplePosting(id: 2, title: "Koch", description: "Küche in Berlin.", language: .de, country: .germany),
        ])
        #expect(try await index.ids("Munchen", language: .de) == [1])
        #expect(try await index.ids("münchen", language: .de) == [1])
        #expect(try await index.ids("Abschluss", language: .de) == [1])
        #expect(try await index.ids("kuche", language: .de) == [2])
    }

    @Test("Spanish, Italian, Portuguese and English stem by their own rules")
    func otherLanguages() async throws {
        let index = try TestIndex(postings: [
            samplePosting(
                id: 1, title: "Enfermera", description: "Atención a pacientes en el hospital.", language: .es,
                country: .spain),
            samplePosting(
                id: 2, title: "Cuoco", description: "Preparazione dei piatti della cucina.", language: .it,
                country: .italy),
            samplePosting(
                id: 3, title: "Motorista", description: "Condução de camiões pesados.", language: .pt,
                country: .portugal),
            samplePosting(
                id: 4, title: "Nurse", description: "Caring for patients on the wards.", language: .en,
                country: .unitedKingdom),
        ])
        #expect(try await index.ids("atencion paciente", language: .es) == [1])
        #expect(try await index.ids("piatto", language: .it) == [2])
        #expect(try await index.ids("motoristas conducao", language: .pt) == [3])
        #expect(try await index.ids("ward patient", language: .en) == [4])
    }

    @Test("Chinese: a two-character query finds a title that holds it, not characters apart in other words")
    func chinese() async throws {
        let index = try TestIndex(postings: [
            samplePosting(id: 1, title: "高级软件工程师", description: "负责系统开发。", language: .zh, country: .china),
            samplePosting(id: 2, title: "销售经理", description: "软性技能，工程项目经验。", language: .zh, country: .china),
        ])
        #expect(try await index.ids("软件", language: .zh) == [1])
        #expect(try await index.ids("工程师", language: .zh) == [1])
        // 软 and 件 both appear in posting 2, but never side by side.
        #expect(try await index.ids("软件", language: .zh).contains(2) == false)
    }

    @Test("Feminine and masculine job titles find each other")
    func genderForms() async throws {
        let index = try TestIndex(postings: [
            samplePosting(id: 1, title: "Développeuse Java", description: "Poste en CDI."),
            samplePosting(id: 2, title: "Développeur Python", description: "Poste en CDI."),
            samplePosting(id: 3, title: "Full-Stack-Entwicklerin", language: .de, country: .germany),
            samplePosting(id: 4, title: "Entwickler Backend", language: .de, country: .germany),
            // "ingénieur logiciel" and "développeuse logiciel" are titles of one occupation:
            // their first words are not each other's gender forms.
            samplePosting(id: 5, title: "Ingénieure automobile"),
        ])
        #expect(Set(try await index.ids("développeur", language: .fr)) == [1, 2])
        #expect(Set(try await index.ids("developpeuse", language: .fr)) == [1, 2])
        #expect(Set(try await index.ids("Entwickler", language: .de)) == [3, 4])
        #expect(Set(try await index.ids("Entwicklerin", language: .de)) == [3, 4])
    }

    @Test("A job title finds the same occupation in another language through the thesaurus")
    func crossLanguage() async throws {
        let index = try TestIndex(postings: [
            samplePosting(
                id: 1, title: "Softwareentwickler", description: "Java und Kotlin.", language: .de, country: .germany),
            samplePosting(id: 2, title: "Développeur logiciel", description: "Java.", language: .fr),
            samplePosting(id: 3, title: "Koch", description: "Küche.", language: .de, country: .germany),
        ])
        #expect(Set(try await index.ids("software developer", language: .en)) == [1, 2])
        #expect(try await index.ids("software developer", language: .en).contains(3) == false)
    }

    @Test("A misspelt word gets a correction with its accents")
    func didYouMean() async throws {
        let index = try TestIndex(postings: [
            samplePosting(id: 1, title: "Développeur mobile"), samplePosting(id: 2, title: "Infirmière de nuit"),
        ])
        var request = JobSearchRequest()
        request.query = "developeur mobile"
        request.language = .fr
        let results = try await index.index.searchJobs(request, now: TestIndex.now)
        #expect(results.correctedQuery == "développeur mobile")
        request.query = "developpeur"
        #expect(try await index.index.searchJobs(request, now: TestIndex.now).correctedQuery == nil)
    }

    @Test("Snippets show the text as written with the matches marked, and escape HTML")
    func snippets() async throws {
        let index = try TestIndex(postings: [
            samplePosting(
                id: 1, title: "Chef de projet",
                description: "Vous piloterez des projets <b>ambitieux</b> & variés en équipe.")
        ])
        var request = JobSearchRequest()
        request.query = "equipe projets"
        request.language = .fr
        let hit = try #require(try await index.index.searchJobs(request, now: TestIndex.now).hits.first)
        #expect(hit.snippet == "Vous piloterez des <mark>projets</mark> ambitieux &amp; variés en <mark>équipe</mark>")
    }
}
