import Foundation
import GRDB

extension ReplicaStore {
    /// Appends claims to this replica's own feed in one transaction: each gets
    /// the next seq, the previous event's id, a clock reading and its id; the
    /// key signs the new head once for the batch; `project` updates the
    /// projections in the same transaction, so they never lag the log.
    ///
    /// - Parameters:
    ///   - claims: each claim as canonical JSON object bytes, already validated.
    ///   - project: called with the inserted events, inside the transaction; if it throws, nothing is kept.
    /// - Returns: the envelopes written, in feed order.
    /// - Complexity: O(claims); independent of how many events the store already holds.
    @discardableResult
    public func append(
        claims: [[UInt8]], project: (Database, [StoredEvent]) throws -> Void = { _, _ in }
    ) throws(AccordError) -> [Envelope] {
        guard !claims.isEmpty else { return [] }
        var envelopes: [Envelope] = []
        var given = false
        try append(batches: { _ in
            defer { given = true }
            return given ? nil : claims
        }, project: { db, events in
            envelopes = events.map(\.envelope)
            try project(db, events)
        })
        return envelopes
    }

    /// Appends claims batch by batch in one transaction, all or nothing, in memory bounded by a batch:
    /// `next` gives each batch (reading from the transaction if it must) until it returns nil;
    /// `project` sees each batch's inserted events; `finish` runs once before the commit.
    ///
    /// - Returns: the seqs of the first and last events written, or nil when there were none.
    @discardableResult
    public func append(
        batches next: (Database) throws -> [[UInt8]]?, project: (Database, [StoredEvent]) throws -> Void = { _, _ in },
        finish: (Database) throws -> Void = { _ in }
    ) throws(AccordError) -> ClosedRange<Int64>? {
        try write { db -> ClosedRange<Int64>? in
            let feedNumber = try LogTables.feedNumber(feed, create: false, in: db)!
            let previous = try LogTables.head(of: feed, in: db)
            let firstSeq = (previous?.head.seq ?? 0) + 1
            var seq = previous?.head.seq ?? 0
            var prev = previous?.head.id
            var hlc = try LogTables.clock(in: db)
            var written: [StoredEvent] = []
            while let claims = try next(db) {
                written.removeAll(keepingCapacity: true)
                written.reserveCapacity(claims.count)
                for claim in claims {
                    seq += 1
                    let now = clock.now()
                    // A saved clock far ahead of the wall clock (poisoned by a peer before imports bounded
                    // the drift, or left there by a wall clock that jumped ahead and came back) goes back to
                    // what HLC requires: after this feed's last event and the events it may follow.
                    if seq == firstSeq, HybridLogicalClock.isTooFarAhead(hlc.last, of: now) {
                        hlc = try LogTables.recoveredClock(ownFeed: feedNumber, wallTime: now, in: db)
                    }
                    let envelope = Envelope.encode(
                        feed: feed, seq: seq, prev: prev, recorded: hlc.tick(wallTime: now), claim: claim)
                    let num = try LogTables.insert(envelope, feedNumber: feedNumber, in: db)
                    written.append(StoredEvent(num: num, envelope: envelope))
                    prev = envelope.id
                }
                try project(db, written)
            }
            guard seq >= firstSeq else { return nil }
            let head = FeedHead(feed: feed, seq: seq, id: prev!)
            try LogTables.setHead(SignedFeedHead(head: head, signature: key.sign(head)), feedNumber: feedNumber, in: db)
            try LogTables.saveClock(hlc, in: db)
            try finish(db)
            return firstSeq...seq
        }
    }
}

extension ReplicaStore {
    /// Signs a bundle header with this replica's key (see `BundleHeader`).
    ///
    /// - Parameter message: the header's signed bytes, which start with their own prefix.
    public func signBundleHeader(_ message: [UInt8]) -> [UInt8] { key.sign(message: message) }

    /// Signs a head of this replica's own feed at any seq it holds, for a bundle that ends
    /// there (a segment of the feed). Nil for a head of another feed.
    public func signOwnHead(_ head: FeedHead) -> SignedFeedHead? {
        guard head.feed == feed else { return nil }
        return SignedFeedHead(head: head, signature: key.sign(head))
    }
}
