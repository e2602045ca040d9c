import Foundation
import PasserelleCore
import PasserelleStore

/// The members the API names by their external ids, and what ``Policy`` needs
/// to know of one for a viewer: its visibility, whether the viewer is one of its
/// connections, and its current employers.
struct MemberDirectory: Sendable {
    let members: MemberStore
    let connections: ConnectionStore
    let employments: EmploymentStore

    init(database: PostgresClient) {
        members = MemberStore(client: database)
        connections = ConnectionStore(client: database)
        employments = EmploymentStore(client: database)
    }

    /// The member the API calls `externalID`: 404 when there is none. An id no
    /// member can have (a NUL byte, 10,000 characters) is not sent to PostgreSQL.
    func member(externalID: String) async throws -> Member {
        var validator = Validator()
        validator.externalID(externalID, field: "id")
        guard (try? validator.finish()) != nil, let member = try await members.get(externalID: externalID) else {
            throw APIError.notFound("member \(quoted(externalID))")
        }
        return member
    }

    /// The signed-in viewer's own member (an account's member is a foreign key).
    func member(of viewer: Viewer) async throws -> Member {
        guard let member = try await members.get(id: viewer.memberID) else { throw APIError.internalError }
        return member
    }

    /// What the policy needs to know of `member` for `viewer`.
    func facts(of member: Member, for viewer: Viewer?) async throws -> Policy.MemberFacts {
        var isConnected = false
        if let viewer, viewer.memberID != member.id {
            isConnected = try await connections.get(viewer.memberID, member.id) != nil
        }
        let employers = try await employments.employments(ofMember: member.id).filter(\.isCurrent).map(\.companyID)
        return Policy.MemberFacts(
            memberID: member.id, visibility: member.profileVisibility, isConnectedToViewer: isConnected,
            currentEmployerIDs: Set(employers))
    }
}

/// A member as another record shows it: its id and name, or "deleted member"
/// once it was erased (the record stays, anonymised).
struct MemberReference: Encodable, Sendable, Hashable {
    let id: String?
    let name: String

    static let deleted = MemberReference(id: nil, name: "deleted member")

    init(id: String?, name: String) {
        self.id = id
        self.name = name
    }

    init(_ member: Member?) {
        self = member.map { MemberReference(id: $0.externalID, name: $0.name) } ?? .deleted
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // The key is always there: null says the member was erased.
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
    }

    enum CodingKeys: String, CodingKey { case id, name }
}

/// A job posting as another record shows it.
struct JobReference: Encodable, Sendable, Hashable {
    struct CompanyName: Encodable, Sendable, Hashable {
        let id: String
        let name: String
    }

    let id: String
    let title: String
    let status: String
    let company: CompanyName
}

/// The names of the members and postings a list shows, read once per list.
struct References: Sendable {
    private var members: [Int64: Member] = [:]
    private var jobs: [Int64: JobReference] = [:]

    /// Reads the members and postings with these ids.
    static func load(
        memberIDs: [Int64?], jobIDs: [Int64] = [], database: PostgresClient
    ) async throws -> References {
        var references = References()
        let ids = Set(memberIDs.compactMap { $0 })
        if !ids.isEmpty { references.members = try await MemberStore(client: database).members(ids: ids.sorted()) }
        let postings = JobPostingStore(client: database)
        let companies = CompanyStore(client: database)
        var names: [Int64: Company] = [:]
        for jobID in Set(jobIDs) {
            guard let posting = try await postings.get(id: jobID) else { continue }
            if names[posting.companyID] == nil {
                names[posting.companyID] = try await companies.get(id: posting.companyID)
            }
            guard let company = names[posting.companyID] else { continue }
            references.jobs[jobID] = JobReference(
                id: String(jobID), title: posting.title, status: posting.status.rawValue,
                company: .init(id: company.externalID, name: company.name))
        }
        return references
    }

    func member(_ id: Int64?) -> MemberReference { MemberReference(id.flatMap { members[$0] }) }

    /// A posting is only ever closed, never deleted while something points at it.
    func job(_ id: Int64) -> JobReference {
        jobs[id] ?? JobReference(id: String(id), title: "", status: "closed", company: .init(id: "", name: ""))
    }
}

extension JobPosting {
    /// Open and not past its `validThrough`: it takes applications and referral requests.
    func isOpen(at date: Date = Date()) -> Bool { status == .open && validThrough > date }
}
