import Foundation
import PasserelleStore
import Synchronization

/// Shows a long job's progress (an import, a reindex) on standard error: on a
/// terminal, a bar redrawn in place with the rate and the time left; otherwise a
/// plain line every 5 seconds.
final class ProgressMeter: Sendable {
    private let label: String
    private let isTerminal = isatty(2) == 1
    private let lastShown = Mutex<ContinuousClock.Instant?>(nil)

    init(label: String) {
        self.label = label
    }

    @Sendable func update(_ progress: ImportProgress) {
        let fraction = progress.totalBytes > 0 ? Double(progress.bytesRead) / Double(progress.totalBytes) : 1
        update(count: progress.linesRead, unit: "lines", fraction: fraction, elapsed: progress.elapsed)
    }

    /// `count` things of `unit` done in `elapsed`, `fraction` of the whole job.
    @Sendable func update(count: Int, unit: String, fraction: Double, elapsed: Duration) {
        let now = ContinuousClock.now
        let due = lastShown.withLock { last -> Bool in
            let interval: Duration = isTerminal ? .milliseconds(200) : .seconds(5)
            guard last.map({ now - $0 >= interval }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return }
        let seconds = max(elapsed / .seconds(1), 0.001)
        let rate = Double(count) / seconds
        let left = fraction > 0 ? seconds * (1 - fraction) / fraction : 0
        let figures = "\(count) \(unit), \(Int(rate))/s, \(Int(left.rounded())) s left"
        if isTerminal {
            let width = 30
            let filled = Int((fraction * Double(width)).rounded(.down))
            let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
            printErrorRaw("\r\(label) [\(bar)] \(Int(fraction * 100))% \(figures)   ")
        } else {
            printError("\(label): \(Int(fraction * 100))% \(figures)")
        }
    }

    func finish() {
        if isTerminal { printErrorRaw("\n") }
    }
}

private func printErrorRaw(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
