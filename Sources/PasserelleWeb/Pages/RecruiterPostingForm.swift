import Foundation
import PasserelleCore

/// The recruiter's form for a posting: its fields as the recruiter typed them,
/// the JobPosting JSON-LD they make (read by the same decoder and rules as the
/// JSON API and imports: `JobPostingFormat.decode`, then `JobPosting.validate`),
/// and the problems found, each under the form field it concerns.
struct RecruiterPostingForm: Sendable {
    /// The form's field names, in the order the page shows them.
    enum Field: String, CaseIterable, Sendable {
        case requisition, title, description, language, country, city, postalCode = "postal_code", types, remote
        case salaryMinimum = "salary_min", salaryMaximum = "salary_max", currency, period
        case validThrough = "valid_through", skills
    }

    var values: [Field: String] = [:]
    var types: Set<EmploymentType> = []
    var remote = false

    init() {}

    /// What the recruiter sent.
    init(_ form: PageForm) {
        for field in Field.allCases where field != .types && field != .remote {
            values[field] = form[field.rawValue]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        }
        types = Set(form.all(Field.types.rawValue).compactMap(EmploymentType.init(rawValue:)))
        remote = form[Field.remote.rawValue] != nil
    }

    /// A saved posting, to edit.
    init(_ posting: JobPosting) {
        values = [
            .requisition: posting.requisitionID, .title: posting.title, .description: posting.description,
            .language: posting.language.code, .country: posting.country.code, .city: posting.city ?? "",
            .postalCode: posting.postalCode ?? "", .skills: posting.skills.joined(separator: ", "),
            .validThrough: CalendarDate(utcDayOf: posting.validThrough).description,
            .salaryMinimum: posting.salary?.minimum.map(Self.amountText) ?? "",
            .salaryMaximum: posting.salary?.maximum.map(Self.amountText) ?? "",
            .currency: posting.salary?.currency ?? "", .period: posting.salary?.period?.rawValue ?? "",
        ]
        types = Set(posting.employmentTypes)
        remote = posting.remote
    }

    subscript(_ field: Field) -> String { values[field] ?? "" }

    /// The posting as a schema.org JobPosting for `company`, posted on `datePosted`:
    /// a blank field is left out, so that the decoder names what is required.
    func jsonLD(company: Company, datePosted: CalendarDate) -> JSONValue {
        var object: [String: JSONValue] = [
            "@context": "https://schema.org", "@type": "JobPosting",
            "datePosted": .string(datePosted.description),
            "hiringOrganization": [
                "@type": "Organization", "identifier": .string(company.externalID), "name": .string(company.name),
            ],
        ]
        func put(_ key: String, _ field: Field, into object: inout [String: JSONValue]) {
            if !self[field].isEmpty { object[key] = .string(self[field]) }
        }
        put("identifier", .requisition, into: &object)
        put("title", .title, into: &object)
        put("inLanguage", .language, into: &object)
        put("skills", .skills, into: &object)
        put("validThrough", .validThrough, into: &object)
        if !self[.description].isEmpty { object["description"] = .string(Self.descriptionHTML(self[.description])) }
        if !types.isEmpty {
            object["employmentType"] = .array(
                EmploymentType.allCases.filter(types.contains).map { .string($0.rawValue) })
        }
        var address: [String: JSONValue] = ["@type": "PostalAddress"]
        put("addressCountry", .country, into: &address)
        put("addressLocality", .city, into: &address)
        put("postalCode", .postalCode, into: &address)
        object["jobLocation"] = ["@type": "Place", "address": .object(address)]
        if remote { object["jobLocationType"] = "TELECOMMUTE" }
        if !self[.salaryMinimum].isEmpty || !self[.salaryMaximum].isEmpty {
            var value: [String: JSONValue] = ["@type": "QuantitativeValue"]
            if !self[.salaryMinimum].isEmpty { value["minValue"] = Self.amount(self[.salaryMinimum]) }
            if !self[.salaryMaximum].isEmpty { value["maxValue"] = Self.amount(self[.salaryMaximum]) }
            put("unitText", .period, into: &value)
            var salary: [String: JSONValue] = ["@type": "MonetaryAmount", "value": .object(value)]
            put("currency", .currency, into: &salary)
            object["baseSalary"] = .object(salary)
        }
        return .object(object)
    }

