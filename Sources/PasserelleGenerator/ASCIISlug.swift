import Foundation

/// Text reduced to lower-case ASCII letters and digits, other runs becoming one hyphen
/// (`Müller & Fils` → `muller-fils`): company ids, host names, email addresses.
enum ASCIISlug {
    static func make(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        var slug = ""
        for scalar in folded.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug += "-"
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug
    }
}
