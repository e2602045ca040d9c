import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PasserelleCore
import PasserelleStore
import PasserelleTestSupport
import Testing

@testable import PasserelleWeb

/// The public and member pages over a real database, real shards and the graph.
@Suite("Pages: public and member pages")
struct PagesMemberTests {
    @Test("Every public and member page renders in each of the seven languages with no missing key")
    func everyPageEveryLanguage() async throws {
        try await PagesWorld.with { world, http in
            let signedOut = [
                "", "jobs", "jobs?q=swift", "jobs?q=swift&where=Toulouse&radius=30&sort=distance",
                "jobs/\(world.swift.id)", "jobs/\(world.hostile.id)", "login", "signup", "members/lea",
            ]
            let signedIn = [
                "", "jobs?q=swift", "jobs/\(world.swift.id)", "me", "members/farid", "me/cv", "network",
                "me/applications", "me/referrals",
            ]
            for language in Language.allCases {
                for (paths, token) in [(signedOut, nil), (signedIn, PagesWorld.leaToken)] {
                    for path in paths {
                        let uri = path.isEmpty ? "/\(language)" : "/\(language)/\(path)"
                        let answer = try await http.page(uri, as: token)
                        #expect(answer.status == .ok, "\(uri)")
                        #expect(answer.missingKeys.isEmpty, "\(uri): \(answer.missingKeys)")
                        #expect(answer.html.contains("<html lang=\"\(language)\">"), "\(uri)")
                        #expect(answer.html.contains("<main id=\"main\""), "\(uri)")
                        #expect(answer.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                    }
                }
            }
        }
    }

    @Test("A posting titled with <script> shows it as text in search, on its page and in its JSON-LD")
    func hostileTitleIsText() async throws {
        try await PagesWorld.with { world, http in
            let escaped = "Ingénieure &lt;script&gt;alert(1)&lt;/script&gt; Swift"
            let search = try await http.page("/fr/jobs?q=ing%C3%A9nieure", as: nil)
            #expect(search.html.contains(escaped))
            #expect(!search.html.contains("<script>alert(1)"))
            let job = try await http.page("/fr/jobs/\(world.hostile.id)", as: nil)
            #expect(job.html.contains("<h1 id=\"job-title\" lang=\"fr\" data-test=\"job-title\">\(escaped)</h1>"))
            #expect(job.html.contains("<title>\(escaped) · Passerelle</title>"))
            #expect(!job.html.contains("<script>alert(1)"))
            // The JSON-LD holds the title with < and > escaped for a script element, and parses back to it.
            let ld = try #require(
                job.html.firstMatch(of: /<script type="application\/ld\+json" id="job-posting-ld">(.*?)<\/script>/))
            let object = try JSONDecoder().decode(JSONValue.self, from: Data(String(ld.output.1).utf8))
            #expect(object["@type"]?.stringValue == "JobPosting")
            #expect(object["title"]?.stringValue == PagesWorld.hostileTitle)
            #expect(object["hiringOrganization"]?["name"]?.stringValue == "Acme")
            #expect(ld.output.1.contains(#"\u003cscript\u003e"#))
        }
    }

    @Test("A CV's HTML is shown as text on the profile; contact details only to the member and connections")
    func cvHTMLIsText() async throws {
        try await PagesWorld.with { _, http in
            let escaped = "&lt;b&gt;Gras&lt;/b&gt; &lt;img src=x onerror=alert(2)&gt; &amp; &quot;guillemets&quot;"
            for token in [PagesWorld.faridToken, nil] {
                let profile = try await http.page("/fr/members/lea", as: token)
                #expect(profile.status == .ok)
                #expect(profile.html.contains("data-test=\"profile-summary\">\(escaped)</p>"))
                #expect(!profile.html.contains("<img src=x"))
                #expect(profile.html.contains("lea@example.org") == (token != nil))
            }
            let own = try await http.page("/fr/me", as: PagesWorld.leaToken)
            #expect(own.html.contains("data-test=\"edit-cv\""))
            #expect(own.html.contains("depuis septembre 2019"))
            let hidden = try await http.page("/de/members/nobody", as: nil)
            #expect(hidden.status == .notFound)
            #expect(hidden.html.contains("Seite nicht gefunden"))
        }
    }

