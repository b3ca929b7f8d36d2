import Foundation
import GRDB

/// Verifies the log itself: every stored body hashes to its id, every feed is
/// a gap-free chain from seq 1 where each event names the previous one, the
/// stored head is the last event, and its signature is the feed owner's.
public enum LogVerifier {
    /// - Returns: the number of events verified.
    /// - Throws: ``AccordError`` `.corruptStore` naming the first problem.
    /// - Complexity: O(events); one pass over the events table in (feed, seq) order.
    @discardableResult
    public static func verify(in db: Database, progress: (Int) -> Void = { _ in }) throws -> Int {
        var count = 0
        for feedRow in try Row.fetchAll(db, sql: "SELECT num, key FROM feeds ORDER BY num") {
            let feedNumber: Int64 = feedRow[0]
            guard let feed = FeedID(hex: feedRow[1] as String) else {
                throw AccordError(.corruptStore, "feeds table holds a malformed key \(feedRow[1] as String)")
            }
            var expectedSeq: Int64 = 1
            var prev: EventID? = nil
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, seq, body FROM events WHERE feed = ? ORDER BY seq", arguments: [feedNumber])
            while let row = try cursor.next() {
                let place = "feed \(feed.short)… seq \(row[1] as Int64)"
                let body: Data = row[2]
                let envelope: Envelope
                do { envelope = try Envelope.parse(Array(body)) } catch {
                    throw AccordError(.corruptStore, "stored envelope is unreadable: \(error.message)", place: place)
                }
                let storedID: Data = row[0]
                guard Array(storedID) == envelope.id.bytes else {
                    throw AccordError(.corruptStore, "stored id does not match the SHA-256 of the envelope bytes", place: place)
                }
                guard envelope.feed == feed, envelope.seq == row[1] as Int64 else {
                    throw AccordError(.corruptStore, "envelope says feed \(envelope.feed.short)… seq \(envelope.seq), the row says otherwise", place: place)
                }
                guard envelope.seq == expectedSeq else {
                    throw AccordError(.corruptStore, "the feed has a gap: seq \(expectedSeq) is missing", place: place)
                }
                guard envelope.prev == prev else {
                    throw AccordError(.corruptStore, "the hash chain is broken: prev does not name the id of seq \(expectedSeq - 1)", place: place)
                }
                prev = envelope.id
                expectedSeq += 1
                count += 1
                if count % 10_000 == 0 { progress(count) }
            }
            let held = expectedSeq - 1
            if held == 0 { continue }
            guard let head = try LogTables.head(of: feed, in: db) else {
                throw AccordError(.corruptStore, "feed \(feed.short)… holds events but no signed head")
            }
            guard head.head.seq == held, head.head.id == prev else {
                throw AccordError(.corruptStore, "feed \(feed.short)…: the signed head (seq \(head.head.seq)) is not the last event held (seq \(held))")
            }
            guard head.isValid else {
                throw AccordError(.corruptStore, "feed \(feed.short)…: the head signature does not verify with the feed's key")
            }
        }
        return count
    }
}
