import Foundation

/// What matching reads from a CV (JSON Resume) besides its skills: how long the
/// member has worked, and which languages it speaks.
public enum CareerFacts {
    /// Whole months worked up to `today`: the `work` entries' periods, overlaps
    /// counted once; an entry without an end date runs to `today`, one without a
    /// start date (or with an unreadable one) counts for nothing.
    public static func experienceMonths(of resume: JSONValue, asOf today: CalendarDate) -> Int {
        var periods: [(start: Int, end: Int)] = []
        for job in resume["work"]?.arrayValue ?? [] {
            guard let startText = job["startDate"]?.stringValue,
                let start = CalendarDate(resumeDate: startText, isEnd: false)
            else { continue }
            let end = job["endDate"]?.stringValue.flatMap { CalendarDate(resumeDate: $0, isEnd: true) } ?? today
            // The end date is the last day worked.
            let last = min(end.daysSinceEpoch + 1, today.daysSinceEpoch)
            if last > start.daysSinceEpoch { periods.append((start.daysSinceEpoch, last)) }
        }
        periods.sort { $0.start < $1.start }
        var days = 0
        var covered = Int.min
        for period in periods where period.end > covered {
            days += period.end - max(period.start, covered)
            covered = period.end
        }
        return months(inDays: days)
    }

    /// Whole months in `days` days: a month is a twelfth of a Gregorian year.
    public static func months(inDays days: Int) -> Int { days * 120_000 / 3_652_425 }

    /// The languages of `languages` entries that Passerelle knows, by ISO code or
    /// by name in English or in the language itself, with `native` (the CV's own
    /// language) first; each once.
    public static func spokenLanguages(of resume: JSONValue, native: Language) -> [Language] {
        var spoken = [native]
        for entry in resume["languages"]?.arrayValue ?? [] {
            guard let name = entry["language"]?.stringValue, let language = language(named: name),
                !spoken.contains(language)
            else { continue }
            spoken.append(language)
        }
        return spoken
    }

    /// The language a CV names: `fr`, `French`, `français`, `Mandarin Chinese`, `中文`…
    public static func language(named name: String) -> Language? {
        let key = name.lowercased().trimmingCharacters(in: .whitespaces)
        if let code = Language(rawValue: key) { return code }
        return languageNames.first { $0.value.contains { key == $0 || key.hasPrefix($0 + " ") } }?.key
            ?? languageNames.first { $0.value.contains { key.hasSuffix(" " + $0) } }?.key
    }

    private static let languageNames: [Language: [String]] = [
        .fr: ["french", "français", "francais", "französisch", "francés", "francese", "francês", "法语"],
        .en: ["english", "anglais", "englisch", "inglés", "ingles", "inglese", "inglês", "英语"],
        .de: ["german", "allemand", "deutsch", "alemán", "aleman", "tedesco", "alemão", "德语"],
        .es: ["spanish", "espagnol", "spanisch", "español", "espanol", "spagnolo", "espanhol", "西班牙语"],
        .it: ["italian", "italien", "italienisch", "italiano", "意大利语"],
        .pt: ["portuguese", "portugais", "portugiesisch", "portugués", "portoghese", "português", "葡萄牙语"],
        .zh: ["chinese", "mandarin", "chinois", "chinesisch", "chino", "cinese", "chinês", "中文", "汉语", "普通话"],
    ]
}
