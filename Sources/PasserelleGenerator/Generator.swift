import Dispatch
import Foundation
import Synchronization

/// What a run wrote, and the shape of its network.
public struct GenerationReport: Sendable {
    /// A file written: its name in the output directory, its lines (without the CSV
    /// header) and its size.
    public struct File: Sendable, Equatable {
        public let name: String
        public let lines: Int
        public let bytes: Int
    }

    public let files: [File]
    public let companies: Int
    public let network: NetworkShape
}

/// `passerelle generate`: a realistic data set (CVs, postings, connections) drawn from the
/// reference lists of seed/, the same bytes for the same configuration.
///
/// The members' facts are drawn first, in one pass; then three jobs run side by side,
/// each writing its own file in a fixed order (postings and fits; profiles; the network
/// and connections), so that using both cores never changes a byte.
public struct Generator: Sendable {
    public static let profilesFile = "profiles.jsonl"
    public static let jobsFile = "jobs.jsonl"
    public static let connectionsFile = "connections.csv"
    public static let fitsFile = "fits.jsonl"

    public let configuration: GeneratorConfiguration
    public let reference: ReferenceData

    public init(configuration: GeneratorConfiguration, reference: ReferenceData) {
        self.configuration = configuration
        self.reference = reference
    }

    /// Writes the four files into `directory` (created if needed).
    public func run(into directory: URL) throws(GeneratorError) -> GenerationReport {
        try configuration.validate()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(directory.path, "\(error)")
        }
        // Employments per member average about 2.5.
        let companies = CompanyDirectory(
            expectedEmployments: Double(configuration.members) * 2.5, reference: reference, seed: configuration.seed)
        let fits = FitSamples(members: configuration.members, postings: configuration.postings)
        let plan = MemberPlan(configuration: configuration, reference: reference, companies: companies, fits: fits)
        @Sendable func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

        let results = Mutex<[Int: Result<[GenerationReport.File], GeneratorError>]>([:])
        let shape = Mutex<NetworkShape?>(nil)
        let (configuration, reference) = (self.configuration, self.reference)
        DispatchQueue.concurrentPerform(iterations: 3) { job in
            let result = Result { () throws(GeneratorError) -> [GenerationReport.File] in
                switch job {
                case 0:
                    let network = NetworkBuilder(configuration: configuration, plan: plan, reference: reference)
                    let edges = network.build()
                    let written = try ConnectionWriter.write(edges, to: path(Self.connectionsFile))
                    shape.withLock { $0 = Self.shape(of: edges, countries: plan.country) }
                    return [.init(name: Self.connectionsFile, lines: written.lines, bytes: written.bytes)]
                case 1:
                    let written = try PostingWriter(
                        configuration: configuration, reference: reference, companies: companies
                    )
                    .write(to: path(Self.jobsFile))
                    let fitted = try FitsWriter(
                        configuration: configuration, reference: reference, companies: companies, fits: fits
                    ).write(to: path(Self.fitsFile))
                    return [
                        .init(name: Self.jobsFile, lines: written.lines, bytes: written.bytes),
                        .init(name: Self.fitsFile, lines: fitted.lines, bytes: fitted.bytes),
                    ]
                default:
                    let written = try ProfileWriter(
                        configuration: configuration, reference: reference, companies: companies, plan: plan, fits: fits
                    ).write(to: path(Self.profilesFile))
                    return [.init(name: Self.profilesFile, lines: written.lines, bytes: written.bytes)]
                }
            }
            results.withLock { $0[job] = result }
        }
        var files: [GenerationReport.File] = []
        for job in [2, 1, 0] {
            guard let result = results.withLock({ $0[job] }) else { continue }
            files += try result.get()
        }
        guard let network = shape.withLock({ $0 }) else {
            throw .cannotWrite(path(Self.connectionsFile), "the network was not built")
        }
        return GenerationReport(files: files, companies: companies.ids.count, network: network)
    }

    /// The shape of the packed, deduplicated edges.
    static func shape(of edges: [UInt64], countries: [UInt8]) -> NetworkShape {
        let adjacency = Adjacency(
            nodeCount: countries.count, pairs: edges.lazy.map { (PackedEdge.first($0), PackedEdge.second($0)) })
        var inCountry = 0
        for edge in edges where countries[PackedEdge.first(edge)] == countries[PackedEdge.second(edge)] {
            inCountry += 1
        }
        return NetworkShape(
            adjacency: adjacency, inCountry: inCountry, connectionCount: edges.count,
            sample: NetworkShape.defaultClusteringSample)
    }
}
