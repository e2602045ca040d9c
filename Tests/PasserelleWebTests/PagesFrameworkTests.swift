import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleSearch
import PasserelleTestSupport
import Testing

@testable import PasserelleWeb

/// The pages' framework: catalogs, templates, languages, `/`.
@Suite("Pages: the framework")
struct PagesFrameworkTests {
    @Test("Every language has the same keys, and every key a template uses exists in all seven")
    func catalogsAreComplete() throws {
        let site = try PageSite(areas: PageAreas.all)
        let reference = site.catalogs[.en].keys
        for language in Language.allCases {
            let keys = site.catalogs[language].keys
            #expect(keys.subtracting(reference).isEmpty, "\(language) has keys English lacks")
            #expect(reference.subtracting(keys).isEmpty, "\(language) lacks \(reference.subtracting(keys).sorted())")
        }
        let used = PagesTemplateKeys.used(in: site.templateTexts)
        #expect(!used.isEmpty)
        for (template, keys) in used {
            for key in keys {
                for language in Language.allCases {
                    #expect(site.catalogs[language].has(key), "\(template): \(key) missing in \(language)")
                }
            }
        }
    }

    @Test("A duplicate key across two catalogs of a language is an error naming both files")
    func duplicateKeys() throws {
        let one = Array(#"{"a.b": "x"}"#.utf8)
        var files: [(name: String, bytes: [UInt8])] = []
        for language in Language.allCases {
            files.append(("one.\(language).json", one))
            files.append(("two.\(language).json", language == .de ? one : Array("{}".utf8)))
        }
        let error = #expect(throws: MessageCatalogError.self) { try MessageCatalogs(files: files) }
        #expect(error?.description == "two.de.json: a.b: already in one.de.json")
        let missing = #expect(throws: MessageCatalogError.self) {
            try MessageCatalogs(
                files: files.filter { $0.name != "two.zh.json" }.map {
                    $0.name == "two.de.json" ? ($0.name, Array("{}".utf8)) : $0
                })
        }
        #expect(missing?.description == #"no catalog for zh: ["two.zh.json"]"#)
    }

    @Test("A missing key renders as its marker")
    func missingKeyMarker() throws {
        let messages = Messages(language: .fr, table: ["a.b": "texte"])
        let template = try MustacheTemplateBox("{{t.a.b}} {{t.a.c}} {{t.x}}")
        #expect(template.render(["t": messages.lookup]) == "texte ⟦a.c⟧ ⟦x⟧")
        #expect(messages.format("n", count: 1, [:]) == "⟦n.other⟧")
    }

    @Test("Dates, numbers, money and country names as each locale writes them")
    func localeFormats() throws {
        let day = try #require(CalendarDate(year: 2026, month: 3, day: 12))
        let expected: [Language: (date: String, month: String, number: String, money: String, country: String)] = [
            .fr: ("12 mars 2026", "mars 2026", "1\u{202F}234\u{202F}567", "45\u{202F}000\u{A0}€", "Allemagne"),
            .en: ("12 March 2026", "March 2026", "1,234,567", "€45,000", "Germany"),
            .de: ("12. März 2026", "März 2026", "1.234.567", "45.000\u{A0}€", "Deutschland"),
            .es: ("12 de marzo de 2026", "marzo de 2026", "1.234.567", "45.000\u{A0}€", "Alemania"),
            .it: ("12 marzo 2026", "marzo 2026", "1.234.567", "45.000\u{A0}€", "Germania"),
            .pt: ("12 de março de 2026", "março de 2026", "1\u{A0}234\u{A0}567", "45\u{A0}000\u{A0}€", "Alemanha"),
            .zh: ("2026年3月12日", "2026年3月", "1,234,567", "€45,000", "德国"),
        ]
        for language in Language.allCases {
            let format = LocaleFormat.shared[language]!
            let want = try #require(expected[language])
            #expect(format.date(day) == want.date, "\(language)")
            #expect(format.month(day) == want.month, "\(language)")
            #expect(format.number(1_234_567) == want.number, "\(language)")
            #expect(format.money(45_000, currency: "EUR") == want.money, "\(language)")
            #expect(format.countryName(.germany) == want.country, "\(language)")
        }
    }

