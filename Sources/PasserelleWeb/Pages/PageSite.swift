import Foundation
import Mustache
import PasserelleCore

/// The compiled-in templates and catalogs of every area, parsed once.
struct PageSite: Sendable {
    let library: MustacheLibrary
    let catalogs: MessageCatalogs
    let areas: [PageArea]
    /// Each template's text, for the tests that check its keys.
    let templateTexts: [String: String]

    init(areas: [PageArea]) throws {
        var templates: [String: MustacheTemplate] = [:]
        var texts: [String: String] = [:]
        var files: [(name: String, bytes: [UInt8])] = []
        for area in areas {
            for (name, bytes) in area.templates {
                guard texts[name] == nil else {
                    throw MessageCatalogError(description: "template \(name) is defined twice")
                }
                let text = String(decoding: bytes, as: UTF8.self)
                do {
                    templates[name] = try MustacheTemplate(string: text)
                } catch {
                    throw MessageCatalogError(description: "template \(name): \(error)")
                }
                texts[name] = text
            }
            files += area.catalogs.map { (name: $0.key, bytes: $0.value) }
        }
        library = MustacheLibrary(templates: templates)
        catalogs = try MessageCatalogs(files: files)
        templateTexts = texts
        self.areas = areas
    }

    /// The site of ``PageAreas/all``. Its templates and catalogs are compiled in
    /// and checked by the tests: a fault here is the code's, found before it ships.
    static let compiled: PageSite = {
        do {
            return try PageSite(areas: PageAreas.all)
        } catch {
            fatalError("the pages' compiled-in templates or catalogs are broken: \(error)")
        }
    }()
}
