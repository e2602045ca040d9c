import Foundation
import PasserelleCore
import PasserelleStore

/// `PUT /api/v1/members/me/profile`: a member's CV replaced from a JSON Resume
/// document, read by the import's decoder and saved by the stores that write
/// the outbox, so that search sees the new CV as it sees an imported one.
///
/// The document is the member's own: `meta.id` may be left out (naming another
/// member is 403); without `meta.country` or `basics.location.countryCode` the
/// member keeps its country and language. The privacy settings in `meta`
/// (`openToWork`, `profileVisibility`, `hideConnections`) are applied only when
/// given: a plain JSON Resume without them must not make a hidden profile public.
/// `work` entries become the member's employments when they name a company
/// Passerelle knows (by `url`, else by name in the member's country); the API
/// does not create companies from CVs, as imports do.
struct ResumeReplacement: Sendable {
    let database: PostgresClient

    /// The CV and member saved from `bytes` for `member`.
    func replace(_ bytes: [UInt8], of member: Member) async throws -> (member: Member, profile: Profile) {
        let (record, given) = try Self.record(from: bytes, of: member)
        var updated = member
        updated.name = record.member.name
        updated.email = record.member.email
        updated.headline = record.member.headline
        updated.country = record.member.country
        updated.language = record.member.language
        if given.contains("openToWork") { updated.openToWork = record.member.openToWork }
        if given.contains("profileVisibility") { updated.profileVisibility = record.member.profileVisibility }
        if given.contains("hideConnections") { updated.hideConnections = record.member.hideConnections }
        var profile = record.profile
        profile.memberID = member.id
        let companies = CompanyStore(client: database)
        let career = EmploymentStore(client: database)
        return try await database.withTransaction { connection in
            let saved = try await MemberStore(client: database).update(updated, on: connection)
            let savedProfile = try await ProfileStore(client: database).upsert(profile, on: connection).value
            var employments: [Employment] = []
            for work in record.work {
                var company: Company?
                if let externalID = work.company.externalID {
                    company = try await companies.get(externalID: externalID, on: connection)
                } else {
                    company = try await companies.matching(
                        name: work.company.name, country: saved.country, on: connection
                    ).first
                }
                guard let company else { continue }
                employments.append(
                    Employment(
                        memberID: member.id, companyID: company.id, title: work.position, startDate: work.startDate,
                        endDate: work.endDate))
            }
            _ = try await career.replaceEmployments(ofMember: member.id, with: employments, on: connection)
            _ = try await career.replaceEducations(
                ofMember: member.id,
                with: record.education.map {
                    Education(
                        memberID: member.id, institution: $0.institution, area: $0.area, startDate: $0.startDate,
                        endDate: $0.endDate)
                }, on: connection)
            return (saved, savedProfile)
        }
    }

    /// The document of `bytes` decoded as the import decodes a line, once made
    /// `member`'s; and the `meta` keys it gave.
    static func record(from bytes: [UInt8], of member: Member) throws -> (ResumeRecord, Set<String>) {
        var document = try JSONBody.object(bytes)
        var given: Set<String> = []
        if case .object(var meta)? = document["meta"] {
            given = Set(meta.keys)
            if let id = meta["id"], id != .null, id != .string(member.externalID) {
                throw APIError.forbidden(
                    "meta.id: you may replace your own CV only (\(member.externalID)); leave meta.id out")
            }
            meta["id"] = .string(member.externalID)
            document["meta"] = .object(meta)
        } else if document["meta"] == nil || document["meta"] == .null {
            document["meta"] = ["id": .string(member.externalID)]
        }
        if case .object(var meta)? = document["meta"], meta["country"] == nil,
            document["basics"]?["location"]?["countryCode"] == nil
        {
            meta["country"] = .string(member.country.code)
            if meta["language"] == nil { meta["language"] = .string(member.language.code) }
            document["meta"] = .object(meta)
        }
        let line = try JSONEncoder().encode(JSONValue.object(document))
        do {
            return (try ResumeFormat.decode(Array(line)), given)
        } catch {
            throw APIError.invalidBody(error)
        }
    }
}
