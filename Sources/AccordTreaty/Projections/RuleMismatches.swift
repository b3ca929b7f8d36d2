import AccordLog
import GRDB

/// A date a source states that contradicts what the treaty's rule computes
/// (a stated entry into force after a deposit, a stated withdrawal date after
/// a notification). Reported by `accord check`; the stated date still wins.
public struct RuleMismatch: Sendable, CustomStringConvertible {
    public var treaty: String
    public var state: String
    public var stated: (fact: FactKey, date: String)
    public var computed: (from: FactKey, date: String)

    public var description: String {
        "rule mismatch: \(stated.fact) states \(stated.date), but \(treaty)'s rule gives \(computed.date) from \(computed.from)"
    }

    /// Every mismatch in the store, in fact order.
    public static func all(in db: Database) throws -> [RuleMismatch] {
        var result: [RuleMismatch] = []
        let reader = ProjectionReader(db: db, knownAt: nil)
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT treaty, state FROM status_periods ORDER BY treaty, state") {
            let key = StatusKey(treaty: row[0], state: row[1])
            guard case .treaty(let terms)? = try reader.fact(.treaty(key.treaty))?.value else { continue }
            let facts = Dictionary(uniqueKeysWithValues: try reader.actionFacts(key).map { ($0.key, $0) })
            func agreed(_ action: String) -> (FactKey, DateSpan)? {
                let k = FactKey.action(treaty: key.treaty, state: key.state, action: action, stage: nil)
                guard let date = facts[k]?.value?.date else { return nil }
                return (k, date)
            }
            let consent = TreatyAction.allCases.filter { $0.isConsent && $0 != .succession }.compactMap { agreed($0.rawValue) }
                .min { $0.1.firstDay < $1.1.firstDay }
            if let (from, deposit) = consent, let (stated, entry) = agreed("entry-into-force"), let treatyEntry = terms.entryIntoForce {
                let effective = { (day: Int) in terms.consentEffectiveDay(depositDay: day) ?? treatyEntry.firstDay }
                if let computed = mismatch(stated: entry, earliest: effective(deposit.firstDay), latest: effective(deposit.lastDay)) {
                    result.append(RuleMismatch(treaty: key.treaty, state: key.state, stated: (stated, entry.description), computed: (from, computed)))
                }
            }
            if let (from, notice) = agreed("withdrawal-notification"), let (stated, effective) = agreed("withdrawal-effective") {
                let rule = terms.withdrawalTakesEffect
                if let computed = mismatch(stated: effective, earliest: rule.effectiveDay(from: notice.firstDay), latest: rule.effectiveDay(from: notice.lastDay)) {
                    result.append(RuleMismatch(treaty: key.treaty, state: key.state, stated: (stated, effective.description), computed: (from, computed)))
                }
            }
        }
        return result
    }

    /// The computed date or range, when the stated span shares no day with what the rule gives
    /// for some day of the instrument's date (every rule is monotonic, so its first and last
    /// days bound the range); nil when they can agree.
    private static func mismatch(stated: DateSpan, earliest: Int, latest: Int) -> String? {
        guard stated.lastDay < earliest || stated.firstDay > latest else { return nil }
        let first = PartialDate(dayNumber: earliest).description
        return earliest == latest ? first : "\(first)/\(PartialDate(dayNumber: latest))"
    }
}
