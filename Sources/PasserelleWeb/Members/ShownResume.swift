import Foundation
import Hummingbird
import PasserelleCore

/// A member's CV as one viewer may see it: the JSON Resume document (with the
/// member's fields refreshed as export writes them), without what
/// ``Policy/ShownFields`` keeps from that viewer. Fields left out are absent,
/// not null.
struct ShownResume: ResponseEncodable, Sendable {
    let document: JSONValue

    /// `basics` keys that say how to reach the member.
    static let contactKeys = ["email", "phone", "url", "profiles"]
    /// `basics.location` keys that say where the member lives.
    static let addressKeys = ["address", "postalCode"]

    init(member: Member, profile: Profile?, shown: Policy.ShownFields) {
        var document = Self.document(member: member, profile: profile)
        var basics = document["basics"]?.objectValue ?? [:]
        var meta = document["meta"]?.objectValue ?? [:]
        if !shown.contact {
            for key in Self.contactKeys { basics[key] = nil }
            if var location = basics["location"]?.objectValue {
                for key in Self.addressKeys { location[key] = nil }
                basics["location"] = .object(location)
            }
            // Exact coordinates are an address; the city stays.
            meta["location"] = nil
        }
        meta["openToWork"] = shown.openToWork ? .bool(member.openToWork) : nil
        if shown.settings {
            meta["profileVisibility"] = .string(member.profileVisibility.rawValue)
            meta["hideConnections"] = .bool(member.hideConnections)
        } else {
            meta["profileVisibility"] = nil
            meta["hideConnections"] = nil
        }
        document["basics"] = .object(basics)
        document["meta"] = .object(meta)
        self.document = .object(document)
    }

    /// The whole CV as its member exports it: the stored JSON Resume with `basics`
    /// and `meta` refreshed from the member; a member without a CV gets one made
    /// of its name, email and headline.
    static func document(member: Member, profile: Profile?) -> [String: JSONValue] {
        let profile =
            profile
            ?? Profile(memberID: member.id, country: member.country, language: member.language, resume: [:])
        let text = ResumeFormat.encode(profile, member: member)
        return (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)))?.objectValue ?? [:]
    }

    func encode(to encoder: any Encoder) throws { try document.encode(to: encoder) }
}
