import Foundation
import PasserelleCore

// How the domain's types travel as statement parameters and come back from rows.

/// A type stored as its string raw value in a `text` column (or a domain or
/// CHECK over text): the enums of the domain, countries, languages.
public protocol PostgresRawText: RawRepresentable, PostgresArrayElement where RawValue == String {}

extension PostgresRawText {
    public static var postgresType: PostgresType { .text }
    public static var postgresArrayType: PostgresType { .textArray }
    public var postgresText: String? { rawValue }
    public init?(postgresText: String) { self.init(rawValue: postgresText) }
}

extension Country: PostgresRawText {}
extension Language: PostgresRawText {}
extension EmploymentType: PostgresRawText {}
extension SalaryRange.Period: PostgresRawText {}
extension Member.ProfileVisibility: PostgresRawText {}
extension JobPosting.Status: PostgresRawText {}
extension ConnectionInvitation.Status: PostgresRawText {}
extension Account.Role: PostgresRawText {}
extension Session.Kind: PostgresRawText {}
extension Application.Stage: PostgresRawText {}
extension ReferralRequest.Status: PostgresRawText {}
extension OutboxEntry.Topic: PostgresRawText {}
extension OutboxEntry.Operation: PostgresRawText {}

/// `jsonb`: CVs as given.
extension JSONValue: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .jsonb }
    public var postgresText: String? { PostgresJSON(self).postgresText }
    public init?(postgresText: String) {
        guard let json = PostgresJSON<JSONValue>(postgresText: postgresText) else { return nil }
        self = json.value
    }
}
