import Foundation
import PasserelleCore

/// The OpenAPI 3.1 document of the API (`openapi.json` beside this file, compiled
/// in): the reference for every route, its parameters and its answers. Tests
/// check it against the router and the answers against its schemas.
public enum OpenAPIDocument {
    /// The document as served, byte for byte.
    public static var bytes: [UInt8] { PackageResources.openapi_json }

    /// The document parsed.
    public static func json() throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }
}
