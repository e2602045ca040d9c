import Foundation

/// Two members who know each other. The pair is unordered and kept with the
/// smaller id first, as the schema stores it: `Connection(7, 3)` is `Connection(3, 7)`.
public struct Connection: Hashable, Sendable, Codable, Validatable {
    /// The smaller member id.
    public private(set) var memberA: Int64
    /// The larger member id.
    public private(set) var memberB: Int64
    public var since: Date
    /// 0 to 1; nil: the network computes it from what the two share.
    public var strength: Double?

    /// The connection between `first` and `second`, in either order.
    public init(_ first: Int64, _ second: Int64, since: Date = Date(), strength: Double? = nil) {
        memberA = min(first, second)
        memberB = max(first, second)
        self.since = since
        self.strength = strength
    }

    /// True when `member` is one of the two.
    public func involves(_ member: Int64) -> Bool { member == memberA || member == memberB }

    /// The other member of the pair, seen from `member` (one of the two).
    public func other(than member: Int64) -> Int64 {
        precondition(involves(member), "member \(member) is not part of this connection")
        return member == memberA ? memberB : memberA
    }

    public func validate() throws(ValidationError) {
        var validator = Validator()
        validator.check(memberA != memberB, "memberB", "a member cannot be connected to itself")
        if let strength {
            validator.check(
                (0...1).contains(strength), "strength", "must be between 0 and 1 (got \(strength))")
        }
        try validator.finish()
    }
}
