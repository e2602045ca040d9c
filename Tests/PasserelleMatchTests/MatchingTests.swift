import Foundation
import PasserelleCore
import PasserelleMatch
import PasserelleNetwork
import PasserelleSearch
import PasserelleStore
import Testing

@Suite("Matching: candidates for an offer, offers for a member")
struct MatchingTests {
    @Test("Candidates: every required skill and a 1st-degree referral first, no required skill last")
    func candidateOrder() async throws {
        try await MatchFixture.with { world in
            let matcher = Matcher(index: world.index, network: world.graph)
            let ranked = try await matcher.candidates(for: world.offer)
            let names = ranked.map { ranked in world.members.first { $0.value.id == Int64(ranked.row.id) }!.key }
            #expect(names.first == "alice")
            #expect(names.last == "chloe")
            // Between them, bob (Kotlin missing, here) and fabien (every skill, moving from Munich).
            #expect(Set(names) == ["alice", "bob", "fabien", "chloe"])
            let scores = ranked.map(\.score)
            #expect(scores == scores.sorted(by: >))
        }
    }

    @Test(
        "Hidden CVs, CVs shown to their network only, the company's own employees and members who would not move never appear"
    )
    func privacy() async throws {
        try await MatchFixture.with { world in
            let matcher = Matcher(index: world.index, network: world.graph)
            let ids = Set(try await matcher.candidates(for: world.offer).map(\.row.id))
            for name in ["dan", "hugo", "erin", "gaspard", "recruiter"] {
                #expect(!ids.contains(String(world.id(name))), "\(name)")
            }
            // Globex's offer: erin (Acme) is a candidate there; Globex's own recruiter is not.
            let forGlobex = Set(try await matcher.candidates(for: world.harder).map(\.row.id))
            #expect(forGlobex.contains(String(world.id("erin"))))
            #expect(!forGlobex.contains(String(world.id("other"))))
        }
    }

    @Test("A candidate's reasons match the data exactly")
    func candidateReasons() async throws {
        try await MatchFixture.with { world in
            let matcher = Matcher(index: world.index, network: world.graph)
            let ranked = try await matcher.candidates(for: world.offer)
            let byName = Dictionary(
                uniqueKeysWithValues: ranked.map { candidate in
                    (world.members.first { $0.value.id == Int64(candidate.row.id) }!.key, candidate)
                })
            let alice = try #require(byName["alice"])
            // "Développeuse Swift" and "Développeur Swift": one occupation.
            #expect(alice.reasons.sameOccupation)
            #expect(alice.reasons.matchedSkills == ["Swift", "iOS", "Kotlin"])
            #expect(alice.reasons.missingSkills == [])
            // 2015-01-01 to 2020-12-31: 6 years.
            #expect(alice.reasons.experienceMonths == 72)
            #expect(alice.reasons.requiredMonths == 36)
            #expect(alice.reasons.seniority == .senior)
            #expect(alice.reasons.offerSeniority == .confirmed)
            #expect(alice.reasons.distanceKilometres == 0)
            #expect(alice.reasons.speaksLanguage)
            #expect(!alice.reasons.relocating)
            #expect(alice.referral?.employee == world.id("erin"))
            #expect(alice.referral?.through == nil)
            #expect(alice.referral?.degree == 1)

            let bob = try #require(byName["bob"])
            #expect(bob.reasons.matchedSkills == ["Swift", "iOS"])
            #expect(bob.reasons.missingSkills == ["Kotlin"])
            #expect(bob.reasons.experienceMonths == 60)
            #expect(bob.referral == nil)

            let chloe = try #require(byName["chloe"])
            #expect(chloe.reasons.matchedSkills == [])
            #expect(chloe.reasons.missingSkills == ["Swift", "iOS", "Kotlin"])

            let fabien = try #require(byName["fabien"])
            #expect(fabien.reasons.relocating)
            #expect(fabien.reasons.distanceKilometres == nil)
            #expect(fabien.reasons.speaksLanguage)
        }
    }

    @Test("Offers for a member: the one it fits best first, with the people it knows there; none it cannot take")
    func offers() async throws {
        try await MatchFixture.with { world in
            let matcher = Matcher(index: world.index, network: world.graph)
            let alice = world.members["alice"]!
            let profile = try #require(try await ProfileStore(client: world.client).get(memberID: alice.id))
            let offers = try await matcher.offers(for: profile, member: alice)
            // Enough of her occupation: the accountant's is not one of them.
            let strict = try await matcher.offers(for: profile, member: alice, atLeast: 2)
            #expect(strict.map(\.row.requisitionID) == ["A-1", "G-1"])
            // Not the German offer (alice would not move). Two of her occupation are too few:
            // the accountant's, which asks for Swift, comes too, after them (its score is higher
            // than the far, senior one's: the occupation comes before the score).
            #expect(offers.map(\.row.requisitionID) == ["A-1", "G-1", "G-3"])
            #expect(offers.last?.reasons.matchedSkills == ["Swift"])
            #expect(offers.last?.reasons.sameOccupation == false)
            #expect(offers.first?.reasons.sameOccupation == true)
            let first = offers[0]
            #expect(first.reasons.matchedSkills == ["Swift", "iOS", "Kotlin"])
            #expect(first.reasons.missingSkills == [])
            #expect(first.closeness == CompanyCloseness(peopleYouKnow: 1, bestDegree: 1))
            let second = offers[1]
            #expect(second.reasons.matchedSkills == ["Swift"])
            #expect(second.reasons.missingSkills == ["Rust", "Go"])
            #expect(second.reasons.offerSeniority == .senior)
            #expect(second.reasons.requiredMonths == 120)
            #expect(second.closeness == CompanyCloseness(peopleYouKnow: 0, bestDegree: nil))
            #expect(try #require(second.reasons.distanceKilometres) > 350)

            // fabien lives in Munich and would move to France: offers of both.
            let fabien = world.members["fabien"]!
            let his = try #require(try await ProfileStore(client: world.client).get(memberID: fabien.id))
            let countries = Set(try await matcher.offers(for: his, member: fabien).map(\.row.country))
            #expect(countries == ["FR", "DE"])
        }
    }
}

