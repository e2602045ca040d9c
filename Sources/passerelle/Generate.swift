import ArgumentParser
import Foundation
import PasserelleCore
import PasserelleGenerator

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes a realistic data set: CVs, postings and connections in the formats import reads.",
        discussion: """
            Writes profiles.jsonl (JSON Resume), jobs.jsonl (schema.org JobPosting), connections.csv, and \
            fits.jsonl: for a sample of postings, the members generated to fit them. The same arguments, seed \
            and --today give the same bytes.
            """)

    @Option(help: "How many members (CVs).")
    var members: Int

    @Option(help: "How many job postings.")
    var postings: Int

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "The directory to write the files to (created if needed).")
    var out: String

    @Option(help: "Where the reference lists are.")
    var seedDir = "seed"

    @Option(help: "The day the data set is generated as of, YYYY-MM-DD (default: today, UTC).")
    var today: CalendarDate?

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let day = today ?? CalendarDate(utcDayOf: Date())
        let configuration = GeneratorConfiguration(members: members, postings: postings, seed: seed, today: day)
        do {
            try configuration.validate()
            let reference = try ReferenceData(directory: URL(fileURLWithPath: seedDir))
            let report = try Generator(configuration: configuration, reference: reference)
                .run(into: URL(fileURLWithPath: out))
            for file in report.files {
                print("\(file.name): \(file.lines) lines, \(file.bytes / 1_000_000) MB")
            }
            print("\(report.companies) companies, as of \(day), seed \(seed)")
            print("network: \(report.network)")
            let elapsed = clock.now - started
            print("elapsed: \(elapsed.formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 1))))")
        } catch {
            throw ValidationError(error.description)
        }
    }
}
