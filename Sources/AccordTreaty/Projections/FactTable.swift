import AccordLog
import Foundation
import GRDB

/// The `facts` table: one row per alternative of each fact with heads, in typed
/// columns, so neither a fold nor a query parses JSON back.
///
/// Columns (documented in the README): `fact`, `n` (the alternative's place, 0 first),
/// `treaty`, `state`, `disputed` (the fact's heads disagree); the value: `date` (as
/// stated), `first_day`, `last_day` (days since 1970-01-01), `tally_for`,
/// `tally_against`, `tally_abstain`, `value` (a statement's text, or a treaty's terms
/// as JSON — treaty facts are few); `heads`, the 32-byte ids of the heads that give
/// the value, concatenated.
enum FactTable {
    static let columns = "n, date, tally_for, tally_against, tally_abstain, value, heads"

    /// Writes a fact's rows, or deletes them when it has no heads left.
    static func store(_ fact: FactState, in db: Database) throws {
        let key = fact.key.description
        try db.cachedStatement(sql: "DELETE FROM facts WHERE fact = ? AND n >= ?").execute(arguments: [key, fact.alternatives.count])
        guard !fact.alternatives.isEmpty else { return }
        // An upsert, not a delete and insert: an alternative that changes keeps its row, so the
        // index by (treaty, state) is not rewritten, nor the disputed index unless that changes.
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO facts (fact, n, treaty, state, disputed, date, first_day, last_day, tally_for, tally_against, tally_abstain, value, heads)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (fact, n) DO UPDATE SET
                disputed = excluded.disputed, date = excluded.date, first_day = excluded.first_day, last_day = excluded.last_day,
                tally_for = excluded.tally_for, tally_against = excluded.tally_against, tally_abstain = excluded.tally_abstain,
                value = excluded.value, heads = excluded.heads
            """)
        for (n, alternative) in fact.alternatives.enumerated() {
            var date: DateSpan? = nil, tally: Tally? = nil, text: String? = nil
            switch alternative.value {
            case let .action(d, t): date = d; tally = t
            case .statement(let s): text = s
            case .treaty: text = alternative.value.json
            }
            var heads: [UInt8] = []
            heads.reserveCapacity(alternative.heads.count * 32)
            for id in alternative.heads { heads.append(contentsOf: id.bytes) }
            try upsert.run { row in
                row.bind(key); row.bind(n); row.bind(fact.key.treaty); row.bind(fact.key.state); row.bind(fact.isDisputed)
                row.bind(date?.description); row.bind(date?.firstDay); row.bind(date?.lastDay)
                row.bind(tally?.inFavour); row.bind(tally?.against); row.bind(tally?.abstaining); row.bind(text); row.bind(blob: heads)
            }
        }
    }

    /// A stored fact, or nil.
    static func fact(_ key: FactKey, in db: Database) throws -> FactState? {
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT \(columns) FROM facts WHERE fact = ? ORDER BY n"), arguments: [key.description])
        guard !rows.isEmpty else { return nil }
        return FactState(key: key, alternatives: try rows.map { try alternative($0, of: key, offset: 0) })
    }

    /// The stored facts whose keys are in `[low, high)` (or all of them), in key order, one at a time.
    static func facts(from low: String? = nil, below high: String? = nil, in db: Database, _ body: (FactState) throws -> Void) throws {
        let cursor = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT fact, \(columns) FROM facts WHERE fact >= ? AND fact < ? ORDER BY fact, n"),
            arguments: [low ?? "", high ?? "\u{10FFFF}"])
        var current: (key: FactKey, alternatives: [FactState.Alternative])? = nil
        while let row = try cursor.next() {
            let text: String = row[0]
            if current?.key.description != text {
                if let current { try body(FactState(key: current.key, alternatives: current.alternatives)) }
                guard let key = FactKey(text) else { throw unreadable(text) }
                current = (key, [])
            }
            current!.alternatives.append(try alternative(row, of: current!.key, offset: 1))
        }
        if let current { try body(FactState(key: current.key, alternatives: current.alternatives)) }
    }

    /// The number of facts with heads.
    static func count(in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM facts WHERE n = 0") ?? 0
    }

    private static func alternative(_ row: Row, of key: FactKey, offset: Int) throws -> FactState.Alternative {
        let ids: Data = row[offset + 6]
        guard ids.count % 32 == 0, !ids.isEmpty else { throw unreadable(key.description) }
        var heads: [EventID] = []
        var start = ids.startIndex
        while start < ids.endIndex {
            heads.append(EventID(bytes: Array(ids[start..<start + 32]))!)
            start += 32
        }
        let value: FactValue?
        switch key {
        case .action:
            let date: String? = row[offset + 1]
            if let date, case .success(let span) = DateSpan.parse(date) {
                let counts: (Int64?, Int64?, Int64?) = (row[offset + 2], row[offset + 3], row[offset + 4])
                let tally = counts == (nil, nil, nil) ? nil : Tally(inFavour: counts.0, against: counts.1, abstaining: counts.2)
                value = .action(date: span, tally: tally)
            } else {
                value = nil
            }
        case .statement:
            value = (row[offset + 5] as String?).map(FactValue.statement)
        case .treaty:
            value = (row[offset + 5] as String?).flatMap { try? JSONParser.parse(Array($0.utf8)) }.flatMap { FactValue.parse($0, kind: .treaty) }
        }
        guard let value else { throw unreadable(key.description) }
        return FactState.Alternative(value: value, heads: heads)
    }

    private static func unreadable(_ fact: String) -> AccordError {
        AccordError(.corruptStore, "the fact \(fact) is unreadable; run `accord rebuild`")
    }
}
