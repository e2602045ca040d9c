import Foundation
import Hummingbird
import PasserelleCore

/// One area of the pages (the public and member pages, the recruiter's, the
/// company admin's, the settings): its templates, its message catalogs, its
/// links in the layout's navigation, and its routes. Each area lives in its own
/// files; ``PageAreas/all`` lists them.
struct PageArea: Sendable {
    /// The area's catalogs are `<name>.<lang>.json`, one per language.
    let name: String
    /// Template name (as `{{> name}}` and ``PageRequest/render(_:title:_:status:)`` call it) → its text.
    let templates: [String: [UInt8]]
    /// `<name>.<lang>.json` → its bytes, for all seven languages.
    let catalogs: [String: [UInt8]]
    /// Links the layout's navigation shows to `page`'s viewer.
    var navigation: @Sendable (PageRequest) -> [PageLink] = { _ in [] }
    /// Adds the area's routes (under every `/{lang}/`).
    let addRoutes: @Sendable (PageRouter) -> Void
}

/// A link of the layout's navigation.
struct PageLink: Sendable {
    /// The message key of its text.
    let label: String
    /// The path after `/{lang}/` (`network`, `recruiter/postings`).
    let path: String
    /// Its `data-test` attribute.
    let test: String
}
