import Foundation
import Testing

@testable import PasserelleWeb

@Suite("Query strings and token hashes")
struct QueryParametersTests {
    @Test("Values are percent-decoded, + is a space, names repeat, and bytes that are not UTF-8 are flagged")
    func decoding() {
        let parameters = QueryParameters(
            query: "q=caf%C3%A9+cr%C3%A8me&country=FR&country=DE&x=%FF&bare&pct=100%&plus=%2B")
        #expect(parameters["q"].map(\.text) == ["café crème"])
        #expect(parameters["country"].map(\.text) == ["FR", "DE"])
        #expect(parameters["x"].map(\.text) == [nil])
        #expect(parameters["bare"].map(\.text) == [""])
        #expect(parameters["pct"].map(\.text) == ["100%"])
        #expect(parameters["plus"].map(\.text) == ["+"])
        #expect(parameters["missing"].isEmpty)
    }

    @Test("Decimal numbers refuse nan, infinity and hexadecimal")
    func decimals() {
        #expect(SearchParameters.decimal("43.6") == 43.6)
        #expect(SearchParameters.decimal(" -1.5e2 ") == -150)
        #expect(SearchParameters.decimal("nan") == nil)
        #expect(SearchParameters.decimal("inf") == nil)
        #expect(SearchParameters.decimal("0x1p3") == nil)
        #expect(SearchParameters.decimal("1e999") == nil)
    }

    @Test("SHA-256 gives FIPS 180-4's digests")
    func sha256() {
        func hex(_ text: String) -> String { SHA256.hash(text.utf8).map { String(format: "%02x", $0) }.joined() }
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            hex(String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("A Bearer header gives its token, whatever the scheme's case; anything else gives none")
    func bearerHeader() {
        #expect(BearerAuthenticator.token("Bearer abc") == "abc")
        #expect(BearerAuthenticator.token("bearer  abc ") == "abc")
        #expect(BearerAuthenticator.token("Basic abc") == nil)
        #expect(BearerAuthenticator.token("Bearer") == nil)
        #expect(BearerAuthenticator.token("Bearer ") == nil)
    }
}
