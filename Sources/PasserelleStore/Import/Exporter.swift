import Foundation
import PasserelleCore

/// Writes postings, CVs or connections in the formats of FORMATS.md, a page at a
/// time in id order, so that memory stays flat and `import` reads the file back
/// into the same data.
public struct Exporter: Sendable {
    public let client: PostgresClient
    public var pageSize: Int

    public init(client: PostgresClient, pageSize: Int = 5000) {
        self.client = client
        self.pageSize = max(1, pageSize)
    }

    /// Writes every `kind` to `path`; returns how many were written.
    @discardableResult
    public func run(_ kind: ImportKind, to path: String) async throws -> Int {
        let output = try FileWriter(path: path)
        switch kind {
        case .jobs: return try await exportJobs(to: output)
        case .profiles: return try await exportProfiles(to: output)
        case .connections: return try await exportConnections(to: output)
        }
    }

    private func exportJobs(to output: FileWriter) async throws -> Int {
        var last = 0
        var count = 0
        while true {
            let rows = try await client.query(
                """
                SELECT j.*, c.external_id AS company_external_id, c.name AS company_name, c.url AS company_url
                FROM (SELECT \(JobPostingStore.columns) FROM job_postings WHERE id > \(last) ORDER BY id
                      LIMIT \(pageSize)) j
                JOIN companies c ON c.id = j.company_id ORDER BY j.id
                """)
            guard !rows.isEmpty else { return count }
            var text = ""
            for row in rows {
                let posting = try JobPosting(row: row)
                let company = CompanyReference(
                    externalID: try row.decode("company_external_id", as: String.self),
                    name: try row.decode("company_name", as: String.self),
                    url: try row.decode("company_url", as: String?.self))
                text += JobPostingFormat.encode(posting, company: company) + "\n"
                last = Int(posting.id)
            }
            count += rows.count
            try await output.write(Array(text.utf8))
        }
    }

    private func exportProfiles(to output: FileWriter) async throws -> Int {
        var last = 0
        var count = 0
        while true {
            let profiles = try await client.query(
                """
                SELECT \(ProfileStore.columns) FROM profiles WHERE member_id > \(last)
                ORDER BY member_id LIMIT \(pageSize)
                """
            ).map(Profile.init(row:))
            guard let final = profiles.last else { return count }
            let ids = profiles.map(\.memberID)
            var members: [Int64: Member] = [:]
            for row in try await client.query("SELECT \(MemberStore.columns) FROM members WHERE id = ANY(\(ids))") {
                let member = try Member(row: row)
                members[member.id] = member
            }
            var text = ""
            for profile in profiles {
                guard let member = members[profile.memberID] else { continue }
                text += ResumeFormat.encode(profile, member: member) + "\n"
            }
            count += profiles.count
            last = Int(final.memberID)
            try await output.write(Array(text.utf8))
        }
    }

    private func exportConnections(to output: FileWriter) async throws -> Int {
        try await output.write(Array((ConnectionsCSV.header + "\n").utf8))
        var last = (0, 0)
        var count = 0
        while true {
            let rows = try await client.query(
                """
                SELECT c.member_a, c.member_b, a.external_id AS a, b.external_id AS b, c.since, c.strength
                FROM connections c
                JOIN members a ON a.id = c.member_a JOIN members b ON b.id = c.member_b
                WHERE (c.member_a, c.member_b) > (\(last.0), \(last.1))
                ORDER BY c.member_a, c.member_b LIMIT \(pageSize)
                """)
            guard !rows.isEmpty else { return count }
            var text = ""
            for row in rows {
                let record = ConnectionRecord(
                    memberA: try row.decode("a", as: String.self), memberB: try row.decode("b", as: String.self),
                    since: try row.decode("since", as: Date.self),
                    strength: try row.decode("strength", as: Double?.self))
                text += ConnectionsCSV.encode(record) + "\n"
                last = (try row.decode("member_a", as: Int.self), try row.decode("member_b", as: Int.self))
            }
            count += rows.count
            try await output.write(Array(text.utf8))
        }
    }
}
