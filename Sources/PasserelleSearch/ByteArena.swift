import PasserelleIndexing

/// Copies of Swift strings and arrays that stay put for the length of one call
/// into indexing/: every `pi_bytes` made here points into memory the arena owns.
final class ByteArena {
    private var blocks: [UnsafeMutableRawPointer] = []

    deinit {
        for block in blocks { block.deallocate() }
    }

    /// Runs `body` with an arena freed when it returns.
    static func with<T>(_ body: (ByteArena) throws -> T) rethrows -> T {
        let arena = ByteArena()
        return try withExtendedLifetime(arena) { try body(arena) }
    }

    func bytes(_ text: String) -> pi_bytes {
        var text = text
        return text.withUTF8 { copy(UnsafeRawBufferPointer($0)) }
    }

    func bytes(_ data: [UInt8]) -> pi_bytes {
        data.withUnsafeBytes { copy($0) }
    }

    /// A list: the items separated by '\n' (which no item may hold).
    func list(_ items: [String]) -> pi_bytes {
        bytes(items.map { $0.replacing("\n", with: " ") }.joined(separator: "\n"))
    }

    func int64s(_ values: [Int64]) -> UnsafePointer<Int64>? {
        guard !values.isEmpty else { return nil }
        let block = UnsafeMutablePointer<Int64>.allocate(capacity: values.count)
        block.initialize(from: values, count: values.count)
        blocks.append(UnsafeMutableRawPointer(block))
        return UnsafePointer(block)
    }

    private func copy(_ source: UnsafeRawBufferPointer) -> pi_bytes {
        guard source.count > 0 else { return pi_bytes(data: nil, length: 0) }
        let block = UnsafeMutableRawPointer.allocate(byteCount: source.count, alignment: 1)
        block.copyMemory(from: source.baseAddress!, byteCount: source.count)
        blocks.append(block)
        return pi_bytes(data: block.assumingMemoryBound(to: CChar.self), length: source.count)
    }
}

extension pi_bytes {
    /// The bytes as a Swift string (invalid UTF-8 is repaired, never trusted).
    var string: String {
        guard let data, length > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }

    var array: [UInt8] {
        guard let data, length > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: data, count: length))
    }
}

/// Runs a call of indexing/ that reports failure with a non-zero code.
func checked(_ call: (UnsafeMutablePointer<pi_error>) -> Int32) throws(SearchError) {
    var error = pi_error()
    if call(&error) != 0 { throw SearchError(error) }
}

/// Runs a call of indexing/ that returns an object, or NULL on failure.
func checked<T>(_ call: (UnsafeMutablePointer<pi_error>) -> T?) throws(SearchError) -> T {
    var error = pi_error()
    guard let object = call(&error) else { throw SearchError(error) }
    return object
}
