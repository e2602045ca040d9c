import Hummingbird
import NIOCore

/// `GET /openapi.json`: the API's OpenAPI 3.1 document, as committed.
struct OpenAPIController: Sendable {
    func addRoutes(to router: Router<some RequestContext>) {
        let document = ByteBuffer(bytes: OpenAPIDocument.bytes)
        router.get("openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: document))
        }
    }
}
