import Foundation
import GRDB
import GRDBSQLite

/// Binds a statement's parameters, in order, through SQLite's C API.
public struct DirectBinder {
    fileprivate let statement: OpaquePointer
    fileprivate var index: Int32 = 1

    /// SQLite copies what it is given (the value may not outlive the call).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    public mutating func bind(_ value: Int64?) {
        if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
        index += 1
    }

    public mutating func bind(_ value: Int?) { bind(value.map(Int64.init)) }

    public mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    public mutating func bind(_ value: String?) {
        if var value {
            value.withUTF8 { bytes in
                _ = sqlite3_bind_text(statement, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
            }
        } else {
            sqlite3_bind_null(statement, index)
        }
        index += 1
    }

    /// Binds a value GRDB holds.
    public mutating func bind(_ value: DatabaseValue) {
        switch value.storage {
        case .null: bind(nil as Int64?)
        case .int64(let v): bind(v)
        case .double(let v):
            sqlite3_bind_double(statement, index, v)
            index += 1
        case .string(let v): bind(v)
        case .blob(let v): bind(blob: v)
        }
    }

    /// Binds bytes as a blob (an empty blob, not NULL, when there are none).
    public mutating func bind(blob bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob(statement, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), Self.transient)
        }
        index += 1
    }
}

extension Statement {
    /// Runs this statement (an INSERT, UPDATE or DELETE) once, its parameters bound in
    /// order by `bind` through SQLite's C API.
    ///
    /// Why not `execute(arguments:)`: GRDB's `StatementArguments` boxes each value as an
    /// existential and maps it to a `DatabaseValue` before binding it. perf over `accord
    /// rebuild` (2·10^4 claims, release) put building the arguments at 12 % of the phase and
    /// binding them at 6 %, for the rows of the claims index and the projections, which are
    /// written by the hundred thousand. Use it for such hot writes only; elsewhere GRDB's
    /// arguments are clearer.
    ///
    /// - Throws: `DatabaseError` with SQLite's message when the step fails.
    public func run(_ bind: (inout DirectBinder) -> Void) throws {
        let statement = sqliteStatement
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        var binder = DirectBinder(statement: statement)
        bind(&binder)
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))), sql: sql)
        }
    }
}
