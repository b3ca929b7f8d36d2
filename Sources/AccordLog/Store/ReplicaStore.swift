import Foundation
import GRDB

/// One analyst's replica: a directory holding the SQLite store and the
/// replica's private key.
///
/// Modelled on GRDB's demo `AppDatabase`: a `Sendable` value wrapping the
/// database connection, owning its migrator and exposing a few transactions
/// that keep the log's invariants (append-only, gap-free feeds, signed heads).
public struct ReplicaStore: Sendable {
    /// The SQLite file inside a replica directory.
    public static let databaseFileName = "store.sqlite"
    /// The Ed25519 private key inside a replica directory (mode 0600).
    public static let keyFileName = "replica.key"
    /// Seconds to wait for another process's write lock, unless `ACCORD_BUSY_TIMEOUT` (seconds) says otherwise.
    public static let defaultBusyTimeout: Double = 5

    /// The replica directory, as given.
    public let directory: String
    /// This replica's feed: the public half of its key.
    public let feed: FeedID
    /// The name given at `init`, shown as the author of this replica's claims.
    public let name: String
    public let busyTimeout: Double
    let key: ReplicaKey
    let queue: DatabaseQueue
    /// Where this replica reads the wall time (injected, so tests can move it).
    public let clock: any WallClock

    public var databasePath: String { (directory as NSString).appendingPathComponent(Self.databaseFileName) }

    /// Creates a new replica in `directory` (creating the directory if needed).
    ///
    /// - Throws: `.replicaExists` if the directory already holds a replica; `.io` if it cannot be written.
    public static func create(
        at directory: String, name: String, key: ReplicaKey = .generate(), clock: any WallClock = SystemClock(),
        schema: [SchemaPart]
    ) throws(AccordError) -> ReplicaStore {
        let fm = FileManager.default
        let dbPath = (directory as NSString).appendingPathComponent(databaseFileName)
        let keyPath = (directory as NSString).appendingPathComponent(keyFileName)
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw AccordError(.io, "cannot create the replica directory: \(error.localizedDescription)", place: directory)
        }
        // Two `init`s on one directory take turns: the second finds the first's replica and
        // refuses, instead of deleting the store the first just made when its own key clashes.
        let lock = try DirectoryLock(directory)
        defer { lock.release() }
        if fm.fileExists(atPath: dbPath) || fm.fileExists(atPath: keyPath) {
            let existing = (try? open(at: directory, clock: clock, schema: schema).feed.hex).map { " (feed \($0))" } ?? ""
            throw AccordError(
                .replicaExists, "a replica already exists here\(existing); accord init never overwrites one",
                place: directory)
        }
        let timeout = busyTimeoutFromEnvironment()
        do {
            let queue = try DatabaseQueue(path: dbPath, configuration: configuration(busyTimeout: timeout))
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try migrator(schema).migrate(queue)
            try queue.write { db in
                try db.execute(sql: "INSERT INTO feeds (key) VALUES (?)", arguments: [key.feed.hex])
                try db.execute(
                    sql: "INSERT INTO replica (singleton, feed, name) VALUES (1, ?, ?)",
                    arguments: [db.lastInsertedRowID, name])
            }
            try KeyFile.write(key, to: keyPath)
            return ReplicaStore(
                directory: directory, feed: key.feed, name: name, busyTimeout: timeout, key: key, queue: queue,
                clock: clock)
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? fm.removeItem(atPath: dbPath + suffix) }
            throw AccordError.from(error, store: directory, busyTimeout: timeout)
        }
    }

    /// Opens the replica in `directory`, bringing its schema up to date.
    ///
    /// - Throws: `.noReplica` naming `accord init` when there is none; `.storeLocked` past the busy timeout.
    public static func open(
        at directory: String, clock: any WallClock = SystemClock(), schema: [SchemaPart]
    ) throws(AccordError) -> ReplicaStore {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AccordError(
                .noReplica, "no replica here: the directory does not exist (create one with `accord init --store \(directory)`)",
                place: directory)
        }
        let dbPath = (directory as NSString).appendingPathComponent(databaseFileName)
        guard fm.fileExists(atPath: dbPath) else {
            throw AccordError(
                .noReplica, "no replica here: \(databaseFileName) is missing (create one with `accord init --store \(directory)`)",
                place: directory)
        }
        let timeout = busyTimeoutFromEnvironment()
        do {
            let queue = try DatabaseQueue(path: dbPath, configuration: configuration(busyTimeout: timeout))
            let migrator = migrator(schema)
            let upToDate = try queue.read { db in
                if try migrator.hasBeenSuperseded(db) {
                    throw AccordError(.corruptStore, "this store was written by a newer version of accord; upgrade accord to use it", place: directory)
                }
                return try migrator.hasCompletedMigrations(db)
            }
            if !upToDate { try migrator.migrate(queue) }
            let (feedHex, name) = try queue.read { db -> (String, String) in
                guard let row = try Row.fetchOne(db, sql: "SELECT f.key, r.name FROM replica r JOIN feeds f ON f.num = r.feed") else {
                    throw AccordError(.corruptStore, "the store has no replica identity", place: directory)
                }
                return (row[0], row[1])
            }
            let key = try KeyFile.read(from: (directory as NSString).appendingPathComponent(keyFileName))
            guard key.feed.hex == feedHex else {
                throw AccordError(.corruptStore, "the key file does not belong to this store (key \(key.feed.short)…, store \(feedHex.prefix(12))…)", place: directory)
            }
            return ReplicaStore(
                directory: directory, feed: key.feed, name: name, busyTimeout: timeout, key: key, queue: queue,
                clock: clock)
        } catch {
            throw AccordError.from(error, store: directory, busyTimeout: timeout)
        }
    }

    /// Runs `body` in a read transaction: it sees one consistent state of the store.
    public func read<T>(_ body: (Database) throws -> T) throws(AccordError) -> T {
        do { return try queue.read(body) } catch { throw AccordError.from(error, store: directory, busyTimeout: busyTimeout) }
    }

    /// Runs `body` in one write transaction (taking the write lock at once):
    /// everything it does is committed together or not at all.
    public func write<T>(_ body: (Database) throws -> T) throws(AccordError) -> T {
        do { return try queue.write(body) } catch { throw AccordError.from(error, store: directory, busyTimeout: busyTimeout) }
    }

    /// Runs `body` outside any transaction (for VACUUM-like maintenance and checkpoints).
    public func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws(AccordError) -> T {
        do { return try queue.writeWithoutTransaction(body) } catch {
            throw AccordError.from(error, store: directory, busyTimeout: busyTimeout)
        }
    }

    static func migrator(_ schema: [SchemaPart]) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for part in [LogSchema.part] + schema { migrator.registerMigration(part.name, migrate: part.apply) }
        return migrator
    }

    static func configuration(busyTimeout: Double) -> Configuration {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.foreignKeysEnabled = true
        config.label = "accord"
        config.prepareDatabase { db in
            // Up to 64 MiB of page cache: large appends, imports and rebuilds touch index pages
            // all over the file, and the default 2 MiB made them wait on reads (measured by accord-bench).
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        return config
    }

    static func busyTimeoutFromEnvironment() -> Double {
        if let text = ProcessInfo.processInfo.environment["ACCORD_BUSY_TIMEOUT"], let value = Double(text), value >= 0 {
            return value
        }
        return defaultBusyTimeout
    }
}
