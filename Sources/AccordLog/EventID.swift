import Crypto

/// The identity of an event: the SHA-256 of its exact envelope bytes.
///
/// Shown and exchanged as 64 lowercase hex digits.
public struct EventID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Wraps 32 digest bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    /// Parses 64 lowercase hex digits.
    public init?(hex: some StringProtocol) {
        guard hex.utf8.count == 64, let bytes = Hex.decode(Array(hex.utf8)) else { return nil }
        self.bytes = bytes
    }

    /// The id of the envelope whose bytes are `envelope`.
    ///
    /// - Complexity: O(n) in the envelope's length.
    public init(hashing envelope: some DataProtocol) {
        self.bytes = Array(SHA256.hash(data: envelope))
    }

    public var hex: String { Hex.encode(bytes) }
    public var description: String { hex }
    /// The first 12 hex digits, for tables meant for people.
    public var short: String { String(hex.prefix(12)) }

    public static func < (lhs: EventID, rhs: EventID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}

import Foundation
