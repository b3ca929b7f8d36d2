import GRDBSQLite

/// A bare SQLite connection through the C API, for the baselines: nothing
/// between the benchmark and the library but the calls themselves.
final class RawDatabase {
    let handle: OpaquePointer
    let path: String

    init(path: String) throws {
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let db else {
            throw BenchError("cannot open \(path): \(db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory")")
        }
        handle = db
        self.path = path
    }

    deinit { sqlite3_close_v2(handle) }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw RawDatabase.error(handle, sql) }
    }

    func prepare(_ sql: String) throws -> RawStatement { try RawStatement(connection: handle, sql: sql) }

    static func error(_ handle: OpaquePointer, _ sql: String) -> BenchError {
        BenchError("SQLite: \(String(cString: sqlite3_errmsg(handle))) (in \(sql.prefix(60)))")
    }

    /// The version of the SQLite library linked, e.g. `3.40.1`.
    static var libraryVersion: String { String(cString: sqlite3_libversion()) }
}

/// A prepared statement; binds borrow the caller's bytes (SQLITE_STATIC), so
/// bind and step inside the same `withUnsafeBytes`.
final class RawStatement {
    let handle: OpaquePointer
    private let connection: OpaquePointer
    private let sql: String

    init(connection: OpaquePointer, sql: String) throws {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw RawDatabase.error(connection, sql)
        }
        handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

    func bind(_ index: Int32, blob: UnsafeRawBufferPointer) {
        sqlite3_bind_blob(handle, index, blob.baseAddress, Int32(blob.count), nil)
    }

    /// Steps once: true while there is a row.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw RawDatabase.error(connection, sql)
        }
    }

    func reset() { sqlite3_reset(handle) }

    /// The blob in column `i` of the current row, valid until the next step.
    func blob(_ i: Int32) -> UnsafeRawBufferPointer {
        let pointer = sqlite3_column_blob(handle, i)
        return UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, i)))
    }
}
