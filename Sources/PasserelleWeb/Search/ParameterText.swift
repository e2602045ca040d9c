/// A value quoted for a message, cut short: messages echo what was sent, not all of it.
func quoted(_ text: some StringProtocol) -> String {
    let limit = 40
    return text.count <= limit ? "\"\(text)\"" : "\"\(text.prefix(limit))…\""
}

extension StringProtocol {
    var trimmingWhitespace: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
