import Foundation
import PasserelleGenerator
import Testing

@Suite struct GeneratorDeterminismTests {
    static let files = [Generator.profilesFile, Generator.jobsFile, Generator.connectionsFile, Generator.fitsFile]

    /// Every output file's bytes.
    private func contents(seed: UInt64) throws -> [Data] {
        try GeneratorFixture.generate(members: 1500, postings: 400, seed: seed) { directory, _ in
            try Self.files.map { try Data(contentsOf: directory.appendingPathComponent($0)) }
        }
    }

    @Test func sameSeedGivesTheSameBytesAndAnotherSeedOthers() throws {
        let first = try contents(seed: 7)
        let again = try contents(seed: 7)
        let other = try contents(seed: 8)
        for (index, name) in Self.files.enumerated() {
            #expect(!first[index].isEmpty, "\(name) is empty")
            #expect(first[index] == again[index], "\(name) differs between two runs with the same seed")
            #expect(first[index] != other[index], "\(name) is the same with another seed")
        }
    }

    @Test func missingListIsNamed() {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-seed-\(UUID().uuidString)")
        #expect(throws: GeneratorError.missingList(empty.appendingPathComponent("cities.tsv").path)) {
            try ReferenceData(directory: empty)
        }
    }
}
