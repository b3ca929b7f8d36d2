import AccordLog
import Foundation
import GRDB

/// Verifies the treaty projections: the claims index says what the envelopes
/// say, and the facts and statuses tables are, row for row and byte for byte,
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
        let facts = try TreatyProjector.foldAllFacts(in: db)
        let storedFacts = try Row.fetchAll(db, sql: "SELECT fact, treaty, state, disputed, alternatives FROM facts ORDER BY fact")
        for (i, (key, fact)) in facts.enumerated() {
            guard i < storedFacts.count else { throw difference("fact \(key) is missing from the facts table") }
            let row = storedFacts[i]
            guard row[0] as String == key.description else {
                throw difference("the facts table holds \(row[0] as String) where a rebuild has \(key)")
            }
            guard row[1] as String? == key.treaty, row[2] as String? == key.state, row[3] as Bool == fact.isDisputed,
                  row[4] as String == fact.alternativesJSON
            else { throw difference("fact \(key) differs from a rebuild: stored \(row[4] as String), rebuilt \(fact.alternativesJSON)") }
        }
        if storedFacts.count > facts.count {
            throw difference("the facts table holds \(storedFacts[facts.count][0] as String), which a rebuild does not have")
        }
        let byKey = Dictionary(uniqueKeysWithValues: facts.map { ($0.0, $0.1) })
        let statusKeys = Set(facts.compactMap { key, _ in key.state.map { StatusKey(treaty: key.treaty!, state: $0) } }).sorted()
        var rebuilt: [(StatusKey, String)] = []
        for key in statusKeys {
            let actions = byKey.values.filter { $0.key.treaty == key.treaty && $0.key.state == key.state }
            guard actions.contains(where: { if case .action(_, _, let a, _) = $0.key { StatusFold.relevantActions.contains(a) } else { false } })
            else { continue }
            rebuilt.append((key, StatusVariant.json(StatusFold.variants(treaty: byKey[.treaty(key.treaty)], actions: actions))))
        }
        let storedStatuses = try Row.fetchAll(db, sql: "SELECT treaty, state, variants FROM statuses ORDER BY treaty, state")
        for (i, (key, json)) in rebuilt.enumerated() {
            guard i < storedStatuses.count else { throw difference("the status of \(key.state) under \(key.treaty) is missing") }
            let row = storedStatuses[i]
            guard row[0] as String == key.treaty, row[1] as String == key.state else {
                throw difference("the statuses table holds \(row[1] as String) under \(row[0] as String) where a rebuild has \(key.state) under \(key.treaty)")
            }
            guard row[2] as String == json else {
                throw difference("the status of \(key.state) under \(key.treaty) differs from a rebuild: stored \(row[2] as String), rebuilt \(json)")
            }
        }
        if storedStatuses.count > rebuilt.count {
            throw difference("the statuses table holds \(storedStatuses[rebuilt.count][1] as String) under \(storedStatuses[rebuilt.count][0] as String), which a rebuild does not have")
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
                   u.type
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
            let expected = try expectedRow(claim, recorded: envelope.recorded.milliseconds)
            let actual: [DatabaseValue] = (2...11).map { row[$0] as DatabaseValue }
            guard expected == actual else {
                throw AccordError(.corruptStore, "the claims index differs from the envelope; run `accord rebuild --reindex`", place: place)
            }
        }
    }

    private static func expectedRow(_ claim: Claim, recorded: Int64) throws -> [DatabaseValue] {
        var treaty: String? = nil, state: String? = nil, date: String? = nil, text: String? = nil, tally: Tally? = nil
        switch claim.body {
        case .treaty(let t): treaty = t.treaty; text = FactValue(claim)!.json
        case .action(let a): treaty = a.treaty; state = a.state; date = a.date.description; tally = a.tally
        case .statement(let s): text = s.value
        case .retraction(let r): treaty = r.fact.treaty; state = r.fact.state
        }
        return [
            claim.fact.description.databaseValue, claim.type.databaseValue, treaty.databaseValue, state.databaseValue,
            date.databaseValue, tally?.inFavour.databaseValue ?? .null, tally?.against.databaseValue ?? .null,
            tally?.abstaining.databaseValue ?? .null, text.databaseValue, recorded.databaseValue,
        ]
    }
}
