import Foundation

/// Reading and writing one JSON object a line, shared by the JobPosting and JSON Resume formats.
enum JSONLine {
    /// The object on `line`. ``JSONParser`` reads well-formed lines; any other goes to
    /// Foundation, which accepts it or explains. JSONDecoder gives JSONValue the right
    /// types (JSONSerialization on Linux turns booleans into numbers), but says nothing
    /// about where the text is wrong, so a line it refuses is parsed again by
    /// JSONSerialization for the reason.
    static func parseObject(_ line: some Collection<UInt8>) throws(LineError) -> JSONValue {
        if let parsed = line.withContiguousStorageIfAvailable(JSONParser.parse), let value = parsed,
            value.objectValue != nil
        {
            return value
        }
        let data = Data(try LineText.decode(line).utf8)
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw LineError(field: nil, reason: "the line is not valid JSON: \(syntaxError(in: data))")
        }
        guard value.objectValue != nil else {
            throw LineError(
                field: nil, reason: "the line must be one JSON object, {…} (got \(JSONField.kind(of: value)))")
        }
        return value
    }

    private static func syntaxError(in data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            if let detail, let first = detail.first {
                var reason = first.lowercased() + detail.dropFirst()
                if reason.hasSuffix(".") { reason.removeLast() }
                return reason
            }
        }
        return "a value is malformed"
    }

    /// `value` as compact JSON with sorted keys, so that the same value always gives the
    /// same line. `<`, `>` and `&` are escaped (as Go's encoding/json does) so that the
    /// text can go inside an HTML `<script type="application/ld+json">` as is; U+2028 and
    /// U+2029 too, which older JavaScript parsers take for line ends. Whole numbers are
    /// written without a fraction; non-finite ones, which JSON cannot say, as null.
    static func serialize(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        write(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    private static func write(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output += "null".utf8
        case .bool(let flag): output += (flag ? "true" : "false").utf8
        case .number(let number): output += format(number).utf8
        case .string(let text): writeString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                write(members[key] ?? .null, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func format(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
            return String(Int64(number))
        }
        return number.description  // the shortest text that reads back as the same Double
    }

    /// Byte by byte: what needs escaping is ASCII, or U+2028 and U+2029 (E2 80 A8/A9).
    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), byte]
                case UInt8(ascii: "\n"): output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                case UInt8(ascii: "\t"): output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case 0x00...0x1F, 0x7F, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                    writeUnicodeEscape(UInt32(byte), to: &output)
                case 0xE2
                where index + 1 < bytes.count && bytes[index] == 0x80
                    && (bytes[index + 1] == 0xA8 || bytes[index + 1] == 0xA9):
                    writeUnicodeEscape(bytes[index + 1] == 0xA8 ? 0x2028 : 0x2029, to: &output)
                    index += 2
                default: output.append(byte)
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func writeUnicodeEscape(_ value: UInt32, to output: inout [UInt8]) {
        output += [UInt8(ascii: "\\"), UInt8(ascii: "u")]
        output += String(value, radix: 16).leftPadded(to: 4).utf8
    }
}

/// A value in a JSON line and its path there (`jobLocation.address`, `work[2]`), so that
/// a problem names the field exactly as the sender wrote it.
struct JSONField {
    /// Nil when the field is absent.
    var value: JSONValue?
    var path: String

    init(_ value: JSONValue?, path: String = "") {
        self.value = value
        self.path = path
    }

