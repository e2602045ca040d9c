import Foundation
import PasserelleCore

/// How senior a person or an offer is: from the months of experience (had or
/// asked for), unless the title says it (`Senior …`, `Chef de …`, `高级…`).
public enum Seniority: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    case junior, confirmed, senior, lead

    public static func < (lhs: Seniority, rhs: Seniority) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String {
        switch self {
        case .junior: "junior"
        case .confirmed: "confirmed"
        case .senior: "senior"
        case .lead: "lead"
        }
    }

    /// Junior under 2 years, confirmed under 5, senior under 8, lead from 8.
    public init(months: Int) {
        self = months < 24 ? .junior : months < 60 ? .confirmed : months < 96 ? .senior : .lead
    }

    /// The level a title's words name, if any (the highest named).
    public init?(title: String) {
        var found: Seniority?
        func note(_ level: Seniority?) {
            if let level { found = max(found ?? level, level) }
        }
        var word = String.UnicodeScalarView()
        var wide = false
        for scalar in title.unicodeScalars {
            if scalar.value >= 0x3000 { wide = true }
            let letter =
                scalar.value < 0x80
                ? (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
                : scalar.properties.isAlphabetic
            if letter {
                word.append(scalar)
            } else if !word.isEmpty {
                note(Self.markedWords[String(word).lowercased()])
                word = String.UnicodeScalarView()
            }
        }
        if !word.isEmpty { note(Self.markedWords[String(word).lowercased()]) }
        // Chinese has no spaces between words: its markers are looked for anywhere.
        if wide {
            for (marker, level) in Self.markedWords where marker.utf8.first ?? 0 >= 0x80 && title.contains(marker) {
                note(level)
            }
        }
        guard let found else { return nil }
        self = found
    }

    /// A title's level, else the experience's.
    public init(title: String?, months: Int?) {
        self = title.flatMap(Seniority.init(title:)) ?? Seniority(months: months ?? 0)
    }

    /// The words of titles that say a level, in the seven languages.
    private static let markedWords: [String: Seniority] = Dictionary(
        titleMarkers.flatMap { level, words in words.map { ($0, level) } }, uniquingKeysWith: max)

    private static let titleMarkers: [(Seniority, [String])] = [
        (
            .junior,
            [
                "junior", "débutant", "débutante", "einsteiger", "einsteigerin", "trainee", "principiante", "apprenti",
                "apprentie", "初级", "实习",
            ]
        ),
        (.confirmed, ["confirmé", "confirmée", "intermediate"]),
        (
            .senior,
            ["senior", "sénior", "expérimenté", "expérimentée", "erfahren", "experto", "esperto", "sênior", "高级", "资深"]
        ),
        (
            .lead,
            [
                "lead", "principal", "head", "chef", "cheffe", "leiter", "leiterin", "jefe", "jefa", "responsabile",
                "director", "directeur", "directrice", "direktor", "diretor", "diretora", "主管", "总监",
            ]
        ),
    ]
}

/// Why a CV and an offer fit (or not), as the recruiter or the member reads it.
public struct MatchReasons: Hashable, Sendable {
    /// The CV's headline (or, for offers, a position held) and the offer's title name
    /// the same occupation of the thesaurus (in any language), or share a word when the
    /// thesaurus knows neither. Those that do come first, whatever their score: the
    /// others only fill a short list (``Matcher/atLeast``).
    public var sameOccupation: Bool
    /// The offer's skills the CV lists, as the offer writes them.
    public var matchedSkills: [String]
    /// The offer's skills the CV lacks.
    public var missingSkills: [String]
    /// The CV's other skills that the offer's description names.
    public var mentionedSkills: [String]
    public var experienceMonths: Int
    /// What the offer asks for; nil when it says nothing.
    public var requiredMonths: Int?
    public var seniority: Seniority
    public var offerSeniority: Seniority
    /// Between the CV's place and the job's; nil when one is unknown or the job is remote.
    public var distanceKilometres: Double?
    public var remote: Bool
    /// The member lives in another country and would move to the offer's.
    public var relocating: Bool
    public var language: Language
    public var speaksLanguage: Bool
    public var openToWork: Bool