    @Test("A snippet's parts are its text read back, marked where the index marked it; query values escaped")
    func snippetsAndQueries() {
        let parts = JobsPages.snippetParts("a &amp; &lt;b&gt; <mark>Swift</mark> x &#39;y&#39; &quot;z&quot; &nbsp;")
        #expect(parts.map { $0["text"] as? String } == ["a & <b> ", "Swift", " x 'y' \"z\" &nbsp;"])
        #expect(parts.map { $0["mark"] as? Bool } == [false, true, false])
        #expect(JobsPages.snippetParts("<mark>a</mark><mark>b</mark>").map { $0["text"] as? String } == ["a", "b"])
        #expect(JobsPages.snippetParts(nil).isEmpty)
        #expect(PageRequest.queryEscaped("é a/b&c=d+e") == "%C3%A9%20a/b%26c%3Dd%2Be")
        #expect(
            PageForm(urlEncoded: "q=%C3%A9+a%2Fb&x=&y").fields.map { "\($0.name)=\($0.value)" } == [
                "q=é a/b", "x=", "y=",
            ])
        #expect(PageRequest.localPath("/fr/jobs?q=1") == "/fr/jobs?q=1")
        for outside in ["//evil.example", "https://evil.example", "/\\evil", "fr", "/a\nb"] {
            #expect(PageRequest.localPath(outside) == nil, "\(outside)")
        }
    }

    @Test("/ sends a browser to the language it prefers; English when it names none of ours")
    func rootRedirects() async throws {
        #expect(CommonPages.preferredLanguage("de-CH;q=0.9, en;q=0.8") == .de)
        #expect(CommonPages.preferredLanguage("ja, zh-CN;q=0.5, fr;q=0.7") == .fr)
        #expect(CommonPages.preferredLanguage("ja") == .en)
        #expect(CommonPages.preferredLanguage(nil) == .en)
        #expect(CommonPages.preferredLanguage("pt-BR;q=0, es") == .es)
        try await withPagesApp { _, http in
            for (header, language) in [("fr-FR,fr;q=0.9", "fr"), ("zh-CN", "zh"), ("ja", "en")] {
                let answer = try await http.page(.get, "/", headers: [.acceptLanguage: header])
                #expect(answer.status == .seeOther)
                #expect(answer.headers[.location] == "/\(language)")
            }
        }
    }

    @Test("The home page renders in each language with its switcher, country selector and no missing key")
    func homeInEveryLanguage() async throws {
        try await withPagesApp { _, http in
            for language in Language.allCases {
                let answer = try await http.page(.get, "/\(language)")
                #expect(answer.status == .ok)
                #expect(answer.html.contains("<html lang=\"\(language)\">"))
                #expect(!answer.html.contains("⟦"), "\(language): \(answer.missingKeys)")
                #expect(answer.html.contains("id=\"language-switcher\""))
                for other in Language.allCases {
                    #expect(answer.html.contains("href=\"/\(other)\" hreflang=\"\(other)\""))
                }
                #expect(answer.html.contains("id=\"country-select\""))
            }
            let unknown = try await http.page(.get, "/it/nowhere/at/all")
            #expect(unknown.status == .notFound)
            #expect(unknown.html.contains("Pagina non trovata"))
            #expect(
                try await http.page(.get, "/api/v1/nowhere").headers[.contentType] == "application/json; charset=utf-8")
            let css = try await http.page(.get, "/static/site.css")
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
        }
    }
}

/// Mustache for a test: a template from a string.
struct MustacheTemplateBox {
    let template: MustacheTemplateAlias
    init(_ text: String) throws { template = try MustacheTemplateAlias(string: text) }
    func render(_ object: Any) -> String { template.render(object) }
}

/// The keys the Swift code of the pages asks for, in every language.
@Suite("Pages: keys asked for by code")
struct PagesCodeKeysTests {
    static let pagesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/PasserelleWeb/Pages")

    @Test(
        "Every literal key of t(\"…\") and format(\"…\") in the public and member pages exists in all seven languages")
    func literalKeys() throws {
        let site = try PageSite(areas: PageAreas.all)
        let files = [
            "AccountPages", "ActivityPages", "CVEditorPage", "CommonPages", "JobPage", "JobSearchPage", "JobsPages",
            "LocaleFormat", "MemberPages", "NetworkPage", "PageRequest",
        ]
        var checked = 0
        for file in files {
            let text = try String(
                contentsOf: Self.pagesDirectory.appendingPathComponent(file + ".swift"), encoding: .utf8)
            for match in text.matches(of: /(?:\bt|format)\(\s*"([a-zA-Z0-9.]+)"(,\s*count:)?/) {
                let key = String(match.output.1)
                let keys = match.output.2 == nil ? [key] : [key + ".other"]
                for key in keys {
                    checked += 1
                    for language in Language.allCases {
                        #expect(site.catalogs[language].has(key), "\(file): \(key) missing in \(language)")
                    }
                }
            }
        }
        #expect(checked > 20)
    }

    @Test("Every key made from a value (types, stages, statuses, periods, sorts, facets, errors) exists")
    func builtKeys() throws {
        let site = try PageSite(areas: PageAreas.all)
        var keys = EmploymentType.allCases.map { "type." + $0.rawValue }
        keys += PasserelleCore.Application.Stage.allCases.map { "stage." + $0.rawValue }
        keys += ReferralRequest.Status.allCases.map { "referrals.status." + $0.rawValue }
        keys += SalaryRange.Period.allCases.map { "salary.per." + $0.rawValue }
        keys += SearchSort.allCases.map { "search.sort." + $0.rawValue }
        keys += JobSearchPage.facets.map { "search.facet." + $0.facet.rawValue }
        keys += [400, 403, 404, 413, 422, 429, 500, 503].flatMap { ["error.\($0).title", "error.\($0).text"] }
        keys += JobPage.outcomes.map { "job.done." + $0 } + NetworkPage.outcomes.map { "network.done." + $0 }
        keys += ActivityPages.outcomes.map { "activity.done." + $0 } + ["network.degree.2", "network.degree.3"]
        for key in keys {
            for language in Language.allCases {
                #expect(site.catalogs[language].has(key), "\(key) missing in \(language)")
            }
        }
    }
}
