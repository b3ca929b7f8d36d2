import AccordLog
import Foundation
import GRDB

/// Keeps the treaty projections equal to a fold of the log.
///
/// Projections are pure functions of the events of a key: after an append or
/// import, only the facts and (treaty, state) statuses the new events touch
/// are refolded, in the same transaction; ``rebuild(in:)`` refolds every key.
/// Either way the rows are identical, byte for byte, whatever order the events arrived in.
public enum TreatyProjector {
    /// "Now": no recorded-time bound.
    public static let latest = Int64.max

    /// Projects newly inserted events (own appends or imports).
    ///
    /// - Complexity: proportional to the facts and states the events touch, never to the log.
    public static func apply(_ events: [(event: StoredEvent, claim: Claim?)], in db: Database) throws {
        guard !events.isEmpty else { return }
        var touched: Set<FactKey> = []
        for (event, claim) in events {
            guard let claim else {
                try db.execute(sql: "INSERT OR IGNORE INTO unknown_claims (event, type) VALUES (?, ?)", arguments: [event.num, Self.typeWord(of: event)])
                continue
            }
            try ClaimIndex.insert(claim, event: event, in: db)
            touched.insert(claim.fact)
            // A claim may arrive after one that supersedes it, or supersede one of another fact:
            // refold the superseded claims' facts too, so the order of arrival never matters.
            for id in claim.supersedes {
                if let text = try ClaimIndex.factText(ofEvent: id, in: db), let key = FactKey(text) {
                    touched.insert(key)
                }
            }
        }
        try refold(facts: touched, in: db)
        try db.execute(sql: "UPDATE projection_position SET event = max(event, ?)", arguments: [events.map(\.event.num).max()!])
    }

    static func typeWord(of event: StoredEvent) -> String {
        (try? JSONParser.parse(event.envelope.claimBytes))?["type"]?.stringValue ?? "?"
    }

    /// Refolds the given facts and every status they bear on.
    ///
    /// Treaty and statement facts are folded one by one. Action facts are folded a
    /// (treaty, state) at a time: one range read of the claims index yields the heads of
    /// all that state's action facts, which give both the touched facts' new rows and
    /// the state's status, with no stored row parsed back.
    static func refold(facts: Set<FactKey>, in db: Database) throws {
        var touchedByStatus: [StatusKey: Set<FactKey>] = [:]
        var treaties: [String: FactState?] = [:]
        for key in facts {
            switch key {
            case .treaty(let t):
                let state = try foldFact(key, knownAt: latest, in: db)
                try store(state, in: db)
                treaties[t] = .some(state.alternatives.isEmpty ? nil : state)
            case .statement:
                try store(try foldFact(key, knownAt: latest, in: db), in: db)
            case let .action(t, s, _, _):
                touchedByStatus[StatusKey(treaty: t, state: s), default: []].insert(key)
            }
        }
        // New terms of a treaty change the status of every state that has one under it.
        for treaty in treaties.keys {
            for state in try String.fetchAll(db.cachedStatement(sql: "SELECT state FROM statuses WHERE treaty = ?"), arguments: [treaty]) {
                let key = StatusKey(treaty: treaty, state: state)
                if touchedByStatus[key] == nil { touchedByStatus[key] = [] }
            }
        }
        let storedStatus = try db.cachedStatement(sql: "SELECT variants FROM statuses WHERE treaty = ? AND state = ?")
        let deleteStatus = try db.cachedStatement(sql: "DELETE FROM statuses WHERE treaty = ? AND state = ?")
        let upsertStatus = try db.cachedStatement(sql: """
            INSERT INTO statuses (treaty, state, variants) VALUES (?, ?, ?)
            ON CONFLICT (treaty, state) DO UPDATE SET variants = excluded.variants
            """)
        for (key, touched) in touchedByStatus.sorted(by: { $0.key < $1.key }) {
            let actions = try foldActionFacts(of: key, knownAt: latest, in: db)
            var unfolded = touched
            for fact in actions where touched.contains(fact.key) {
                try store(fact, in: db)
                unfolded.remove(fact.key)
            }
            // A touched fact with no heads left (every claim retracted) has no row.
            for key in unfolded { try store(FactState(key: key, alternatives: []), in: db) }
            if treaties[key.treaty] == nil {
                treaties[key.treaty] = .some(try storedFact(.treaty(key.treaty), in: db))
            }
            let variants = statusVariants(treaty: treaties[key.treaty]!, actions: actions)
            // Most claims leave the status as it was (a vote, a corroborating source): then the row
            // is not written, and its page is not dirtied for this commit.
            let stored = try String.fetchOne(storedStatus, arguments: [key.treaty, key.state])
            if variants.isEmpty {
                if stored != nil { try deleteStatus.execute(arguments: [key.treaty, key.state]) }
            } else {
                let json = StatusVariant.json(variants)
                if json != stored { try upsertStatus.execute(arguments: [key.treaty, key.state, json]) }
            }
        }
    }

