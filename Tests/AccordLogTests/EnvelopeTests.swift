import Foundation
import AccordLog
import AccordTestSupport
import Testing

@Suite("Envelope hashing and layout")
struct EnvelopeTests {
    static let feed = FeedID(hex: "1021c394dae9dccd449c79557f473d101e8507ccbded2f3c11f7a4cae9dccf30")!
    static let claim = Array(#"{"type":"statement","subject":"LTU","property":"p","value":"v","sources":[{"url":"u"}]}"#.utf8)

    static func sample(seq: Int64 = 2) -> Envelope {
        Envelope.encode(
            feed: feed, seq: seq, prev: seq == 1 ? nil : EventID(hashing: Array("previous".utf8)),
            recorded: HLCTimestamp(milliseconds: 1_795_428_000_123, counter: 4), claim: claim)
    }

    @Test func theIdIsTheSHA256OfTheExactBytes() {
        // Given an encoded envelope
        let envelope = Self.sample()
        // Then its id is the SHA-256 of its bytes, computed independently
        #expect(envelope.id.hex == TestDigest.sha256Hex(envelope.bytes))
        #expect(EventID(hashing: envelope.bytes) == envelope.id)
    }

    @Test func encodingWritesTheDocumentedLayout() {
        // Given a first event
        let envelope = Self.sample(seq: 1)
        // Then the bytes are the fixed-order, whitespace-free layout, with the claim verbatim
        let expected = #"{"v":1,"feed":"\#(Self.feed.hex)","seq":1,"prev":null,"hlc":[1795428000123,4],"claim":"#
            + String(decoding: Self.claim, as: UTF8.self) + "}"
        #expect(String(decoding: envelope.bytes, as: UTF8.self) == expected)
        #expect(Array(envelope.claimBytes) == Self.claim)
    }

    @Test(arguments: [Int64(1), 2, 3, 999_999_999_999])
    func parsingAnEncodedEnvelopeGivesItBack(seq: Int64) throws {
        // Given an encoded envelope
        let envelope = Self.sample(seq: seq)
        // When its bytes are parsed
        let parsed = try Envelope.parse(envelope.bytes)
        // Then every field, the id and the claim slice come back equal
        #expect(parsed == envelope)
        #expect(parsed.id == envelope.id)
        #expect(parsed.seq == seq)
        #expect(parsed.prev == envelope.prev)
        #expect(parsed.recorded == envelope.recorded)
        #expect(Array(parsed.claimBytes) == Self.claim)
    }

    @Test func theFixtureEnvelopesParseAndChain() throws {
        // Given the fixture envelopes at seq 1 and seq 2 of one feed
        let first = try Fixtures.bytes("envelopes/valid/envelope-seq1-treaty.json")
        let second = try Fixtures.bytes("envelopes/valid/envelope-seq2-action-chained.json")
        // When they are parsed
        let one = try Envelope.parse(first)
        let two = try Envelope.parse(second)
        // Then the ids are the files' SHA-256 (known answer, from `sha256sum`) and seq 2 names seq 1
        #expect(one.id.hex == "bc7891c1a7b6c19ed9ff804f5f308f9f429f22c83474e5c92b52cc5def98c09e")
        #expect(two.id.hex == "5e07b4d1c1a9994e3b68ae8405811f6071dfa64aae26e62205c51d78efb730b9")
        #expect(two.prev == one.id)
        #expect(one.prev == nil && one.seq == 1 && two.seq == 2)
        // And re-encoding the parsed fields gives the same bytes
        let again = Envelope.encode(feed: two.feed, seq: two.seq, prev: two.prev, recorded: two.recorded, claim: two.claimBytes)
        #expect(again.bytes == second)
    }

    @Test func anySingleByteChangeChangesTheId() {
        // Given an envelope
        let envelope = Self.sample()
        var seen: Set<EventID> = [envelope.id]
        // When each byte in turn is changed (one bit, then the whole byte)
        for index in envelope.bytes.indices {
            for mask: UInt8 in [0x01, 0xff] {
                var bytes = envelope.bytes
                bytes[index] ^= mask
                // Then the id differs from the original and from every other variant
                let id = EventID(hashing: bytes)
                #expect(!seen.contains(id), "changing byte \(index) with mask \(mask) kept an id already seen")
                seen.insert(id)
                // And a parse either refuses the bytes or reports the new id
                if let parsed = try? Envelope.parse(bytes) { #expect(parsed.id == id) }
            }
        }
        #expect(seen.count == envelope.bytes.count * 2 + 1)
    }

    static let validLayout = #"{"v":1,"feed":"\#(feed.hex)","seq":2,"prev":"\#(String(repeating: "ab", count: 32))","hlc":[5,0],"claim":{"a":1}}"#

    @Test(arguments: [
        ("wrong key order", #"{"feed":"\#(feed.hex)","v":1,"seq":2,"prev":"\#(String(repeating: "ab", count: 32))","hlc":[5,0],"claim":{"a":1}}"#),
        ("whitespace after a colon", validLayout.replacingFirst(#""seq":2"#, with: #""seq": 2"#)),
        ("whitespace between members", validLayout.replacingFirst(#","hlc""#, with: #", "hlc""#)),
        ("a trailing newline", validLayout + "\n"),
        ("seq 0 with no previous", validLayout.replacingFirst(#""seq":2,"prev":"\#(String(repeating: "ab", count: 32))""#, with: #""seq":0,"prev":null"#)),
        ("seq 1 naming a previous event", validLayout.replacingFirst(#""seq":2"#, with: #""seq":1"#)),
        ("seq 2 naming no previous event", validLayout.replacingFirst(#""prev":"\#(String(repeating: "ab", count: 32))""#, with: #""prev":null"#)),
        ("uppercase hex in the feed", validLayout.replacingFirst(feed.hex, with: feed.hex.uppercased())),
        ("uppercase hex in prev", validLayout.replacingFirst(String(repeating: "ab", count: 32), with: String(repeating: "AB", count: 32))),
        ("a short feed", validLayout.replacingFirst(feed.hex, with: String(feed.hex.dropLast(2)))),
        ("a leading zero in seq", validLayout.replacingFirst(#""seq":2"#, with: #""seq":02"#)),
        ("a negative seq", validLayout.replacingFirst(#""seq":2"#, with: #""seq":-2"#)),
        ("format version 2", validLayout.replacingFirst(#""v":1"#, with: #""v":2"#)),
        ("a claim that is not an object", validLayout.replacingFirst(#""claim":{"a":1}}"#, with: #""claim":[1]}"#)),
        ("no closing brace", String(validLayout.dropLast())),
        ("an extra member", validLayout.replacingFirst(#","claim""#, with: #","x":1,"claim""#)),
        ("nothing", ""),
    ])
    func parsingRefusesMalformedLayouts(_ what: String, _ text: String) {
        // Given the valid layout, as a control
        #expect(throws: Never.self) { try Envelope.parse(Array(Self.validLayout.utf8)) }
        // When the layout is broken in one way
        // Then parsing refuses it
        #expect(throws: AccordError.self, "\(what) was accepted") { try Envelope.parse(Array(text.utf8)) }
    }

    @Test(arguments: Fixtures.names("envelopes", .invalid).filter { !$0.contains("claim-without-type") })
    func parsingRefusesTheInvalidLayoutFixtures(_ name: String) throws {
        // Given an envelope fixture whose layout is wrong (a missing claim type is the domain's business)
        let bytes = try Fixtures.bytes(name)
        // Then parsing refuses it
        #expect(throws: AccordError.self) { try Envelope.parse(bytes) }
    }
}

extension String {
    /// This string with the first occurrence of `target` replaced; traps if there is none,
    /// so a test's mutation cannot silently do nothing.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { fatalError("\(target) not in \(self)") }
        return replacingCharacters(in: range, with: replacement)
    }
}
