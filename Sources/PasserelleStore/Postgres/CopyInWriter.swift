/// Collects rows for a `COPY ... FROM STDIN` in PostgreSQL's text format and sends
/// them in chunks of about a megabyte. Get one from ``PostgresConnection/copyIn(table:columns:_:)``.
public final class CopyInWriter {
    private let connection: PostgresConnection
    private var buffer: [UInt8] = []
    private let chunkSize = 1 << 20

    init(connection: PostgresConnection) {
        self.connection = connection
        buffer.reserveCapacity(chunkSize + 4096)
    }

    /// Appends one row, its values in the order of the COPY's columns (nil: NULL).
    public func append(_ values: [(any PostgresEncodable)?]) async throws {
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            if let text = value?.postgresText {
                CopyInWriter.appendEscaped(text, to: &buffer)
            } else {
                buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
            }
        }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= chunkSize {
            try await flush()
        }
    }

    func flush() async throws {
        guard !buffer.isEmpty else { return }
        let chunk = buffer
        buffer.removeAll(keepingCapacity: true)
        try await connection.sendCopyData(chunk)
    }

    /// COPY's text format: backslash, tab, newline and carriage return are escaped.
    static func appendEscaped(_ text: String, to buffer: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\t"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case UInt8(ascii: "\n"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            default: buffer.append(byte)
            }
        }
    }
}
