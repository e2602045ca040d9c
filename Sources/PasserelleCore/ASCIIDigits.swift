/// Reading decimal digits straight from UTF-8 bytes, for the date and time parsers.
enum ASCIIDigits {
    static func value(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// The number the bytes spell, or nil when one of them is not a digit.
    static func number(_ digits: some Collection<UInt8>) -> Int? {
        var result = 0
        for byte in digits {
            guard let digit = value(byte) else { return nil }
            result = result * 10 + digit
        }
        return result
    }
}
