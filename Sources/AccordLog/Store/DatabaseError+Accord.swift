import GRDB

extension AccordError {
    /// Translates a SQLite failure into the error a user can act on.
    static func from(_ error: any Error, store: String, busyTimeout: Double) -> AccordError {
        if let error = error as? AccordError { return error }
        if let db = error as? DatabaseError {
            switch db.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return AccordError(
                    .storeLocked,
                    "the store is locked by another process (waited \(busyTimeout) s); try again when it has finished",
                    place: store, cause: db)
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return AccordError(.corruptStore, "the store's database file is damaged: \(db.message ?? "")", place: store, cause: db)
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_PERM:
                return AccordError(.io, "cannot write the store: \(db.message ?? "\(db.resultCode)")", place: store, cause: db)
            default:
                return AccordError(.corruptStore, "database error: \(db.message ?? "\(db.resultCode)")", place: store, cause: db)
            }
        }
        return AccordError(.io, "\(error)", place: store)
    }
}
