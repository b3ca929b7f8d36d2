import AccordLog
import GRDB

/// Reads facts and statuses as the replica knows them now (from the
/// projection tables) or as it knew them at a recorded time (folded on the
/// fly from the claims recorded by then, with the same pure folds).
public struct ProjectionReader {
    let db: Database
    /// Recorded-time bound in milliseconds; ``TreatyProjector/latest`` for now.
    public let knownAt: Int64

    public init(db: Database, knownAt: Int64?) {
        self.db = db
        self.knownAt = knownAt ?? TreatyProjector.latest
    }

    var isLatest: Bool { knownAt == TreatyProjector.latest }

    /// A fact's state, or nil if no claim (known by then) asserts it.
    public func fact(_ key: FactKey) throws -> FactState? {
        if isLatest { return try TreatyProjector.storedFact(key, in: db) }
        let fact = try TreatyProjector.foldFact(key, knownAt: knownAt, in: db)
        return fact.alternatives.isEmpty ? nil : fact
    }

    /// The action facts of a (treaty, state), in fact order.
    public func actionFacts(_ key: StatusKey) throws -> [FactState] {
        if isLatest {
            let range = key.actionFactKeys
            var facts: [FactState] = []
            try FactTable.facts(from: range.low, below: range.high, in: db) { facts.append($0) }
            return facts
        }
        return try TreatyProjector.foldActionFacts(of: key, knownAt: knownAt, in: db)
    }

    /// A (treaty, state)'s status periods; empty when nothing bears on its status.
    public func statusPeriods(_ key: StatusKey) throws -> [StatusPeriod] {
        if isLatest { return try StatusPeriodTable.periods(of: key, in: db) }
        return StatusFold.periods(treaty: try fact(.treaty(key.treaty)), actions: try actionFacts(key))
    }

    /// Every state's status periods under `treaty` that contain `day` (all of them when `day` is nil),
    /// by state, sorted: one query when reading now.
    public func statusPeriodsByState(under treaty: String, onDay day: Int? = nil) throws -> [(state: String, periods: [StatusPeriod])] {
        if isLatest { return try StatusPeriodTable.periodsByState(under: treaty, onDay: day, in: db) }
        return try states(under: treaty).compactMap { state in
            let periods = try statusPeriods(StatusKey(treaty: treaty, state: state)).filter { day.map($0.contains(day:)) ?? true }
            return periods.isEmpty ? nil : (state, periods)
        }
    }

    /// Every state with a status under `treaty`, sorted.
    public func states(under treaty: String) throws -> [String] {
        if isLatest {
            return try String.fetchAll(db, sql: "SELECT DISTINCT state FROM status_periods WHERE treaty = ? ORDER BY state", arguments: [treaty])
        }
        return try String.fetchAll(
            db, sql: "SELECT DISTINCT state FROM claims WHERE treaty = ? AND state IS NOT NULL AND recorded <= ? ORDER BY state",
            arguments: [treaty, knownAt])
    }

    /// The registered treaty codes, sorted.
    public func treaties() throws -> [String] {
        if isLatest {
            return try String.fetchAll(db, sql: "SELECT DISTINCT treaty FROM facts WHERE fact >= 'treaty/' AND fact < 'treaty0' ORDER BY treaty")
        }
        let codes = try String.fetchAll(db, sql: "SELECT DISTINCT treaty FROM claims WHERE kind = 'treaty' AND recorded <= ? ORDER BY treaty", arguments: [knownAt])
        return try codes.filter { try fact(.treaty($0)) != nil }
    }

    /// The treaties under which `state` has action facts, sorted.
    public func treaties(withActionsOf state: String) throws -> [String] {
        if isLatest {
            return try String.fetchAll(db, sql: "SELECT DISTINCT treaty FROM facts WHERE state = ? ORDER BY treaty", arguments: [state])
        }
        return try String.fetchAll(
            db, sql: "SELECT DISTINCT treaty FROM claims WHERE state = ? AND kind = 'action' AND recorded <= ? ORDER BY treaty",
            arguments: [state, knownAt])
    }

    /// The treaty's fact, or an error naming the treaties this replica knows.
    public func requireTreaty(_ code: String) throws -> FactState {
        if let fact = try fact(.treaty(code)) { return fact }
        let known = try treaties()
        throw AccordError(
            .notFound,
            "unknown treaty \"\(code)\": \(known.isEmpty ? "no treaty is registered yet" : "known treaties are \(known.joined(separator: ", "))") (register one with a treaty claim: `accord append --help`)")
    }
}
