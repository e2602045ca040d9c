import Foundation

/// Folds an organisation's name into the key CV entries are matched on
/// (`companies.normalized_name`, `educations.normalized_institution`), so that
/// "Société Générale S.A.", "SOCIETE GENERALE" and "Société-Générale" meet:
///
/// 1. accents are removed (é → e, ü → u) and letters without a decomposition are
///    spelled out (ß → ss, æ → ae, œ → oe, ø → o, ł → l, đ → d, þ → th);
/// 2. everything is lower case;
/// 3. dots and apostrophes disappear ("S.A." → "sa", "L'Oréal" → "loreal"), any other
///    run of characters that are neither letters nor digits becomes one space;
/// 4. trailing legal forms (sa, sas, sarl, gmbh, ag, kg, ltd, plc, inc, llc, spa, srl,
///    sl, lda, bv, nv, co, …) are dropped while a word would remain, since a CV
///    rarely writes them ("Acme GmbH & Co. KG" → "acme").
///
/// Letters of other scripts (Chinese, Greek, Cyrillic) are kept. The result is
/// trimmed; an input made only of punctuation gives "".
public enum NameNormalizer {
    public static func normalize(_ name: String) -> String {
        var folded = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark
                || scalar.properties.generalCategory == .enclosingMark
            {
                continue  // the accent left over by the decomposition
            }
            if scalar == "." || scalar == "'" || scalar == "\u{2019}" {
                continue  // inside abbreviations and elisions: "S.A.", "L'Oréal"
            }
            guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil else {
                pendingSpace = !folded.isEmpty
                continue
            }
            if pendingSpace {
                folded.append(" ")
                pendingSpace = false
            }
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                if let spelled = spelledOut[lower] {
                    folded.append(contentsOf: spelled.unicodeScalars)
                } else {
                    folded.append(lower)
                }
            }
        }
        var words = String(folded).split(separator: " ")
        while words.count > 1, let last = words.last, legalForms.contains(String(last)) {
            words.removeLast()
        }
        return words.joined(separator: " ")
    }

    /// Letters that Unicode does not decompose into a base letter and an accent.
    private static let spelledOut: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
    ]

    /// Company legal forms of the job spaces' countries and the English-speaking world.
    static let legalForms: Set<String> = [
        // France
        "sa", "sas", "sasu", "sarl", "eurl", "sca", "snc", "scop", "cie",
        // Germany
        "gmbh", "ag", "kg", "kgaa", "ohg", "ug", "ev", "se",
        // Spain, Portugal, Italy
        "sl", "slu", "lda", "spa", "srl", "sapa",
        // Netherlands, Belgium
        "bv", "nv",
        // United Kingdom, United States
        "ltd", "limited", "plc", "llp", "inc", "llc", "corp", "co",
    ]
}
