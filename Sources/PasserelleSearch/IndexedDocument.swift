import Foundation
import PasserelleCore
import PasserelleIndexing

/// Turns postings and CVs into the structs indexing/ takes. The document data
/// is the row's JSON, then the text snippets are cut from (see ``DocumentData``).
enum IndexedDocument {
    /// Snippets are cut from this much of the text at most.
    static let snippetSourceBytes = 2000

    static func posting(_ document: PostingDocument, arena: ByteArena) -> pi_posting {
        let posting = document.posting
        let description = HTMLSanitizer.plainText(posting.description)
        var indexed = pi_posting()
        indexed.id = posting.id
        indexed.language = arena.bytes(posting.language.code)
        indexed.country = arena.bytes(posting.country.code)
        indexed.title = arena.bytes(posting.title)
        indexed.description = arena.bytes(description)
        indexed.company_id = posting.companyID
        indexed.company_name = arena.bytes(document.companyName)
        indexed.city = arena.bytes(posting.city ?? "")
        if let point = posting.coordinates {
            indexed.has_location = 1
            indexed.latitude = point.latitude
            indexed.longitude = point.longitude
        }
        indexed.employment_types = arena.list(posting.employmentTypes.map(\.rawValue))
        indexed.remote = posting.remote ? 1 : 0
        if let top = posting.salary?.annualTop {
            indexed.has_salary = 1
            indexed.salary_top = top
        }
        indexed.posted_at = Int64(posting.datePosted.startOfDayUTC.timeIntervalSince1970)
        indexed.valid_through = Int64(posting.validThrough.timeIntervalSince1970.rounded(.down))
        indexed.skills = arena.list(posting.skills)
        let row = JobRow(posting: posting, companyName: document.companyName)
        indexed.data = arena.bytes(DocumentData.encode(row, text: description))
        return indexed
    }

    static func profile(_ document: ProfileDocument, arena: ByteArena) -> pi_profile {
        let profile = document.profile
        let text = document.searchText
        var indexed = pi_profile()
        indexed.id = profile.memberID
        indexed.language = arena.bytes(profile.language.code)
        indexed.country = arena.bytes(profile.country.code)
        indexed.headline = arena.bytes(profile.headline ?? document.member.headline ?? "")
        indexed.text = arena.bytes(text)
        indexed.city = arena.bytes(profile.city ?? "")
        if let point = profile.coordinates {
            indexed.has_location = 1
            indexed.latitude = point.latitude
            indexed.longitude = point.longitude
        }
        indexed.skills = arena.list(profile.skills)
        indexed.open_to_work = document.member.openToWork ? 1 : 0
        indexed.visibility = arena.bytes(document.member.profileVisibility.rawValue)
        indexed.current_companies = arena.int64s(document.currentCompanyIDs)
        indexed.current_company_count = document.currentCompanyIDs.count
        indexed.relocate_to = arena.list(profile.relocateTo.map(\.code))
        indexed.data = arena.bytes(DocumentData.encode(ProfileRow(document: document), text: text))
        return indexed
    }
}

/// A document's data: a 4-byte little-endian length, the row as JSON, then the
/// start of the text that snippets are cut from (indexing/ reads the same layout).
enum DocumentData {
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    static func encode(_ row: some Encodable, text: String) -> [UInt8] {
        // Rows are plain structs of strings, numbers and dates: encoding cannot fail.
        let json = (try? encoder.encode(row)) ?? Data("{}".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(4 + json.count + IndexedDocument.snippetSourceBytes)
        withUnsafeBytes(of: UInt32(json.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: json)
        bytes.append(contentsOf: text.utf8.prefix(IndexedDocument.snippetSourceBytes))
        return bytes
    }

    /// The row of a hit's data (indexing/ hands back the JSON part only).
    static func decode<Row: Decodable>(_ type: Row.Type, json: [UInt8]) throws -> Row {
        try decoder.decode(Row.self, from: Data(json))
    }
}

extension SalaryRange {
    /// The top of the range (its minimum when it has no maximum) over a year.
    public var annualTop: Double? {
        guard let top = maximum ?? minimum else { return nil }
        return top * (period ?? .year).perYear
    }
}

extension SalaryRange.Period {
    /// How many of this period make a year of full-time work.
    public var perYear: Double {
        switch self {
        case .hour: 1_820
        case .day: 220
        case .week: 52
        case .month: 12
        case .year: 1
        }
    }
}

extension ProfileDocument {
    /// What CV search reads besides the headline and skills: the member's name
    /// (recruiters look people up by name), the summary, the positions held and
    /// their descriptions, the schools and fields of study.
    public var searchText: String {
        var parts: [String] = [member.name]
        if let summary = profile.summary { parts.append(summary) }
        let resume = profile.resume
        for job in resume["work"]?.arrayValue ?? [] {
            for key in ["position", "name", "summary"] {
                if let text = job[key]?.stringValue { parts.append(text) }
            }
            for highlight in job["highlights"]?.arrayValue ?? [] {
                if let text = highlight.stringValue { parts.append(text) }
            }
        }
        for school in resume["education"]?.arrayValue ?? [] {
            for key in ["institution", "area", "studyType"] {
                if let text = school[key]?.stringValue { parts.append(text) }
            }
        }
        return parts.joined(separator: "\n")
    }
}
