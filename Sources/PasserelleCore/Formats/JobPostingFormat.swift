import Foundation

/// A JobPosting line, validated: what the importer needs to save one posting.
public struct PostingRecord: Sendable, Equatable {
    /// `hiringOrganization`; its `externalID` is always set for a posting.
    public var company: CompanyReference
    /// With `id` and `companyID` 0, which the importer fills once it knows the company.
    public var posting: JobPosting

    public init(company: CompanyReference, posting: JobPosting) {
        self.company = company
        self.posting = posting
    }
}

/// schema.org JobPosting, one JSON object a line (FORMATS.md): the format of job feeds,
/// of `passerelle import` and `export`, and of the JSON-LD on job pages.
public enum JobPostingFormat {
    /// How many days after `today` a `datePosted` may be: a feed a few hours ahead of UTC
    /// already writes tomorrow's date.
    static let futureToleranceDays = 1

    /// The posting on `line`, or every problem found in it. `today` is the UTC day of the
    /// import: a posting dated later than the day after is refused, since it would sit at
    /// the top of "newest first" for as long.
    ///
    /// `createdAt` and `updatedAt` are a fixed placeholder, which the store replaces.
    public static func decode(_ line: some Collection<UInt8>, today: CalendarDate) throws(LineError) -> PostingRecord {
        let root = JSONField(try JSONLine.parseObject(line))
        var reader = JSONReader()
        // Domain field names that are spelled differently in this line.
        var domainFields: [String: String] = [:]

        if let type = reader.string(root["@type"]), type != "JobPosting" {
            reader.fail(root["@type"], "must be \"JobPosting\" (got \(Validator.quoted(type)))")
        }

        // The requisition id: a PropertyValue's `value`, or a plain string.
        let identifier = root["identifier"]
        let requisitionField = identifier.value?.objectValue != nil ? identifier["value"] : identifier
        if requisitionField.isAbsent {
            reader.fail(requisitionField, "is required: the posting's requisition id, such as REQ-123")
        }
        let requisitionID = reader.identifier(requisitionField)
        domainFields["identifier.value"] = requisitionField.path

        let company = organization(root["hiringOrganization"], &reader)
        let title = reader.requiredString(root["title"])
        let description = reader.requiredString(root["description"]).map(HTMLSanitizer.sanitize)
        let datePostedField = root["datePosted"]
        let datePosted = reader.isMissing(datePostedField) ? nil : reader.day(datePostedField)
        let validThrough = reader.instant(root["validThrough"])
        let employmentTypes = self.employmentTypes(root["employmentType"], &reader)

        let location = self.location(root, &reader)
        domainFields["jobLocation.geo.latitude"] = location.geoField["latitude"].path
        domainFields["jobLocation.geo.longitude"] = location.geoField["longitude"].path

        let language = reader.language(root["inLanguage"], else: location.country, of: "a posting")

        let salary = self.salary(root["baseSalary"], &reader, domainFields: &domainFields)
        let skills = SkillList.deduplicated(reader.strings(root["skills"], splittingCommas: true).map(\.text))
        let category = reader.identifier(root["occupationalCategory"]).flatMap { $0.isEmpty ? nil : $0 }
        let experience = experienceMonths(root["experienceRequirements"], &reader)

        if let datePosted, datePosted > today.adding(days: futureToleranceDays) {
            reader.fail(datePostedField, "must not be in the future: today is \(today) (got \(datePosted))")
        }
        if let datePosted, let validThrough, validThrough <= datePosted.startOfDayUTC {
            reader.fail(
                root["validThrough"],
                "must be after datePosted \(datePosted) (got \(Timestamp.rfc3339(validThrough)))")
        }

        // Built even when a part is missing, with stand-ins that are never returned, so
        // that the domain's own rules run and every problem of the line is reported.
        let posting = JobPosting(
            country: location.country ?? .france, companyID: 0, language: language ?? .en,
            requisitionID: requisitionID ?? "", title: title ?? "", description: description ?? "",
            employmentTypes: employmentTypes, remote: location.remote, city: location.city,
            region: location.region, postalCode: location.postalCode, coordinates: location.coordinates,
            salary: salary, skills: skills, occupationalCategory: category, experienceMonths: experience,
            datePosted: datePosted ?? today, validThrough: validThrough,
            createdAt: ImportedTimestamps.placeholder, updatedAt: ImportedTimestamps.placeholder)
        reader.problems.validate(posting, fields: domainFields)
        try reader.problems.finish()
        return PostingRecord(company: company, posting: posting)
    }

