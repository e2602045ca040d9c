/// The parameters of a URI's query string, percent-decoded by hand: a lenient
/// decoder would replace bytes that are not UTF-8 without a word, and a search
/// for the replacement character is not what the client asked for.
///
/// `+` is a space (HTML forms send spaces so); `%2B` is a plus. A parameter may
/// repeat. A value that is not UTF-8 is kept as such, so that the reader of that
/// parameter can say what is wrong with it. (Raw bytes that are not UTF-8
/// never get this far: the HTTP layer refuses such a request line with a 400.)
struct QueryParameters: Sendable {
    /// One decoded value: its text, or nil when its bytes are not UTF-8.
    struct Value: Sendable, Hashable {
        public let text: String?
    }

    private var values: [String: [Value]] = [:]

    /// Decodes `query` (the part after `?`, without `#`); nil or empty gives no parameters.
    init(query: String?) {
        guard let query, !query.isEmpty else { return }
        for pair in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            let rawName = pair[..<(equals ?? pair.endIndex)]
            let rawValue = equals.map { pair[pair.index(after: $0)...] } ?? pair[pair.endIndex...]
            // A name that is not UTF-8 cannot be one of ours: ignored like any unknown name.
            guard let name = Self.decode(rawName) else { continue }
            values[name, default: []].append(Value(text: Self.decode(rawValue)))
        }
    }

    /// Every value given for `name`, in order.
    subscript(name: String) -> [Value] { values[name] ?? [] }

    /// Percent-decodes `bytes` (`+` as a space); nil when the result is not UTF-8.
    static func decode(_ bytes: Substring.UTF8View.SubSequence) -> String? {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "+"):
                decoded.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                let high = bytes.index(after: index)
                if high < bytes.endIndex, case let low = bytes.index(after: high), low < bytes.endIndex,
                    let value = hexValue(bytes[high], bytes[low])
                {
                    decoded.append(value)
                    index = low
                } else {
                    // A stray `%` (`100%`) is kept as written, as browsers and most servers do.
                    decoded.append(byte)
                }
            default:
                decoded.append(byte)
            }
            index = bytes.index(after: index)
        }
        return String(validating: decoded, as: UTF8.self)
    }

    private static func hexValue(_ high: UInt8, _ low: UInt8) -> UInt8? {
        guard let high = hexDigit(high), let low = hexDigit(low) else { return nil }
        return high << 4 | low
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
