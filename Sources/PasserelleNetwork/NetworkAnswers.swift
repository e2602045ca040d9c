/// A way from a member to a current employee of a company: ask the employee for a
/// referral (1st degree), or ask `intermediary` to introduce you (2nd degree).
public struct ReferralPath: Hashable, Sendable {
    public var employee: Int64
    /// The contact who knows the employee; nil when the member knows the employee.
    public var intermediary: Int64?
    /// The product of the ties' strengths along the path (0…1).
    public var strength: Float

    public var degree: Int { intermediary == nil ? 1 : 2 }
}

/// A shortest path between two members, both ends included.
public struct NetworkPath: Hashable, Sendable {
    public var members: [Int64]
    /// The product of the ties' strengths along the path (0…1).
    public var strength: Float

    public var degree: Int { members.count - 1 }
}

/// How a member is reached from a company's current employees.
public struct TalentLink: Hashable, Sendable {
    public struct Bridge: Hashable, Sendable {
        /// The current employee the candidate is reached through.
        public var employee: Int64
        /// The contact between them; nil when the employee knows the candidate.
        public var through: Int64?
        public var strength: Float

        public var degree: Int { through == nil ? 1 : 2 }
    }

    public var candidate: Int64
    /// 1 or 2: the best bridge's.
    public var degree: Int
    /// The best bridges first (closer, then stronger), at most ``TalentLink/maximumBridges``.
    public var bridges: [Bridge]

    public static let maximumBridges = 3
}

/// How close a viewer is to a company's current employees.
public struct CompanyCloseness: Hashable, Sendable {
    /// The viewer's connections who work there now.
    public var peopleYouKnow: Int
    /// The viewer's distance to the nearest of them (1…3); nil: further or nobody.
    public var bestDegree: Int?

    public init(peopleYouKnow: Int, bestDegree: Int?) {
        self.peopleYouKnow = peopleYouKnow
        self.bestDegree = bestDegree
    }
}

/// The graph's size, for logs and the benchmark.
public struct NetworkStatistics: Hashable, Sendable {
    public var members: Int
    /// Each connection once.
    public var connections: Int
    /// Bytes of the compressed arrays and per-member tables.
    public var memoryBytes: Int
    /// Edge changes waiting in the delta for the next compaction.
    public var pendingChanges: Int
}
