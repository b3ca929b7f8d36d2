import AccordLog
import Foundation
import GRDB

/// Verifies the treaty projections: the claims index says what the envelopes
/// say, and the facts and status_periods tables are, row for row and byte for byte,
/// what a rebuild would write.
public enum ProjectionVerifier {
    /// - Throws: ``AccordError`` `.corruptStore` naming the first difference.
    public static func verify(in db: Database) throws {
        try verifyClaimsIndex(in: db)
        let position = try Int64.fetchOne(db, sql: "SELECT event FROM projection_position") ?? -1
        let last = try Int64.fetchOne(db, sql: "SELECT coalesce(max(num), 0) FROM events") ?? 0
        guard position == last else {
            throw AccordError(.corruptStore, "projections reflect the log up to event \(position), but it holds \(last); run `accord rebuild`")
        }
        // Fold everything as a rebuild would, and compare row by row with what is stored.
        var factCount = 0, statusCount = 0
        try TreatyProjector.foldEverything(in: db) { fact in
            factCount += 1
            let stored: FactState?
            do { stored = try FactTable.fact(fact.key, in: db) } catch let error as AccordError { throw difference(error.message) }
            guard let stored else { throw difference("fact \(fact.key) is missing from the facts table") }
            guard stored == fact else {
                throw difference("fact \(fact.key) differs from a rebuild: stored \(stored.alternativesJSON), rebuilt \(fact.alternativesJSON)")
            }
            let columns = try Row.fetchAll(db, sql: "SELECT treaty, state, disputed, first_day, last_day FROM facts WHERE fact = ? ORDER BY n", arguments: [fact.key.description])
            for (row, alternative) in zip(columns, fact.alternatives)
            where row[0] as String? != fact.key.treaty || row[1] as String? != fact.key.state || row[2] as Bool != fact.isDisputed
                || row[3] as Int? != alternative.value.date?.firstDay || row[4] as Int? != alternative.value.date?.lastDay {
                throw difference("fact \(fact.key) has columns that disagree with its value")
            }
        } status: { key, periods in
            statusCount += 1
            let stored: [StatusPeriod]
            do { stored = try StatusPeriodTable.periods(of: key, in: db) } catch let error as AccordError {
                throw difference(error.message)
            }
            guard !stored.isEmpty else { throw difference("the status of \(key.state) under \(key.treaty) is missing") }
            guard stored == periods else {
                throw difference("the status of \(key.state) under \(key.treaty) differs from a rebuild (\(stored.count) stored periods, \(periods.count) rebuilt)")
            }
            // The date columns say what the day columns say (people query them with sqlite3).
            let dates = try Row.fetchAll(db, sql: "SELECT from_date, to_date FROM status_periods WHERE treaty = ? AND state = ? ORDER BY n", arguments: [key.treaty, key.state])
            for (row, period) in zip(dates, periods)
            where row[0] as String? != period.from.map({ PartialDate(dayNumber: $0).description })
                || row[1] as String? != period.to.map({ PartialDate(dayNumber: $0).description }) {
                throw difference("the status of \(key.state) under \(key.treaty) has dates that disagree with its days")
            }
        }
        if try FactTable.count(in: db) != factCount || (try Int.fetchOne(db, sql: "SELECT count(*) FROM facts WHERE n > 0 AND NOT disputed") ?? 0) > 0 {
            let extra = try String.fetchAll(db, sql: "SELECT DISTINCT fact FROM facts ORDER BY fact")
                .first { key in FactKey(key).map { (try? TreatyProjector.foldFact($0, knownAt: TreatyProjector.latest, in: db))?.alternatives.isEmpty ?? true } ?? true }
            throw difference("the facts table holds \(extra ?? "a fact"), which a rebuild does not have")
        }
        let storedStatuses = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT DISTINCT treaty, state FROM status_periods)") ?? 0
        if storedStatuses != statusCount {
            throw difference("the status_periods table holds the status of \(storedStatuses) states where a rebuild has \(statusCount)")
        }
    }

    private static func difference(_ message: String) -> AccordError {
        AccordError(.corruptStore, "projection differs from a rebuild: \(message); run `accord rebuild` to repair it")
    }

    /// Every event's claims row says what its envelope says.
    static func verifyClaimsIndex(in db: Database) throws {
        let decoder = ClaimDecoder()
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT e.num, e.body, c.fact, c.kind, c.treaty, c.state, c.date, c.tally_for, c.tally_against, c.tally_abstain, c.text, c.recorded,
                   u.type, c.id
            FROM events e LEFT JOIN claims c ON c.event = e.num LEFT JOIN unknown_claims u ON u.event = e.num
            ORDER BY e.num
            """)
        while let row = try cursor.next() {
            let body: Data = row[1]
            let envelope = try Envelope.parse(Array(body))
            let place = "event \(envelope.id.short)…"
            guard let claim = try? decoder.decode(json: envelope.claimBytes) else {
                guard row[12] as String? != nil else {
                    throw AccordError(.corruptStore, "an undecodable claim is not recorded as unknown", place: place)
                }
                continue
            }
            let expected = ClaimIndex.columns(of: claim, recorded: envelope.recorded.milliseconds)
            let actual: [DatabaseValue] = (2...11).map { row[$0] as DatabaseValue }
            guard expected == actual, row[13] as Data? == Data(envelope.id.bytes) else {
                throw AccordError(.corruptStore, "the claims index differs from the envelope; run `accord rebuild --reindex`", place: place)
            }
        }
    }
}
