import Foundation
import PasserelleSearch
import Testing

@Suite("Xapian through indexing/")
struct XapianTests {
    @Test("The linked Xapian reports a 1.x version")
    func reportsVersion() {
        #expect(Xapian.version.wholeMatch(of: /1\.\d+\.\d+/) != nil)
    }

    @Test("A Xapian exception comes back as a typed SearchError, not a crash")
    func exceptionBecomesTypedError() async throws {
        let missing = FileManager.default.temporaryDirectory
            .appendingPathComponent("passerelle-no-such-shard-\(UUID().uuidString)").path
        let error = await #expect(throws: SearchError.self) { try await Xapian.checkDatabase(at: missing) }
        #expect(error?.type == "DatabaseNotFoundError" || error?.type == "DatabaseOpeningError")
        #expect(error?.message.isEmpty == false)
    }
}
