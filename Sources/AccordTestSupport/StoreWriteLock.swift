/// Holds a SQLite database's write lock from another process, to see what a
/// command does when it cannot get it.
///
/// A `python3` child opens the database, runs `BEGIN IMMEDIATE`, prints
/// `locked` and blocks reading stdin; the lock is known to be held once that
/// line has been read (no sleeping), and is released when stdin is closed.
public enum StoreWriteLock {
    static let script = """
        import sqlite3, sys
        connection = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
        connection.execute("BEGIN IMMEDIATE")
        print("locked", flush=True)
        sys.stdin.read()
        connection.execute("ROLLBACK")
        connection.close()
        """

    /// Runs `body` while another process holds the write lock of the database at `databasePath`.
    ///
    /// - Throws: ``SupportError`` if the lock could not be taken (no python3, no database),
    ///   or what `body` throws. The holding process has exited when this returns.
    public static func whileHeld<T: Sendable>(
        databasePath: String, _ body: () async throws -> T
    ) async throws -> T {
        let (value, result) = try await ChildProcess.withRunning(
            "python3", arguments: ["-c", script, databasePath]
        ) { process -> T? in
            guard try await process.nextLine() == "locked" else { return nil }
            let value = try await body()
            try await process.closeInput()
            return value
        }
        guard let value else {
            throw SupportError("python3 could not take the write lock of \(databasePath): \(result)")
        }
        guard result.status == 0 else {
            throw SupportError("the process holding the write lock of \(databasePath) failed: \(result)")
        }
        return value
    }
}
