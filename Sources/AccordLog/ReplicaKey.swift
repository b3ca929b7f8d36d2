import Crypto
import Foundation

/// A replica's Ed25519 signing key. Its public half is the replica's ``FeedID``.
public struct ReplicaKey: Sendable {
    let privateKey: Curve25519.Signing.PrivateKey

    /// A fresh random key.
    public static func generate() -> ReplicaKey { ReplicaKey(privateKey: .init()) }

    /// A key from its 32 raw bytes (tests use fixed keys).
    public init(rawRepresentation: [UInt8]) throws(AccordError) {
        do { privateKey = try .init(rawRepresentation: rawRepresentation) } catch {
            throw AccordError(.corruptStore, "the replica key is not a valid Ed25519 key")
        }
    }

    init(privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    public var feed: FeedID { FeedID(bytes: Array(privateKey.publicKey.rawRepresentation))! }

    /// Signs the head of this replica's feed.
    public func sign(_ head: FeedHead) -> [UInt8] {
        Array(try! privateKey.signature(for: head.signedMessage))
    }

    /// Signs a message of another kind (a bundle header). Each kind of message
    /// starts with its own prefix, so a signature of one kind is never valid as another.
    public func sign(message: [UInt8]) -> [UInt8] {
        Array(try! privateKey.signature(for: message))
    }

    /// Whether `signature` is `feed`'s signature of `message`.
    public static func verify(_ signature: [UInt8], of message: [UInt8], by feed: FeedID) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: feed.bytes) else { return false }
        return key.isValidSignature(signature, for: message)
    }

    /// The raw 32 private-key bytes, as written to the key file.
    var rawRepresentation: [UInt8] { Array(privateKey.rawRepresentation) }
}

/// The latest event of a feed, as its owner vouches for it: (feed, seq, id) and
/// the owner's Ed25519 signature over them.
///
/// Signing the head vouches for the whole feed up to it, through the `prev` chain.
public struct FeedHead: Sendable, Equatable {
    public var feed: FeedID
    public var seq: Int64
    public var id: EventID

    public init(feed: FeedID, seq: Int64, id: EventID) {
        self.feed = feed
        self.seq = seq
        self.id = id
    }

    /// The exact bytes signed: `accord-feed-head/1 <feed hex> <seq> <id hex>`.
    public var signedMessage: [UInt8] { Array("accord-feed-head/1 \(feed.hex) \(seq) \(id.hex)".utf8) }

    /// Whether `signature` is the feed owner's signature of this head.
    public func verify(signature: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: feed.bytes) else { return false }
        return key.isValidSignature(signature, for: signedMessage)
    }
}

/// A feed head with its signature, as stored and as carried in bundle headers.
public struct SignedFeedHead: Sendable, Equatable {
    public var head: FeedHead
    public var signature: [UInt8]

    public init(head: FeedHead, signature: [UInt8]) {
        self.head = head
        self.signature = signature
    }

    public var isValid: Bool { head.verify(signature: signature) }
}
