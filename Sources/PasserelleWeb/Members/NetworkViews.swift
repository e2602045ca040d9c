import Hummingbird
import PasserelleCore

/// A connection as its member's list shows it: the other member and since when.
struct ConnectionView: ResponseEncodable, Sendable {
    let member: MemberReference
    let since: String
}

/// An invitation to connect.
struct InvitationView: ResponseEncodable, Sendable {
    let id: String
    let inviter: MemberReference
    let invitee: MemberReference
    let message: String?
    let status: String
    let createdAt: String
    let decidedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, inviter, invitee, message, status
        case createdAt = "created_at"
        case decidedAt = "decided_at"
    }

    init(_ invitation: ConnectionInvitation, references: References) {
        id = String(invitation.id)
        inviter = references.member(invitation.inviterID)
        invitee = references.member(invitation.inviteeID)
        message = invitation.message
        status = invitation.status.rawValue
        createdAt = Timestamp.rfc3339(invitation.createdAt)
        decidedAt = invitation.decidedAt.map(Timestamp.rfc3339)
    }
}
