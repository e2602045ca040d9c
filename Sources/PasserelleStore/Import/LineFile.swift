import Foundation

/// One line of an import file: its number (from 1) and its bytes, without the
/// line break.
public struct FileLine: Sendable {
    public let number: Int
    public let bytes: [UInt8]
}

/// Reads a file's lines in batches, a chunk at a time, so memory stays flat
/// whatever the file's size. Reads run on a thread of their own.
final class LineFile: @unchecked Sendable {
    // Used by one task at a time: the import that owns it.
    private let descriptor: Int32
    private let thread = BlockingThread(name: "passerelle-read")
    private var pending: [UInt8] = []
    private var nextNumber = 1
    private var atEnd = false
    private(set) var bytesRead = 0
    let totalBytes: Int
    let path: String

    init(path: String) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ImportError.cannotOpen(path, String(cString: strerror(errno))) }
        var status = stat()
        fstat(descriptor, &status)
        totalBytes = Int(status.st_size)
        self.path = path
    }

    deinit {
        close(descriptor)
        thread.stop()
    }

    /// Runs `body` on the file's own thread: decoding a batch is seconds of CPU
    /// that would otherwise hold one of the cooperative pool's few threads (two
    /// on two cores) and hold up every other task of the process.
    func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await thread.run(body)
    }

    /// Up to `count` lines; empty at the end of the file. Blank lines are
    /// skipped but counted, so line numbers match an editor's.
    func next(_ count: Int) async throws -> [FileLine] {
        var lines: [FileLine] = []
        var start = pending.startIndex
        while lines.count < count {
            if let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                append(pending[start..<newline], to: &lines)
                start = newline + 1
                continue
            }
            if atEnd {
                if start < pending.endIndex { append(pending[start...], to: &lines) }
                start = pending.endIndex
                break
            }
            pending.removeSubrange(..<start)
            start = pending.startIndex
            let chunk = try await readChunk()
            if chunk.isEmpty { atEnd = true } else { pending += chunk }
        }
        pending.removeSubrange(..<start)
        return lines
    }

    private func append(_ bytes: ArraySlice<UInt8>, to lines: inout [FileLine]) {
        defer { nextNumber += 1 }
        var line = bytes
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return }
        lines.append(FileLine(number: nextNumber, bytes: Array(line)))
    }

    private func readChunk() async throws -> [UInt8] {
        let descriptor = descriptor
        let chunk = try await thread.run { () throws -> [UInt8] in
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw ImportError.cannotRead(String(cString: strerror(errno))) }
            return Array(buffer.prefix(count))
        }
        bytesRead += chunk.count
        return chunk
    }
}

/// Appends text to a file, on a thread of its own; for the rejected lines and
/// the problems of an import, and for exports.
final class FileWriter: @unchecked Sendable {
    private let descriptor: Int32
    private let thread = BlockingThread(name: "passerelle-write")
    let path: String

    /// Creates (or empties) the file at `path`.
    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ImportError.cannotOpen(path, String(cString: strerror(errno))) }
        self.path = path
    }

    deinit {
        close(descriptor)
        thread.stop()
    }

    func write(_ bytes: [UInt8]) async throws {
        let descriptor = descriptor
        try await thread.run {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                guard written > 0 else { throw ImportError.cannotWrite(String(cString: strerror(errno))) }
                offset += written
            }
        }
    }
}
