import Foundation
import PasserelleCore
import Testing

@Suite("JSON values")
struct JSONValueTests {
    @Test("A JSON Resume document decodes and encodes back to the same value, types kept")
    func roundTrip() throws {
        let text = """
            {"basics": {"name": "Léa Martin", "email": null},
             "meta": {"openToWork": true, "hideConnections": false, "years": 3, "lat": 43.6045,
                      "relocateTo": ["DE"], "zero": 0, "one": 1}}
            """
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value["basics"]?["name"]?.stringValue == "Léa Martin")
        #expect(value["basics"]?["email"]?.isNull == true)
        #expect(value["meta"]?["openToWork"] == .bool(true))
        #expect(value["meta"]?["zero"] == .number(0))
        #expect(value["meta"]?["one"] == .number(1))
        #expect(value["meta"]?["lat"]?.numberValue == 43.6045)
        #expect(value["meta"]?["relocateTo"]?[0]?.stringValue == "DE")
        #expect(value["missing"] == nil)
        let again = try JSONDecoder().decode(JSONValue.self, from: try JSONEncoder().encode(value))
        #expect(again == value)
    }

    @Test("Whole numbers encode without a fraction")
    func wholeNumbers() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json: JSONValue = ["a": 45000, "b": 1.5, "c": [true, nil, "x"]]
        #expect(
            String(decoding: try encoder.encode(json), as: UTF8.self) == #"{"a":45000,"b":1.5,"c":[true,null,"x"]}"#)
    }
}