    /// The posting the form describes, or the problems, by form field. The
    /// decoder and the domain's rules are the API's and the importer's.
    func posting(
        company: Company, datePosted: CalendarDate, today: CalendarDate
    ) -> Result<
        JobPosting, RecruiterFormProblems
    > {
        let line = (try? JSONEncoder().encode(jsonLD(company: company, datePosted: datePosted))) ?? Data()
        do {
            var posting = try JobPostingFormat.decode(Array(line), today: today).posting
            posting.companyID = company.id
            return .success(posting)
        } catch {
            var problems = RecruiterFormProblems()
            for problem in error.problems { problems.add(Self.field(of: problem.field), problem.reason) }
            return .failure(problems)
        }
    }

    /// The form field a JSON path of the decoder's belongs to; nil for the form as a whole.
    static func field(of path: String?) -> Field? {
        guard let path else { return nil }
        let fields: [(prefix: String, field: Field)] = [
            ("identifier", .requisition), ("title", .title), ("description", .description),
            ("inLanguage", .language), ("jobLocation.address.addressLocality", .city),
            ("jobLocation.address.postalCode", .postalCode), ("jobLocation", .country),
            ("applicantLocationRequirements", .country), ("jobLocationType", .remote), ("employmentType", .types),
            ("baseSalary.value.maxValue", .salaryMaximum), ("baseSalary.value.unitText", .period),
            ("baseSalary.currency", .currency), ("baseSalary", .salaryMinimum), ("validThrough", .validThrough),
            ("skills", .skills),
        ]
        return fields.first { path == $0.prefix || path.hasPrefix($0.prefix + ".") || path.hasPrefix($0.prefix + "[") }?
            .field
    }

    /// A description typed as plain text becomes paragraphs (a blank line between
    /// two) with line breaks; one that holds tags is HTML, which the decoder sanitises.
    static func descriptionHTML(_ text: String) -> String {
        if text.range(of: #"</?[A-Za-z]"#, options: .regularExpression) != nil { return text }
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        return normalized.components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
            .map { paragraph in
                "<p>"
                    + paragraph.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { HTMLSanitizer.escapeText(String($0)) }.joined(separator: "<br>") + "</p>"
            }
            .joined()
    }

    /// An amount as typed (`45000`, `45 000`, `45000,50`): a number when it reads
    /// as one, else the text itself, which the decoder refuses by name.
    static func amount(_ text: String) -> JSONValue {
        var digits = text.filter { !$0.isWhitespace && $0 != "'" && $0 != "\u{202F}" && $0 != "\u{A0}" }
        if !digits.contains("."), digits.filter({ $0 == "," }).count == 1 {
            digits = digits.replacingOccurrences(of: ",", with: ".")
        }
        if let number = Double(digits), number.isFinite { return .number(number) }
        return .string(text)
    }

    static func amountText(_ amount: Double) -> String {
        amount == amount.rounded() && abs(amount) < 1e15 ? String(Int64(amount)) : String(amount)
    }
}

/// The problems of a submitted form: for each field, the decoder's reasons (kept
/// for the log and the tests; the page shows its own words for the field).
struct RecruiterFormProblems: Sendable, Error {
    private(set) var byField: [RecruiterPostingForm.Field: [String]] = [:]
    /// Problems of no one field.
    private(set) var general: [String] = []

    mutating func add(_ field: RecruiterPostingForm.Field?, _ reason: String) {
        if let field { byField[field, default: []].append(reason) } else { general.append(reason) }
    }

    var isEmpty: Bool { byField.isEmpty && general.isEmpty }
}