    public init(
        sameOccupation: Bool, matchedSkills: [String], missingSkills: [String], mentionedSkills: [String],
        experienceMonths: Int,
        requiredMonths: Int?, seniority: Seniority, offerSeniority: Seniority, distanceKilometres: Double?,
        remote: Bool, relocating: Bool, language: Language, speaksLanguage: Bool, openToWork: Bool
    ) {
        self.sameOccupation = sameOccupation
        self.matchedSkills = matchedSkills
        self.missingSkills = missingSkills
        self.mentionedSkills = mentionedSkills
        self.experienceMonths = experienceMonths
        self.requiredMonths = requiredMonths
        self.seniority = seniority
        self.offerSeniority = offerSeniority
        self.distanceKilometres = distanceKilometres
        self.remote = remote
        self.relocating = relocating
        self.language = language
        self.speaksLanguage = speaksLanguage
        self.openToWork = openToWork
    }
}

/// Scores how well a CV fits an offer: a weighted sum of parts between 0 and 1.
/// The weights are named here and nowhere else (`passerelle bench matching`
/// measures what they give on the generator's fits).
public struct MatchScoring: Sendable {
    public struct Weights: Hashable, Sendable {
        public var relevance: Double
        public var requiredSkills: Double
        public var mentionedSkills: Double
        public var experience: Double
        public var seniority: Double
        public var language: Double
        public var distance: Double
        public var openToWork: Double
        public var network: Double

        public init(
            relevance: Double, requiredSkills: Double, mentionedSkills: Double, experience: Double, seniority: Double,
            language: Double, distance: Double, openToWork: Double, network: Double
        ) {
            self.relevance = relevance
            self.requiredSkills = requiredSkills
            self.mentionedSkills = mentionedSkills
            self.experience = experience
            self.seniority = seniority
            self.language = language
            self.distance = distance
            self.openToWork = openToWork
            self.network = network
        }

        var total: Double {
            relevance + requiredSkills + mentionedSkills + experience + seniority + language + distance + openToWork
                + network
        }

        /// Candidates for an offer.
        public static let candidates = Weights(
            relevance: 0.10, requiredSkills: 0.30, mentionedSkills: 0.05, experience: 0.12, seniority: 0.05,
            language: 0.08, distance: 0.15, openToWork: 0.05, network: 0.10)
        /// Offers for a member: whether it looks for work says nothing of which offer fits.
        public static let offers = Weights(
            relevance: 0.15, requiredSkills: 0.30, mentionedSkills: 0, experience: 0.12, seniority: 0.08,
            language: 0.10, distance: 0.15, openToWork: 0, network: 0.10)
    }

    public var weights: Weights

    public init(weights: Weights) { self.weights = weights }

    /// The reasons `candidate` fits `offer`; `description` (the offer's) finds the
    /// CV's other skills it names.
    public static func reasons(
        offer: OfferFacts, candidate: CandidateFacts, sameOccupation: Bool, description: DescriptionWords?
    ) -> MatchReasons {
        let has = Set(candidate.skillKeys)
        var matched: [String] = []
        var missing: [String] = []
        for (skill, key) in zip(offer.skills, offer.skillKeys) {
            if has.contains(key) { matched.append(skill) } else { missing.append(skill) }
        }
        let mentioned =
            description.map { words in
                zip(candidate.skills, candidate.skillKeys).filter { skill, key in
                    !offer.skillKeys.contains(key) && words.mention(key: key)
                }.map(\.0)
            } ?? []
        let relocating = candidate.country != offer.country
        var distance: Double?
        if !offer.remote, !relocating, let here = candidate.location, let there = offer.location {
            distance = here.distanceInKilometres(to: there)
        }
        return MatchReasons(
            sameOccupation: sameOccupation, matchedSkills: matched, missingSkills: missing, mentionedSkills: mentioned,
            experienceMonths: candidate.experienceMonths, requiredMonths: offer.experienceMonths,
            seniority: Seniority(title: candidate.headline, months: candidate.experienceMonths),
            offerSeniority: Seniority(title: offer.title, months: offer.experienceMonths),
            distanceKilometres: distance, remote: offer.remote, relocating: relocating, language: offer.language,
            speaksLanguage: candidate.spokenLanguages.contains(offer.language), openToWork: candidate.openToWork)
    }

