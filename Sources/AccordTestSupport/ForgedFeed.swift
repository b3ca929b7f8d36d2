import AccordLog
import AccordSync
import Crypto

/// A feed written by hand, the way a hostile (or buggy) peer could: any claim
/// bytes, any recorded time, signed with the feed's real key, so a bundle of it
/// passes every check of signatures and chains and reaches the rules behind them.
///
/// Nothing here goes through `append`'s checks or the clock: that is the point.
public struct ForgedFeed: Sendable {
    /// The feed's key (its public half is the feed id peers trust).
    public let key: ReplicaKey
    /// The envelopes written so far, from seq 1.
    public private(set) var envelopes: [Envelope] = []

    /// A feed whose key is 32 copies of `byte`: the same feed id on every run.
    public init(keyByte: UInt8) throws {
        key = try ReplicaKey(rawRepresentation: Array(repeating: keyByte, count: 32))
    }

    /// The feed id, as `accord trust add` takes it.
    public var feed: FeedID { key.feed }

    /// Appends one event carrying `claim` (JSON text, written as given) recorded at `recorded`.
    @discardableResult
    public mutating func append(_ claim: String, recorded: HLCTimestamp = HLCTimestamp(milliseconds: 1_800_000_000_000)) -> Envelope {
        let envelope = Envelope.encode(
            feed: key.feed, seq: Int64(envelopes.count + 1), prev: envelopes.last?.id, recorded: recorded,
            claim: Array(claim.utf8))
        envelopes.append(envelope)
        return envelope
    }

    /// The feed's head, signed by its key.
    public var signedHead: SignedFeedHead {
        let head = FeedHead(feed: key.feed, seq: Int64(envelopes.count), id: envelopes.last!.id)
        return SignedFeedHead(head: head, signature: key.sign(head))
    }

    /// A bundle sent by this feed's replica carrying its events, then those of `relayed` feeds
    /// (in that order), every line as `accord sync export` writes it.
    ///
    /// - Parameter claimedVector: entries added to the header's vector (feed hex → seq): what
    ///   the sender says it holds beyond the feeds it carries.
    public func bundle(relaying relayed: [ForgedFeed] = [], claimedVector: [String: Int64] = [:]) -> [UInt8] {
        let feeds = [self] + relayed
        var body: [UInt8] = []
        for feed in feeds {
            for envelope in feed.envelopes {
                body += envelope.bytes
                body.append(0x0a)
            }
        }
        var vector = VersionVector()
        for (hex, seq) in claimedVector { if let feed = FeedID(hex: hex) { vector[feed] = seq } }
        for feed in feeds { vector[feed.feed] = Int64(feed.envelopes.count) }
        let header = BundleHeader(
            sender: key.feed, vector: vector, heads: feeds.map(\.signedHead),
            events: Int64(feeds.map(\.envelopes.count).reduce(0, +)), digest: Array(SHA256.hash(data: body)))
        return header.line(signedWith: key.sign(message:)) + [0x0a] + body
    }
}
