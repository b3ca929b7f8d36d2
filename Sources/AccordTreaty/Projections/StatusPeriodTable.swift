import AccordLog
import Foundation
import GRDB

/// The `status_periods` table: each (treaty, state)'s ``StatusPeriod`` rows in
/// typed columns, numbered `n` in canonical order so that an incremental update and
/// a rebuild write identical rows.
///
/// Columns, as documented in the README for people reading the store with `sqlite3`:
/// `treaty`, `state`, `n`; `status` (`not-party`, `signatory`, `consented`, `party`,
/// `withdrawn`, or `deposited` for the count at deposit); `from_date`/`to_date`, the
/// period `[from, to)` as ISO dates (NULL: no start / no end) and `from_day`/`to_day`,
/// the same as days since 1970-01-01; `since_date` (as stated or computed),
/// `since_day`, `computed`; `disputed`; `events`, the 32-byte ids of the claims the
/// answer rests on, concatenated.
enum StatusPeriodTable {
    static let columns = "status, from_day, to_day, since_date, since_day, computed, disputed, events"

    /// A (treaty, state)'s rows, in order.
    static func periods(of key: StatusKey, in db: Database) throws -> [StatusPeriod] {
        let statement = try db.cachedStatement(sql: "SELECT \(columns) FROM status_periods WHERE treaty = ? AND state = ? ORDER BY n")
        return try Row.fetchAll(statement, arguments: [key.treaty, key.state]).map { try period($0, key: key) }
    }

    /// Every state's rows under `treaty` that contain `day` (all rows when `day` is nil), by state, sorted.
    static func periodsByState(under treaty: String, onDay day: Int?, in db: Database) throws -> [(state: String, periods: [StatusPeriod])] {
        let rows: [Row]
        if let day {
            rows = try Row.fetchAll(
                db.cachedStatement(sql: """
                    SELECT state, \(columns) FROM status_periods
                    WHERE treaty = ? AND (from_day IS NULL OR from_day <= ?) AND (to_day IS NULL OR ? < to_day)
                    ORDER BY state, n
                    """),
                arguments: [treaty, day, day])
        } else {
            rows = try Row.fetchAll(
                db.cachedStatement(sql: "SELECT state, \(columns) FROM status_periods WHERE treaty = ? ORDER BY state, n"), arguments: [treaty])
        }
        var result: [(state: String, periods: [StatusPeriod])] = []
        for row in rows {
            let state: String = row[0]
            let period = try period(row, key: StatusKey(treaty: treaty, state: state), offset: 1)
            if result.last?.state == state { result[result.count - 1].periods.append(period) } else { result.append((state, [period])) }
        }
        return result
    }

    /// Replaces a (treaty, state)'s rows when they differ from `periods` (most claims leave a
    /// status as it was: then nothing is written and no page is dirtied).
    static func update(_ key: StatusKey, to periods: [StatusPeriod], in db: Database) throws {
        guard try self.periods(of: key, in: db) != periods else { return }
        try db.cachedStatement(sql: "DELETE FROM status_periods WHERE treaty = ? AND state = ?").execute(arguments: [key.treaty, key.state])
        try insert(key, periods, in: db)
    }

    /// Writes a (treaty, state)'s rows (which it must not have yet).
    static func insert(_ key: StatusKey, _ periods: [StatusPeriod], in db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO status_periods (treaty, state, n, status, from_date, to_date, from_day, to_day,
                                        since_date, since_day, computed, disputed, events)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var ids: [UInt8] = []
        for (n, p) in periods.enumerated() {
            ids.removeAll(keepingCapacity: true)
            for id in p.events { ids.append(contentsOf: id.bytes) }
            try statement.run { row in
                row.bind(key.treaty); row.bind(key.state); row.bind(n); row.bind(p.reading.name)
                row.bind(p.from.map { PartialDate(dayNumber: $0).description }); row.bind(p.to.map { PartialDate(dayNumber: $0).description })
                row.bind(p.from); row.bind(p.to)
                row.bind(p.since?.date); row.bind(p.since?.day); row.bind(p.since?.computed ?? false)
                row.bind(p.disputed); row.bind(blob: ids)
            }
        }
    }

    /// The period in `row`'s columns from `offset` on, in the order of ``columns``.
    private static func period(_ row: Row, key: StatusKey, offset: Int = 0) throws -> StatusPeriod {
        func unreadable() -> AccordError {
            AccordError(.corruptStore, "the status of \(key.state) under \(key.treaty) is unreadable; run `accord rebuild`")
        }
        guard let reading = StatusPeriod.Reading(name: row[offset]) else { throw unreadable() }
        let sinceDate: String? = row[offset + 3], sinceDay: Int? = row[offset + 4]
        let ids: Data = row[offset + 7]
        guard ids.count % 32 == 0 else { throw unreadable() }
        var events: [EventID] = []
        events.reserveCapacity(ids.count / 32)
        var start = ids.startIndex
        while start < ids.endIndex {
            guard let id = EventID(bytes: Array(ids[start..<start + 32])) else { throw unreadable() }
            events.append(id)
            start += 32
        }
        var since: StatusMark? = nil
        if let sinceDate, let sinceDay { since = StatusMark(day: sinceDay, date: sinceDate, computed: row[offset + 5]) }
        return StatusPeriod(reading: reading, since: since, from: row[offset + 1], to: row[offset + 2], disputed: row[offset + 6], events: events)
    }
}