    /// The score of `reasons`, between 0 and 1. `relevance` is the text's weight
    /// against the best one's (0…1); `network` the closeness (0…1).
    public func score(_ reasons: MatchReasons, relevance: Double, network: Double) -> Double {
        let w = weights
        let asked = reasons.matchedSkills.count + reasons.missingSkills.count
        let coverage = asked == 0 ? 1 : Double(reasons.matchedSkills.count) / Double(asked)
        let mentioned = min(1, Double(reasons.mentionedSkills.count) / 3)
        var experience = 1.0
        if let required = reasons.requiredMonths, required > 0 {
            experience = min(1, Double(reasons.experienceMonths) / Double(required))
        }
        let levels = abs(reasons.seniority.rawValue - reasons.offerSeniority.rawValue)
        let seniority = [1, 0.6, 0.25, 0][levels]
        let place: Double =
            if reasons.remote {
                1
            } else if reasons.relocating {
                0.5
            } else if let kilometres = reasons.distanceKilometres {
                1 / (1 + (kilometres / 40) * (kilometres / 40))
            } else {
                0.5
            }
        let sum =
            w.relevance * min(1, max(0, relevance)) + w.requiredSkills * coverage + w.mentionedSkills * mentioned
            + w.experience * experience + w.seniority * seniority + w.language * (reasons.speaksLanguage ? 1 : 0)
            + w.distance * place + w.openToWork * (reasons.openToWork ? 1 : 0) + w.network * min(1, max(0, network))
        return sum / w.total
    }
}

/// The comparison key of a skill: case and accents aside, spaces collapsed.
public enum SkillKey {
    public static func of(_ skill: String) -> String {
        // Most skills are ASCII: lower case and spaces collapsed byte by byte, no Unicode tables.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(skill.utf8.count)
        var space = false
        for byte in skill.utf8 {
            if byte >= 0x80 { return unicode(skill) }
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                space = !bytes.isEmpty
                continue
            }
            if space { bytes.append(0x20) }
            space = false
            bytes.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func unicode(_ skill: String) -> String {
        let lower = skill.lowercased()
        let folded =
            lower.utf8.allSatisfy { $0 < 0x80 } ? lower : lower.folding(options: .diacriticInsensitive, locale: nil)
        return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// The words of a description, to find the skills it names: runs of up to four
/// words, by their skill keys.
public struct DescriptionWords: Sendable {
    static let longest = 4
    private let runs: Set<String>
    /// The whole text by its key: Chinese has no spaces between words.
    private let text: String

    public init(_ text: String) {
        self.text = SkillKey.of(text)
        let words = self.text.split { $0.isWhitespace || ",;:()[]!?\"«»“”".contains($0) }.map {
            // A sentence's last word keeps its letters, not its full stop ("Node.js." → "node.js").
            String($0.hasSuffix(".") ? $0.dropLast() : $0)
        }
        var runs = Set<String>()
        for start in words.indices {
            var run = ""
            for end in start..<min(words.count, start + Self.longest) {
                run += (end == start ? "" : " ") + words[end]
                runs.insert(run)
            }
        }
        self.runs = runs
    }

    /// True when the description names `skill` (as whole words, but for Chinese).
    public func mention(_ skill: String) -> Bool { mention(key: SkillKey.of(skill)) }

    /// ``mention(_:)`` for a skill's key.
    func mention(key: String) -> Bool {
        if key.unicodeScalars.contains(where: { $0.value >= 0x3000 }) { return text.contains(key) }
        return runs.contains(key)
    }
}
