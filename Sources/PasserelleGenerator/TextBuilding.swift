/// Small text helpers shared by the writers.
enum TextBuilding {
    /// `value` in decimal, with leading zeros up to `width` digits.
    static func zeroPadded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// The text with its first letter in upper case (thesaurus titles are lower case:
    /// "comptable"), as a posting's title or a CV's headline shows it.
    static func capitalizedFirst(_ text: String) -> String {
        guard let first = text.first, first.isLowercase else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// A member's external id: `m-1` for index 0.
    static func memberID(_ index: Int) -> String { "m-" + String(index + 1) }
}
