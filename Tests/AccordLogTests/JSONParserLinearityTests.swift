import AccordLog
import Foundation
import Testing

/// Issue 13, item 8: the parser's work grows linearly with its input. An object
/// of 60,000 keys took 12 s when duplicate keys were found by scanning every
/// earlier key. It is timed here against an array of the same 60,000 members'
/// values and about the same size, parsed in turn in the same conditions (so a
/// busy machine slows both): linear, the object costs a few times the array;
/// quadratic, it cost hundreds of times.
@Suite("The JSON parser is linear")
struct JSONParserLinearityTests {
    static let count = 60_000
    static let object = Array(("{" + (0..<count).map { "\"key-\($0)\":\($0)" }.joined(separator: ",") + "}").utf8)
    static let array = Array(("[" + (0..<count).map { "\"key-\($0)\",\($0)" }.joined(separator: ",") + "]").utf8)

    static func seconds(_ bytes: [UInt8]) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = try JSONParser.parse(bytes)
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    @Test func anObjectOfSixtyThousandKeysCostsAFewTimesAnArrayOfTheSameSize() throws {
        var objectTime = Double.infinity, arrayTime = Double.infinity
        for _ in 0..<3 {
            arrayTime = min(arrayTime, try Self.seconds(Self.array))
            objectTime = min(objectTime, try Self.seconds(Self.object))
        }
        #expect(objectTime < 15 * arrayTime, "object of \(Self.count) keys: \(objectTime) s; array of \(2 * Self.count) items: \(arrayTime) s")
    }

    @Test func aDuplicateKeyIsStillFoundInALargeObject() throws {
        let text = String(decoding: Self.object.dropLast(), as: UTF8.self) + #","key-500":1}"#
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(Array(text.utf8)) }
    }
}
