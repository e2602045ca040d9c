/// Makes posting descriptions safe to show (FORMATS.md: "HTML allowed; it is
/// sanitised"), and gives their text for search and snippets.
///
/// `sanitize` keeps `p br ul ol li strong b em i h2 h3 h4`, without attributes (an
/// attribute is where scripts and tracking hide), closes what is left open and drops
/// closing tags that close nothing (so a description cannot break the page around it),
/// drops every other tag but keeps its text, drops `script style iframe object noscript
/// template` with their content, drops comments, and writes `<`, `>` and `&` of the text
/// as references. The result, sanitised again, is the same.
public enum HTMLSanitizer {
    /// The tags a description keeps: paragraphs, lists, emphasis and headings below the
    /// page's own `h1`.
    static let keptTags: Set<String> = ["p", "br", "ul", "ol", "li", "strong", "b", "em", "i", "h2", "h3", "h4"]

    /// Tags whose content is not text to show.
    static let droppedWithContent: Set<String> = ["script", "style", "iframe", "object", "noscript", "template"]

    /// Tags that separate words in plain text: `</p><p>` is a break, `</b>` is not.
    static let blockTags: Set<String> = [
        "p", "br", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "header",
        "footer", "aside", "nav", "blockquote", "pre", "hr", "table", "thead", "tbody", "tr", "td", "th", "dl", "dt",
        "dd", "figure", "figcaption", "address",
    ]

