/// One event as it is stored, hashed, signed over and shipped: the claim plus
/// where it sits in its feed and when it was recorded.
///
/// Format decision: the envelope is JSON with a fixed key order and no
/// whitespace, written by ``Envelope/encode(feed:seq:prev:recorded:claim:)``:
///
///     {"v":1,"feed":"<64 hex>","seq":7,"prev":"<64 hex>"|null,"hlc":[1732345200123,0],"claim":{…}}
///
/// The bytes are the truth: `id = SHA-256(bytes)`, and nothing ever re-encodes
/// an envelope to verify it. ``Envelope/parse(_:)`` accepts exactly this layout
/// (anything else is not an Accord v1 envelope), so parsing is a prefix scan
/// and the claim is a slice of the original bytes.
public struct Envelope: Sendable, Equatable {
    /// The exact bytes; `id` is their SHA-256.
    public let bytes: [UInt8]
    public let id: EventID
    public let feed: FeedID
    /// Position in the feed, from 1.
    public let seq: Int64
    /// The id of the feed's previous event; nil exactly when `seq == 1`.
    public let prev: EventID?
    public let recorded: HLCTimestamp
    /// Where the claim object lies within `bytes`.
    public let claimRange: Range<Int>

    /// The claim object's bytes, as written.
    public var claimBytes: ArraySlice<UInt8> { bytes[claimRange] }

    /// The envelope format version this build writes and reads.
    public static let formatVersion = 1

    /// The largest envelope accepted (1 MiB): a bundle line longer than this is refused
    /// before it is parsed. Appends keep claims within ``maximumClaimBytes``, so every
    /// envelope a replica writes is within it.
    public static let maximumBytes = 1 << 20
    /// The largest claim, as stored, an envelope may carry: ``maximumBytes`` less room for
    /// the envelope's own members (under 250 bytes).
    public static let maximumClaimBytes = maximumBytes - 512
}

