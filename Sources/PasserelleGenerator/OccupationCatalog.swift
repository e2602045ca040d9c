import Foundation
import PasserelleCore

/// The 306 occupations of occupations.tsv with their titles per language and gender
/// (job_title_thesaurus.tsv) and their skills (occupation_skills.tsv where ESCO links
/// them, else a fixed draw from the skill groups of their ISCO sub-major group).
struct OccupationCatalog: Sendable {
    struct Occupation: Sendable {
        let id: String
        /// ISCO-08 code, 1 to 4 digits.
        let isco: String
        /// The first ISCO digit: 1 managers … 9 elementary occupations, 0 armed forces.
        let majorGroup: Int
        /// Titles by ``titleSlot(_:feminine:)``, the preferred title first.
        let titles: [[String]]
        /// Real ESCO skill labels, the most characteristic first.
        let skills: [String]
    }

    let occupations: [Occupation]
    /// Every occupation equally often would give as many actuaries as cashiers: this
    /// weighs the ISCO major groups roughly as European employment does.
    let sampler: WeightedSampler

    /// How many skills an occupation without ESCO links gets.
    static let drawnSkillCount = 16

    init(directory: URL) throws(GeneratorError) {
        let occupationTable = try TSVTable(
            "occupations.tsv", in: directory, requiring: ["occupation_id", "isco_code", "esco_occupation_id"])
        let thesaurus = try TSVTable(
            "job_title_thesaurus.tsv", in: directory,
            requiring: ["occupation_id", "language", "gender", "preferred", "title"])
        let links = try TSVTable("occupation_skills.tsv", in: directory, requiring: ["esco_occupation_id", "skill_en"])
        let skillTable = try TSVTable("skills.tsv", in: directory, requiring: ["label_en", "types", "groups"])

        // Titles: occupation → slot → titles, preferred ones first (the file's order).
        var titles: [Substring: [[String]]] = [:]
        for row in thesaurus.rows {
            guard let language = Language(rawValue: String(thesaurus[row, "language"])) else { continue }
            let gender = thesaurus[row, "gender"]
            var slots = titles[thesaurus[row, "occupation_id"], default: Array(repeating: [], count: 14)]
            let title = String(thesaurus[row, "title"])
            let preferred = thesaurus[row, "preferred"] == "1"
            // An ungendered title serves both forms.
            for feminine in [false, true] where gender == "n" || (gender == "f") == feminine {
                let slot = Self.titleSlot(language, feminine: feminine)
                if preferred { slots[slot].insert(title, at: 0) } else { slots[slot].append(title) }
            }
            titles[thesaurus[row, "occupation_id"]] = slots
        }

        var linkedSkills: [Substring: [String]] = [:]
        for row in links.rows where !links[row, "skill_en"].isEmpty {
            linkedSkills[links[row, "esco_occupation_id"], default: []].append(String(links[row, "skill_en"]))
        }

        // Skills by group, languages left out: they are spoken, not practised.
        var skillLabels: [String] = []
        var skillGroups: [[Substring]] = []
        for row in skillTable.rows where !skillTable[row, "types"].contains("language") {
            skillLabels.append(String(skillTable[row, "label_en"]))
            skillGroups.append(skillTable[row, "groups"].split(separator: "|"))
        }
        func skills(inGroups prefixes: [String]) -> [Int] {
            skillLabels.indices.filter { index in
                skillGroups[index].contains { group in prefixes.contains { group.hasPrefix($0) } }
            }
        }
        let sharedSkills = skills(inGroups: SkillGroupTable.shared)
        var groupSkills: [String: [Int]] = [:]

        var occupations: [Occupation] = []
        for row in occupationTable.rows {
            let id = occupationTable[row, "occupation_id"]
            let isco = String(occupationTable[row, "isco_code"])
            guard let slots = titles[id], let first = isco.first, let major = first.wholeNumberValue,
                Language.allCases.allSatisfy({ !slots[Self.titleSlot($0, feminine: false)].isEmpty })
            else { continue }
            var skillsOfOccupation = linkedSkills[occupationTable[row, "esco_occupation_id"]] ?? []
            if skillsOfOccupation.count < 6 {
                let subMajor = String(isco.prefix(2))
                let pool =
                    groupSkills[subMajor]
                    ?? {
                        let found = skills(
                            inGroups: SkillGroupTable.bySubMajorGroup[subMajor] ?? SkillGroupTable.shared)
                        groupSkills[subMajor] = found
                        return found
                    }()
                // The draw depends on the occupation only, not on the run's seed: an
                // occupation's skills are a fact of the reference data.
                var random = SeededRandom(seed: Self.stableHash(String(id)))
                for index in random.distinct(Self.drawnSkillCount - 3, of: pool.count) {
                    skillsOfOccupation.append(skillLabels[pool[index]])
                }
                for index in random.distinct(3, of: sharedSkills.count) {
                    skillsOfOccupation.append(skillLabels[sharedSkills[index]])
                }
            }
            occupations.append(
                Occupation(id: String(id), isco: isco, majorGroup: major, titles: slots, skills: skillsOfOccupation))
        }
        guard !occupations.isEmpty else {
            throw .malformedList(directory.appendingPathComponent("occupations.tsv").path, "no usable occupation")
        }
        self.occupations = occupations
        // Share of employment by ISCO major group, spread over the group's occupations.
        let majorShare: [Double] = [0.005, 0.06, 0.2, 0.16, 0.1, 0.16, 0.03, 0.12, 0.08, 0.085]
        var perMajor = Array(repeating: 0.0, count: 10)
        for occupation in occupations { perMajor[occupation.majorGroup] += 1 }
        sampler = WeightedSampler(occupations.map { majorShare[$0.majorGroup] / perMajor[$0.majorGroup] })
    }

    /// Where the titles of `language` in one form are kept.
    static func titleSlot(_ language: Language, feminine: Bool) -> Int {
        (Language.allCases.firstIndex(of: language) ?? 0) * 2 + (feminine ? 1 : 0)
    }

    /// True for the languages whose job titles have a masculine and a feminine form.
    static func isGendered(_ language: Language) -> Bool {
        switch language {
        case .fr, .de, .es, .it, .pt: true
        case .en, .zh: false
        }
    }

    /// A title of `occupation`: the preferred one most often, else one of its synonyms.
    func title(_ occupation: Int, _ language: Language, feminine: Bool, _ random: inout SeededRandom) -> String {
        let titles = occupations[occupation].titles[Self.titleSlot(language, feminine: feminine)]
        let fallback = occupations[occupation].titles[Self.titleSlot(language, feminine: false)]
        let choices = titles.isEmpty ? fallback : titles
        return random.chance(0.7) ? choices[0] : random.pick(choices)
    }

    /// FNV-1a of the UTF-8 bytes: a hash that, unlike `Hasher`, is the same in every process.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return hash
    }
}
