import Foundation
import GRDB

/// Reads and writes of the log's tables inside a transaction the caller holds.
///
/// The append path and the import path share these, so the rules they keep
/// (gap-free feeds, heads that match the last event) live in one place.
public enum LogTables {
    /// The row number of `feed` in the feeds table, adding the feed if it is new.
    public static func feedNumber(_ feed: FeedID, create: Bool, in db: Database) throws -> Int64? {
        if let num = try Int64.fetchOne(db, sql: "SELECT num FROM feeds WHERE key = ?", arguments: [feed.hex]) {
            return num
        }
        guard create else { return nil }
        try db.execute(sql: "INSERT INTO feeds (key) VALUES (?)", arguments: [feed.hex])
        return db.lastInsertedRowID
    }

    /// The signed head a feed has in this store, if it holds any of it.
    public static func head(of feed: FeedID, in db: Database) throws -> SignedFeedHead? {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT head_seq, head_id, head_signature FROM feeds WHERE key = ? AND head_seq > 0",
            arguments: [feed.hex])
        else { return nil }
        return try signedHead(feed: feed, row: row)
    }

    /// Every feed's signed head, ordered by feed key.
    public static func heads(in db: Database) throws -> [SignedFeedHead] {
        try Row.fetchAll(db, sql: "SELECT key, head_seq, head_id, head_signature FROM feeds WHERE head_seq > 0 ORDER BY key")
            .map { row in
                guard let feed = FeedID(hex: row["key"] as String) else {
                    throw AccordError(.corruptStore, "feeds table holds a malformed key")
                }
                return try signedHead(feed: feed, row: row)
            }
    }

    private static func signedHead(feed: FeedID, row: Row) throws -> SignedFeedHead {
        let idData: Data? = row["head_id"]
        let signature: Data? = row["head_signature"]
        guard let idData, let id = EventID(bytes: Array(idData)), let signature else {
            throw AccordError(.corruptStore, "feed \(feed.short)… has no signed head")
        }
        return SignedFeedHead(head: FeedHead(feed: feed, seq: row["head_seq"], id: id), signature: Array(signature))
    }

    /// Records a new signed head for a feed.
    public static func setHead(_ head: SignedFeedHead, feedNumber: Int64, in db: Database) throws {
        try db.execute(
            sql: "UPDATE feeds SET head_seq = ?, head_id = ?, head_signature = ? WHERE num = ?",
            arguments: [head.head.seq, Data(head.head.id.bytes), Data(head.signature), feedNumber])
    }

    /// What this store holds: the highest seq of every feed.
    public static func versionVector(in db: Database) throws -> VersionVector {
        var vector = VersionVector()
        for row in try Row.fetchAll(db, sql: "SELECT key, head_seq FROM feeds WHERE head_seq > 0") {
            if let feed = FeedID(hex: row[0] as String) { vector[feed] = row[1] }
        }
        return vector
    }

    /// Inserts one envelope; the caller has checked it extends its feed.
    ///
    /// - Returns: the event's local row number.
    @discardableResult
    public static func insert(_ envelope: Envelope, feedNumber: Int64, in db: Database) throws -> Int64 {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO events (id, feed, seq, recorded, body) VALUES (?, ?, ?, ?, ?)")
        try statement.run { row in
            row.bind(blob: envelope.id.bytes); row.bind(feedNumber); row.bind(envelope.seq)
            row.bind(envelope.recorded.milliseconds); row.bind(blob: envelope.bytes)
        }
        return db.lastInsertedRowID
    }

    /// The id of the event at (feed, seq), if held.
    public static func eventID(feedNumber: Int64, seq: Int64, in db: Database) throws -> EventID? {
        let statement = try db.cachedStatement(sql: "SELECT id FROM events WHERE feed = ? AND seq = ?")
        guard let data = try Data.fetchOne(statement, arguments: [feedNumber, seq]) else { return nil }
        return EventID(bytes: Array(data))
    }

    /// The event with `id`, if held.
    public static func event(_ id: EventID, in db: Database) throws -> StoredEvent? {
        guard let row = try Row.fetchOne(db, sql: "SELECT num, body FROM events WHERE id = ?", arguments: [Data(id.bytes)])
        else { return nil }
        return try storedEvent(row)
    }

    /// Events whose id starts with `prefix` (hex), at most `limit`: lets people type a short id.
    public static func events(idPrefix prefix: String, limit: Int = 2, in db: Database) throws -> [StoredEvent] {
        guard prefix.count % 2 == 0, let bytes = Hex.decode(prefix), !bytes.isEmpty else { return [] }
        var upper = bytes
        while let last = upper.last, last == 0xff { upper.removeLast() }
        let rows: [Row]
        if upper.isEmpty {
            rows = try Row.fetchAll(db, sql: "SELECT num, body FROM events WHERE id >= ? LIMIT ?", arguments: [Data(bytes), limit])
        } else {
            upper[upper.count - 1] += 1
            rows = try Row.fetchAll(
                db, sql: "SELECT num, body FROM events WHERE id >= ? AND id < ? LIMIT ?",
                arguments: [Data(bytes), Data(upper), limit])
        }
        return try rows.map(storedEvent)
    }

    /// The events of `feed` with seqs in `range`, in order, one at a time (a cursor: constant memory).
    public static func events(of feed: FeedID, seqs range: ClosedRange<Int64>, in db: Database, _ body: (StoredEvent) throws -> Void) throws {
        guard let number = try feedNumber(feed, create: false, in: db) else { return }
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT num, body FROM events WHERE feed = ? AND seq BETWEEN ? AND ? ORDER BY seq",
            arguments: [number, range.lowerBound, range.upperBound])
        while let row = try cursor.next() { try body(try storedEvent(row)) }
    }

    static func storedEvent(_ row: Row) throws -> StoredEvent {
        let body: Data = row["body"]
        return StoredEvent(num: row["num"], envelope: try Envelope.parse(Array(body)))
    }

    /// The replica's clock as last saved.
    public static func clock(in db: Database) throws -> HybridLogicalClock {
        let row = try Row.fetchOne(db, sql: "SELECT hlc_ms, hlc_counter FROM replica")!
        return HybridLogicalClock(last: HLCTimestamp(milliseconds: row[0], counter: row[1]))
    }

    /// The clock as HLC requires it, recomputed from the events: the latest of this replica's
    /// own last event (its feed's recorded times never go back) and every event recorded no more
    /// than ``HybridLogicalClock/maximumDrift`` ahead of `wallTime` (those a clock may follow).
    ///
    /// For a saved clock that is further ahead than that.
    /// - Complexity: one indexed read when this feed's own last event is itself that far ahead
    ///   (a wall clock that jumped forward and came back: nothing can be lower); otherwise one
    ///   scan of the events table (there is no index on recorded time), after which the saved
    ///   clock is within the bound again.
    public static func recoveredClock(ownFeed feedNumber: Int64, wallTime: Int64, in db: Database) throws -> HybridLogicalClock {
        var last = HLCTimestamp.zero
        if let body = try Data.fetchOne(
            db, sql: "SELECT body FROM events WHERE feed = ? ORDER BY seq DESC LIMIT 1", arguments: [feedNumber]) {
            last = try Envelope.parse(Array(body)).recorded
        }
        guard !HybridLogicalClock.isTooFarAhead(last, of: wallTime) else { return HybridLogicalClock(last: last) }
        if let body = try Data.fetchOne(
            db, sql: "SELECT body FROM events WHERE recorded <= ? ORDER BY recorded DESC LIMIT 1",
            arguments: [HybridLogicalClock.latestFollowed(wallTime: wallTime)]) {
            last = max(last, try Envelope.parse(Array(body)).recorded)
        }
        return HybridLogicalClock(last: last)
    }

    /// Saves the replica's clock.
    public static func saveClock(_ clock: HybridLogicalClock, in db: Database) throws {
        try db.execute(
            sql: "UPDATE replica SET hlc_ms = ?, hlc_counter = ?",
            arguments: [clock.last.milliseconds, clock.last.counter])
    }

    /// The names this replica knows feeds by: its own name and the trust list.
    public static func feedNames(in db: Database) throws -> [FeedID: String] {
        var names: [FeedID: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, name FROM trusted_feeds") {
            if let feed = FeedID(hex: row[0] as String) { names[feed] = row[1] }
        }
        if let row = try Row.fetchOne(db, sql: "SELECT f.key, r.name FROM replica r JOIN feeds f ON f.num = r.feed"),
           let feed = FeedID(hex: row[0] as String) {
            names[feed] = row[1]
        }
        return names
    }

    /// The number of events held.
    public static func eventCount(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0
    }
}
