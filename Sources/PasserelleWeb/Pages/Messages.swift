import Foundation
import Mustache
import PasserelleCore

/// The interface's words in one language: the flat catalogs `<area>.<lang>.json`
/// of every page area merged into one table of dotted keys (`search.title`).
/// Templates read them as `{{t.search.title}}`; a key no catalog holds renders as
/// ``missingMarker(_:)`` (`⟦search.title⟧`), which the tests look for.
struct Messages: Sendable {
    let language: Language
    private let table: [String: String]

    init(language: Language, table: [String: String]) {
        self.language = language
        self.table = table
    }

    /// What a missing key renders as: visible on the page and easy to find in tests.
    static func missingMarker(_ key: String) -> String { "⟦\(key)⟧" }

    /// Every key of this language.
    var keys: Set<String> { Set(table.keys) }

    /// The text of `key`, or its ``missingMarker(_:)``.
    subscript(_ key: String) -> String { table[key] ?? Self.missingMarker(key) }

    /// True when `key` names a text.
    func has(_ key: String) -> Bool { table[key] != nil }

    /// `key` with its `{name}` placeholders replaced by `values` (already formatted
    /// for the locale). A count picks `key.one` for 1 and `key.other` otherwise
    /// when the catalog has them (Chinese needs only `other`).
    func format(_ key: String, count: Int? = nil, _ values: [String: String] = [:]) -> String {
        var chosen = key
        if let count {
            let one = key + ".one"
            chosen = count == 1 && table[one] != nil ? one : key + ".other"
        }
        var text = self[chosen]
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }

    /// The object templates see as `t`.
    var lookup: Lookup { Lookup(messages: self, path: "") }

    /// `t.a.b.c` in a template: each step adds a part to the key; a step that
    /// completes a key gives its text, otherwise the path goes on (and renders as
    /// the missing marker if it ends there).
    struct Lookup: MustacheParent, MustacheCustomRenderable, CustomStringConvertible {
        let messages: Messages
        let path: String

        func child(named name: String) -> Any? {
            let key = path.isEmpty ? name : path + "." + name
            if let text = messages.table[key] { return text }
            return Lookup(messages: messages, path: key)
        }

        var renderText: String { Messages.missingMarker(path) }
        var isNull: Bool { false }
        var description: String { renderText }
    }
}

/// What went wrong reading the compiled-in catalogs: a programmer's mistake,
/// reported when the pages start (and by the tests), never at a request.
struct MessageCatalogError: Error, CustomStringConvertible {
    let description: String
}

/// The catalogs of every language, read from the compiled-in files of every area.
struct MessageCatalogs: Sendable {
    let byLanguage: [Language: Messages]

    subscript(_ language: Language) -> Messages { byLanguage[language]! }

    /// Merges `files` (name `<area>.<lang>.json` → bytes of a flat JSON object of
    /// strings). A key in two files of one language, a file that is not such an
    /// object, or a language missing an area's file is an error.
    init(files: [(name: String, bytes: [UInt8])]) throws {
        var tables: [Language: [String: String]] = [:]
        var origins: [Language: [String: String]] = [:]
        var areasByLanguage: [Language: Set<String>] = [:]
        for file in files {
            let parts = file.name.split(separator: ".")
            guard parts.count == 3, parts[2] == "json", let language = Language(rawValue: String(parts[1])) else {
                throw MessageCatalogError(description: "\(file.name): a catalog is named <area>.<lang>.json")
            }
            areasByLanguage[language, default: []].insert(String(parts[0]))
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(file.bytes))
            } catch {
                throw MessageCatalogError(description: "\(file.name): not JSON: \(error)")
            }
            guard let entries = object as? [String: Any] else {
                throw MessageCatalogError(description: "\(file.name): must be one JSON object of strings")
            }
            for (key, value) in entries {
                guard let text = value as? String else {
                    throw MessageCatalogError(description: "\(file.name): \(key): must be a string")
                }
                if let other = origins[language]?[key] {
                    throw MessageCatalogError(description: "\(file.name): \(key): already in \(other)")
                }
                origins[language, default: [:]][key] = file.name
                tables[language, default: [:]][key] = text
            }
        }
        let allAreas = areasByLanguage.values.reduce(into: Set<String>()) { $0.formUnion($1) }
        for language in Language.allCases {
            let missing = allAreas.subtracting(areasByLanguage[language] ?? [])
            if !missing.isEmpty {
                throw MessageCatalogError(
                    description: "no catalog for \(language): \(missing.sorted().map { "\($0).\(language).json" })")
            }
        }
        var byLanguage: [Language: Messages] = [:]
        for language in Language.allCases {
            byLanguage[language] = Messages(language: language, table: tables[language] ?? [:])
        }
        self.byLanguage = byLanguage
    }
}