    @Test("A profile for the network only: sign in first, then connections only; a hidden one: its member only")
    func profilePrivacy() async throws {
        try await PagesWorld.with { world, http in
            var greta = world.greta
            greta.profileVisibility = .network
            _ = try await MemberStore(client: world.client).update(greta)
            let anonymous = try await http.page("/fr/members/greta", as: nil)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/fr/login?next=/fr/members/greta")
            let stranger = try await http.page("/fr/members/greta", as: PagesWorld.leaToken)
            #expect(stranger.status == .forbidden)
            #expect(!stranger.html.contains("Greta Schulz"))
            #expect(try await http.page("/fr/members/greta", as: PagesWorld.faridToken).status == .ok)
            var lea = world.lea
            lea.profileVisibility = .hidden
            _ = try await MemberStore(client: world.client).update(lea)
            #expect(try await http.page("/fr/members/lea", as: PagesWorld.faridToken).status == .notFound)
            let own = try await http.page("/fr/me", as: PagesWorld.leaToken)
            #expect(own.status == .ok)
            #expect(own.html.contains("data-test=\"profile-name\">Léa Martin</h1>"))
        }
    }

    @Test("Search: facets with counts as links, near Toulouse within 30 km, sort, network badge, pagination")
    func search() async throws {
        try await PagesWorld.with { world, http in
            let all = try await http.page("/fr/jobs?q=swift", as: nil)
            #expect(all.html.contains("data-test=\"result-count\">3 offres</h2>"))
            let facet = try #require(
                all.html.firstMatch(
                    of:
                        /<a href="([^"]*)" data-test="facet-city" data-value="Paris">Paris<\/a> <span class="count">\(1\)<\/span>/
                ))
            let paris = try await http.page(
                String(facet.output.1).replacingOccurrences(of: "&amp;", with: "&"), as: nil)
            #expect(paris.html.contains("data-test=\"result-count\">1 offre</h2>"))
            #expect(paris.html.contains("/fr/jobs/\(world.paris.id)"))
            #expect(paris.html.contains("data-value=\"Paris\" aria-current=\"true\">✓ Paris</a>"))

            let near = try await http.page("/fr/jobs?q=swift&where=toulouse&radius=30&sort=distance", as: nil)
            #expect(near.html.contains("data-test=\"result-count\">2 offres</h2>"))
            #expect(!near.html.contains("/fr/jobs/\(world.paris.id)\""))
            #expect(near.html.contains("<option value=\"distance\" selected>Distance</option>"))
            let unknown = try await http.page("/fr/jobs?q=swift&where=Atlantide", as: nil)
            #expect(unknown.html.contains("data-test=\"search-notice\""))
            #expect(unknown.html.contains("data-test=\"result-count\">3 offres</h2>"))

            let misspelt = try await http.page("/fr/jobs?q=developeur+swift", as: nil)
            #expect(
                misspelt.html.contains(
                    "<a href=\"/fr/jobs?country=FR&amp;q=d%C3%A9veloppeur%20swift\" data-test=\"did-you-mean-link\">développeur swift</a>"
                ))
            let german = try await http.page("/de/jobs?q=swift&country=DE", as: nil)
            #expect(german.html.contains("data-test=\"result-count\">1 Stelle</h2>"))
            #expect(german.cookies["passerelle_country"] == "DE")

            let signedIn = try await http.page("/en/jobs?q=swift&country=FR", as: PagesWorld.leaToken)
            #expect(signedIn.html.contains("data-test=\"network-badge\">1 person you know works here</span>"))
            let paged = try await http.page("/en/jobs?q=swift&country=FR&page=2", as: nil)
            #expect(paged.html.contains("data-test=\"no-results\""))
            #expect(paged.html.contains("data-test=\"page-previous\""))
            let bad = try await http.page("/en/jobs?q=swift&salary=lots", as: nil)
            #expect(bad.status == .badRequest)
            #expect(bad.html.contains("data-status=\"400\""))
        }
    }

    @Test("Job page: salary and dates for the locale; asking a connection for a referral, then it is answered")
    func referralFlow() async throws {
        try await PagesWorld.with { world, http in
            let job = "/fr/jobs/\(world.swift.id)"
            let anonymous = try await http.page(job, as: nil)
            #expect(anonymous.html.contains("data-test=\"apply-sign-in\""))
            #expect(anonymous.html.contains("45\u{202F}000\u{A0}€ – 55\u{202F}000\u{A0}€ par an"))
            let german = try await http.page("/de/jobs/\(world.swift.id)", as: nil)
            #expect(german.html.contains("45.000\u{A0}€ – 55.000\u{A0}€ pro Jahr"))
            let chinese = try await http.page("/zh/jobs/\(world.swift.id)", as: nil)
            #expect(chinese.html.contains("€45,000–€55,000/年"))

            let page = try await http.page(job, as: PagesWorld.leaToken)
            #expect(page.html.contains("1 personne que vous connaissez y travaille"))
            #expect(page.html.contains("<option value=\"farid\">Farid Benali</option>"))
            #expect(page.html.contains("Greta Schulz</a> <span class=\"muted\">par Farid Benali</span>"))
            let asked = try await http.submit(
                "\(job)/referral", form: [("referrer_id", "farid"), ("message", "Merci !")], from: job,
                as: PagesWorld.leaToken)
            #expect(asked.status == .seeOther)
            #expect(asked.headers[.location] == "\(job)?done=referralAsked")
            let again = try await http.submit(
                "\(job)/referral", form: [("referrer_id", "farid")], from: job, as: PagesWorld.leaToken)
            #expect(again.headers[.location] == "\(job)?done=referralAlready")
            let notConnected = try await http.submit(
                "\(job)/referral", form: [("referrer_id", "greta")], from: job, as: PagesWorld.leaToken)
            #expect(notConnected.headers[.location] == "\(job)?done=referralRefused")

            let inbox = try await http.page("/fr/me/referrals", as: PagesWorld.faridToken)
            #expect(inbox.html.contains("data-test=\"referral-request\" data-status=\"pending\""))
            #expect(inbox.html.contains("Merci !"))
            let accept = try #require(
                inbox.html.firstMatch(of: /<form method="post" action="(\/fr\/me\/referrals\/requests\/\d+\/accept)">/))
            let accepted = try await http.submit(
                String(accept.output.1), form: [("note", "Excellente")], from: "/fr/me/referrals",
                as: PagesWorld.faridToken)
            #expect(accepted.headers[.location] == "/fr/me/referrals?done=referred")
            let received = try await http.page("/fr/me/referrals", as: PagesWorld.leaToken)
            #expect(received.html.contains("data-test=\"referral-received\""))
            #expect(received.html.contains("pas encore de candidature"))

            // Applying with the referral attached; the application's stage on "my applications".
            let withReferral = try await http.page(job, as: PagesWorld.leaToken)
            let referral = try #require(
                withReferral.html.firstMatch(of: /<option value="(\d+)">Recommandé par Farid Benali<\/option>/))
            let applied = try await http.submit(
                "\(job)/apply", form: [("referral_id", String(referral.output.1)), ("message", "Bonjour")], from: job,
                as: PagesWorld.leaToken)
            #expect(applied.headers[.location] == "\(job)?done=applied")
            let twice = try await http.submit("\(job)/apply", form: [], from: job, as: PagesWorld.leaToken)
            #expect(twice.headers[.location] == "\(job)?done=alreadyApplied")
            let mine = try await http.page("/fr/me/applications", as: PagesWorld.leaToken)
            #expect(mine.html.contains("data-test=\"application-stage\">Envoyée</span>"))
            #expect(mine.html.contains("Recommandé par Farid Benali"))
            let given = try await http.page("/en/me/referrals", as: PagesWorld.faridToken)
            #expect(given.html.contains("application: Applied"))
        }
    }

    @Test("A closed posting takes no application and no referral request; an application withdrawn shows so")
    func closedAndWithdrawn() async throws {
        try await PagesWorld.with { world, http in
            let job = "/fr/jobs/\(world.swift.id)"
            let applied = try await http.submit("\(job)/apply", form: [], from: job, as: PagesWorld.leaToken)
            #expect(applied.headers[.location] == "\(job)?done=applied")
            let mine = try await http.page("/fr/me/applications", as: PagesWorld.leaToken)
            let withdraw = try #require(
                mine.html.firstMatch(of: /<form method="post" action="(\/fr\/me\/applications\/\d+\/withdraw)"/))
            let withdrawn = try await http.submit(
                String(withdraw.output.1), form: [], from: "/fr/me/applications", as: PagesWorld.leaToken)
            #expect(withdrawn.headers[.location] == "/fr/me/applications?done=withdrawn")
            let after = try await http.page("/fr/me/applications?done=withdrawn", as: PagesWorld.leaToken)
            #expect(after.html.contains("data-test=\"application-stage\">Retirée</span>"))
            #expect(!after.html.contains("data-test=\"application-withdraw\""))

            _ = try await JobPostingStore(client: world.client).close(id: world.hostile.id)
            let closedJob = "/fr/jobs/\(world.hostile.id)"
            let closed = try await http.page(closedJob, as: PagesWorld.leaToken)
            #expect(closed.html.contains("data-test=\"job-closed\""))
            #expect(!closed.html.contains("id=\"apply-form\""))
            #expect(!closed.html.contains("id=\"referral-form\""))
            let refused = try await http.submit(
                "\(closedJob)/apply", form: [], from: "/fr/jobs/\(world.swift.id)", as: PagesWorld.leaToken)
            #expect(refused.headers[.location] == "\(closedJob)?done=applyRefused")
            let notAsked = try await http.submit(
                "\(closedJob)/referral", form: [("referrer_id", "farid")], from: "/fr/jobs/\(world.swift.id)",
                as: PagesWorld.leaToken)
            #expect(notAsked.headers[.location] == "\(closedJob)?done=referralRefused")
        }
    }

    @Test("Forms: sign-up and CV errors next to their fields; sign in, sign out; a POST without its token is 403")
    func forms() async throws {
        try await PagesWorld.with { world, http in
            let bad = try await http.submit(
                "/fr/signup",
                form: [
                    ("name", " "), ("email", "not-an-email"), ("password", "short"), ("country", "FR"),
                    ("language", "fr"),
                ], from: "/fr/signup", as: nil)
            #expect(bad.status == .unprocessableContent)
            #expect(
                bad.html.contains("id=\"email-error\" data-test=\"error-email\">Saisissez une adresse e-mail valide"))
            #expect(bad.html.contains("id=\"password-error\" data-test=\"error-password\">De 8 à 72 caractères."))
            #expect(bad.html.contains("id=\"name-error\" data-test=\"error-name\">Ce champ est obligatoire."))
            #expect(
                bad.html.contains(
                    "value=\"not-an-email\" autocomplete=\"email\" required data-test=\"signup-email\" aria-invalid=\"true\""
                ))

            let signedUp = try await http.submit(
                "/en/signup",
                form: [
                    ("name", "Nora <b>New</b>"), ("email", "nora@example.org"), ("password", "a long password"),
                    ("country", "GB"), ("language", "en"),
                ], from: "/en/signup", as: nil)
            #expect(signedUp.status == .seeOther)
            #expect(signedUp.headers[.location] == "/en/me/cv?welcome=1")
            let nora = try #require(signedUp.cookies["passerelle_session"])
            let cv = try await http.page("/en/me/cv", as: nora)
            #expect(cv.html.contains("value=\"Nora &lt;b&gt;New&lt;/b&gt;\""))

            let badDate = try await http.submit(
                "/en/me/cv",
                form: [
                    ("name", "Nora"), ("email", "nora@example.org"), ("country", "GB"), ("work-0-ref", "new"),
                    ("work-0-name", "Acme"), ("work-0-position", "Tester"), ("work-0-start", "2024-13"),
                    ("work-0-end", ""), ("work-0-summary", ""),
                ], from: "/en/me/cv", as: nora)
            #expect(badDate.status == .unprocessableContent)
            #expect(
                badDate.html.contains(
                    "id=\"work-0-start-error\" data-test=\"error-work-start\">This value is not valid."))
            let saved = try await http.submit(
                "/en/me/cv",
                form: [
                    ("name", "Nora"), ("email", "nora@example.org"), ("country", "GB"),
                    ("summary", "<script>x</script>"), ("work-0-ref", "new"), ("work-0-name", "Acme"),
                    ("work-0-position", "Tester"), ("work-0-start", "2024-03"), ("work-0-end", ""),
                    ("work-0-summary", ""), ("skills", "Swift, SQL"),
                ], from: "/en/me/cv", as: nora)
            #expect(saved.headers[.location] == "/en/me/cv?done=saved")
            let profile = try await http.page("/en/me", as: nora)
            #expect(profile.html.contains("&lt;script&gt;x&lt;/script&gt;"))
            #expect(profile.html.contains("since March 2024"))
            #expect(profile.html.contains("<li>SQL</li>"))
            let imported = try await http.submit(
                "/en/me/cv",
                form: [("resume_json", #"{"basics": {"name": "Nora Imported"}, "skills": [{"name": "Go"}]}"#)],
                from: "/en/me/cv", as: nora)
            #expect(imported.headers[.location] == "/en/me/cv?done=saved")
            #expect(try await http.page("/en/me", as: nora).html.contains("Nora Imported"))
            let notJSON = try await http.submit(
                "/en/me/cv", form: [("resume_json", "{nope")], from: "/en/me/cv", as: nora)
            #expect(notJSON.html.contains("data-test=\"error-resume_json\">This is not a JSON object."))

            let wrong = try await http.submit(
                "/fr/login", form: [("email", "lea@example.org"), ("password", "wrong password")], from: "/fr/login",
                as: nil)
            #expect(wrong.status == .unauthorized)
            #expect(wrong.html.contains("L&#39;adresse e-mail ou le mot de passe est incorrect."))
            let login = try await http.submit(
                "/fr/login",
                form: [("email", "lea@example.org"), ("password", PagesWorld.password), ("next", "/fr/network")],
                from: "/fr/login", as: nil)
            #expect(login.headers[.location] == "/fr/network")
            let session = try #require(login.cookies["passerelle_session"])
            let evil = try await http.submit(
                "/fr/login",
                form: [("email", "lea@example.org"), ("password", PagesWorld.password), ("next", "//evil.example")],
                from: "/fr/login", as: nil)
            #expect(evil.headers[.location] == "/fr")
            let logout = try await http.submit("/fr/logout", form: [], from: "/fr", as: session)
            #expect(logout.headers[.location] == "/fr")
            #expect(logout.cookies["passerelle_session"] == "")
            #expect(try await http.page("/fr/network", as: session).headers[.location] == "/fr/login?next=/fr/network")

            let forged = try await http.page(
                .post, "/fr/jobs/\(world.swift.id)/apply", form: [("_csrf", "forged")],
                cookies: ["passerelle_session": PagesWorld.leaToken])
            let huge = try await http.page(
                .post, "/fr/login", form: [("_csrf", "x"), ("email", String(repeating: "a", count: 1_100_000))])
            #expect(huge.status == .contentTooLarge)
            #expect(huge.html.contains("Envoi trop volumineux"))
            #expect(forged.status == .forbidden)
            #expect(forged.html.contains("data-status=\"403\""))
        }
    }

    @Test("Home: jobs you may be interested in (MatchingController) for a member with a CV; a nudge without one")
    func recommended() async throws {
        try await PagesWorld.with { world, http in
            let home = try await http.page("/fr", as: PagesWorld.leaToken)
            let block = try #require(
                home.html.firstMatch(of: /<section aria-labelledby="recommended-heading"(?s:.*?)<\/section>/))
            #expect(block.output.contains("href=\"/fr/jobs/\(world.swift.id)\""))
            #expect(block.output.contains("Vos compétences : Swift"))
            #expect(block.output.contains("1 personne que vous connaissez y travaille"))
            let withoutCV = try await http.page("/fr", as: PagesWorld.faridToken)
            #expect(withoutCV.html.contains("Complétez votre CV pour recevoir des suggestions."))
            let anonymous = try await http.page("/fr", as: nil)
            #expect(!anonymous.html.contains("recommended-heading"))
            #expect(anonymous.html.contains("href=\"/fr/jobs/\(world.swift.id)\""))
        }
    }

    @Test("My network: invitations answered, people I may know through colleagues, connecting from a profile")
    func network() async throws {
        try await PagesWorld.with { world, http in
            let page = try await http.page("/fr/network", as: PagesWorld.faridToken)
            #expect(page.html.contains("2 relations"))
            // Léa works nowhere: no colleagues to suggest; Farid's colleague Greta is already his connection.
            let lea = try await http.page("/fr/network", as: PagesWorld.leaToken)
            #expect(lea.html.contains("Aucune suggestion pour le moment."))
            let profile = try await http.page("/fr/members/greta", as: PagesWorld.leaToken)
            #expect(profile.html.contains("data-test=\"connect-button\""))
            let invited = try await http.submit(
                "/fr/network/invite", form: [("member_id", "greta"), ("back", "profile")], from: "/fr/members/greta",
                as: PagesWorld.leaToken)
            #expect(invited.headers[.location] == "/fr/members/greta?done=invited")
            let again = try await http.submit(
                "/fr/network/invite", form: [("member_id", "greta")], from: "/fr/network", as: PagesWorld.leaToken)
            #expect(again.headers[.location] == "/fr/network?done=alreadyInvited")
            #expect(try await http.page("/fr/network", as: PagesWorld.leaToken).html.contains("Greta Schulz"))

            // Greta accepts: each now counts the other among its connections.
            let inbox = try await http.page("/en/network", as: PagesWorld.gretaToken)
            #expect(inbox.html.contains("data-test=\"invitation\""))
            let accept = try #require(
                inbox.html.firstMatch(of: /<form method="post" action="(\/en\/network\/invitations\/\d+\/accept)"/))
            let accepted = try await http.submit(
                String(accept.output.1), form: [], from: "/en/network", as: PagesWorld.gretaToken)
            #expect(accepted.headers[.location] == "/en/network?done=accepted")
            let after = try await http.page("/en/network?done=accepted", as: PagesWorld.gretaToken)
            #expect(after.html.contains("You are now connected."))
            #expect(after.html.contains("2 connections"))
            #expect(after.html.contains("No invitation waiting."))

            // Farid's colleague Hugo, whom he does not know, is suggested with a button to connect.
            let farid = try await http.page("/en/network", as: PagesWorld.faridToken)
            let suggestions = try #require(
                farid.html.firstMatch(of: /<section aria-labelledby="suggestions-heading"(?s:.*?)<\/section>/))
            #expect(suggestions.output.contains("Hugo Lefèvre"))
            #expect(suggestions.output.contains("<input type=\"hidden\" name=\"member_id\" value=\"hugo\">"))
            #expect(!suggestions.output.contains("Greta Schulz"))
            _ = world
        }
    }
}
