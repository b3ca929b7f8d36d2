import AccordLog
import GRDBSQLite

/// What SQLite itself does on this machine with the same data: the floor each
/// Accord phase is compared with, run in the same process.
enum RawBaselines {
    /// The pragmas of the Accord store, applied to the baseline database so both pay the same durability.
    struct Pragmas: Sendable {
        var journalMode: String
        var synchronous: Int
        var foreignKeys: Bool
        var cacheSize: Int
        var pageSize: Int
        /// Set after the others: the benchmark's `--pragma` experiments.
        var extra: [String] = []

        func applyExtra(to db: RawDatabase) throws {
            for pragma in extra { try db.execute("PRAGMA \(pragma)") }
        }

        var description: String {
            "journal_mode=\(journalMode) synchronous=\(synchronous) foreign_keys=\(foreignKeys ? 1 : 0) cache_size=\(cacheSize) page_size=\(pageSize)"
                + (extra.isEmpty ? "" : " (set by --pragma: \(extra.joined(separator: " ")))")
        }
    }

    /// The events table exactly as the store declares it (`LogSchema.feedsAndEventsSQL`), with its feeds table.
    static let schema = LogSchema.feedsAndEventsSQL

    /// Inserts the records of `records` into a new database at `path` with one
    /// prepared statement: in one transaction, or committing every `commitEvery` rows.
    ///
    /// - Returns: the number of rows inserted.
    static func insert(records: String, into path: String, pragmas: Pragmas, commitEvery: Int? = nil) throws -> Int {
        let db = try RawDatabase(path: path)
        try db.execute("""
            PRAGMA page_size = \(pragmas.pageSize); PRAGMA journal_mode = \(pragmas.journalMode); PRAGMA synchronous = \(pragmas.synchronous);
            PRAGMA foreign_keys = \(pragmas.foreignKeys ? "ON" : "OFF"); PRAGMA cache_size = \(pragmas.cacheSize);
            """)
        try pragmas.applyExtra(to: db)
        try db.execute(schema)
        try db.execute("INSERT INTO feeds (key) VALUES ('\(String(repeating: "ab", count: 32))')")
        let insert = try db.prepare("INSERT INTO events (id, feed, seq, recorded, body) VALUES (?, 1, ?, ?, ?)")
        var rows = 0
        try db.execute("BEGIN IMMEDIATE")
        try EventRecords.read(records) { id, seq, recorded, body in
            try id.withUnsafeBytes { id in
                try body.withUnsafeBytes { body in
                    insert.bind(1, blob: id)
                    insert.bind(2, seq)
                    insert.bind(3, recorded)
                    insert.bind(4, blob: body)
                    _ = try insert.step()
                    insert.reset()
                }
            }
            rows += 1
            if let commitEvery, rows % commitEvery == 0 {
                try db.execute("COMMIT")
                try db.execute("BEGIN IMMEDIATE")
            }
        }
        try db.execute("COMMIT")
        return rows
    }

    /// Reads every body in (feed, seq) order on `connection` and writes them as lines to
    /// `path`, fsynced: what an export does without hashing or a header.
    ///
    /// - Returns: the number of rows written.
    static func export(connection: OpaquePointer, to path: String) throws -> Int {
        let select = try RawStatement(connection: connection, sql: "SELECT body FROM events ORDER BY feed, seq")
        let file = try BufferedFile(path: path)
        var rows = 0
        while try select.step() {
            let body = select.blob(0)
            try file.append(body.baseAddress!, count: body.count)
            try file.append(byte: 0x0a)
            rows += 1
        }
        try file.finish(sync: true)
        return rows
    }

    /// Copies the rows of `tables` (with their indexes) from the database at `source`
    /// into a new database at `path`, in one transaction, with INSERT … SELECT: the
    /// floor of writing a rebuild's output, whatever computing it costs.
    ///
    /// - Returns: the number of rows written.
    static func copy(tables: [String], from source: String, into path: String, pragmas: Pragmas) throws -> Int {
        let db = try RawDatabase(path: path)
        try db.execute("PRAGMA page_size = \(pragmas.pageSize); PRAGMA journal_mode = \(pragmas.journalMode); PRAGMA synchronous = \(pragmas.synchronous); PRAGMA cache_size = \(pragmas.cacheSize);")
        try pragmas.applyExtra(to: db)
        try db.execute("ATTACH DATABASE '\(source.replacingOccurrences(of: "'", with: "''"))' AS src")
        let list = tables.map { "'\($0)'" }.joined(separator: ", ")
        let schema = try db.prepare("SELECT sql FROM src.sqlite_master WHERE tbl_name IN (\(list)) AND sql IS NOT NULL ORDER BY type DESC")
        var statements: [String] = []
        while try schema.step() {
            statements.append(String(cString: sqlite3_column_text(schema.handle, 0)))
        }
        for sql in statements { try db.execute(sql) }
        try db.execute("BEGIN IMMEDIATE")
        for table in tables { try db.execute("INSERT INTO main.\(table) SELECT * FROM src.\(table)") }
        try db.execute("COMMIT")
        let counts = tables.map { "(SELECT count(*) FROM main.\($0))" }.joined(separator: " + ")
        let count = try db.prepare("SELECT \(counts)")
        _ = try count.step()
        return Int(sqlite3_column_int64(count.handle, 0))
    }

    /// Reads every body on `connection` and sums the lengths (touching each blob).
    ///
    /// - Returns: the number of rows and the sum of their lengths.
    static func scan(connection: OpaquePointer) throws -> (rows: Int, bytes: Int) {
        let select = try RawStatement(connection: connection, sql: "SELECT body FROM events")
        var rows = 0, bytes = 0
        while try select.step() {
            bytes += select.blob(0).count
            rows += 1
        }
        return (rows, bytes)
    }
}