    /// A (treaty, state)'s status variants from its facts; empty when none bears on status.
    static func statusVariants(treaty: FactState?, actions: [FactState]) -> [StatusVariant] {
        guard actions.contains(where: { fact in
            if case .action(_, _, let a, _) = fact.key { return StatusFold.relevantActions.contains(a) }
            return false
        }) else { return [] }
        return StatusFold.variants(treaty: treaty, actions: actions)
    }

    /// A fact's state from its heads as known at `knownAt` (recorded milliseconds).
    public static func foldFact(_ key: FactKey, knownAt: Int64, in db: Database) throws -> FactState {
        let statement = try db.cachedStatement(sql: ClaimIndex.headsSQL + " AND c.fact = :fact")
        let rows = try Row.fetchAll(statement, arguments: ["knownAt": knownAt, "fact": key.description])
        return FactState(key: key, heads: try rows.map(ClaimIndex.head))
    }

    static func store(_ fact: FactState, in db: Database) throws {
        if fact.alternatives.isEmpty {
            try db.cachedStatement(sql: "DELETE FROM facts WHERE fact = ?").execute(arguments: [fact.key.description])
        } else {
            // An upsert, not INSERT OR REPLACE: a fact that changes keeps its row, so the index by
            // (treaty, state) is not rewritten, nor the disputed index unless that changes.
            try db.cachedStatement(sql: """
                INSERT INTO facts (fact, treaty, state, disputed, alternatives) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (fact) DO UPDATE SET disputed = excluded.disputed, alternatives = excluded.alternatives
                """)
                .execute(arguments: [fact.key.description, fact.key.treaty, fact.key.state, fact.isDisputed, fact.alternativesJSON])
        }
    }

    /// A stored fact, or nil.
    public static func storedFact(_ key: FactKey, in db: Database) throws -> FactState? {
        guard let json = try String.fetchOne(db.cachedStatement(sql: "SELECT alternatives FROM facts WHERE fact = ?"), arguments: [key.description])
        else { return nil }
        return FactState(key: key, alternativesJSON: json)
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

    /// Recomputes every projection from the claims index.
    ///
    /// - Parameter reindex: also re-derive the claims index itself by decoding every envelope.
    /// - Complexity: one pass over the claims index in fact order; memory bounded by one (treaty, state).
    /// - Parameter progress: called now and then with the number of claims read so far.
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
        try db.execute(sql: "DELETE FROM facts; DELETE FROM statuses")
        let insertStatus = try db.cachedStatement(sql: "INSERT INTO statuses (treaty, state, variants) VALUES (?, ?, ?)")
        try foldEverything(in: db, progress: progress) { fact in
            try store(fact, in: db)
        } status: { key, variants in
            try insertStatus.execute(arguments: [key.treaty, key.state, StatusVariant.json(variants)])
        }
        try db.execute(sql: "UPDATE projection_position SET event = (SELECT coalesce(max(num), 0) FROM events)")
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
        status: (StatusKey, [StatusVariant]) throws -> Void
    ) throws {
        var treaties: [String: FactState] = [:]
        try foldFacts(sql: ClaimIndex.headsSQL + " AND c.fact >= 'treaty/' AND c.fact < 'treaty0' ORDER BY c.fact", arguments: ["knownAt": knownAt], in: db) {
            if case .treaty(let code) = $0.key { treaties[code] = $0 }
        }
        var group: (key: StatusKey, facts: [FactState])? = nil
        func flush() throws {
            guard let group else { return }
            let variants = statusVariants(treaty: treaties[group.key.treaty], actions: group.facts)
            if !variants.isEmpty { try status(group.key, variants) }
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

/// A (treaty, state) pair: the key of a status.
public struct StatusKey: Hashable, Sendable, Comparable {
    public var treaty: String
    public var state: String

    public init(treaty: String, state: String) {
        self.treaty = treaty
        self.state = state
    }

    public static func < (a: StatusKey, b: StatusKey) -> Bool { (a.treaty, a.state) < (b.treaty, b.state) }

    /// The fact keys of this (treaty, state)'s actions, as a half-open text range: they all
    /// start `action/T/S/`, and `0` is the character after `/`.
    var actionFactKeys: (low: String, high: String) {
        ("action/\(treaty)/\(state)/", "action/\(treaty)/\(state)0")
    }
}
