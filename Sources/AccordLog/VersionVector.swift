/// What a replica holds: for each feed, the highest seq it holds. Feeds are
/// always held as gap-free prefixes, so this says exactly which events are held.
public struct VersionVector: Sendable, Equatable {
    public private(set) var entries: [FeedID: Int64]

    public init(_ entries: [FeedID: Int64] = [:]) { self.entries = entries.filter { $0.value > 0 } }

    public subscript(feed: FeedID) -> Int64 {
        get { entries[feed] ?? 0 }
        set { entries[feed] = newValue > 0 ? newValue : nil }
    }

    /// Feeds in a fixed order (by key bytes), for output that must not depend on hashing.
    public var sortedEntries: [(feed: FeedID, seq: Int64)] {
        entries.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Whether this vector holds at least everything `other` holds.
    public func covers(_ other: VersionVector) -> Bool {
        other.entries.allSatisfy { self[$0.key] >= $0.value }
    }
}
