import AccordLog
import AccordTestSupport
import Foundation
import Testing

/// Random JSON documents from a seeded generator, each with the value it
/// means: JSONParser must give exactly that value (integers as integers), and
/// Foundation's JSONSerialization must read the same structure.
@Suite("JSONParser against JSONSerialization")
struct JSONParserDifferentialTests {
    static let documentCount = 400

    @Test func randomDocumentsParseToTheValueTheyWereWrittenFrom() throws {
        var generator = RandomJSON(seed: 0xACC0_4D)
        for index in 0..<Self.documentCount {
            // Given a random document and the value it was written from
            let (text, expected) = generator.document()
            // When JSONParser reads it
            let parsed: JSONValue
            do { parsed = try JSONParser.parse(Array(text.utf8)) } catch {
                Issue.record("document \(index) refused: \(error)\n\(text)")
                continue
            }
            // Then it gives exactly that value
            #expect(parsed == expected, "document \(index):\n\(text)")
            // And Foundation reads the same structure and numbers from the same bytes
            let foundation = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            if let difference = Self.difference(parsed, foundation) {
                Issue.record("document \(index): JSONSerialization differs at \(difference)\n\(text)")
            }
            // And JSONWriter's bytes for the value read back as the same value
            var writer = JSONWriter()
            writer.value(parsed)
            #expect(try JSONParser.parse(writer.bytes) == parsed, "document \(index) did not survive JSONWriter")
        }
    }

    @Test func whatJSONParserAcceptsFoundationAcceptsAlike() throws {
        // Given random documents with one byte changed (mostly no longer JSON)
        var generator = RandomJSON(seed: 0xBAD_B17E)
        var random = SeededGenerator(seed: 77)
        var accepted = 0
        for index in 0..<Self.documentCount {
            var bytes = Array(generator.document().text.utf8)
            let position = Int.random(in: bytes.indices, using: &random)
            bytes[position] = Array(#"{}[]",:0-9e.\ atn"#.utf8).randomElement(using: &random)!
            // When JSONParser accepts one, it is strict JSON, so Foundation must accept it and agree
            guard let parsed = try? JSONParser.parse(bytes) else { continue }
            accepted += 1
            guard let foundation = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
                Issue.record("mutant \(index) accepted by JSONParser, refused by JSONSerialization: \(String(decoding: bytes, as: UTF8.self))")
                continue
            }
            if let difference = Self.difference(parsed, foundation) {
                Issue.record("mutant \(index): JSONSerialization differs at \(difference)")
            }
        }
        // (Some mutants must still be JSON, or this test checks nothing.)
        #expect(accepted > 10)
    }

    /// How many representable doubles lie between `a` and `b` (same sign assumed; otherwise a large number).
    static func ulps(_ a: Double, _ b: Double) -> UInt64 {
        if a == b { return 0 }
        guard a.sign == b.sign, a.isFinite, b.isFinite else { return .max }
        let x = a.magnitude.bitPattern, y = b.magnitude.bitPattern
        return x > y ? x - y : y - x
    }

    /// Where Foundation's reading differs from JSONParser's, or nil if they agree.
    static func difference(_ value: JSONValue, _ other: Any, at path: String = "$") -> String? {
        func number(_ x: Any) -> (type: String, value: NSNumber)? {
            guard let n = x as? NSNumber else { return nil }
            return (String(cString: n.objCType), n)
        }
        switch value {
        case .null:
            return other is NSNull ? nil : path
        case .bool(let b):
            guard let n = number(other), n.type == "c", n.value.boolValue == b else { return "\(path) (bool)" }
            return nil
        case .integer(let i):
            // Exact. (Foundation on Linux types large negative integers as doubles, but keeps their exact value.)
            guard let n = number(other), n.type != "c", n.value.int64Value == i else {
                return "\(path) (integer \(i) vs \(other))"
            }
            return nil
        case .number(let d):
            // JSONParser is checked exactly against the generator's value; Foundation on Linux
            // rounds some decimal literals a few ulps off, so here the numbers need only be that close.
            guard let n = number(other), n.type != "c", Self.ulps(n.value.doubleValue, d) <= 8 else {
                return "\(path) (number \(d) vs \(other))"
            }
            return nil
        case .string(let s):
            guard let t = other as? String, Array(t.unicodeScalars) == Array(s.unicodeScalars) else { return "\(path) (string)" }
            return nil
        case .array(let items):
            guard let others = other as? [Any], others.count == items.count else { return "\(path) (array)" }
            for (i, (item, o)) in zip(items, others).enumerated() {
                if let d = difference(item, o, at: "\(path)[\(i)]") { return d }
            }
            return nil
        case .object(let members):
            guard let others = other as? [String: Any], others.count == members.count else { return "\(path) (object)" }
            for member in members {
                guard let o = others[member.key] else { return "\(path).\(member.key) (missing)" }
                if let d = difference(member.value, o, at: "\(path).\(member.key)") { return d }
            }
            return nil
        }
    }
}

