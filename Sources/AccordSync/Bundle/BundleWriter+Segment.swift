import AccordLog
import Crypto
import Foundation
import GRDB

extension BundleWriter {
    /// The segments to write of this replica's own feed above seq `after`, cut by
    /// ``SegmentPlanner/cut(feed:after:sizes:maximumEvents:maximumBytes:)``.
    ///
    /// - Complexity: one indexed range read of the events' lengths above `after`.
    public static func segmentsToWrite(
        store: ReplicaStore, after: Int64, maximumEvents: Int64 = 100_000
    ) throws(AccordError) -> [SegmentName] {
        try store.read { db in
            guard let number = try LogTables.feedNumber(store.feed, create: false, in: db) else { return [] }
            let sizes = try Int64.fetchAll(
                db, sql: "SELECT length(body) FROM events WHERE feed = ? AND seq > ? ORDER BY seq", arguments: [number, after])
            return SegmentPlanner.cut(feed: store.feed, after: after, sizes: sizes, maximumEvents: max(1, maximumEvents))
        }
    }

    /// The bytes of one segment of this replica's own feed: a bundle of the events
    /// `segment.first ... segment.last`, sent by this replica, carrying the feed's head at
    /// `segment.last` freshly signed, and this replica's version vector.
    ///
    /// A segment is held in memory whole (the planner keeps it near 32 MiB at most) so that
    /// a folder and a bucket take the same bytes.
    ///
    /// - Throws: `.invalidInput` if the segment is not of this replica's feed or the store
    ///   does not hold all of it.
    public static func segment(store: ReplicaStore, _ segment: SegmentName) throws(AccordError) -> [UInt8] {
        try store.read { db in
            guard let number = try LogTables.feedNumber(store.feed, create: false, in: db), segment.feed == store.feed else {
                throw AccordError(.invalidInput, "segment \(segment) is not of this replica's feed")
            }
            let rows = try Row.fetchAll(
                db, sql: "SELECT seq, body FROM events WHERE feed = ? AND seq BETWEEN ? AND ? ORDER BY seq",
                arguments: [number, segment.first, segment.last])
            guard rows.count == segment.events, let lastSeq = rows.last?[0] as Int64?, lastSeq == segment.last,
                  let lastID = try LogTables.eventID(feedNumber: number, seq: segment.last, in: db),
                  let head = store.signOwnHead(FeedHead(feed: store.feed, seq: segment.last, id: lastID))
            else {
                throw AccordError(.invalidInput, "this replica does not hold all of segment \(segment)")
            }
            var hasher = SHA256()
            var size = 0
            for row in rows {
                let body: Data = row[1]
                hasher.update(data: body)
                hasher.update(data: [0x0a])
                size += body.count + 1
            }
            let header = BundleHeader(
                sender: store.feed, vector: try LogTables.versionVector(in: db), heads: [head], events: segment.events,
                digest: Array(hasher.finalize()))
            var bytes = header.line(signedWith: store.signBundleHeader)
            bytes.append(0x0a)
            bytes.reserveCapacity(bytes.count + size)
            for row in rows {
                let body: Data = row[1]
                bytes.append(contentsOf: body)
                bytes.append(0x0a)
            }
            return bytes
        }
    }
}
