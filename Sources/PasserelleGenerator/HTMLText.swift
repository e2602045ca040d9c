/// Text placed inside the HTML of a description: `&`, `<` and `>` written as references,
/// as the importer's sanitiser writes them, so that a description reads back unchanged.
enum HTMLText {
    static func escaped(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return text }
        var output = ""
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            default: output.append(character)
            }
        }
        return output
    }
}
