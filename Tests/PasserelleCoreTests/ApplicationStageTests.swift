import PasserelleCore
import Testing

@Suite("Application stages")
struct ApplicationStageTests {
    @Test("Each stage allows exactly its next step, rejected and withdrawn; final stages allow nothing")
    func transitionTable() {
        let allowed = Dictionary(uniqueKeysWithValues: Application.Stage.allCases.map { ($0, $0.allowedMoves) })
        #expect(
            allowed == [
                .applied: [.screening, .rejected, .withdrawn],
                .screening: [.interview, .rejected, .withdrawn],
                .interview: [.offer, .rejected, .withdrawn],
                .offer: [.hired, .rejected, .withdrawn],
                .hired: [],
                .rejected: [],
                .withdrawn: [],
            ])
    }

    @Test("No stage moves backwards, skips a step, or moves to itself")
    func noShortcuts() {
        #expect(!Application.Stage.applied.canMove(to: .interview))
        #expect(!Application.Stage.applied.canMove(to: .hired))
        #expect(!Application.Stage.interview.canMove(to: .screening))
        #expect(!Application.Stage.offer.canMove(to: .offer))
        #expect(!Application.Stage.rejected.canMove(to: .applied))
    }

    @Test("Hired, rejected and withdrawn are the final stages")
    func finalStages() {
        #expect(Application.Stage.allCases.filter(\.isFinal) == [.hired, .rejected, .withdrawn])
    }
}
