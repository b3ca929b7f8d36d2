import AccordLog
import Foundation
import Testing

/// Issue 13, item 8: an object of 60,000 keys took 12 s when duplicate keys were found
/// by scanning every earlier key; the parser now keeps a set of keys past 16 members.
/// Tests never time anything (a busy machine would make them fail): these check that
/// the large object is read whole and that the set still finds a duplicate; the time is
/// measured outside the tests (issue 13's note: 0.46 s for the 60k-key object, debug build).
@Suite("The JSON parser on large objects")
struct JSONParserLinearityTests {
    static let count = 60_000
    static let object = Array(("{" + (0..<count).map { "\"key-\($0)\":\($0)" }.joined(separator: ",") + "}").utf8)

    @Test func anObjectOfSixtyThousandKeysIsReadWhole() throws {
        let value = try JSONParser.parse(Self.object)
        guard case .object(let members) = value else {
            Issue.record("not an object")
            return
        }
        #expect(members.count == Self.count)
        #expect(value["key-59999"]?.integerValue == 59_999)
    }

    @Test func aDuplicateKeyIsStillFoundInALargeObject() throws {
        let text = String(decoding: Self.object.dropLast(), as: UTF8.self) + #","key-500":1}"#
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(text.utf8)) }
    }
}
