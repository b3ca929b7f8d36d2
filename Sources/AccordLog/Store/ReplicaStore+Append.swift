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
        return try write { db in
            let feedNumber = try LogTables.feedNumber(feed, create: false, in: db)!
            let previous = try LogTables.head(of: feed, in: db)
            var seq = previous?.head.seq ?? 0
            var prev = previous?.head.id
            var hlc = try LogTables.clock(in: db)
            var written: [StoredEvent] = []
            written.reserveCapacity(claims.count)
            for claim in claims {
                seq += 1
                let envelope = Envelope.encode(
                    feed: feed, seq: seq, prev: prev, recorded: hlc.tick(wallTime: clock.now()), claim: claim)
                let num = try LogTables.insert(envelope, feedNumber: feedNumber, in: db)
                written.append(StoredEvent(num: num, envelope: envelope))
                prev = envelope.id
            }
            let head = FeedHead(feed: feed, seq: seq, id: prev!)
            try LogTables.setHead(SignedFeedHead(head: head, signature: key.sign(head)), feedNumber: feedNumber, in: db)
            try LogTables.saveClock(hlc, in: db)
            try project(db, written)
            return written.map(\.envelope)
        }
    }
}

extension ReplicaStore {
    /// Signs a bundle header with this replica's key (see `BundleHeader`).
    ///
    /// - Parameter message: the header's signed bytes, which start with their own prefix.
    public func signBundleHeader(_ message: [UInt8]) -> [UInt8] { key.sign(message: message) }
}
