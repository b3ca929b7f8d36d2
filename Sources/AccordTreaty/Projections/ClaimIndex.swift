import AccordLog
import Foundation
import GRDB

/// The `claims` and `supersessions` rows of an event: what projections need
/// of a claim, in columns, written in the same transaction as the event.
enum ClaimIndex {
    /// The columns of a claim's row after `event` and `id`, in table order: fact, kind, treaty,
    /// state, date, tally_for, tally_against, tally_abstain, text, recorded. One derivation
    /// serves the insert and `check`, which compares the stored row with it.
    static func columns(of claim: Claim, recorded: Int64) -> [DatabaseValue] {
        var treaty: String? = nil, state: String? = nil, date: String? = nil, text: String? = nil
        var tally: Tally? = nil
        switch claim.body {
        case .treaty(let t):
            treaty = t.treaty
            text = FactValue(claim)!.json
        case .action(let a):
            treaty = a.treaty; state = a.state; date = a.date.description; tally = a.tally
        case .statement(let s):
            text = s.value
        case .retraction(let r):
            treaty = r.fact.treaty; state = r.fact.state
        }
        return [
            claim.fact.description.databaseValue, claim.type.databaseValue, treaty.databaseValue, state.databaseValue,
            date.databaseValue, tally?.inFavour.databaseValue ?? .null, tally?.against.databaseValue ?? .null,
            tally?.abstaining.databaseValue ?? .null, text.databaseValue, recorded.databaseValue,
        ]
    }

    /// Records an event's claim (a retraction too) and what it supersedes.
    static func insert(_ claim: Claim, event: StoredEvent, in db: Database) throws {
        let recorded = event.envelope.recorded.milliseconds
        let statement = try db.cachedStatement(sql: """
            INSERT INTO claims (event, id, fact, kind, treaty, state, date, tally_for, tally_against, tally_abstain, text, recorded)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.run { row in
            row.bind(event.num)
            row.bind(blob: event.envelope.id.bytes)
            for column in columns(of: claim, recorded: recorded) { row.bind(column) }
        }
        if !claim.supersedes.isEmpty {
            let supersede = try db.cachedStatement(
                sql: "INSERT OR IGNORE INTO supersessions (superseded, by_event, recorded) VALUES (?, ?, ?)")
            for id in claim.supersedes {
                try supersede.execute(arguments: [Data(id.bytes), event.num, recorded])
            }
        }
    }

    /// The fact key (as text) of the claim with event id `id`, or nil when no claim of this store has that id.
    static func factText(ofEvent id: EventID, in db: Database) throws -> String? {
        try String.fetchOne(
            db.cachedStatement(sql: "SELECT c.fact FROM claims c JOIN events e ON e.num = c.event WHERE e.id = ?"),
            arguments: [Data(id.bytes)])
    }

    /// The value a `claims` row asserts (nil for a retraction or an unreadable row).
    static func value(kind: String, date: String?, tally: (Int64?, Int64?, Int64?), text: String?) -> FactValue? {
        switch kind {
        case "action":
            guard let date, case .success(let span) = DateSpan.parse(date) else { return nil }
            let t: Tally? = (tally.0 == nil && tally.1 == nil && tally.2 == nil)
                ? nil : Tally(inFavour: tally.0, against: tally.1, abstaining: tally.2)
            return .action(date: span, tally: t)
        case "statement":
            return text.map(FactValue.statement)
        case "treaty":
            guard let text, let json = try? JSONParser.parse(Array(text.utf8)) else { return nil }
            return FactValue.parse(json, kind: .treaty)
        default:
            return nil
        }
    }

    /// The SQL selecting the heads of facts, as known at `:knownAt` (a recorded-time bound):
    /// claims not superseded by any claim of the same fact recorded by then. A claim that
    /// names one of another fact in `supersedes` (refused on append and import, but a peer's
    /// bundle may hold one) supersedes nothing.
    static let headsSQL = """
        SELECT c.fact, c.id, c.kind, c.date, c.tally_for, c.tally_against, c.tally_abstain, c.text
        FROM claims c
        WHERE c.kind <> 'retraction' AND c.recorded <= :knownAt
          AND NOT EXISTS (
            SELECT 1 FROM supersessions s JOIN claims b ON b.event = s.by_event
            WHERE s.superseded = c.id AND s.recorded <= :knownAt AND b.fact = c.fact)
        """

    static func head(_ row: Row) throws -> (id: EventID, value: FactValue) {
        let idData: Data = row[1]
        guard let id = EventID(bytes: Array(idData)),
              let value = value(kind: row[2], date: row[3], tally: (row[4], row[5], row[6]), text: row[7])
        else { throw AccordError(.corruptStore, "the claims index holds an unreadable row for fact \(row[0] as String)") }
        return (id, value)
    }
}
