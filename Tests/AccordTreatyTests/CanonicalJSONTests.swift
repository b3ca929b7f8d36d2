import AccordLog
import AccordTestSupport
import AccordTreaty
import Testing

@Suite("Canonical claim JSON")
struct CanonicalJSONTests {
    static let decoder = ClaimDecoder()

    @Test(arguments: Fixtures.names("claims", .valid))
    func decodingTheCanonicalJSONGivesTheSameClaim(_ name: String) throws {
        // Given a decoded fixture
        let claim = try Self.decoder.decode(json: Fixtures.bytes(name))
        // When its canonical bytes are decoded again
        let canonical = claim.canonicalJSON
        let again = try Self.decoder.decode(json: canonical)
        // Then the claim is the same, and so are its canonical bytes (the form is a fixed point)
        #expect(again == claim)
        #expect(again.canonicalJSON == canonical)
        // And they are compact JSON: one line, no whitespace between tokens
        let parsed = try JSONParser.parse(canonical)
        var writer = JSONWriter()
        writer.value(parsed)
        #expect(writer.bytes == canonical)
        #expect(!canonical.contains(0x0a))
    }

    @Test func keyOrderAndSpacingOfTheInputDoNotChangeTheCanonicalBytes() throws {
        // Given one claim written two ways
        let a = #"{"type":"action","treaty":"CCM","state":"LTU","action":"ratification","date":"2011-03-24","sources":[{"url":"https://example.org/a","outlet":"Monitor"}]}"#
        let b = #"{ "sources" : [ { "outlet":"Monitor", "url":"https://example.org/a" } ], "date":"2011-03-24", "action":"ratification", "state":"Lithuania", "treaty":"CCM", "type":"action" }"#
        // Then both give the same canonical bytes
        let first = try Self.decoder.decode(json: Array(a.utf8)).canonicalJSON
        let second = try Self.decoder.decode(json: Array(b.utf8)).canonicalJSON
        #expect(first == second)
        #expect(String(decoding: first, as: UTF8.self) == a)
    }
}
