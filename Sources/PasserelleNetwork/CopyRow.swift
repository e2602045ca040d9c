/// The integer fields of one row of `COPY … TO STDOUT` in the text format, read
/// without making strings: `\N` (NULL) reads as nil. The graph's COPY statements
/// select integers only.
struct CopyRow {
    private var fields: [Int64?] = []

    /// Reads `bytes`; throws when a field is not an integer or NULL.
    mutating func read(_ bytes: UnsafeRawBufferPointer) throws(GraphLoadError) -> [Int64?] {
        fields.removeAll(keepingCapacity: true)
        var value: Int64 = 0
        var negative = false
        var digits = 0
        var null = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\t"):
                fields.append(null ? nil : (negative ? -value : value))
                (value, negative, digits, null) = (0, false, 0, false)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = value &* 10 &+ Int64(byte &- UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: "-") where digits == 0:
                negative = true
            case UInt8(ascii: "\\"), UInt8(ascii: "N"):
                null = true
            default:
                throw GraphLoadError(message: "a COPY field holds \(byte), not an integer")
            }
        }
        fields.append(null ? nil : (negative ? -value : value))
        return fields
    }
}

/// The graph could not be loaded or kept up to date.
public struct GraphLoadError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
