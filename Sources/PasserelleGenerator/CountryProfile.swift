import PasserelleCore

/// What the generator needs to know about each country job space: its language, the
/// locale of its name lists, its currency and pay level, and its share of the members.
struct CountryProfile: Sendable {
    let country: Country
    let language: Language
    /// The locale of first_names.tsv and last_names.tsv.
    let nameLocale: String
    /// ISO 4217.
    let currency: String
    /// Pay in the local currency relative to France in euros, for the same job.
    let payFactor: Double
    /// Salaries are rounded to this many units of the currency.
    let payRounding: Double
    /// Relative number of members and postings: a European network with a large Chinese partner.
    let share: Double
    /// The email domain of members' addresses.
    let emailDomain: String
    /// Legal forms that end company names, the common ones first.
    let legalForms: [String]

    /// The seven job spaces, in the order of ``Country/jobSpaces``; a country's index
    /// here is the one the generator stores in its compact arrays.
    static let all: [CountryProfile] = [
        CountryProfile(
            country: .france, language: .fr, nameLocale: "fr_FR", currency: "EUR", payFactor: 1.0,
            payRounding: 500, share: 0.22, emailDomain: "example.fr", legalForms: ["SAS", "SA", "SARL", "SNC"]),
        CountryProfile(
            country: .germany, language: .de, nameLocale: "de_DE", currency: "EUR", payFactor: 1.15,
            payRounding: 500, share: 0.18, emailDomain: "example.de", legalForms: ["GmbH", "AG", "GmbH & Co. KG", "KG"]
        ),
        CountryProfile(
            country: .spain, language: .es, nameLocale: "es_ES", currency: "EUR", payFactor: 0.72,
            payRounding: 500, share: 0.11, emailDomain: "example.es", legalForms: ["S.L.", "S.A.", "S.L.U."]),
        CountryProfile(
            country: .italy, language: .it, nameLocale: "it_IT", currency: "EUR", payFactor: 0.8,
            payRounding: 500, share: 0.11, emailDomain: "example.it", legalForms: ["S.r.l.", "S.p.A.", "S.n.c."]),
        CountryProfile(
            country: .portugal, language: .pt, nameLocale: "pt_PT", currency: "EUR", payFactor: 0.52,
            payRounding: 250, share: 0.04, emailDomain: "example.pt", legalForms: ["Lda.", "S.A.", "Unipessoal Lda."]),
        CountryProfile(
            country: .unitedKingdom, language: .en, nameLocale: "en_GB", currency: "GBP", payFactor: 0.95,
            payRounding: 500, share: 0.16, emailDomain: "example.co.uk", legalForms: ["Ltd", "plc", "LLP"]),
        CountryProfile(
            country: .china, language: .zh, nameLocale: "zh_CN", currency: "CNY", payFactor: 2.6,
            payRounding: 1000, share: 0.18, emailDomain: "example.cn",
            legalForms: ["有限公司", "股份有限公司", "集团有限公司"]),
    ]

    /// The index in ``all`` of `country`, if it is a job space.
    static func index(of country: Country) -> Int? { all.firstIndex { $0.country == country } }
}