extension Envelope {
    /// Builds the envelope bytes for a claim and hashes them.
    ///
    /// - Parameter claim: the claim as one JSON object, already in canonical form.
    /// - Complexity: O(n) in the claim's length.
    public static func encode(
        feed: FeedID, seq: Int64, prev: EventID?, recorded: HLCTimestamp, claim: some Collection<UInt8>
    ) -> Envelope {
        var out: [UInt8] = []
        out.reserveCapacity(claim.count + 220)
        out.append(contentsOf: #"{"v":1,"feed":""#.utf8)
        Hex.append(feed.bytes, to: &out)
        out.append(contentsOf: #"","seq":"#.utf8)
        out.append(contentsOf: String(seq).utf8)
        out.append(contentsOf: #","prev":"#.utf8)
        if let prev {
            out.append(0x22)
            Hex.append(prev.bytes, to: &out)
            out.append(0x22)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(contentsOf: #","hlc":["#.utf8)
        out.append(contentsOf: String(recorded.milliseconds).utf8)
        out.append(0x2c)
        out.append(contentsOf: String(recorded.counter).utf8)
        out.append(contentsOf: #"],"claim":"#.utf8)
        let claimStart = out.count
        out.append(contentsOf: claim)
        let claimEnd = out.count
        out.append(0x7d)
        return Envelope(
            bytes: out, id: EventID(hashing: out), feed: feed, seq: seq, prev: prev, recorded: recorded,
            claimRange: claimStart..<claimEnd)
    }

    /// Reads envelope bytes, checking the layout, the feed-position rules
    /// (seq ≥ 1, `prev` null exactly at seq 1) and the recorded time's bounds
    /// (``HLCTimestamp/maximumMilliseconds``, ``HLCTimestamp/maximumCounter``). The claim's content is the
    /// domain's business and is not looked at beyond its outer braces.
    ///
    /// - Throws: ``AccordError`` `.invalidBundle` naming the first thing that is wrong.
    /// - Complexity: O(n); hashes the bytes once.
    public static func parse(_ bytes: [UInt8]) throws(AccordError) -> Envelope {
        guard bytes.count <= maximumBytes else {
            throw AccordError(.invalidBundle, "envelope is \(bytes.count) bytes, more than \(maximumBytes), the most accord accepts")
        }
        var scanner = EnvelopeScanner(bytes: bytes)
        try scanner.expect(#"{"v":"#)
        let version = try scanner.integer()
        guard version == Int64(formatVersion) else {
            throw AccordError(.invalidBundle, "envelope format version \(version) is not supported by this version of accord (it reads version \(formatVersion))")
        }
        try scanner.expect(#","feed":"#)
        guard let feed = FeedID(bytes: try scanner.quotedHex(32)) else { throw scanner.failure("feed") }
        try scanner.expect(#","seq":"#)
        let seq = try scanner.integer()
        try scanner.expect(#","prev":"#)
        let prev: EventID?
        if scanner.consume("null") { prev = nil } else { prev = EventID(bytes: try scanner.quotedHex(32)) }
        try scanner.expect(#","hlc":["#)
        let ms = try scanner.integer()
        try scanner.expect(",")
        let counter = try scanner.integer()
        guard ms <= HLCTimestamp.maximumMilliseconds else {
            throw AccordError(.invalidBundle, "envelope's recorded time \(ms) ms is after 9999-12-31T23:59:59.999Z, the latest an envelope may carry")
        }
        guard counter <= HLCTimestamp.maximumCounter else {
            throw AccordError(.invalidBundle, "envelope's clock counter \(counter) is above \(HLCTimestamp.maximumCounter), the largest an envelope may carry")
        }
        try scanner.expect(#"],"claim":"#)
        let claimStart = scanner.position
        guard bytes.count >= claimStart + 3, bytes[claimStart] == 0x7b, bytes[bytes.count - 2] == 0x7d,
              bytes[bytes.count - 1] == 0x7d
        else { throw AccordError(.invalidBundle, "envelope does not end with a claim object") }
        guard seq >= 1 else { throw AccordError(.invalidBundle, "envelope seq \(seq) is below 1") }
        guard (seq == 1) == (prev == nil) else {
            throw AccordError(.invalidBundle, seq == 1 ? "envelope at seq 1 names a previous event" : "envelope at seq \(seq) names no previous event")
        }
        return Envelope(
            bytes: bytes, id: EventID(hashing: bytes), feed: feed, seq: seq, prev: prev,
            recorded: HLCTimestamp(milliseconds: ms, counter: counter), claimRange: claimStart..<(bytes.count - 1))
    }
}

/// A strict left-to-right reader for the fixed envelope layout.
struct EnvelopeScanner {
    let bytes: [UInt8]
    var position = 0

    func failure(_ what: String) -> AccordError {
        AccordError(.invalidBundle, "envelope is malformed at byte \(position + 1) (reading \(what))")
    }

    mutating func consume(_ literal: StaticString) -> Bool {
        let matches = literal.withUTF8Buffer { lit -> Bool in
            guard position + lit.count <= bytes.count else { return false }
            for i in 0..<lit.count where bytes[position + i] != lit[i] { return false }
            return true
        }
        let count = literal.withUTF8Buffer { $0.count }
        if matches { position += count }
        return matches
    }

    mutating func expect(_ literal: StaticString) throws(AccordError) {
        guard consume(literal) else { throw failure("\"\(literal)\"") }
    }

    /// A non-negative decimal integer without leading zeros, at most 18 digits.
    mutating func integer() throws(AccordError) -> Int64 {
        let start = position
        var value: Int64 = 0
        while position < bytes.count, (0x30...0x39).contains(bytes[position]), position - start < 18 {
            value = value * 10 + Int64(bytes[position] - 0x30)
            position += 1
        }
        let digits = position - start
        guard digits > 0, !(digits > 1 && bytes[start] == 0x30) else { throw failure("a number") }
        return value
    }

    mutating func quotedHex(_ byteCount: Int) throws(AccordError) -> [UInt8] {
        let end = position + 2 + byteCount * 2
        guard end <= bytes.count, bytes[position] == 0x22, bytes[end - 1] == 0x22,
              let decoded = Hex.decode(bytes[(position + 1)..<(end - 1)])
        else { throw failure("\(byteCount * 2) lowercase hex digits") }
        position = end
        return decoded
    }
}