    /// The member `key`; absent when this is not an object.
    subscript(key: String) -> JSONField {
        JSONField(value?[key], path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// Absent, or null, which feeds write for "no value".
    var isAbsent: Bool { value == nil || value == .null }

    /// The elements of an array, or the value itself: schema.org lets most properties be
    /// one value or several. Empty when absent.
    var elements: [JSONField] {
        guard let value, !isAbsent else { return [] }
        guard case .array(let elements) = value else { return [self] }
        return elements.enumerated().map { JSONField($1, path: "\(path)[\($0)]") }
    }

    /// The first of ``elements``, or an absent field; for the properties Passerelle keeps one of.
    var first: JSONField { elements.first ?? JSONField(nil, path: path) }

    /// What `value` is, in words, for messages.
    static func kind(of value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "true or false"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// Reads typed fields out of a JSON line, recording a problem for each one that is
/// missing or of the wrong kind instead of stopping at the first.
struct JSONReader {
    var problems = LineProblems()

    mutating func fail(_ field: JSONField, _ reason: String) { problems.fail(field.path, reason) }

    /// Records that the required `field` is missing, and returns true, when it is.
    mutating func isMissing(_ field: JSONField) -> Bool {
        if field.isAbsent { fail(field, "is required") }
        return field.isAbsent
    }

    /// The text of a required string field; a problem when it is missing or blank.
    mutating func requiredString(_ field: JSONField) -> String? {
        if isMissing(field) { return nil }
        guard let text = string(field) else { return nil }
        var validator = Validator()
        validator.nonBlank(text, field: field.path)
        problems.add(validator)
        return text
    }

    /// The elements of an array field (JSON Resume's sections); a problem when it is
    /// something else. Empty when absent.
    mutating func array(_ field: JSONField) -> [JSONField] {
        guard let value = field.value, !field.isAbsent else { return [] }
        guard value.arrayValue != nil else {
            fail(field, "must be an array, […] (got \(JSONField.kind(of: value)))")
            return []
        }
        return field.elements
    }

    /// The field when it is an object; a problem when it is something else.
    @discardableResult
    mutating func object(_ field: JSONField) -> JSONField? {
        guard let value = field.value, !field.isAbsent else { return nil }
        guard value.objectValue != nil else {
            fail(field, "must be an object, {…} (got \(JSONField.kind(of: value)))")
            return nil
        }
        return field
    }

    /// The text of a string field, trimmed; nil when absent. A blank string is returned
    /// as "" for the domain's rules to judge.
    mutating func string(_ field: JSONField) -> String? {
        guard let value = field.value, !field.isAbsent else { return nil }
        guard let text = value.stringValue else {
            fail(field, "must be a string (got \(JSONField.kind(of: value)))")
            return nil
        }
        return text.trimmingWhitespace
    }

    /// Like ``string(_:)``, but nil for a blank string too: for optional text.
    mutating func optionalText(_ field: JSONField) -> String? {
        string(field).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A string, or a whole number written as one: ids such as a requisition number.
    mutating func identifier(_ field: JSONField) -> String? {
        if let number = field.value?.numberValue, number == number.rounded(), abs(number) < 1e15 {
            return String(Int64(number))
        }
        return string(field)
    }

    /// A number, or a string holding one: feeds write coordinates and amounts both ways.
    mutating func number(_ field: JSONField) -> Double? {
        guard let value = field.value, !field.isAbsent else { return nil }
        if let number = value.numberValue { return number }
        if let text = value.stringValue, let number = Double(text.trimmingSpaces),
            number.isFinite
        {
            return number
        }
        fail(field, "must be a number (got \(JSONField.kind(of: value)))")
        return nil
    }

    /// A point given as an object with a latitude and a longitude member (numbers or
    /// numeric strings); nil when absent. With one of them missing or malformed (already
    /// reported), the other is still returned, beside a 0 that never reaches a record, so
    /// that the domain's range check runs on it too.
    mutating func point(_ field: JSONField, latitude: String, longitude: String) -> GeoPoint? {
        guard object(field) != nil else { return nil }
        let latitudeValue = number(field[latitude])
        let longitudeValue = number(field[longitude])
        _ = isMissing(field[latitude])
        _ = isMissing(field[longitude])
        guard latitudeValue != nil || longitudeValue != nil else { return nil }
        return GeoPoint(latitude: latitudeValue ?? 0, longitude: longitudeValue ?? 0)
    }

    /// A whole number (months of experience).
    mutating func wholeNumber(_ field: JSONField) -> Int? {
        guard let number = number(field) else { return nil }
        guard number == number.rounded(), abs(number) < 1e9 else {
            fail(field, "must be a whole number (got \(number))")
            return nil
        }
        return Int(number)
    }

    /// true or false; nil when absent.
    mutating func bool(_ field: JSONField) -> Bool? {
        guard let value = field.value, !field.isAbsent else { return nil }
        guard let flag = value.boolValue else {
            fail(field, "must be true or false (got \(JSONField.kind(of: value)))")
            return nil
        }
        return flag
    }

    /// Strings given as an array or as one string; with `splittingCommas`, a string may
    /// hold several, separated by commas (`"Swift, PostgreSQL"`). Blank ones are skipped.
    mutating func strings(_ field: JSONField, splittingCommas: Bool) -> [(text: String, field: JSONField)] {
        var result: [(text: String, field: JSONField)] = []
        for element in field.elements {
            // schema.org's Text-or-Thing: a skill may be a DefinedTerm naming it.
            let named = element.value?.objectValue != nil ? element["name"] : element
            guard let text = string(named) else { continue }
            let parts = splittingCommas ? text.split(separator: ",").map(String.init) : [text]
            for part in parts {
                let trimmed = part.trimmingWhitespace
                if !trimmed.isEmpty { result.append((trimmed, named)) }
            }
        }
        return result
    }

    /// A day: `YYYY-MM-DD`, or an RFC 3339 time whose date part is taken as written
    /// (the day where the sender is, not in UTC).
    mutating func day(_ field: JSONField) -> CalendarDate? {
        guard let text = string(field) else { return nil }
        if text.utf8.count == 10, let day = CalendarDate(text) { return day }
        if Timestamp.parse(text) != nil, let day = CalendarDate(text) { return day }
        fail(field, "must be a date, YYYY-MM-DD, or an RFC 3339 time (got \(Validator.quoted(text)))")
        return nil
    }

    /// A time: RFC 3339, or a day (`YYYY-MM-DD`) taken as midnight UTC.
    mutating func instant(_ field: JSONField) -> Date? {
        guard let text = string(field) else { return nil }
        if text.utf8.count == 10, let day = CalendarDate(text) { return day.startOfDayUTC }
        if let date = Timestamp.parse(text) { return date }
        fail(
            field,
            "must be an RFC 3339 time like 2026-12-01T00:00:00Z, or a date, YYYY-MM-DD (got \(Validator.quoted(text)))")
        return nil
    }

    /// A day of JSON Resume, which also allows `YYYY-MM` and `YYYY`: the first day of
    /// that month or year for a start, the last for an end, so that "2019 to 2020"
    /// covers both years.
    mutating func resumeDay(_ field: JSONField, isEnd: Bool) -> CalendarDate? {
        guard let text = string(field) else { return nil }
        if let day = CalendarDate(resumeDate: text, isEnd: isEnd) { return day }
        fail(field, "must be a date, YYYY-MM-DD, YYYY-MM or YYYY (got \(Validator.quoted(text)))")
        return nil
    }

    /// An ISO 3166-1 alpha-2 code, as a string or, as schema.org allows, a `Country`
    /// object naming it (`{"@type": "Country", "name": "FR"}`).
    mutating func country(_ field: JSONField) -> Country? {
        let named = field.value?.objectValue != nil ? field["name"] : field
        if field.value?.objectValue != nil, named.isAbsent {
            fail(named, "is required: the country's ISO 3166-1 alpha-2 code, like FR")
            return nil
        }
        guard let code = string(named) else { return nil }
        var validator = Validator()
        let country = validator.country(code, field: named.path)
        problems.add(validator)
        return country
    }

    /// `field`'s language, else `country`'s main language; a problem when neither gives
    /// one (`subject`, "a posting", says whose language it is).
    mutating func language(_ field: JSONField, else country: Country?, of subject: String) -> Language? {
        guard field.isAbsent else { return language(field) }
        guard let country else { return nil }  // the missing country is reported already
        if let language = country.defaultLanguage { return language }
        fail(field, "is required for \(subject) in \(country): a country without a job space has no default language")
        return nil
    }

    /// A language Passerelle knows, given as a BCP 47 tag (`fr`, `fr-FR`, `zh-Hans`) whose
    /// primary language is taken.
    mutating func language(_ field: JSONField) -> Language? {
        guard let tag = string(field) else { return nil }
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        if let language = Language(rawValue: primary) { return language }
        var validator = Validator()
        _ = validator.language(tag, field: field.path)
        problems.add(validator)
        return nil
    }
}

/// Skills as search and matching use them: trimmed, blank ones dropped, and each kept
/// once whatever its case, in the order first given.
enum SkillList {
    static func deduplicated(_ skills: some Sequence<String>) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for skill in skills {
            let trimmed = skill.trimmingWhitespace
            if !trimmed.isEmpty, seen.insert(trimmed.lowercased()).inserted { result.append(trimmed) }
        }
        return result
    }
}
