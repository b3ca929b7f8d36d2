/// The identity of a feed: the Ed25519 public key of the replica that writes it.
///
/// Shown as 64 lowercase hex digits, which are safe as a file name and as an argument.
public struct FeedID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 32 bytes of the raw Ed25519 public key.
    public let bytes: [UInt8]

    /// Wraps the 32 raw public-key bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Parses 64 lowercase hex digits.
    public init?(hex: some StringProtocol) {
        guard hex.utf8.count == 64, let bytes = Hex.decode(Array(hex.utf8)) else { return nil }
        self.bytes = bytes
    }

    public var hex: String { Hex.encode(bytes) }
    public var description: String { hex }
    /// The first 12 hex digits, for messages meant for people.
    public var short: String { String(hex.prefix(12)) }

    public static func < (lhs: FeedID, rhs: FeedID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}
