import PasserelleCore

/// What to generate: how many members and postings, from which seed, as of which day.
public struct GeneratorConfiguration: Sendable, Equatable {
    /// The largest counts the compact network encoding holds (21 bits a member).
    public static let maximumMembers = 2_000_000
    public static let maximumPostings = 5_000_000

    public var members: Int
    public var postings: Int
    public var seed: UInt64
    /// The day the data set is "now": postings are posted up to 90 days before it,
    /// careers end on it. Part of the arguments: the same day gives the same bytes.
    public var today: CalendarDate

    public init(members: Int, postings: Int, seed: UInt64, today: CalendarDate) {
        self.members = members
        self.postings = postings
        self.seed = seed
        self.today = today
    }

    /// Refuses counts the generator cannot honour.
    public func validate() throws(GeneratorError) {
        guard (10...Self.maximumMembers).contains(members) else {
            throw .invalidArgument("--members must be between 10 and \(Self.maximumMembers) (got \(members))")
        }
        guard (1...Self.maximumPostings).contains(postings) else {
            throw .invalidArgument("--postings must be between 1 and \(Self.maximumPostings) (got \(postings))")
        }
        guard today.year >= 2010, today.year < 2080 else {
            throw .invalidArgument("--today must be between 2010 and 2079 (got \(today))")
        }
    }
}
