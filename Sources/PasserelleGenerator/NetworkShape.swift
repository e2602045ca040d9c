/// The shape of a network, to check that it looks like a real professional network:
/// heavy-tailed degrees (a median of a few dozen, a few members with thousands), strong
/// clustering (colleagues and classmates know each other), and mostly national ties.
public struct NetworkShape: Sendable, Equatable, CustomStringConvertible {
    public let memberCount: Int
    public let connectionCount: Int
    /// The median number of connections per member (members without any count as 0).
    public let medianDegree: Double
    public let maximumDegree: Int
    /// The average local clustering coefficient (members with fewer than two connections
    /// count as 0, as networkx does), over ``clusteringSampleSize`` members.
    public let averageClustering: Double
    /// How many members the clustering was averaged over: all of them up to
    /// ``defaultClusteringSample``, else an evenly spaced sample of that many.
    public let clusteringSampleSize: Int
    /// The share of connections whose two members live in the same country.
    public let inCountryShare: Double

    /// Members over which the clustering is averaged when there are more.
    public static let defaultClusteringSample = 20_000

    /// The shape of `connections` (pairs of member indices in `0..<countries.count`),
    /// `countries[m]` being member m's country (any code that compares).
    public init(
        countries: [UInt8], connections: some Collection<(Int, Int)>,
        clusteringSample: Int = NetworkShape.defaultClusteringSample
    ) {
        let count = countries.count
        let adjacency = Adjacency(nodeCount: count, pairs: connections)
        var inCountry = 0
        for (a, b) in connections where countries[a] == countries[b] { inCountry += 1 }
        self.init(
            adjacency: adjacency, inCountry: inCountry, connectionCount: connections.count, sample: clusteringSample)
    }

    init(adjacency: Adjacency, inCountry: Int, connectionCount: Int, sample: Int) {
        let count = adjacency.offsets.count - 1
        var degrees = (0..<count).map(adjacency.degree)
        degrees.sort()
        memberCount = count
        self.connectionCount = connectionCount
        medianDegree =
            count == 0
            ? 0 : count % 2 == 1 ? Double(degrees[count / 2]) : Double(degrees[count / 2 - 1] + degrees[count / 2]) / 2
        maximumDegree = degrees.last ?? 0
        inCountryShare = connectionCount == 0 ? 0 : Double(inCountry) / Double(connectionCount)

        // Local clustering by marking the node's neighbours, then counting, for each
        // neighbour, its neighbours that are marked: linear in the neighbours' degrees.
        let sampled = min(count, sample)
        var marks = [Bool](repeating: false, count: count)
        var total = 0.0
        for step in 0..<sampled {
            let node = count == sampled ? step : Int(Double(step) * Double(count) / Double(sampled))
            let neighbours = adjacency.neighbours(node)
            let degree = neighbours.count
            guard degree > 1 else { continue }
            for neighbour in neighbours { marks[Int(neighbour)] = true }
            var links = 0
            for neighbour in neighbours {
                for other in adjacency.neighbours(Int(neighbour)) where marks[Int(other)] { links += 1 }
            }
            for neighbour in neighbours { marks[Int(neighbour)] = false }
            // Each link between two neighbours was counted from both ends.
            total += Double(links) / Double(degree * (degree - 1))
        }
        averageClustering = sampled == 0 ? 0 : total / Double(sampled)
        clusteringSampleSize = sampled
    }

    public var description: String {
        func format(_ value: Double) -> String { String((value * 1000).rounded() / 1000) }
        return "\(memberCount) members, \(connectionCount) connections; degree median \(format(medianDegree)), "
            + "max \(maximumDegree); clustering \(format(averageClustering)) (over \(clusteringSampleSize) members); "
            + "in-country \(format(inCountryShare * 100))%"
    }
}
