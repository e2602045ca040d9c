import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

@testable import PasserelleWeb

/// The recruiter's pages and the settings, against PostgreSQL: every page in the
/// seven languages, the posting form's validation (the API's), escaping, who may
/// see what, the applicants' stages, privacy, export and erasure.
@Suite("Pages: recruiter and settings")
struct StaffPagesTests {
    /// The `Authorization` header of a `Staff` role: pages take a bearer token as the API does.
    static func signedIn(_ role: Staff.Role) -> HTTPFields {
        role.token.map { [.authorization: "Bearer \($0)"] } ?? [:]
    }

    /// `text` as the templates write it.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// A form as `role` posts it, with the CSRF token its session gives.
    static func form(_ role: Staff.Role, _ fields: [(String, String)]) -> [(String, String)] {
        [("_csrf", CSRF.derived(from: role.token!))] + fields
    }

    /// A posting form filled as a recruiter would, with `changes` over it.
    static func postingFields(_ changes: [String: String] = [:]) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("title", "Développeuse Swift"), ("requisition", "REQ-7"),
            ("description", "Swift et PostgreSQL.\n\nÀ Toulouse,\nprès du métro."), ("language", "fr"),
            ("country", "FR"), ("city", "Toulouse"), ("postal_code", "31000"), ("types", "FULL_TIME"),
            ("types", "PART_TIME"), ("remote", "1"), ("salary_min", "45 000"), ("salary_max", "55000"),
            ("currency", "EUR"), ("period", "YEAR"), ("valid_through", day(40).description),
            ("skills", "Swift, PostgreSQL"),
        ]
        for (name, value) in changes {
            fields.removeAll { $0.0 == name }
            fields.append((name, value))
        }
        return fields
    }

    @Test("Every recruiter and settings page renders in all seven languages, with no missing key")
    func everyLanguage() async throws {
        try await withPagesApp { client, http in
            let staff = try await Staff(client: client)
            let posting = try await staff.posting(of: staff.acme, "REQ-1", client: client)
            let paths = [
                "recruiter/postings", "recruiter/postings/new", "recruiter/postings/\(posting.id)/edit",
                "recruiter/postings/\(posting.id)/applicants", "recruiter/postings/\(posting.id)/candidates",
                "settings",
                "settings/delete", "settings/deleted",
            ]
            for language in Language.allCases {
                for path in paths {
                    let answer = try await http.page(
                        .get, "/\(language.code)/\(path)", headers: Self.signedIn(.acmeRecruiter))
                    #expect(answer.status == .ok, "\(language) \(path)")
                    #expect(answer.missingKeys == [], "\(language) \(path)")
                    #expect(answer.html.contains("<html lang=\"\(language.code)\">"), "\(language) \(path)")
                }
                let list = try await http.page(
                    .get, "/\(language.code)/recruiter/postings", headers: Self.signedIn(.acmeRecruiter))
                let messages = PageSite.compiled.catalogs[language]
                #expect(list.html.contains(Self.escaped(messages["recruiter.postings.heading"])))
                #expect(list.html.contains("data-test=\"nav-recruiter-postings\""))
                #expect(list.html.contains("data-test=\"nav-settings\""))
            }
        }
    }

    @Test("The posting form saves what the JSON API would: fields, company, paragraphs, amounts")
    func postingThroughTheForm() async throws {
        try await withPagesApp { client, http in
            let staff = try await Staff(client: client)
            let answer = try await http.page(
                .post, "/fr/recruiter/postings/new", form: Self.form(.acmeRecruiter, Self.postingFields()),
                headers: Self.signedIn(.acmeRecruiter))
            #expect(answer.status == .seeOther)
            let location = try #require(answer.headers[.location])
            #expect(location.hasPrefix("/fr/recruiter/postings?posted="))
            let id = try #require(Int64(location.split(separator: "=").last ?? ""))
            let saved = try #require(try await JobPostingStore(client: client).get(id: id))
            #expect(saved.companyID == staff.acme.id)
            #expect(saved.title == "Développeuse Swift")
            #expect(saved.requisitionID == "REQ-7")
            #expect(saved.description == "<p>Swift et PostgreSQL.</p><p>À Toulouse,<br>près du métro.</p>")
            #expect(saved.language == .fr)
            #expect(saved.country == .france)
            #expect(saved.city == "Toulouse")
            #expect(saved.postalCode == "31000")
            #expect(saved.employmentTypes == [.fullTime, .partTime])
            #expect(saved.remote)
            #expect(saved.salary == SalaryRange(minimum: 45_000, maximum: 55_000, currency: "EUR", period: .year))
            #expect(saved.skills == ["Swift", "PostgreSQL"])
            #expect(saved.datePosted == day(0))
            #expect(saved.validThrough == day(40).startOfDayUTC)
            #expect(saved.status == .open)
            // The API reads the same posting back from its own JSON-LD.
            let api = try await http.send(.get, "/api/v1/jobs/\(id)")
            #expect(api.body?["title"] == "Développeuse Swift")
            #expect(api.body?["baseSalary"]?["value"]?["minValue"] == 45_000)

            let list = try await http.page(.get, location, headers: Self.signedIn(.acmeRecruiter))
            #expect(list.html.contains("data-test=\"recruiter-notice\""))
            #expect(list.html.contains("href=\"/fr/jobs/\(id)\""))
            #expect(list.html.contains("1 offre"))
        }
    }

    @Test("A refused form shows each problem next to its field in the page's language and keeps what was typed")
    func validationMessages() async throws {
        try await withPagesApp { client, http in
            _ = try await Staff(client: client)
            let fields = Self.postingFields([
                "title": "  ", "requisition": "", "salary_min": "50000", "salary_max": "40000",
                "currency": "euro", "valid_through": "2001-01-01",
            ])
            let answer = try await http.page(
                .post, "/de/recruiter/postings/new", form: Self.form(.acmeRecruiter, fields),
                headers: Self.signedIn(.acmeRecruiter))
            #expect(answer.status == .unprocessableContent)
            #expect(answer.missingKeys == [])
            let german = PageSite.compiled.catalogs[.de]
            let shown = RecruiterPostingForm.Field.allCases.filter {
                answer.html.contains("data-test=\"error-\($0.rawValue)\"")
            }
            #expect(shown == [.requisition, .title, .salaryMaximum, .currency, .validThrough])
            for field in shown {
                #expect(
                    answer.html.contains(Self.escaped(german["recruiter.form.error.\(field.rawValue)"])), "\(field)")
                // The message is the field's description: a screen reader reads it with the field.
                #expect(
                    answer.html.contains(" \(field.rawValue)-error\"")
                        || answer.html.contains("aria-describedby=\"\(field.rawValue)-error\""), "\(field)")
                #expect(
                    answer.html.contains("<p class=\"field-error\" id=\"\(field.rawValue)-error\""), "\(field)")
            }
            #expect(answer.html.contains("data-test=\"form-errors\""))
            // The summary at the top links to each field in the form's order.
            let links = answer.html.matches(of: #/<li><a href="#([a-z_]+)">/#).map { String($0.output.1) }
            #expect(links == shown.map(\.rawValue))
            #expect(answer.html.contains("value=\"euro\""))
            #expect(answer.html.contains("value=\"2001-01-01\""))
            #expect(try await JobPostingStore(client: client).list().total == 0)

            // Left empty, the required fields are named; a number that is none too.
            let empty = try await http.page(
                .post, "/fr/recruiter/postings/new",
                form: Self.form(.acmeRecruiter, [("language", "fr"), ("country", "FR"), ("salary_min", "beaucoup")]),
                headers: Self.signedIn(.acmeRecruiter))
            #expect(empty.status == .unprocessableContent)
            let named = RecruiterPostingForm.Field.allCases.filter {
                empty.html.contains("data-test=\"error-\($0.rawValue)\"")
            }
            #expect(named == [.requisition, .title, .description, .salaryMinimum, .currency])
        }
    }

    @Test("The form's fields map the decoder's paths; plain text becomes paragraphs, HTML stays HTML")
    func formParts() {
        #expect(RecruiterPostingForm.field(of: "identifier") == .requisition)
        #expect(RecruiterPostingForm.field(of: "jobLocation.address.addressCountry") == .country)
        #expect(RecruiterPostingForm.field(of: "jobLocation.address.addressLocality") == .city)
        #expect(RecruiterPostingForm.field(of: "employmentType[1]") == .types)
        #expect(RecruiterPostingForm.field(of: "baseSalary.value.minValue") == .salaryMinimum)
        #expect(RecruiterPostingForm.field(of: "baseSalary.value.maxValue") == .salaryMaximum)
        #expect(RecruiterPostingForm.field(of: "baseSalary.currency") == .currency)
        #expect(RecruiterPostingForm.field(of: "titles") == nil)
        #expect(RecruiterPostingForm.field(of: nil) == nil)
        #expect(RecruiterPostingForm.descriptionHTML("a < b & c\n\n\nd") == "<p>a &lt; b &amp; c</p><p>d</p>")
        #expect(RecruiterPostingForm.descriptionHTML("<ul><li>Swift</li></ul>") == "<ul><li>Swift</li></ul>")
        #expect(RecruiterPostingForm.amount("45 000") == .number(45_000))
        #expect(RecruiterPostingForm.amount("45000,50") == .number(45_000.5))
        #expect(RecruiterPostingForm.amount("1,000.5") == .string("1,000.5"))
    }

    @Test("What a recruiter wrote is shown as text: a title holding <script> is escaped everywhere")
    func escaping() async throws {
        try await withPagesApp { client, http in
            _ = try await Staff(client: client)
            let title = "<script>alert(\"x\")</script> Dev & Ops"
            let answer = try await http.page(
                .post, "/en/recruiter/postings/new",
                form: Self.form(.acmeRecruiter, Self.postingFields(["title": title, "city": "<b>Lyon</b>"])),
                headers: Self.signedIn(.acmeRecruiter))
            #expect(answer.status == .seeOther)
            let id = try #require(answer.headers[.location]?.split(separator: "=").last.map(String.init))
            for path in [
                "/en/recruiter/postings", "/en/recruiter/postings/\(id)/edit",
                "/en/recruiter/postings/\(id)/applicants",
            ] {
                let page = try await http.page(.get, path, headers: Self.signedIn(.acmeRecruiter))
                #expect(page.status == .ok, "\(path)")
                #expect(!page.html.contains("<script>alert"), "\(path)")
                #expect(
                    page.html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Dev &amp; Ops"), "\(path)")
            }
            let list = try await http.page(.get, "/en/recruiter/postings", headers: Self.signedIn(.acmeRecruiter))
            #expect(list.html.contains("&lt;b&gt;Lyon&lt;/b&gt;"))
        }
    }

    @Test("A reference already used in that language is refused next to its field (409)")
    func duplicateReference() async throws {
        try await withPagesApp { client, http in
            _ = try await Staff(client: client)
            let first = try await http.page(
                .post, "/fr/recruiter/postings/new", form: Self.form(.acmeRecruiter, Self.postingFields()),
                headers: Self.signedIn(.acmeRecruiter))
            #expect(first.status == .seeOther)
            let second = try await http.page(
                .post, "/fr/recruiter/postings/new", form: Self.form(.acmeRecruiter, Self.postingFields()),
                headers: Self.signedIn(.acmeRecruiter))
            #expect(second.status == .conflict)
            #expect(second.html.contains("data-test=\"error-requisition\""))
            #expect(try await JobPostingStore(client: client).list().total == 1)
        }
    }

    @Test("Editing keeps the posting's id, status and first date; closing takes it out; another company may not")
    func editAndClose() async throws {
        try await withPagesApp { client, http in
            let staff = try await Staff(client: client)
            let posting = try await staff.posting(of: staff.acme, "REQ-1", client: client)
            let form = try await http.page(
                .get, "/fr/recruiter/postings/\(posting.id)/edit", headers: Self.signedIn(.acmeAdmin))
            #expect(form.html.contains("value=\"Développeuse Swift\""))
            #expect(form.html.contains("value=\"REQ-1\""))
            let saved = try await http.page(
                .post, "/fr/recruiter/postings/\(posting.id)/edit",
                form: Self.form(
                    .acmeAdmin, Self.postingFields(["title": "Développeur Swift", "requisition": "REQ-1"])),
                headers: Self.signedIn(.acmeAdmin))
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/fr/recruiter/postings?saved=\(posting.id)")
            let edited = try #require(try await JobPostingStore(client: client).get(id: posting.id))
            #expect(edited.title == "Développeur Swift")
            #expect(edited.datePosted == posting.datePosted)
            #expect(edited.status == .open)

            for role in [Staff.Role.globexRecruiter, .globexAdmin] {
                let other = try await http.page(
                    .get, "/fr/recruiter/postings/\(posting.id)/edit", headers: Self.signedIn(role))
                #expect(other.status == .forbidden, "\(role)")
                let close = try await http.page(
                    .post, "/fr/recruiter/postings/\(posting.id)/close", form: Self.form(role, []),
                    headers: Self.signedIn(role))
                #expect(close.status == .forbidden, "\(role)")
            }
            let closed = try await http.page(
                .post, "/fr/recruiter/postings/\(posting.id)/close", form: Self.form(.acmeRecruiter, []),
                headers: Self.signedIn(.acmeRecruiter))
            #expect(closed.status == .seeOther)
            #expect(try await JobPostingStore(client: client).get(id: posting.id)?.status == .closed)
        }
    }

    @Test("Signed out, a recruiter page sends to sign-in; a member is refused (403); an unknown posting is 404")
    func whoMaySee() async throws {
        try await withPagesApp { client, http in
            _ = try await Staff(client: client)
            let anonymous = try await http.page(.get, "/it/recruiter/postings")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/it/login?next=/it/recruiter/postings")
            let member = try await http.page(.get, "/it/recruiter/postings", headers: Self.signedIn(.member))
            #expect(member.status == .forbidden)
            #expect(member.html.contains("data-status=\"403\""))
            #expect(member.missingKeys == [])
            #expect(!member.html.contains("nav-recruiter-postings"))
            let unknown = try await http.page(
                .get, "/it/recruiter/postings/999999/edit", headers: Self.signedIn(.acmeRecruiter))
            #expect(unknown.status == .notFound)
            let settings = try await http.page(.get, "/it/settings")
            #expect(settings.status == .seeOther)
        }
    }

    @Test("Applicants and their stages: moved one step as the API moves them; a skipped step is refused (409)")
    func applicantsAndStages() async throws {
        try await withPagesApp { client, http in
            let staff = try await Staff(client: client)
            let posting = try await staff.posting(of: staff.acme, "REQ-1", client: client)
            let applied = try await http.send(
                .post, "/api/v1/jobs/\(posting.id)/applications", json: ["message": "<i>Bonjour</i>"],
                token: Staff.Role.member.token)
            #expect(applied.status == .created)
            let application = try #require(applied.body?["id"]?.stringValue)
            let path = "/fr/recruiter/postings/\(posting.id)/applicants"
            let list = try await http.page(.get, path, headers: Self.signedIn(.acmeRecruiter))
            #expect(list.status == .ok)
            #expect(list.html.contains("data-stage=\"applied\""))
            #expect(list.html.contains("Candidature reçue"))
            #expect(list.html.contains("&lt;i&gt;Bonjour&lt;/i&gt;"))
            #expect(list.html.contains("<option value=\"screening\">"))
            #expect(list.html.contains("<option value=\"rejected\">"))
            #expect(!list.html.contains("<option value=\"hired\">"))
            #expect(!list.html.contains("<option value=\"withdrawn\">"))

            let stage = "/fr/recruiter/applications/\(application)/stage"
            let moved = try await http.page(
                .post, stage, form: Self.form(.acmeRecruiter, [("stage", "screening")]),
                headers: Self.signedIn(.acmeRecruiter))
            #expect(moved.status == .seeOther)
            #expect(moved.headers[.location] == path)
            #expect(try await ApplicationStore(client: client).get(id: Int64(application)!)?.stage == .screening)
            let skipped = try await http.page(
                .post, stage, form: Self.form(.acmeRecruiter, [("stage", "hired")]),
                headers: Self.signedIn(.acmeRecruiter))
            #expect(skipped.status == .conflict)
            let other = try await http.page(
                .post, stage, form: Self.form(.globexRecruiter, [("stage", "interview")]),
                headers: Self.signedIn(.globexRecruiter))
            #expect(other.status == .notFound)
            let after = try await http.page(.get, path, headers: Self.signedIn(.acmeRecruiter))
            #expect(after.html.contains("data-stage=\"screening\""))
            #expect(try await ApplicationStore(client: client).get(id: Int64(application)!)?.stage == .screening)
        }
    }

    @Test("Settings: privacy saved as ticked, the export downloaded, the account erased only once confirmed")
    func settings() async throws {
        try await withPagesApp { client, http in
            _ = try await Staff(client: client)
            let page = try await http.page(.get, "/pt/settings", headers: Self.signedIn(.member))
            #expect(page.html.contains("value=\"public\" checked"))
            let saved = try await http.page(
                .post, "/pt/settings",
                form: Self.form(.member, [("open_to_work", "1"), ("profile_visibility", "network")]),
                headers: Self.signedIn(.member))
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/pt/settings?saved=1")
            let settings = try await http.send(.get, "/api/v1/members/me/profile", token: Staff.Role.member.token)
            #expect(settings.status == .ok)
            let member = try #require(try await MemberStore(client: client).get(externalID: "member"))
            #expect(member.openToWork)
            #expect(member.profileVisibility == .network)
            #expect(!member.hideConnections)
            let shown = try await http.page(.get, "/pt/settings?saved=1", headers: Self.signedIn(.member))
            #expect(shown.html.contains("value=\"network\" checked"))
            #expect(shown.html.contains("data-test=\"settings-saved\""))
            let bad = try await http.page(
                .post, "/pt/settings", form: Self.form(.member, [("profile_visibility", "everyone")]),
                headers: Self.signedIn(.member))
            #expect(bad.status == .badRequest)

            let export = try await http.execute(
                uri: "/pt/settings/export", method: .get, headers: Self.signedIn(.member)
            ) { response in
                (response.headers, try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body)))
            }
            #expect(export.0[.contentDisposition] == "attachment; filename=\"passerelle-export.json\"")
            #expect(export.1["account"]?["email"] == "member@example.org")

            let unconfirmed = try await http.page(
                .post, "/pt/settings/delete", form: Self.form(.member, []), headers: Self.signedIn(.member))
            #expect(unconfirmed.status == .unprocessableContent)
            #expect(unconfirmed.html.contains("data-test=\"delete-error\""))
            #expect(try await MemberStore(client: client).get(externalID: "member") != nil)
            let deleted = try await http.page(
                .post, "/pt/settings/delete", form: Self.form(.member, [("confirm", "yes")]),
                headers: Self.signedIn(.member))
            #expect(deleted.status == .seeOther)
            #expect(deleted.headers[.location] == "/pt/settings/deleted")
            #expect(deleted.cookies["passerelle_session"] == "")
            #expect(try await MemberStore(client: client).get(externalID: "member") == nil)
            let after = try await http.send(.get, "/api/v1/members/me/export", token: Staff.Role.member.token)
            #expect(after.status == .unauthorized)
        }
    }

    @Test("My postings are listed newest first, page after page, whatever the page size")
    func newestFirst() async throws {
        try await withPagesApp { client, _ in
            let staff = try await Staff(client: client)
            var ids: [Int64] = []
            for number in 0..<25 {
                ids.append(try await staff.posting(of: staff.acme, "A-\(number)", client: client).id)
                if number % 10 == 0 { _ = try await staff.posting(of: staff.globex, "G-\(number)", client: client) }
            }
            let store = JobPostingStore(client: client)
            let newest = Array(ids.reversed())
            for size in [1, 7, 20, 25, 100] {
                var seen: [Int64] = []
                for number in 1...(25 / size + 2) {
                    let paged = try await RecruiterPages.newestFirst(
                        store, companyID: staff.acme.id, page: try Page(page: number, perPage: size))
                    #expect(paged.total == 25)
                    #expect(paged.items.count == max(0, min(size, 25 - (number - 1) * size)), "\(size) \(number)")
                    seen += paged.items.map(\.id)
                }
                #expect(seen == newest, "pages of \(size)")
            }
        }
    }

    @Test("/favicon.ico is an SVG, so that a browser's console shows no 404 for it")
    func favicon() async throws {
        try await withPagesApp { _, http in
            let answer = try await http.page(.get, "/favicon.ico")
            #expect(answer.status == .ok)
            #expect(answer.headers[.contentType] == "image/svg+xml")
            #expect(answer.html == SiteIcon.svg)
            #expect(answer.html.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        }
    }
}
