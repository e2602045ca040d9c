import Foundation
import PasserelleCore

/// Dates, numbers, distances and salaries as a reader of `language` writes them
/// (Foundation's formatters with the language's locale: `1 234`, `1,234`, `1.234`;
/// `12 mars 2026`, `12. März 2026`, `2026年3月12日`).
struct LocaleFormat: Sendable {
    let language: Language
    let locale: Locale

    init(_ language: Language) {
        self.language = language
        locale = Locale(identifier: Self.localeIdentifiers[language]!)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        calendar.locale = locale
        self.calendar = calendar
        let locale = locale
        countryNames = Dictionary(
            uniqueKeysWithValues: Country.jobSpaces.map {
                ($0, locale.localizedString(forRegionCode: $0.code) ?? $0.code)
            }
        )
    }

    /// Each language's, made once (a locale and its calendar are not free to make).
    static let shared: [Language: LocaleFormat] = Dictionary(
        uniqueKeysWithValues: Language.allCases.map { ($0, LocaleFormat($0)) })

    /// The locale of each interface language (English as in Britain, Portuguese as in Portugal).
    static let localeIdentifiers: [Language: String] = [
        .fr: "fr_FR", .en: "en_GB", .de: "de_DE", .es: "es_ES", .it: "it_IT", .pt: "pt_PT", .zh: "zh_CN",
    ]

    private let calendar: Calendar
    /// The job spaces' names, asked of ICU once.
    private let countryNames: [Country: String]

    /// A day, in full (`12 mars 2026`).
    func date(_ day: CalendarDate) -> String {
        Date.FormatStyle(date: .long, time: .omitted, locale: locale, calendar: calendar, timeZone: .gmt)
            .format(day.startOfDayUTC)
    }

    /// A moment's day (UTC), in full.
    func date(_ moment: Date) -> String { date(CalendarDate(utcDayOf: moment)) }

    /// A month and year (`mars 2026`), for CVs.
    func month(_ day: CalendarDate) -> String {
        Date.FormatStyle(locale: locale, calendar: calendar, timeZone: .gmt).month(.wide).year()
            .format(day.startOfDayUTC)
    }

    func number(_ value: Int) -> String { value.formatted(IntegerFormatStyle<Int>(locale: locale)) }

    func number(_ value: Double, fractionDigits: Int = 0) -> String {
        value.formatted(
            FloatingPointFormatStyle<Double>(locale: locale).precision(.fractionLength(0...fractionDigits)))
    }

    /// An amount of `currency` (ISO 4217) without cents (`45 000 €`, `€45,000`, `¥45,000`).
    func money(_ amount: Double, currency: String) -> String {
        amount.formatted(
            FloatingPointFormatStyle<Double>.Currency(code: currency, locale: locale).precision(.fractionLength(0)))
    }

    /// A salary range with its period, in the catalog's words
    /// (`salary.range` = `{min} – {max}`, `salary.per.YEAR` = `par an`).
    func salary(_ salary: SalaryRange, messages: Messages) -> String {
        let amounts: String
        switch (salary.minimum, salary.maximum) {
        case (let minimum?, let maximum?) where minimum == maximum:
            amounts = money(minimum, currency: salary.currency)
        case (let minimum?, let maximum?):
            amounts = messages.format(
                "salary.range",
                ["min": money(minimum, currency: salary.currency), "max": money(maximum, currency: salary.currency)])
        case (let minimum?, nil):
            amounts = messages.format("salary.from", ["min": money(minimum, currency: salary.currency)])
        case (nil, let maximum?):
            amounts = messages.format("salary.upTo", ["max": money(maximum, currency: salary.currency)])
        case (nil, nil):
            return ""
        }
        guard let period = salary.period else { return amounts }
        return messages.format(
            "salary.perPeriod", ["amount": amounts, "period": messages["salary.per." + period.rawValue]])
    }

    /// A country's name in this language (`Allemagne`, `德国`).
    func countryName(_ country: Country) -> String {
        countryNames[country] ?? locale.localizedString(forRegionCode: country.code) ?? country.code
    }
}
