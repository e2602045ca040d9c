import Foundation

/// Writes a file line by line through a buffer flushed in chunks of ``chunkSize``:
/// millions of small writes would cost more than building the lines.
final class LineSink {
    static let chunkSize = 4 << 20

    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Lines written so far.
    private(set) var lines = 0
    /// Bytes written so far, including the buffered ones.
    private(set) var bytes = 0

    /// Creates (or empties) the file at `path`.
    init(path: String) throws(GeneratorError) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
            let handle = FileHandle(forWritingAtPath: path)
        else { throw .cannotWrite(path, "the file cannot be created") }
        self.path = path
        self.handle = handle
        buffer.reserveCapacity(Self.chunkSize + (64 << 10))
    }

    /// Writes `count` lines, `line(0)` to `line(count - 1)`, to a new file at
    /// `path`; returns how many lines and bytes.
    static func writeFile(
        at path: String, count: Int, line: (Int) -> String
    ) throws(GeneratorError) -> (lines: Int, bytes: Int) {
        let sink = try LineSink(path: path)
        for index in 0..<count {
            try sink.write(line(index))
        }
        try sink.close()
        return (sink.lines, sink.bytes)
    }

    /// Appends `line` and a line feed.
    func write(_ line: String) throws(GeneratorError) {
        var line = line
        line.withUTF8 { buffer.append(contentsOf: $0) }
        buffer.append(UInt8(ascii: "\n"))
        lines += 1
        bytes += line.utf8.count + 1
        if buffer.count >= Self.chunkSize { try flush() }
    }

    /// Writes out what is buffered.
    func flush() throws(GeneratorError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw .cannotWrite(path, "\(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file.
    func close() throws(GeneratorError) {
        try flush()
        do {
            try handle.close()
        } catch {
            throw .cannotWrite(path, "\(error)")
        }
    }
}
