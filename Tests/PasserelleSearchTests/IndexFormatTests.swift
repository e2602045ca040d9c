import Foundation
import PasserelleCore
import PasserelleSearch
import PasserelleTestSupport
import Testing

@Suite("Shard formats")
struct IndexFormatTests {
    @Test("A shard this build writes records its format; one without the record is of format 1, and outdated")
    func format() throws {
        let root = try makeTemporaryDataDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = IndexLayout(root: root)
        #expect(layout.format(.france, .jobs) == nil)
        try layout.openWriter(.france, .jobs, thesaurus: nil).commit(position: .start)
        #expect(layout.format(.france, .jobs) == IndexLayout.documentFormat)
        #expect(layout.outdatedShards(Country.jobSpaces) == [])

        // A shard written before formats were recorded.
        try layout.openWriter(.germany, .profiles, thesaurus: nil).commit(position: .start)
        let directory = try #require(layout.currentDirectory(.germany, .profiles))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("passerelle-format"))
        #expect(layout.format(.germany, .profiles) == 1)
        #expect(layout.outdatedShards(Country.jobSpaces) == ["DE/profiles"])
    }
}
