import Foundation

/// One line of fits.jsonl: a sampled posting and the members generated to fit it (same
/// occupation, its required skills, same city and country, enough experience), for
/// measuring how well matching finds them.
public struct FitRecord: Sendable, Codable, Equatable {
    /// The posting's `identifier.value`.
    public var requisitionID: String
    /// The posting's `hiringOrganization.identifier`.
    public var company: String
    /// The posting's `inLanguage`.
    public var language: String
    /// The fitted members' `meta.id`.
    public var members: [String]

    enum CodingKeys: String, CodingKey {
        case requisitionID = "requisition_id"
        case company, language, members
    }

    public init(requisitionID: String, company: String, language: String, members: [String]) {
        self.requisitionID = requisitionID
        self.company = company
        self.language = language
        self.members = members
    }
}

/// Writes fits.jsonl.
struct FitsWriter: Sendable {
    let configuration: GeneratorConfiguration
    let reference: ReferenceData
    let companies: CompanyDirectory
    let fits: FitSamples

    func write(to path: String) throws(GeneratorError) -> (lines: Int, bytes: Int) {
        let sink = try LineSink(path: path)
        let encoder = JSONEncoder()
        // Sorted keys: the same record gives the same bytes.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for sample in 0..<fits.count {
            let plan = PostingPlan.draw(
                fits.posting(ofSample: sample), configuration: configuration, reference: reference,
                companies: companies
            ).0
            let record = FitRecord(
                requisitionID: plan.requisitionID, company: companies.ids[plan.company], language: plan.language.code,
                members: fits.members(ofSample: sample).map(TextBuilding.memberID))
            guard let data = try? encoder.encode(record) else { continue }
            try sink.write(String(decoding: data, as: UTF8.self))
        }
        try sink.close()
        return (sink.lines, sink.bytes)
    }
}
