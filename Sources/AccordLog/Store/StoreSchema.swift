import GRDB

/// A named piece of the store's schema. The log registers its own; the domain
/// (treaty projections) adds its tables after it. Names are permanent: once a
/// part has shipped, changes go into a new part.
public struct SchemaPart: Sendable {
    public let name: String
    public let apply: @Sendable (Database) throws -> Void

    public init(name: String, apply: @escaping @Sendable (Database) throws -> Void) {
        self.name = name
        self.apply = apply
    }
}

/// The log's own tables: feeds, the append-only events table, the replica's
/// identity and clock, the trust list, peers' version vectors and imports.
///
/// "Trust SQLite more than yourself": the append-only rule, the feed
/// positions and the id shape are constraints and triggers, not only Swift.
public enum LogSchema {
    /// The feeds table and the append-only events table with its triggers. Public so the
    /// benchmark's raw-SQLite baseline inserts into a table of exactly this shape.
    public static let feedsAndEventsSQL = """
        CREATE TABLE feeds (
            num            INTEGER PRIMARY KEY,
            key            TEXT NOT NULL UNIQUE CHECK (length(key) = 64),
            head_seq       INTEGER NOT NULL DEFAULT 0,
            head_id        BLOB,
            head_signature BLOB
        );
        CREATE TABLE events (
            num      INTEGER PRIMARY KEY,
            id       BLOB NOT NULL UNIQUE CHECK (length(id) = 32),
            feed     INTEGER NOT NULL REFERENCES feeds(num),
            seq      INTEGER NOT NULL CHECK (seq >= 1),
            recorded INTEGER NOT NULL,
            body     BLOB NOT NULL,
            UNIQUE (feed, seq)
        );
        CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: UPDATE is refused'); END;
        CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only: DELETE is refused'); END;
        """

    public static let part = SchemaPart(name: "log-v1") { db in
        try db.execute(sql: feedsAndEventsSQL)
        try db.execute(sql: """
            CREATE TABLE replica (
                singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
                feed        INTEGER NOT NULL REFERENCES feeds(num),
                name        TEXT NOT NULL,
                hlc_ms      INTEGER NOT NULL DEFAULT 0,
                hlc_counter INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE trusted_feeds (
                key      TEXT PRIMARY KEY CHECK (length(key) = 64),
                name     TEXT NOT NULL UNIQUE COLLATE NOCASE,
                added_ms INTEGER NOT NULL
            );
            CREATE TABLE peer_vectors (
                peer TEXT NOT NULL,
                feed TEXT NOT NULL,
                seq  INTEGER NOT NULL,
                PRIMARY KEY (peer, feed)
            ) WITHOUT ROWID;
            CREATE TABLE imports (
                num         INTEGER PRIMARY KEY,
                at_ms       INTEGER NOT NULL,
                sender      TEXT NOT NULL,
                digest      TEXT NOT NULL,
                events      INTEGER NOT NULL,
                new_events  INTEGER NOT NULL
            );
            """)
    }
}
