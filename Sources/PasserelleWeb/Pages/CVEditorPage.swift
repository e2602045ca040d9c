import Foundation
import Hummingbird
import PasserelleCore
import PasserelleStore

/// `/{lang}/me/cv`: the member's CV as a form, or a JSON Resume file to import.
/// Either way the CV is saved by ``MembersController/replaceProfile(_:context:)``
/// (the API's `PUT /api/v1/members/me/profile`): the form edits the stored JSON
/// Resume document (what it does not show, such as highlights, is kept), and the
/// API's problems come back next to the fields they name.
enum CVEditorPage {
    static let basicsFields = ["name", "label", "email", "phone", "city", "country", "summary"]
    static let workFields = ["name", "position", "start", "end", "summary"]
    static let educationFields = ["institution", "area", "start", "end"]

    static func edit(_ page: PageRequest) async throws -> Response {
        let viewer = try page.context.requireMember()
        let document = try await currentDocument(viewer, page: page)
        var model = formModel(from: document, errors: FormErrors(), page: page)
        if page.query("done") == "saved" { model["outcome"] = page.t("cv.saved") }
        if page.query("welcome") == "1" { model["outcome"] = page.t("cv.welcome") }
        return page.render("cv-editor", title: page.t("cv.title"), model)
    }

    static func save(_ page: PageRequest) async throws -> Response {
        let viewer = try page.context.requireMember()
        let form = page.form ?? PageForm(fields: [])
        let imported = form.text("resume_json")
        let document: [String: JSONValue]
        if let imported {
            guard case .object(let object)? = try? JSONDecoder().decode(JSONValue.self, from: Data(imported.utf8))
            else {
                var errors = FormErrors()
                errors.add("resume_json", page.t("cv.import.notJSON"))
                return rerender(
                    page, document: try await currentDocument(viewer, page: page), errors: errors, importText: imported)
            }
            document = object
        } else {
            document = edited(try await currentDocument(viewer, page: page), with: form)
        }
        let bytes = Array(try JSONEncoder().encode(JSONValue.object(document)))
        let refusal = try await PageRequest.refusal {
            _ = try await MembersController(database: page.services.database).replaceProfile(
                try page.apiRequest(.put, bytes: bytes), context: page.context)
        }
        if let error = refusal {
            var errors = FormErrors()
            for problem in error.message.components(separatedBy: "; ") {
                let field = problem.prefix { $0 != ":" }
                errors.add(imported != nil ? "resume_json" : formField(String(field)), page.t("form.invalid"))
            }
            errors.general = page.t("cv.notSaved")
            return rerender(
                page, document: document, errors: errors, importText: imported ?? "",
                detail: error.message)
        }
        return page.redirect("me/cv?done=saved")
    }

    static func rerender(
        _ page: PageRequest, document: [String: JSONValue], errors: FormErrors, importText: String,
        detail: String = ""
    ) -> Response {
        var model = formModel(from: document, errors: errors, page: page)
        model["import"] = errors.field("resume_json", value: importText)
        model["detail"] = detail
        return page.render("cv-editor", title: page.t("cv.title"), model, status: .unprocessableContent)
    }

    /// The stored CV as its member exports it (``ShownResume/document(member:profile:)``).
    static func currentDocument(_ viewer: Viewer, page: PageRequest) async throws -> [String: JSONValue] {
        let member = try await MemberDirectory(database: page.services.database).member(of: viewer)
        let profile = try await ProfileStore(client: page.services.database).get(memberID: viewer.memberID)
        return ShownResume.document(member: member, profile: profile)
    }

    /// The form field an API problem's path names (`basics.email` → `email`, `work[1].startDate` → `work-1-start`).
    static func formField(_ path: String) -> String {
        let names = [
            "basics.name": "name", "basics.label": "label", "basics.email": "email", "basics.phone": "phone",
            "basics.summary": "summary", "basics.location.city": "city", "basics.location.countryCode": "country",
            "meta.country": "country",
        ]
        if let name = names[path] { return name }
        if let match = path.wholeMatch(of: /(work|education)\[(\d+)\]\.(\w+)/) {
            let field =
                switch match.output.3 {
                case "startDate": "start"
                case "endDate": "end"
                case "company": "name"
                default: String(match.output.3)
                }
            return "\(match.output.1)-\(match.output.2)-\(field)"
        }
        if path.hasPrefix("skills") { return "skills" }
        if path.hasPrefix("languages") { return "languages" }
        return "general"
    }