    /// The posting as one JSON object (no newline), with `company` as its
    /// `hiringOrganization`: a line of an export or a feed, or the JSON-LD of a job page
    /// (the text is safe inside `<script>`). Decoding it gives the same posting back,
    /// but `status`, which schema.org does not carry, and the store's fields.
    public static func encode(_ posting: JobPosting, company: CompanyReference) -> String {
        var object: [String: JSONValue] = [
            "@context": "https://schema.org",
            "@type": "JobPosting",
            "identifier": [
                "@type": "PropertyValue", "name": .string(company.externalID ?? company.name),
                "value": .string(posting.requisitionID),
            ],
            "title": .string(posting.title),
            "description": .string(posting.description),
            "inLanguage": .string(posting.language.code),
            "datePosted": .string(posting.datePosted.description),
            "validThrough": .string(Timestamp.rfc3339(posting.validThrough)),
        ]
        var organization: [String: JSONValue] = ["@type": "Organization", "name": .string(company.name)]
        organization["identifier"] = company.externalID.map(JSONValue.string)
        organization["sameAs"] = company.url.map(JSONValue.string)
        object["hiringOrganization"] = .object(organization)
        if !posting.employmentTypes.isEmpty {
            object["employmentType"] = .array(posting.employmentTypes.map { .string($0.rawValue) })
        }

        let country = JSONValue.string(posting.country.code)
        var address: [String: JSONValue] = ["@type": "PostalAddress", "addressCountry": country]
        address["addressLocality"] = posting.city.map(JSONValue.string)
        address["addressRegion"] = posting.region.map(JSONValue.string)
        address["postalCode"] = posting.postalCode.map(JSONValue.string)
        var place: [String: JSONValue] = ["@type": "Place", "address": .object(address)]
        if let point = posting.coordinates {
            place["geo"] = [
                "@type": "GeoCoordinates", "latitude": .number(point.latitude),
                "longitude": .number(point.longitude),
            ]
        }
        if posting.remote {
            object["jobLocationType"] = "TELECOMMUTE"
            object["applicantLocationRequirements"] = ["@type": "Country", "name": country]
        }
        // A remote posting names a place only when it has one beyond its country.
        if !posting.remote || address.count > 2 || place.count > 2 {
            object["jobLocation"] = .object(place)
        }

        if let salary = posting.salary {
            var value: [String: JSONValue] = ["@type": "QuantitativeValue"]
            value["minValue"] = salary.minimum.map(JSONValue.number)
            value["maxValue"] = salary.maximum.map(JSONValue.number)
            value["unitText"] = salary.period.map { .string($0.rawValue) }
            object["baseSalary"] = [
                "@type": "MonetaryAmount", "currency": .string(salary.currency), "value": .object(value),
            ]
        }
        if !posting.skills.isEmpty { object["skills"] = .array(posting.skills.map(JSONValue.string)) }
        object["occupationalCategory"] = posting.occupationalCategory.map(JSONValue.string)
        if let months = posting.experienceMonths {
            object["experienceRequirements"] = [
                "@type": "OccupationalExperienceRequirements", "monthsOfExperience": .number(Double(months)),
            ]
        }
        return JSONLine.serialize(.object(object))
    }

    // MARK: - The parts of a posting

    /// `hiringOrganization`: an Organization with the company's `identifier` (a string, or
    /// a PropertyValue's `value`), `name`, and `sameAs` or `url`.
    private static func organization(_ field: JSONField, _ reader: inout JSONReader) -> CompanyReference {
        guard !reader.isMissing(field), reader.object(field) != nil else {
            return CompanyReference(externalID: nil, name: "")
        }
        let identifier = field["identifier"]
        let idField = identifier.value?.objectValue != nil ? identifier["value"] : identifier
        if idField.isAbsent {
            reader.fail(idField, "is required: the company's id, which the API names it by (such as acme)")
        }
        let externalID = reader.identifier(idField)
        let name = reader.requiredString(field["name"])
        let url = reader.optionalText(field["sameAs"].first) ?? reader.optionalText(field["url"])
        reader.problems.validate(
            Company(externalID: externalID ?? "", name: name ?? ""),
            fields: ["externalID": idField.path, "name": field["name"].path])
        return CompanyReference(externalID: externalID, name: name ?? "", url: url)
    }

    private static func employmentTypes(_ field: JSONField, _ reader: inout JSONReader) -> [EmploymentType] {
        var types: [EmploymentType] = []
        for (text, element) in reader.strings(field, splittingCommas: true) {
            // Feeds write "Full-time" and "full time" as often as FULL_TIME.
            let spelled = text.uppercased().map { $0 == "-" || $0 == " " ? "_" : $0 }
            guard let type = EmploymentType(rawValue: String(spelled)) else {
                let known = EmploymentType.allCases.map(\.rawValue).joined(separator: ", ")
                reader.fail(element, "must be one of \(known) (got \(Validator.quoted(text)))")
                continue
            }
            if !types.contains(type) { types.append(type) }
        }
        return types
    }

