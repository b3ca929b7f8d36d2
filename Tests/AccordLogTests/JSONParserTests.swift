import AccordLog
import Testing

@Suite("The strict JSON parser")
struct JSONParserTests {
    static func parse(_ text: String) throws(JSONParser.Failure) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func parsesAClaimShapedDocumentKeepingKeyOrderAndIntegers() throws {
        // Given a document with every kind of value
        let text = #" {"b":[1,-2,3.5,1e2,true,false,null],"a":{"s":"x\"y\\z\/\n\u00e9\ud83d\ude00"},"c":-0} "#
        // When it is parsed
        let value = try Self.parse(text)
        // Then members keep their order, integers stay integers, escapes are decoded
        #expect(value == .object([
            ("b", .array([.integer(1), .integer(-2), .number(3.5), .number(100), .bool(true), .bool(false), .null])),
            ("a", .object([("s", .string("x\"y\\z/\né😀"))])),
            ("c", .integer(0)),
        ]))
        #expect(value.objectValue?.map(\.key) == ["b", "a", "c"])
    }

    @Test(arguments: [
        ("0", JSONValue.integer(0)), ("-0", .integer(0)), ("9223372036854775807", .integer(.max)),
        ("-9223372036854775808", .integer(.min)), ("9223372036854775808", .number(9_223_372_036_854_775_808)),
        ("0.5", .number(0.5)), ("-1.25e-3", .number(-0.00125)), ("1E+2", .number(100)), ("\"\"", .string("")),
        ("[]", .array([])), ("{}", .object([])), ("[[[]]]", .array([.array([.array([])])])),
        (#""\u0000""#, .string("\u{0}")), (#""\uD834\uDD1E""#, .string("𝄞")), ("\"é\"", .string("é")),
    ])
    func parsesValidDocuments(_ text: String, _ expected: JSONValue) throws {
        #expect(try Self.parse(text) == expected)
    }

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "duplicate key"),
        (#"{"a":{"b":1,"b":1}}"#, "duplicate key"),
        ("[1,2,]", "unexpected character"),
        (#"{"a":1,}"#, "expected a key"),
        (#""\ud800""#, "lone surrogate"),
        (#""\udc00""#, "lone surrogate"),
        (#""\ud800\u0041""#, "lone surrogate"),
        (#""\ud800x""#, "lone surrogate"),
        ("01", "leading zero"),
        ("-01", "leading zero"),
        ("[00]", "leading zero"),
        ("", "empty input"),
        ("   ", "empty input"),
        ("1 2", "after the JSON value"),
        (#"{"a":1}x"#, "after the JSON value"),
        ("\"a\u{1}b\"", "control character"),
        ("\"tab\there\"", "control character"),
        (#""\x""#, "invalid escape"),
        (#""\u12g4""#, "invalid hex digit"),
        ("\"abc", "unterminated string"),
        ("[1", "unterminated array"),
        (#"{"a":1"#, "unterminated object"),
        ("tru", "invalid literal"),
        ("NaN", "unexpected character"),
        ("1.", "invalid number"),
        (".5", "unexpected character"),
        ("1e", "invalid number"),
        ("-", "invalid number"),
        ("1e999", "out of range"),
        ("{'a':1}", "expected a key"),
    ])
    func refusesWhatIsNotStrictJSON(_ text: String, _ reason: String) {
        // When malformed JSON is parsed
        let failure = #expect(throws: JSONParser.Failure.self) { try Self.parse(text) }
        // Then it is refused, saying why
        #expect(failure?.reason.contains(reason) == true, "reason: \(failure?.description ?? "none")")
    }

    @Test func refusesBytesThatAreNotUTF8() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xff, 0x22]) }
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0x5c, 0x6e, 0xc3, 0x22]) }
    }

    @Test func failuresNameTheColumn() {
        // Given a duplicate key starting at column 8
        let failure = #expect(throws: JSONParser.Failure.self) { try Self.parse(#"{"a":1,"a":2}"#) }
        // Then the failure points at it
        #expect(failure?.column == 8)
    }

    @Test func nestingIsAcceptedUpToTheLimitAndRefusedBeyondIt() throws {
        let limit = JSONParser.maximumDepth
        func nested(_ depth: Int, open: String, close: String) -> String {
            String(repeating: open, count: depth) + String(repeating: close, count: depth)
        }
        // Given documents nested exactly to the limit, they parse
        #expect(throws: Never.self) { try Self.parse(nested(limit, open: "[", close: "]")) }
        #expect(throws: Never.self) { try Self.parse(String(repeating: #"{"a":"#, count: limit) + "1" + String(repeating: "}", count: limit)) }
        // And one level deeper, or far deeper (which must not overflow the stack), they are refused
        for depth in [limit + 1, 100_000] {
            let failure = #expect(throws: JSONParser.Failure.self) { try Self.parse(nested(depth, open: "[", close: "]")) }
            #expect(failure?.reason.contains("nesting") == true)
        }
        #expect(throws: JSONParser.Failure.self) {
            try Self.parse(String(repeating: #"{"a":"#, count: limit + 1) + "1" + String(repeating: "}", count: limit + 1))
        }
    }

    @Test func parsesSlicesOfLargerBuffers() throws {
        // Given a line inside a larger buffer (as the input reader hands it over)
        let buffer = Array(#"xx{"a":[1]}yy"#.utf8)
        // When the slice holding only the JSON is parsed
        let value = try JSONParser.parse(buffer[2..<11])
        // Then it parses on its own
        #expect(value == .object([("a", .array([.integer(1)]))]))
    }
}