    /// `document` with the form's values: basics, work and education rows (each
    /// row keeps the fields of the entry it edits), skills and languages.
    static func edited(_ document: [String: JSONValue], with form: PageForm) -> [String: JSONValue] {
        var document = document
        var basics = document["basics"]?.objectValue ?? [:]
        func set(_ object: inout [String: JSONValue], _ key: String, _ value: String?) {
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            object[key] = trimmed.isEmpty ? nil : .string(trimmed)
        }
        set(&basics, "name", form["name"])
        set(&basics, "label", form["label"])
        set(&basics, "email", form["email"])
        set(&basics, "phone", form["phone"])
        set(&basics, "summary", form["summary"])
        var location = basics["location"]?.objectValue ?? [:]
        set(&location, "city", form["city"])
        set(&location, "countryCode", form["country"])
        basics["location"] = .object(location)
        document["basics"] = .object(basics)
        if let country = form.text("country"), case .object(var meta)? = document["meta"] {
            meta["country"] = .string(country)
            document["meta"] = .object(meta)
        }
        document["work"] = .array(
            rows(form, prefix: "work", fields: workFields, existing: document["work"]) { entry, values in
                set(&entry, "name", values["name"])
                entry["company"] = nil
                set(&entry, "position", values["position"])
                set(&entry, "startDate", values["start"])
                set(&entry, "endDate", values["end"])
                set(&entry, "summary", values["summary"])
            })
        document["education"] = .array(
            rows(form, prefix: "education", fields: educationFields, existing: document["education"]) {
                entry, values in
                set(&entry, "institution", values["institution"])
                set(&entry, "area", values["area"])
                set(&entry, "startDate", values["start"])
                set(&entry, "endDate", values["end"])
            })
        let oldSkills = ProfilePage.list(document["skills"])
        document["skills"] = .array(
            split(form["skills"]).map { name in
                oldSkills.first { $0["name"]?.stringValue == name } ?? .object(["name": .string(name)])
            })
        let oldLanguages = ProfilePage.list(document["languages"])
        document["languages"] = .array(
            split(form["languages"]).map { name in
                oldLanguages.first { $0["language"]?.stringValue == name } ?? .object(["language": .string(name)])
            })
        return document
    }

    /// The rows `prefix-<i>-<field>` of the form, each applied to the entry
    /// `prefix-<i>-ref` names (or a new one); rows left blank are dropped.
    static func rows(
        _ form: PageForm, prefix: String, fields: [String], existing: JSONValue?,
        apply: (inout [String: JSONValue], [String: String]) -> Void
    ) -> [JSONValue] {
        let old = ProfilePage.list(existing)
        var result: [JSONValue] = []
        var index = 0
        while form["\(prefix)-\(index)-ref"] != nil {
            var values: [String: String] = [:]
            for field in fields { values[field] = form["\(prefix)-\(index)-\(field)"] ?? "" }
            defer { index += 1 }
            if values.values.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var entry =
                Int(form["\(prefix)-\(index)-ref"] ?? "").flatMap { old.indices.contains($0) ? old[$0] : nil }?
                .objectValue ?? [:]
            apply(&entry, values)
            result.append(.object(entry))
        }
        return result
    }

    static func split(_ text: String?) -> [String] {
        var seen: Set<String> = []
        return (text ?? "").split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == "，" || $0 == "、" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The form's model from `document` (after a failed save: what was sent).
    static func formModel(from document: [String: JSONValue], errors: FormErrors, page: PageRequest) -> [String: Any] {
        let basics = document["basics"] ?? .object([:])
        let country =
            basics["location"]?["countryCode"]?.stringValue ?? document["meta"]?["country"]?.stringValue ?? ""
        var fields: [String: Any] = [:]
        for (name, value) in [
            ("name", basics["name"]), ("label", basics["label"]), ("email", basics["email"]),
            ("phone", basics["phone"]), ("summary", basics["summary"]), ("city", basics["location"]?["city"]),
        ] {
            fields[name] = errors.field(name, value: value?.stringValue ?? "")
        }
        fields["country"] = errors.field("country", value: country)
        let countries = Country.jobSpaces.map {
            ["code": $0.code, "name": page.format.countryName($0), "selected": $0.code == country] as [String: Any]
        }
        func rowModels(_ key: String, _ names: [String], _ read: (JSONValue) -> [String: String]) -> [[String: Any]] {
            let entries = ProfilePage.list(document[key])
            return (entries.map(Optional.some) + [nil]).enumerated().map { index, entry in
                let values = entry.map(read) ?? [:]
                var row: [String: Any] = [
                    "index": String(index), "ref": entry == nil ? "new" : String(index),
                    "number": page.messages.format("cv.entry", ["number": page.format.number(index + 1)]),
                ]
                for name in names {
                    row[name] = errors.field("\(key)-\(index)-\(name)", value: values[name] ?? "")
                }
                return row
            }
        }
        let work = rowModels("work", workFields) { entry in
            [
                "name": entry["name"]?.stringValue ?? entry["company"]?.stringValue ?? "",
                "position": entry["position"]?.stringValue ?? "", "start": entry["startDate"]?.stringValue ?? "",
                "end": entry["endDate"]?.stringValue ?? "", "summary": entry["summary"]?.stringValue ?? "",
            ]
        }
        let education = rowModels("education", educationFields) { entry in
            [
                "institution": entry["institution"]?.stringValue ?? "", "area": entry["area"]?.stringValue ?? "",
                "start": entry["startDate"]?.stringValue ?? "", "end": entry["endDate"]?.stringValue ?? "",
            ]
        }
        let skills = ProfilePage.list(document["skills"]).compactMap { $0["name"]?.stringValue }
        let languages = ProfilePage.list(document["languages"]).compactMap { $0["language"]?.stringValue }
        var order = basicsFields + ["skills", "languages", "resume_json", "general"]
        for (key, names) in [("work", workFields), ("education", educationFields)] {
            for index in 0..<20 { order += names.map { "\(key)-\(index)-\($0)" } }
        }
        return [
            "form": fields, "countries": countries, "work": work, "education": education,
            "skills": errors.field("skills", value: skills.joined(separator: ", ")),
            "languages": errors.field("languages", value: languages.joined(separator: ", ")),
            "import": errors.field("resume_json"), "action": page.path("me/cv"), "profileURL": page.path("me"),
            "errors": errors.summary(order: order, intro: page.t("form.errorsIntro")), "detail": "",
        ]
    }
}
