import AccordLog
import Foundation
import GRDB

extension TreatyProjector {
    /// Recomputes every projection from the claims index.
    ///
    /// - Parameter reindex: also re-derive the claims index itself by decoding every envelope.
    /// - Parameter progress: called now and then with the number of claims read so far.
    /// - Complexity: one pass over the claims index in fact order; memory bounded by one (treaty, state).
    public static func rebuild(reindex: Bool = false, in db: Database, progress: (Int) -> Void = { _ in }) throws {
        if reindex {
            try db.execute(sql: "DELETE FROM claims; DELETE FROM supersessions; DELETE FROM unknown_claims")
            let decoder = ClaimDecoder()
            let cursor = try Row.fetchCursor(db, sql: "SELECT num, body FROM events ORDER BY num")
            var decoded = 0
            while let row = try cursor.next() {
                decoded += 1
                if decoded % 10_000 == 0 { progress(decoded) }
                let body: Data = row[1]
                let event = StoredEvent(num: row[0], envelope: try Envelope.parse(Array(body)))
                if let claim = try? decoder.decode(json: event.envelope.claimBytes) {
                    try ClaimIndex.insert(claim, event: event, in: db)
                } else {
                    try db.execute(sql: "INSERT INTO unknown_claims (event, type) VALUES (?, ?)", arguments: [event.num, typeWord(of: event)])
                }
            }
        }
        try db.execute(sql: "DELETE FROM facts; DELETE FROM status_periods")
        try foldEverything(in: db, progress: progress) { fact in
            try store(fact, in: db)
        } status: { key, periods in
            try StatusPeriodTable.insert(key, periods, in: db)
        }
        try db.execute(sql: "UPDATE projection_position SET event = (SELECT coalesce(max(num), 0) FROM events)")
    }

    /// The `type` word of an event's claim, for the unknown-claims table.
    static func typeWord(of event: StoredEvent) -> String {
        (try? JSONParser.parse(event.envelope.claimBytes))?["type"]?.stringValue ?? "?"
    }
}
