import Dispatch
import Foundation
import PasserelleCore
import PasserelleGenerator
import Synchronization

/// The real seed/ lists of the repository and temporary output directories.
enum GeneratorFixture {
    /// seed/ at the root of the package, found from this file's path.
    static let seedDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("seed")

    /// Loaded once: every test reads the same lists.
    static let reference: ReferenceData = {
        do {
            return try ReferenceData(directory: seedDirectory)
        } catch {
            fatalError("seed/ lists: \(error)")
        }
    }()

    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    /// Generates into a new temporary directory, which `body` gets and which is removed after.
    static func generate<T>(
        members: Int, postings: Int, seed: UInt64, _ body: (URL, GenerationReport) throws -> T
    ) throws -> T {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("passerelle-generate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = GeneratorConfiguration(members: members, postings: postings, seed: seed, today: today)
        let report = try Generator(configuration: configuration, reference: reference).run(into: directory)
        return try body(directory, report)
    }

    /// The lines of a file, without their line feeds.
    static func lines(_ url: URL) throws -> [ArraySlice<UInt8>] {
        let bytes = [UInt8](try Data(contentsOf: url))
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
    }

    /// `transform` of every element, on every core (decoding a hundred thousand lines in a
    /// debug build takes a while), in the elements' order; the first error, if any.
    static func parallelMap<T: Sendable, R: Sendable>(
        _ elements: [T], _ transform: @Sendable (T) throws -> R
    ) throws -> [R] {
        let chunks = 8
        let results = Mutex<[Int: Result<[R], any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (chunk * elements.count / chunks)..<((chunk + 1) * elements.count / chunks)
            let result = Result { try elements[range].map(transform) }
            results.withLock { $0[chunk] = result }
        }
        return try (0..<chunks).flatMap { chunk in try results.withLock { $0[chunk]! }.get() }
    }
}
