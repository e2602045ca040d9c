import Foundation

/// A form's problems, by field, in the page's words: each shown next to its
/// field (`aria-describedby`), and a summary at the top that links to them.
struct FormErrors: Sendable {
    private(set) var byField: [String: String] = [:]
    /// A problem of the whole form (wrong password, too many attempts).
    var general: String?

    var isEmpty: Bool { byField.isEmpty && general == nil }

    mutating func add(_ field: String, _ message: String) {
        if byField[field] == nil { byField[field] = message }
    }

    /// The model of a field: its value, its error, its `aria-invalid`.
    func field(_ name: String, value: String = "") -> [String: Any] {
        ["value": value, "error": byField[name] ?? "", "invalid": byField[name] != nil]
    }

    /// The model of the summary: `{general, items: [{field, message}]}`, or false.
    func summary(order: [String], intro: String) -> Any {
        guard !isEmpty else { return false }
        return [
            "intro": intro, "general": general ?? "",
            "items": order.compactMap { name in byField[name].map { ["field": name, "message": $0] } },
        ] as [String: Any]
    }
}