    /// `text` with `&`, `<` and `>` written as references: how the sanitiser writes
    /// text, and how text placed inside a description's HTML must be written.
    public static func escapeText(_ text: String) -> String {
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

    /// `html` reduced to the kept tags and escaped text: safe to put in a page as is.
    public static func sanitize(_ html: String) -> String {
        var output = ""
        var open: [String] = []
        for token in HTMLTokenizer.tokens(html) {
            switch token {
            case .text(let text):
                output += escapeText(text)
            case .start(let name):
                guard keptTags.contains(name) else { continue }
                if let index = implicitlyClosed(by: name, open: open) {
                    for tag in open[index...].reversed() { output += "</\(tag)>" }
                    open.removeSubrange(index...)
                }
                output += "<\(name)>"
                if name != "br" { open.append(name) }  // br is a void element: it has no end
            case .end(let name):
                guard let index = open.lastIndex(of: name) else { continue }
                // Closing an outer element closes the ones still open inside it.
                for tag in open[index...].reversed() { output += "</\(tag)>" }
                open.removeSubrange(index...)
            }
        }
        for tag in open.reversed() { output += "</\(tag)>" }
        return output
    }

    /// Where in `open` HTML closes elements by itself when `name` starts: a paragraph,
    /// list or heading ends an open paragraph, a heading the heading just before it, a
    /// list item the open item of its own list. Writing those end tags keeps the output
    /// the tree a browser builds from the input.
    private static func implicitlyClosed(by name: String, open: [String]) -> Int? {
        let headings: Set<String> = ["h2", "h3", "h4"]
        switch name {
        case "li":
            guard let item = open.lastIndex(of: "li") else { return nil }
            let list = open.lastIndex(where: { $0 == "ul" || $0 == "ol" }) ?? -1
            return item > list ? item : nil
        case _ where headings.contains(name):
            if let last = open.last, headings.contains(last) { return open.count - 1 }
            return open.lastIndex(of: "p")
        case "p", "ul", "ol":
            return open.lastIndex(of: "p")
        default:
            return nil
        }
    }

    /// The text of `html`: no tags, references decoded, every run of spaces and line
    /// ends one space, trimmed; blocks (paragraphs, list items, line breaks) are
    /// separated by a space.
    public static func plainText(_ html: String) -> String {
        var text = ""
        for token in HTMLTokenizer.tokens(html) {
            switch token {
            case .text(let chunk): text += chunk
            case .start(let name), .end(let name): if blockTags.contains(name) { text += " " }
            }
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// What a description is made of: text (references decoded) and tags (names in lower
/// case, attributes dropped). Comments, declarations and the elements dropped with their
/// content produce nothing. Malformed markup is read as browsers read it, so that what
/// the sanitiser lets through is what a browser would see.
enum HTMLToken: Equatable {
    case text(String)
    case start(String)
    case end(String)
}

struct HTMLTokenizer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var tokens: [HTMLToken] = []
    private var text = String.UnicodeScalarView()

    static func tokens(_ html: String) -> [HTMLToken] {
        var tokenizer = HTMLTokenizer(scalars: Array(html.unicodeScalars))
        tokenizer.run()
        return tokenizer.tokens
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    private mutating func run() {
        while index < scalars.count {
            switch scalars[index] {
            case "<":
                readMarkup()
            case "&":
                if let (scalar, length) = HTMLEntities.decode(scalars, at: index) {
                    text.append(scalar)
                    index += length
                } else {
                    text.append("&")  // a stray ampersand: text
                    index += 1
                }
            case "\u{0}":
                index += 1  // browsers ignore it
            default:
                text.append(scalars[index])
                index += 1
            }
        }
        flushText()
    }

    private mutating func flushText() {
        if !text.isEmpty { tokens.append(.text(String(text))) }
        text = String.UnicodeScalarView()
    }

    /// At a `<`: a tag, a comment, a declaration, or a `<` of the text ("salary < 50k").
    private mutating func readMarkup() {
        let next = scalar(at: index + 1)
        if next == "!" || next == "?" {
            // A comment ends at -->, a declaration or processing instruction at >.
            let isComment = scalar(at: index + 2) == "-" && scalar(at: index + 3) == "-"
            index = isComment ? end(of: "-->", from: index + 4) : end(of: ">", from: index + 2)
            return
        }
        let isEnd = next == "/"
        let nameStart = index + (isEnd ? 2 : 1)
        guard let first = scalar(at: nameStart), first.isASCII, first.properties.isAlphabetic else {
            if isEnd, scalar(at: nameStart) == ">" {
                index = nameStart + 1  // `</>` is nothing to a browser
            } else {
                text.append("<")
                index += 1
            }
            return
        }
        var nameEnd = nameStart
        while let scalar = scalar(at: nameEnd), !scalar.properties.isWhitespace, scalar != "/", scalar != ">" {
            nameEnd += 1
        }
        let name = String(String.UnicodeScalarView(scalars[nameStart..<nameEnd])).lowercased()
        guard let close = closingBracket(from: nameEnd) else {
            index = scalars.count  // a tag cut off by the end of the text: browsers drop it
            return
        }
        index = close + 1
        flushText()
        if isEnd {
            tokens.append(.end(name))
        } else if HTMLSanitizer.droppedWithContent.contains(name) {
            skipContent(of: name)
        } else {
            tokens.append(.start(name))
        }
    }

    /// The `>` that ends a tag whose name ends at `start`, past quoted attribute values
    /// (`title="a > b"`); nil when there is none.
    private func closingBracket(from start: Int) -> Int? {
        var position = start
        while let scalar = scalar(at: position) {
            if scalar == ">" { return position }
            position += 1
            if scalar == "=" {
                while let space = self.scalar(at: position), space.properties.isWhitespace { position += 1 }
                if let quote = self.scalar(at: position), quote == "\"" || quote == "'" {
                    position += 1
                    while let inner = self.scalar(at: position), inner != quote { position += 1 }
                    position += 1
                }
            }
        }
        return nil
    }

    /// Skips to the end of `</name>`: the content of a script or a style is not HTML, so
    /// nothing in it (not even `<b>`) counts until its own closing tag.
    private mutating func skipContent(of name: String) {
        let closing = Array("</\(name)".unicodeScalars)
        var position = index
        while position + closing.count <= scalars.count {
            let candidate = scalars[position..<position + closing.count]
            let follower = scalar(at: position + closing.count)
            let endsName = follower.map { $0 == ">" || $0 == "/" || $0.properties.isWhitespace } ?? true
            if endsName, String(String.UnicodeScalarView(candidate)).lowercased() == "</\(name)" {
                index = (closingBracket(from: position + closing.count) ?? scalars.count - 1) + 1
                return
            }
            position += 1
        }
        index = scalars.count  // never closed: the rest is its content
    }

    /// The index just past the first `terminator` at or after `start`, or the end.
    private func end(of terminator: String, from start: Int) -> Int {
        let target = Array(terminator.unicodeScalars)
        var position = start
        while position + target.count <= scalars.count {
            if Array(scalars[position..<position + target.count]) == target { return position + target.count }
            position += 1
        }
        return scalars.count
    }

    private func scalar(at position: Int) -> Unicode.Scalar? {
        position < scalars.count ? scalars[position] : nil
    }
}
