import AccordLog
import Crypto
import Foundation
import GRDB

/// Writes a bundle: the header, then the envelopes a peer lacks, feed by
/// feed in seq order, exactly as stored.
///
/// The body is read twice inside one read transaction — once to count and
/// hash it for the header, once to write it — so memory stays flat whatever
/// the size. The file is written beside its destination, fsynced and renamed.
public enum BundleWriter {
    /// What was written.
    public struct Summary: Sendable {
        public var events: Int64
        public var feeds: Int
    }

    /// - Parameters:
    ///   - peer: what the receiver is known to hold; events at or below it are left out (empty: everything).
    ///   - feeds: only these feeds (nil: every feed held — a replica relays its peers' events).
    public static func write(
        store: ReplicaStore, to path: String, peer: VersionVector = VersionVector(), feeds: Set<FeedID>? = nil,
        progress: (Int64) -> Void = { _ in }
    ) throws(AccordError) -> Summary {
        try store.read { db in
            let vector = try LogTables.versionVector(in: db)
            let heads = try LogTables.heads(in: db).filter { head in
                (feeds?.contains(head.head.feed) ?? true) && head.head.seq > peer[head.head.feed]
            }
            // What a reader refuses is never written: a header within its bounds.
            guard heads.count <= BundleHeader.maximumFeeds, vector.entries.count <= BundleHeader.maximumFeeds else {
                throw AccordError(.invalidInput, "this replica holds \(vector.entries.count) feeds, more than \(BundleHeader.maximumFeeds), the most a bundle may carry", place: path)
            }
            var plan: [(feedNumber: Int64, after: Int64)] = []
            for head in heads {
                guard let number = try LogTables.feedNumber(head.head.feed, create: false, in: db) else { continue }
                plan.append((number, peer[head.head.feed]))
            }
            func body(_ each: (Data) throws -> Void) throws {
                let statement = try db.cachedStatement(sql: "SELECT body FROM events WHERE feed = ? AND seq > ? ORDER BY seq")
                for (number, after) in plan {
                    let cursor = try Data.fetchCursor(statement, arguments: [number, after])
                    while let envelope = try cursor.next() { try each(envelope) }
                }
            }
            var hasher = SHA256()
            var count: Int64 = 0
            try body { envelope in
                hasher.update(data: envelope)
                hasher.update(data: [0x0a])
                count += 1
            }
            let header = BundleHeader(
                sender: store.feed, vector: vector, heads: heads, events: count, digest: Array(hasher.finalize()))
            let writer = try AtomicFile.Writer(finalPath: path)
            try writer.append(header.line(signedWith: store.signBundleHeader) + [0x0a])
            var written: Int64 = 0
            try body { envelope in
                try writer.append(envelope)
                try writer.append(CollectionOfOne(0x0a))
                written += 1
                if written % 10_000 == 0 { progress(written) }
            }
            try writer.commit()
            return Summary(events: count, feeds: heads.count)
        }
    }
}