@Suite("Matching's parts")
struct MatchPartsTests {
    @Test("Experience: overlapping jobs counted once, partial dates, a current job up to today")
    func experience() {
        let resume: JSONValue = [
            "work": [
                ["startDate": "2010-01-01", "endDate": "2012-12-31"],
                ["startDate": "2012-01", "endDate": "2013-12"],  // overlaps the first by a year
                ["startDate": "2020"],  // current
                ["endDate": "2019-01-01"],  // no start: nothing
            ]
        ]
        let today = CalendarDate(year: 2022, month: 1, day: 1)!
        // 2010-01-01 … 2013-12-31 is 4 years, 2020-01-01 … 2022-01-01 is 2 more.
        #expect(CareerFacts.experienceMonths(of: resume, asOf: today) == 72)
        #expect(CareerFacts.experienceMonths(of: [:], asOf: today) == 0)
    }

    @Test("Languages by code, English name or own name; the CV's own first, each once")
    func languages() {
        let resume: JSONValue = [
            "languages": [
                ["language": "English"], ["language": "Deutsch"], ["language": "Mandarin Chinese"], ["language": "fr"],
                ["language": "Klingon"], ["language": "français"],
            ]
        ]
        #expect(CareerFacts.spokenLanguages(of: resume, native: .fr) == [.fr, .en, .de, .zh])
    }

    @Test("Seniority from titles in several languages, else from experience")
    func seniority() {
        #expect(Seniority(title: "Senior Software Engineer") == .senior)
        #expect(Seniority(title: "Chef de projet") == .lead)
        #expect(Seniority(title: "Junior-Entwickler") == .junior)
        #expect(Seniority(title: "高级软件工程师") == .senior)
        #expect(Seniority(title: "Développeur Swift") == nil)
        #expect(Seniority(title: "Développeur Swift", months: 70) == .senior)
        #expect(Seniority(months: 0) == .junior)
        #expect(Seniority(months: 24) == .confirmed)
        #expect(Seniority(months: 96) == .lead)
    }

    @Test("A skill's key: case and accents aside, spaces collapsed, signs kept")
    func skillKeys() {
        #expect(SkillKey.of("  Project \t Management ") == "project management")
        #expect(SkillKey.of("C++") == "c++")
        #expect(SkillKey.of("C#") != SkillKey.of("C++"))
        #expect(SkillKey.of("Gestión  de PROYECTOS") == "gestion de proyectos")
        #expect(SkillKey.of("数据分析") == "数据分析")
    }

    @Test("Skills the description names, as whole words, case and accents aside")
    func mentions() {
        let words = DescriptionWords("Vous maîtrisez SwiftUI, Combine et la Gestion de Projet. Node.js.")
        #expect(words.mention("swiftui"))
        #expect(words.mention("gestion de projet"))
        #expect(words.mention("Node.js"))
        #expect(!words.mention("Swift"))
        #expect(!words.mention("projet agile"))
        #expect(DescriptionWords("熟悉数据分析和机器学习").mention("机器学习"))
    }

    @Test("The score rewards each part, and stays between 0 and 1")
    func score() {
        let scoring = MatchScoring(weights: .candidates)
        let perfect = MatchReasons(
            sameOccupation: true, matchedSkills: ["A", "B"], missingSkills: [], mentionedSkills: ["C", "D", "E"],
            experienceMonths: 60,
            requiredMonths: 36, seniority: .confirmed, offerSeniority: .confirmed, distanceKilometres: 0, remote: false,
            relocating: false, language: .fr, speaksLanguage: true, openToWork: true)
        #expect(abs(scoring.score(perfect, relevance: 1, network: 1) - 1) < 1e-9)
        var worse = perfect
        worse.matchedSkills = ["A"]
        worse.missingSkills = ["B"]
        #expect(scoring.score(worse, relevance: 1, network: 1) < scoring.score(perfect, relevance: 1, network: 1))
        var far = perfect
        far.distanceKilometres = 400
        #expect(scoring.score(far, relevance: 1, network: 1) < scoring.score(perfect, relevance: 1, network: 1))
        var green = perfect
        green.experienceMonths = 12
        #expect(scoring.score(green, relevance: 1, network: 1) < scoring.score(perfect, relevance: 1, network: 1))
        #expect(scoring.score(perfect, relevance: 1, network: 0) < scoring.score(perfect, relevance: 1, network: 1))
        var nothing = perfect
        nothing.sameOccupation = false
        nothing.matchedSkills = []
        nothing.missingSkills = ["A", "B"]
        nothing.mentionedSkills = []
        nothing.experienceMonths = 0
        nothing.seniority = .junior
        nothing.offerSeniority = .lead
        nothing.speaksLanguage = false
        nothing.openToWork = false
        nothing.distanceKilometres = nil
        nothing.relocating = true
        #expect(scoring.score(nothing, relevance: 0, network: 0) >= 0)
    }
}
