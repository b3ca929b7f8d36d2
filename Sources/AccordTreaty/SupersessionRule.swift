import AccordLog
import Foundation
import GRDB

/// The rule a claim's `supersedes` keeps, wherever the claim comes from: every
/// event it names that this store knows as a claim is a claim of the same fact.
///
/// Local `append` also refuses a target the store does not hold; an import lets
/// one through (it may arrive later), and refuses it when it arrives — earlier
/// or later in the same bundle, or in a later one — if it is a claim of another
/// fact. One message for both, so a person reads the same words either way:
/// `supersedes[0]: claim 3fa1c2d4e5f6… is about action/CCM/LTU/signature, not action/CCM/LTU/ratification`.
/// `accord check` reports a claim that got past it (``verify(in:)``).
public enum SupersessionRule {
    /// Checks a claim about to be appended on this replica: every target is a claim of this store, of the same fact.
    ///
    /// - Throws: `.invalidInput` naming the first target that is missing or of another fact.
    static func checkLocal(_ claim: Claim, in db: Database) throws {
        for (i, id) in claim.supersedes.enumerated() {
            guard let text = try ClaimIndex.factText(ofEvent: id, in: db) else {
                throw AccordError(.invalidInput, "supersedes[\(i)]: no claim \(id.short)… in this store (see `accord log`)")
            }
            guard text == claim.fact.description else {
                throw crossFact(.invalidInput, index: i, target: id, targetFact: text, fact: claim.fact.description)
            }
        }
    }

    /// The error for a claim whose `supersedes[index]` names a claim of another fact.
    static func crossFact(_ code: AccordError.Code, index: Int, target: EventID, targetFact: String, fact: String) -> AccordError {
        AccordError(code, "supersedes[\(index)]: claim \(target.short)… is about \(targetFact), not \(fact)")
    }

    /// The first supersession across facts that one import brings, among the events just projected.
    ///
    /// Looks at supersessions written by the events numbered `batch` (their targets may be
    /// in the store, in this batch or in an earlier one), and at those written earlier in the
    /// same import (row numbers from `importStart`) whose target is one of `batch` — so a
    /// target that comes later in the bundle than the claim naming it is caught too.
    ///
    /// - Returns: the row number of the superseding event and the error to report at its place; nil when none.
    /// - Complexity: one range read of the claims index over `batch`, an index probe per supersession.
    static func firstCrossFact(
        inBatch batch: ClosedRange<Int64>, importStart: Int64, in db: Database
    ) throws -> (event: Int64, error: AccordError)? {
        // By the batch's claims, of targets known now; then onto the batch's claims, by this import's earlier ones.
        let byBatch = """
            SELECT s.by_event, s.superseded, t.fact, b.fact
            FROM claims b JOIN supersessions s ON s.by_event = b.event
            JOIN events e ON e.id = s.superseded JOIN claims t ON t.event = e.num
            WHERE b.event BETWEEN :low AND :high AND t.fact <> b.fact
            ORDER BY s.by_event LIMIT 1
            """
        let ontoBatch = """
            SELECT s.by_event, s.superseded, t.fact, b.fact
            FROM claims t JOIN supersessions s ON s.superseded = t.id
            JOIN claims b ON b.event = s.by_event
            WHERE t.event BETWEEN :low AND :high AND s.by_event >= :start AND s.by_event < :low AND t.fact <> b.fact
            ORDER BY s.by_event LIMIT 1
            """
        let arguments: StatementArguments = ["low": batch.lowerBound, "high": batch.upperBound, "start": importStart]
        var found: Row? = nil
        for sql in [ontoBatch, byBatch] {
            if let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments) {
                found = row
                break
            }
        }
        guard let row = found else { return nil }
        let byEvent: Int64 = row[0]
        let targetData: Data = row[1]
        guard let target = EventID(bytes: Array(targetData)) else { return nil }
        // The index within `supersedes`, for the same words as append: read back the one claim at fault.
        let body = try Data.fetchOne(db, sql: "SELECT body FROM events WHERE num = ?", arguments: [byEvent])
        let index = body.flatMap { try? Envelope.parse(Array($0)) }
            .flatMap { try? ClaimDecoder().decode(json: $0.claimBytes) }?
            .supersedes.firstIndex(of: target) ?? 0
        return (byEvent, crossFact(.invalidBundle, index: index, target: target, targetFact: row[2], fact: row[3]))
    }

    /// Checks that no claim in the store supersedes a claim of another fact (for `accord check`;
    /// such a claim could only have come in before append and import refused it).
    ///
    /// - Throws: `.corruptStore` naming the first such claim and both facts.
    /// - Complexity: one pass over the supersessions, an index probe each.
    public static func verify(in db: Database) throws {
        if let crossFact = try firstCrossFactInStore(in: db) { throw crossFact.error }
    }

    /// The first claim in the store that supersedes a claim of another fact.
    ///
    /// - Returns: the superseding event's id and the error; nil when every supersession keeps to its fact.
    static func firstCrossFactInStore(in db: Database) throws -> (event: EventID, error: AccordError)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT e.id, s.superseded, t.fact, b.fact, s.by_event
            FROM supersessions s JOIN claims b ON b.event = s.by_event JOIN events e ON e.num = s.by_event
            JOIN events te ON te.id = s.superseded JOIN claims t ON t.event = te.num
            WHERE t.fact <> b.fact
            ORDER BY s.by_event LIMIT 1
            """)
        else { return nil }
        let idData: Data = row[0], targetData: Data = row[1]
        guard let id = EventID(bytes: Array(idData)), let target = EventID(bytes: Array(targetData)) else { return nil }
        return (id, AccordError(
            .corruptStore,
            "supersedes claim \(target.short)…, which is about \(row[2] as String), not \(row[3] as String): a claim may supersede only claims of its own fact (append and import refuse such a claim; this one came in before they did)",
            place: "event \(id.short)…"))
    }
}
