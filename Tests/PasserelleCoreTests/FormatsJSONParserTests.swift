import Foundation
import Testing

@testable import PasserelleCore

@Suite("Formats: the fast JSON path")
struct FormatsJSONParserTests {
    static func parse(_ text: String) -> JSONValue? {
        Array(text.utf8).withUnsafeBufferPointer(JSONParser.parse)
    }

    static func foundation(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test("Well-formed JSON gives the value Foundation's JSONDecoder gives")
    func sameValuesAsFoundation() throws {
        let texts = [
            #"{"basics": {"name": "Léa Martin", "email": null, "tags": []}, "meta": {}}"#,
            #"{"a": true, "b": false, "c": [1, -2, 3.5, -0.25, 1e3, 2.5E-3, 0, -0, 123456789012345678901]}"#,
            #"{"s": "tab\there \"quoted\" back\\slash \/ \b\f\n\r \u00e9\u4e2d \ud83d\ude00 <&>"}"#,
            #"{"deep": [[[{"x": [{}]}]]], "emoji": "😀", "zh": "王芳"}"#,
            " \t\r\n{\"spaces\" : [ 1 , 2 ] }\n ",
            "\u{FEFF}{\"bom\": 1}",
            #"[1, "two", null]"#, "42", #""text""#, "null",
        ]
        for text in texts {
            let parsed = try #require(Self.parse(text), "\(text)")
            let expected = try #require(Self.foundation(text.replacingOccurrences(of: "\u{FEFF}", with: "")))
            #expect(parsed == expected, "\(text)")
        }
    }

    @Test("Whatever is not plainly JSON is left to Foundation: errors, lone surrogates, repeated keys, huge numbers")
    func refusesWhatFoundationMustJudge() {
        let texts = [
            "", "{", #"{"a": 1,}"#, "[1 2]", #"{"a" 1}"#, #"{'a': 1}"#, "01", "1.", ".5", "+1", "-", "1e", "tru",
            #"{"a": "\q"}"#, "{\"a\": \"line\nbreak\"}", #"{"a": "\ud800"}"#, #"{"a": 1, "a": 2}"#, "1e400",
            #"{"a": 1} x"#,
        ]
        for text in texts { #expect(Self.parse(text) == nil, "\(text)") }
        #expect(Array(#"{"a": ""#.utf8 + [0xE9] + #""}"#.utf8).withUnsafeBufferPointer(JSONParser.parse) == nil)
        let nested =
            String(repeating: "[", count: JSONParser.maximumDepth + 1)
            + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        #expect(Self.parse(nested) == nil)
    }

    @Test("A line the fast path leaves to Foundation still decodes when Foundation accepts it")
    func foundationDecidesTheRest() throws {
        let value = try JSONLine.parseObject(Array(#"{"a": 1, "a": 2, "b": "x"}"#.utf8))
        #expect(value["b"] == "x")
        #expect(value["a"] != nil)
    }

    @Test("Serialised JSON sorts keys and escapes what HTML and old JavaScript cannot hold")
    func serialize() {
        let value: JSONValue = [
            "b": [1, 2.5, -0.0, nil, true], "a": "<tag> & \"q\" \\ \n\r\t\u{1}\u{7F} \u{2028}\u{2029} é 😀",
        ]
        #expect(
            value.jsonText
                == #"{"a":"\u003ctag\u003e \u0026 \"q\" \\ \n\r\t\u0001\u007f \u2028\u2029 é 😀","b":[1,2.5,0,null,true]}"#
        )
        #expect(Self.parse(value.jsonText) == value)
    }

    @Test("Trimming takes off what Foundation's whitespace sets do, and nothing else")
    func trimming() {
        let texts = [
            "", "  ", "plain", "  both  ", "\t\n\r\u{0B}\u{0C}x\u{85}", "\u{A0}\u{2003}\u{3000}x\u{202F}",
            "\u{2028}x\u{2029}", "x\u{200B}", " \u{301}x", "\u{FEFF}x",
        ]
        for text in texts {
            #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text)")
            #expect(text.trimmingSpaces == text.trimmingCharacters(in: .whitespaces), "\(text)")
        }
    }
}
