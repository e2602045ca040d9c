/// A language of postings, CVs and the interface, its raw value the ISO 639-1 code.
/// Stemming follows it (Snowball for the European ones, n-grams for Chinese).
public enum Language: String, CaseIterable, Hashable, Sendable, Codable, CustomStringConvertible {
    case fr, en, de, es, it, pt, zh

    /// The ISO 639-1 code.
    public var code: String { rawValue }
    public var description: String { rawValue }
}
