extension StringProtocol {
    /// The text without white space at either end: the Unicode White_Space characters
    /// (spaces, tabs, line breaks, no-break spaces), the set Foundation's
    /// `.whitespacesAndNewlines` names, without its round trip through UTF-16, which
    /// dominated decoding. The text as it is when there is nothing to trim.
    var trimmingWhitespace: String {
        trimming(where: { $0.isASCII ? $0 == " " || ("\t"..."\r").contains($0) : Self.isWideSpace($0) })
    }

    /// The text without spaces and tabs at either end (Foundation's `.whitespaces`:
    /// the space separators, Zs, and the tab), line breaks kept.
    var trimmingSpaces: String {
        trimming(where: { $0 == " " || $0 == "\t" || (!$0.isASCII && Self.isWideSpace($0) && !$0.isLineBreak) })
    }

    /// White space beyond ASCII; with U+200B, zero width space, which Foundation's
    /// sets keep from Unicode 4.0, where it was a space separator.
    private static func isWideSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{200B}"
    }

    private func trimming(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !isTrimmed(first) && !isTrimmed(last) { return String(self) }
        guard let start = scalars.firstIndex(where: { !isTrimmed($0) }),
            let end = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}

extension Unicode.Scalar {
    /// A line break beyond ASCII: next line (U+0085), line and paragraph separators.
    fileprivate var isLineBreak: Bool { self == "\u{85}" || self == "\u{2028}" || self == "\u{2029}" }
}
