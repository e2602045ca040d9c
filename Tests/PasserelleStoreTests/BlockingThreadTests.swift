import Foundation
import PasserelleStore
import Testing

@Suite("BlockingThread")
struct BlockingThreadTests {
    @Test("Jobs run on the thread itself, one at a time, in the order submitted")
    func jobsRunOnTheThreadInOrder() async throws {
        let thread = BlockingThread(name: "passerelle-test-thread")
        defer { thread.stop() }
        #expect(!thread.isCurrent)
        let names = try await withThrowingTaskGroup(of: (Int, String?, Bool).self) { group in
            for number in 0..<20 {
                group.addTask {
                    try await thread.run { (number, currentThreadName(), thread.isCurrent) }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(names.count == 20)
        #expect(names.allSatisfy { $0.2 }, "\(names)")
        // The name shows in `top -H` and debuggers, cut to Linux's 15 bytes.
        #expect(names.allSatisfy { $0.1 == "passerelle-test" }, "\(names.map(\.1))")
        // Submitted in sequence, they come back in sequence.
        var order: [Int] = []
        for number in 0..<10 { order.append(try await thread.run { number }) }
        #expect(order == Array(0..<10))
    }

    @Test("A job submitted after stop() is refused, not lost silently")
    func jobAfterStopIsRefused() async throws {
        let thread = BlockingThread(name: "passerelle-test-stopped")
        thread.stop()
        await #expect(throws: CancellationError.self) { try await thread.run { 1 } }
    }
}

/// The kernel's name for the calling thread, as `top -H` shows it.
private func currentThreadName() -> String {
    let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
    return name.trimmingCharacters(in: .newlines)
}
