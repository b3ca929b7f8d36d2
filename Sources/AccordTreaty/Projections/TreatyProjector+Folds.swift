import AccordLog
import GRDB

/// The pure folds, fed from the claims index: a fact from its heads, a (treaty, state)'s
/// action facts from one range read, everything in one pass in key order. Incremental
/// updates, rebuilds, `check` and answers "as known at" all use these.
extension TreatyProjector {
    /// A fact's state from its heads as known at `knownAt` (recorded milliseconds).
    public static func foldFact(_ key: FactKey, knownAt: Int64, in db: Database) throws -> FactState {
        let statement = try db.cachedStatement(sql: ClaimIndex.headsSQL + " AND c.fact = :fact")
        let rows = try Row.fetchAll(statement, arguments: ["knownAt": knownAt, "fact": key.description])
        return FactState(key: key, heads: try rows.map(ClaimIndex.head))
    }

    /// Writes a fact's row, or deletes it when the fact has no heads left.
    static func store(_ fact: FactState, in db: Database) throws {
        try FactTable.store(fact, in: db)
    }

    /// A stored fact, or nil.
    public static func storedFact(_ key: FactKey, in db: Database) throws -> FactState? {
        try FactTable.fact(key, in: db)
    }

    /// Every action fact of a (treaty, state), folded from its heads as known at `knownAt`,
    /// in fact order: one range read of the claims index (the keys share the prefix `action/T/S/`).
    static func foldActionFacts(of key: StatusKey, knownAt: Int64, in db: Database) throws -> [FactState] {
        let range = key.actionFactKeys
        var facts: [FactState] = []
        try foldFacts(
            sql: ClaimIndex.headsSQL + " AND c.fact >= :low AND c.fact < :high ORDER BY c.fact",
            arguments: ["knownAt": knownAt, "low": range.low, "high": range.high], in: db
        ) { facts.append($0) }
        return facts
    }

    /// Every fact, folded from the claims index in one pass (ordered by fact key).
    static func foldAllFacts(knownAt: Int64 = latest, in db: Database) throws -> [(FactKey, FactState)] {
        var result: [(FactKey, FactState)] = []
        try foldFacts(sql: ClaimIndex.headsSQL + " ORDER BY c.fact", arguments: ["knownAt": knownAt], in: db) { result.append(($0.key, $0)) }
        return result
    }

    /// Folds the facts whose head rows `sql` yields in fact order, handing each to `body`.
    private static func foldFacts(
        sql: String, arguments: StatementArguments, in db: Database, progress: (Int) -> Void = { _ in }, _ body: (FactState) throws -> Void
    ) throws {
        var current: (key: String, heads: [(id: EventID, value: FactValue)])? = nil
        func flush() throws {
            if let current, let key = FactKey(current.key) {
                let fact = FactState(key: key, heads: current.heads)
                if !fact.alternatives.isEmpty { try body(fact) }
            }
        }
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        var rows = 0
        while let row = try cursor.next() {
            rows += 1
            if rows % 10_000 == 0 { progress(rows) }
            let key: String = row[0]
            if current?.key != key {
                try flush()
                current = (key, [])
            }
            current!.heads.append(try ClaimIndex.head(row))
        }
        try flush()
    }

    /// Folds every fact and every status from the claims index, in key order, in one pass:
    /// the action facts of one (treaty, state) are consecutive in fact-key order, so each
    /// status is folded as soon as its facts are, from the facts in memory.
    static func foldEverything(
        knownAt: Int64 = latest, in db: Database, progress: (Int) -> Void = { _ in }, fact: (FactState) throws -> Void,
        status: (StatusKey, [StatusPeriod]) throws -> Void
    ) throws {
        var treaties: [String: FactState] = [:]
        try foldFacts(sql: ClaimIndex.headsSQL + " AND c.fact >= 'treaty/' AND c.fact < 'treaty0' ORDER BY c.fact", arguments: ["knownAt": knownAt], in: db) {
            if case .treaty(let code) = $0.key { treaties[code] = $0 }
        }
        var group: (key: StatusKey, facts: [FactState])? = nil
        func flush() throws {
            guard let group else { return }
            let periods = StatusFold.periods(treaty: treaties[group.key.treaty], actions: group.facts)
            if !periods.isEmpty { try status(group.key, periods) }
        }
        try foldFacts(sql: ClaimIndex.headsSQL + " ORDER BY c.fact", arguments: ["knownAt": knownAt], in: db, progress: progress) { state in
            try fact(state)
            guard case let .action(treaty, s, _, _) = state.key else { return }
            let key = StatusKey(treaty: treaty, state: s)
            if group?.key != key {
                try flush()
                group = (key, [])
            }
            group!.facts.append(state)
        }
        try flush()
    }
}