/// Writes random JSON text together with the value it denotes.
struct RandomJSON {
    var random: SeededGenerator

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    mutating func document() -> (text: String, value: JSONValue) {
        var text = ""
        let value = self.value(depth: 0, into: &text)
        return (space() + text + space(), value)
    }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    mutating func space() -> String {
        guard chance(30) else { return "" }
        return String((0..<Int.random(in: 1...3, using: &random)).map { _ in [" ", "\t", "\n", "\r"].randomElement(using: &random)! })
    }

    mutating func value(depth: Int, into text: inout String) -> JSONValue {
        let kinds = depth >= 5 ? 5 : 7
        switch Int.random(in: 0..<kinds, using: &random) {
        case 0: text += "null"; return .null
        case 1:
            let b = chance(50)
            text += b ? "true" : "false"
            return .bool(b)
        case 2: return integer(into: &text)
        case 3: return number(into: &text)
        case 4:
            let (literal, string) = self.string()
            text += literal
            return .string(string)
        case 5:
            text += "["
            var items: [JSONValue] = []
            for i in 0..<Int.random(in: 0...4, using: &random) {
                text += (i > 0 ? "," : "") + space()
                items.append(value(depth: depth + 1, into: &text))
                text += space()
            }
            text += "]"
            return .array(items)
        default:
            text += "{"
            var members: [(key: String, value: JSONValue)] = []
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let (literal, key) = string()
                guard !members.contains(where: { $0.key == key }) else { continue }
                text += (members.isEmpty ? "" : ",") + space() + literal + space() + ":" + space()
                members.append((key, value(depth: depth + 1, into: &text)))
                text += space()
            }
            text += "}"
            return .object(members)
        }
    }

    mutating func integer(into text: inout String) -> JSONValue {
        let magnitude = [9, 999, 999_999_999, Int64.max].randomElement(using: &random)!
        let i = Int64.random(in: -magnitude...magnitude, using: &random)
        text += String(i)
        return .integer(i)
    }

    mutating func number(into text: inout String) -> JSONValue {
        let literal: String
        switch Int.random(in: 0..<5, using: &random) {
        case 0: literal = "\(Double.random(in: -1e6...1e6, using: &random))"
        case 1:
            let exponent = Int.random(in: -300...300, using: &random)
            literal = "\(Int.random(in: 1...9, using: &random)).\(Int.random(in: 0...99_999, using: &random))\(chance(50) ? "e" : "E")\(exponent < 0 ? "-" : chance(50) ? "+" : "")\(abs(exponent))"
        case 2: literal = "\(Int.random(in: -99...99, using: &random)).\(["0", "5", "25", "50", "125"].randomElement(using: &random)!)"
        case 3: literal = "\(chance(50) ? "-" : "")\(UInt64.random(in: UInt64(Int64.max) + 1 ... .max, using: &random))"
        default: literal = "\(chance(50) ? "-" : "")0.\(Int.random(in: 0...999, using: &random))e\(Int.random(in: 0...20, using: &random))"
        }
        text += literal
        return .number(Double(literal)!)
    }

    /// A JSON string literal and the string it denotes.
    mutating func string() -> (literal: String, value: String) {
        var literal = "\""
        var value = ""
        for _ in 0..<Int.random(in: 0...8, using: &random) {
            switch Int.random(in: 0..<10, using: &random) {
            case 0...3:
                let c = Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7e, using: &random)))
                if c == "\"" || c == "\\" { literal += "\\\(c)" } else { literal.append(c) }
                value.append(c)
            case 4:
                let (escape, char) = [("\\n", "\n"), ("\\t", "\t"), ("\\r", "\r"), ("\\b", "\u{8}"), ("\\f", "\u{c}"), ("\\/", "/"), ("\\\"", "\""), ("\\\\", "\\")]
                    .randomElement(using: &random)!
                literal += escape
                value += char
            case 5:
                let c = ["é", "中", "😀", "𝄞", "ß", "\u{301}", "\u{7f}"].randomElement(using: &random)!
                literal += c
                value += c
            case 6:
                // A \u escape of a BMP scalar that is not a surrogate
                var code: UInt32
                repeat { code = UInt32.random(in: 0...0xFFFF, using: &random) } while (0xD800...0xDFFF).contains(code)
                literal += String(format: chance(50) ? "\\u%04x" : "\\u%04X", code)
                value.unicodeScalars.append(Unicode.Scalar(code)!)
            case 7:
                // A surrogate pair for a scalar beyond the BMP
                let code = UInt32.random(in: 0x10000...0x10FFFF, using: &random)
                let high = 0xD800 + ((code - 0x10000) >> 10), low = 0xDC00 + ((code - 0x10000) & 0x3FF)
                literal += String(format: "\\u%04x\\u%04x", high, low)
                value.unicodeScalars.append(Unicode.Scalar(code)!)
            default:
                let c = Character(Unicode.Scalar(UInt8.random(in: 0x61...0x7a, using: &random)))
                literal.append(c)
                value.append(c)
            }
        }
        return (literal + "\"", value)
    }
}
