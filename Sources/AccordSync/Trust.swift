import AccordLog
import Foundation
import GRDB

/// The feeds a replica accepts events from, by the name people know them by.
///
/// Trust is explicit: a bundle carrying a feed not on this list is refused
/// whole, with the `accord trust add` command that would accept it.
public enum Trust {
    public struct Entry: Sendable, Equatable {
        public var feed: FeedID
        public var name: String
        /// The highest seq held of this feed.
        public var held: Int64
    }

    /// Trusts a feed under a name.
    ///
    /// - Throws: `.invalidInput` for a malformed id, the replica's own feed, or a name taken by another feed.
    public static func add(_ feedText: String, name: String, store: ReplicaStore) throws(AccordError) -> Entry {
        guard let feed = FeedID(hex: feedText.lowercased()) else {
            throw AccordError(.invalidInput, "\"\(feedText)\" is not a feed id: 64 hex digits, as `accord id` prints on the peer's replica")
        }
        guard feed != store.feed else { throw AccordError(.invalidInput, "that is this replica's own feed; it is always trusted") }
        guard !name.isEmpty, !name.contains(where: { $0.isNewline || $0 == "/" }) else {
            throw AccordError(.invalidInput, "--name must be a non-empty single line without '/'")
        }
        return try store.write { db in
            if let existing = try String.fetchOne(db, sql: "SELECT key FROM trusted_feeds WHERE name = ?", arguments: [name]), existing != feed.hex {
                throw AccordError(.invalidInput, "the name \"\(name)\" is already given to feed \(existing.prefix(12))…; choose another")
            }
            if name.caseInsensitiveCompare(store.name) == .orderedSame {
                throw AccordError(.invalidInput, "\"\(name)\" is this replica's own name; choose another")
            }
            try db.execute(
                sql: "INSERT INTO trusted_feeds (key, name, added_ms) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET name = excluded.name",
                arguments: [feed.hex, name, Int64(Date().timeIntervalSince1970 * 1000)])
            return Entry(feed: feed, name: name, held: try LogTables.head(of: feed, in: db)?.head.seq ?? 0)
        }
    }

    /// Stops trusting the feed trusted under `name`: the events of it already held stay (they
    /// are history, signed by that key), and bundles carrying it are refused from now on.
    ///
    /// - Returns: the entry that was removed.
    /// - Throws: `.notFound` naming the trusted peers when no feed has that name.
    public static func remove(named name: String, store: ReplicaStore) throws(AccordError) -> Entry {
        try store.write { db in
            let feed = try feed(named: name, in: db)
            let entry = try entries(in: db).first { $0.feed == feed }!
            try db.execute(sql: "DELETE FROM trusted_feeds WHERE key = ?", arguments: [feed.hex])
            return entry
        }
    }

    /// Every trusted feed, by name.
    public static func list(store: ReplicaStore) throws(AccordError) -> [Entry] {
        try store.read { db in try entries(in: db) }
    }

    static func entries(in db: Database) throws -> [Entry] {
        try Row.fetchAll(db, sql: """
            SELECT t.key, t.name, coalesce(f.head_seq, 0) FROM trusted_feeds t LEFT JOIN feeds f ON f.key = t.key ORDER BY t.name
            """).compactMap { row in FeedID(hex: row[0] as String).map { Entry(feed: $0, name: row[1], held: row[2]) } }
    }

    /// The feed trusted under `name`, or an error listing the names there are.
    public static func feed(named name: String, in db: Database) throws -> FeedID {
        if let key = try String.fetchOne(db, sql: "SELECT key FROM trusted_feeds WHERE name = ?", arguments: [name]), let feed = FeedID(hex: key) {
            return feed
        }
        let names = try entries(in: db).map(\.name)
        throw AccordError(.notFound, "no trusted peer named \"\(name)\"\(names.isEmpty ? "" : " (trusted: \(names.joined(separator: ", ")))"); trust it with `accord trust add FEED_ID --name \(name)`")
    }
}
