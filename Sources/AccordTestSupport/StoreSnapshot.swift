import Foundation
import GRDB

/// A replica's store as it is at one moment, for "the store is exactly as it
/// was" checks: every event (id and exact body, in local order) and the
/// SHA-256 of the database file and of its write-ahead log.
///
/// Capture it only when no connection to the store is open in the test
/// process: hashing reads the database file, and any `close()` of that file
/// in a process drops SQLite's POSIX locks held by the process's other
/// connections. (Other processes' locks are not affected.)
public struct StoreSnapshot: Equatable, Sendable, CustomStringConvertible {
    /// One stored event.
    public struct Event: Equatable, Sendable {
        /// The id column, as hex.
        public let id: String
        /// The exact envelope bytes.
        public let body: [UInt8]
    }

    /// Every event, in the order the store recorded them.
    public let events: [Event]
    /// SHA-256 of `store.sqlite`'s bytes.
    public let databaseDigest: String
    /// SHA-256 of `store.sqlite-wal`'s bytes; nil when there is none or it is empty
    /// (an empty log holds nothing: SQLite leaves one behind after some closes).
    public let walDigest: String?

    /// Captures the store of the replica in `directory`.
    ///
    /// The files are hashed first, then the events are read through a
    /// read-only connection, which is closed before returning.
    public static func capture(replica directory: String) throws -> StoreSnapshot {
        let database = (directory as NSString).appendingPathComponent("store.sqlite")
        guard let bytes = FileManager.default.contents(atPath: database) else {
            throw SupportError("no store at \(database)")
        }
        let databaseDigest = TestDigest.sha256Hex(bytes)
        var walDigest: String? = nil
        if let wal = FileManager.default.contents(atPath: database + "-wal"), !wal.isEmpty {
            walDigest = TestDigest.sha256Hex(wal)
        }
        return StoreSnapshot(events: try events(database: database), databaseDigest: databaseDigest, walDigest: walDigest)
    }

    /// Reads every event of the database at `database` through a read-only
    /// connection. Safe while the test process has other connections open.
    public static func events(database: String) throws -> [Event] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: database, configuration: configuration)
        let events = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, body FROM events ORDER BY num").map { row in
                let id: Data = row[0]
                let body: Data = row[1]
                return Event(id: id.map { String(format: "%02x", $0) }.joined(), body: Array(body))
            }
        }
        try queue.close()
        return events
    }

    public var description: String {
        "\(events.count) events (last \(events.last?.id.prefix(12) ?? "none")), store.sqlite \(databaseDigest.prefix(16)), wal \(walDigest?.prefix(16) ?? "none")"
    }
}
