import AccordLog

/// The first line of a bundle: who sent it, what the sender holds, the signed
/// heads of the feeds it carries, and how many envelope lines follow with
/// their SHA-256. Mirrors `Schemas/bundle-header.schema.json`.
///
/// Format decision: a bundle is JSON Lines — this header, then one envelope
/// per line, exactly the stored bytes, each followed by `\n`. `digest` is the
/// SHA-256 of everything after the header line. The header's last member is
/// `"signature"`: the sender's Ed25519 signature of `accord-bundle-header/1\n`
/// followed by the header line's bytes before `,"signature":` — so the
/// sender, its vector and the digest (and through it every event) are vouched
/// for by the sender's key, without re-encoding anything to verify.
public struct BundleHeader: Sendable, Equatable {
    public static let format = "accord-bundle"
    public static let version: Int64 = 1

    /// The most feeds a bundle may list, in its vector and in its heads. Checked, with
    /// ``maximumBytes``, before the signature is: a header's cost to read is bounded
    /// before anything vouches for it.
    public static let maximumFeeds = 10_000
    /// The longest header line accepted (4 MiB): room for ``maximumFeeds`` feeds, each
    /// with a vector entry and a signed head (about 400 bytes together).
    public static let maximumBytes = 4 << 20

    /// The feed of the replica that wrote the bundle.
    public var sender: FeedID
    /// What the sender held when it wrote the bundle.
    public var vector: VersionVector
    /// The signed head of every feed whose events the bundle carries.
    public var heads: [SignedFeedHead]
    /// How many envelope lines follow.
    public var events: Int64
    /// SHA-256 of the bytes after the header line.
    public var digest: [UInt8]

    public init(sender: FeedID, vector: VersionVector, heads: [SignedFeedHead], events: Int64, digest: [UInt8]) {
        self.sender = sender
        self.vector = vector
        self.heads = heads
        self.events = events
        self.digest = digest
    }

    /// The bytes a signature covers: a prefix naming what they are, then the signed part of the line.
    static func signedMessage(_ signedPart: some Collection<UInt8>) -> [UInt8] {
        Array("accord-bundle-header/1\n".utf8) + signedPart
    }

    /// The length of `,"signature":"<128 hex>"}` at the end of a header line.
    static let signatureSuffixLength = #","signature":""#.utf8.count + 128 + 2

    /// The header line, signed with `sign`, without its newline.
    public func line(signedWith sign: ([UInt8]) -> [UInt8]) -> [UInt8] {
        let part = signedPart
        let signature = sign(Self.signedMessage(part))
        return part + Array(#","signature":""#.utf8) + Array(Hex.encode(signature).utf8) + Array(#""}"#.utf8)
    }

    /// The header's members up to (not including) the signature, without the closing brace.
    var signedPart: [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.key("format"); w.string(Self.format)
        w.key("version"); w.integer(Self.version)
        w.key("sender"); w.string(sender.hex)
        w.key("vector")
        w.beginObject()
        for (feed, seq) in vector.sortedEntries { w.key(feed.hex); w.integer(seq) }
        w.endObject()
        w.key("heads")
        w.beginArray()
        for head in heads {
            w.beginObject()
            w.key("feed"); w.string(head.head.feed.hex)
            w.key("seq"); w.integer(head.head.seq)
            w.key("id"); w.string(head.head.id.hex)
            w.key("signature"); w.string(Hex.encode(head.signature))
            w.endObject()
        }
        w.endArray()
        w.key("events"); w.integer(events)
        w.key("digest"); w.string(Hex.encode(digest))
        w.endObject()
        return Array(w.bytes.dropLast())
    }

    /// Reads a header line and checks the sender's signature of it.
    ///
    /// - Throws: `.invalidBundle` saying what is wrong (the caller adds the place).
    public static func parse(_ line: some Collection<UInt8>) throws(AccordError) -> BundleHeader {
        let line = Array(line)
        guard line.count <= maximumBytes else {
            throw AccordError(.invalidBundle, "the header is \(line.count) bytes, more than \(maximumBytes), the most accord accepts")
        }
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch {
            throw AccordError(.invalidBundle, "not an accord bundle: the header is not JSON (\(error))")
        }
        guard value["format"]?.stringValue == format else {
            throw AccordError(.invalidBundle, "not an accord bundle: the first line has no \"format\":\"\(format)\"")
        }
        guard let version = value["version"]?.integerValue else { throw bad("version") }
        guard version == Self.version else {
            throw AccordError(.invalidBundle, "bundle format version \(version) is not supported by this version of accord (it reads version \(Self.version)); upgrade accord")
        }
        guard let senderText = value["sender"]?.stringValue, let sender = FeedID(hex: senderText) else { throw bad("sender") }
        guard case .object(let vectorMembers)? = value["vector"] else { throw bad("vector") }
        guard vectorMembers.count <= maximumFeeds else { throw tooMany("vector", vectorMembers.count) }
        var vector = VersionVector()
        for member in vectorMembers {
            guard let feed = FeedID(hex: member.key), let seq = member.value.integerValue, seq >= 1 else { throw bad("vector") }
            vector[feed] = seq
        }
        guard let headItems = value["heads"]?.arrayValue else { throw bad("heads") }
        guard headItems.count <= maximumFeeds else { throw tooMany("heads", headItems.count) }
        var heads: [SignedFeedHead] = []
        var headFeeds: Set<FeedID> = []
        for item in headItems {
            guard let feed = item["feed"]?.stringValue.flatMap({ FeedID(hex: $0) }),
                  let seq = item["seq"]?.integerValue, seq >= 1,
                  let id = item["id"]?.stringValue.flatMap({ EventID(hex: $0) }),
                  let signature = item["signature"]?.stringValue.flatMap({ Hex.decode($0) }), signature.count == 64
            else { throw bad("heads") }
            guard headFeeds.insert(feed).inserted else { throw bad("heads (a feed appears twice)") }
            heads.append(SignedFeedHead(head: FeedHead(feed: feed, seq: seq, id: id), signature: signature))
        }
        guard let events = value["events"]?.integerValue, events >= 0 else { throw bad("events") }
        guard let digestText = value["digest"]?.stringValue, let digest = Hex.decode(digestText), digest.count == 32 else {
            throw bad("digest")
        }
        guard let signatureText = value["signature"]?.stringValue, let signature = Hex.decode(signatureText), signature.count == 64,
              line.count > signatureSuffixLength,
              line.suffix(signatureSuffixLength).elementsEqual(Array(#","signature":""#.utf8) + Array(signatureText.utf8) + Array(#""}"#.utf8))
        else { throw bad("signature (it must be the header's last member)") }
        guard ReplicaKey.verify(signature, of: signedMessage(line.dropLast(signatureSuffixLength)), by: sender) else {
            throw AccordError(.invalidBundle, "the header's signature does not verify with the sender's key: the header was altered or forged")
        }
        return BundleHeader(sender: sender, vector: vector, heads: heads, events: events, digest: digest)
    }

    private static func tooMany(_ field: String, _ count: Int) -> AccordError {
        AccordError(.invalidBundle, "the bundle header's \"\(field)\" lists \(count) feeds, more than \(maximumFeeds), the most accord accepts")
    }

    private static func bad(_ field: String) -> AccordError {
        AccordError(.invalidBundle, "the bundle header's \"\(field)\" is missing or malformed")
    }
}
