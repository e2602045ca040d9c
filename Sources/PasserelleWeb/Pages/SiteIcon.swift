import Hummingbird

/// `/favicon.ico`: browsers ask for it on every page, and a 404 there is an
/// error in their console. A small SVG (a bridge, *passerelle*), cached for a day.
enum SiteIcon {
    static let svg = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">\
        <rect width="32" height="32" rx="6" fill="#0a52c4"/>\
        <path d="M4 22h24M8 22v-6M24 22v-6M4 16q12-10 24 0" stroke="#fff" stroke-width="2.5" fill="none"/>\
        </svg>
        """

    static func addRoute(to router: Router<PasserelleRequestContext>) {
        router.get("/favicon.ico") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: svg)))
        }
    }
}