    /// Where the job is, read from `jobLocation` (the first, when several), or for a remote
    /// job without one, from `applicantLocationRequirements`.
    private struct Location {
        var country: Country?
        var remote = false
        var city: String?
        var region: String?
        var postalCode: String?
        var coordinates: GeoPoint?
        /// `jobLocation.geo` (or `jobLocation[0].geo`), for naming the domain's errors.
        var geoField: JSONField
    }

    private static func location(_ root: JSONField, _ reader: inout JSONReader) -> Location {
        let place = root["jobLocation"].first
        var location = Location(geoField: place["geo"])
        let locationType = root["jobLocationType"]
        if let type = reader.string(locationType) {
            location.remote = type.uppercased() == "TELECOMMUTE"
            if !location.remote {
                reader.fail(locationType, "must be \"TELECOMMUTE\" when given (got \(Validator.quoted(type)))")
            }
        }
        let applicantCountry = root["applicantLocationRequirements"].first

        if place.isAbsent {
            if !location.remote {
                reader.fail(
                    place, "is required, unless jobLocationType is \"TELECOMMUTE\" with applicantLocationRequirements")
            } else if applicantCountry.isAbsent {
                reader.fail(
                    applicantCountry,
                    "is required for a remote posting without jobLocation: the country applicants must live in")
            } else {
                location.country = reader.country(applicantCountry)
            }
            return location
        }
        guard reader.object(place) != nil else { return location }
        let address = place["address"]
        reader.object(address)
        location.city = reader.optionalText(address["addressLocality"])
        location.region = reader.optionalText(address["addressRegion"])
        location.postalCode = reader.identifier(address["postalCode"]).flatMap { $0.isEmpty ? nil : $0 }
        let addressCountry = address["addressCountry"]
        if !addressCountry.isAbsent {
            location.country = reader.country(addressCountry)
        } else if location.remote && !applicantCountry.isAbsent {
            location.country = reader.country(applicantCountry)
        } else {
            reader.fail(addressCountry, "is required: the job's country as an ISO 3166-1 alpha-2 code, like FR")
        }

        location.coordinates = reader.point(location.geoField, latitude: "latitude", longitude: "longitude")
        return location
    }

    /// `baseSalary`: a MonetaryAmount whose `value` is a QuantitativeValue with
    /// `minValue`/`maxValue` or a single `value`, or a plain number.
    private static func salary(
        _ field: JSONField, _ reader: inout JSONReader, domainFields: inout [String: String]
    ) -> SalaryRange? {
        guard reader.object(field) != nil else { return nil }
        let currency = reader.requiredString(field["currency"])
        let value = field["value"]
        var minimum: Double?
        var maximum: Double?
        var period: SalaryRange.Period?
        if reader.object(value) != nil {
            let single = reader.number(value["value"])
            minimum = reader.number(value["minValue"])
            maximum = reader.number(value["maxValue"])
            if single != nil {
                // One amount: the domain's minimum and maximum are both this field.
                if value["minValue"].isAbsent {
                    minimum = single
                    domainFields["baseSalary.value.minValue"] = value["value"].path
                }
                if value["maxValue"].isAbsent {
                    maximum = single
                    domainFields["baseSalary.value.maxValue"] = value["value"].path
                }
            }
            if let unit = reader.string(value["unitText"]) {
                period = SalaryRange.Period(rawValue: unit.uppercased())
                if period == nil {
                    let known = SalaryRange.Period.allCases.map(\.rawValue).joined(separator: ", ")
                    reader.fail(value["unitText"], "must be one of \(known) (got \(Validator.quoted(unit)))")
                }
            }
        } else if value.value?.numberValue != nil || value.value?.stringValue != nil {
            minimum = reader.number(value)
            maximum = minimum
            domainFields["baseSalary.value.minValue"] = value.path
            domainFields["baseSalary.value.maxValue"] = value.path
        }
        return SalaryRange(minimum: minimum, maximum: maximum, currency: currency ?? "", period: period)
    }

    /// `experienceRequirements.monthsOfExperience`. schema.org also allows free text
    /// here ("3 years in a team"), which says nothing Passerelle can filter on.
    private static func experienceMonths(_ field: JSONField, _ reader: inout JSONReader) -> Int? {
        if field.value?.stringValue != nil { return nil }
        guard reader.object(field) != nil else { return nil }
        return reader.wholeNumber(field["monthsOfExperience"])
    }
}
