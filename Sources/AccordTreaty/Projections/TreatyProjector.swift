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
        let factOfEvent = try db.cachedStatement(
            sql: "SELECT c.fact FROM claims c JOIN events e ON e.num = c.event WHERE e.id = ?")
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
                if let text = try String.fetchOne(factOfEvent, arguments: [Data(id.bytes)]), let key = FactKey(text) {
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
    static func refold(facts: Set<FactKey>, in db: Database) throws {
        var statusKeys: Set<StatusKey> = []
        var treaties: Set<String> = []
        for key in facts.sorted() {
            let state = try foldFact(key, knownAt: latest, in: db)
            try store(state, in: db)
            switch key {
            case .treaty(let t): treaties.insert(t)
            case let .action(t, s, _, _): statusKeys.insert(StatusKey(treaty: t, state: s))
            case .statement: break
            }
        }
        for treaty in treaties {
            for state in try String.fetchAll(db, sql: "SELECT DISTINCT state FROM facts WHERE treaty = ? AND state IS NOT NULL", arguments: [treaty]) {
                statusKeys.insert(StatusKey(treaty: treaty, state: state))
            }
        }
        for key in statusKeys.sorted() {
            let variants = try foldStatus(key, in: db)
            if variants.isEmpty {
                try db.execute(sql: "DELETE FROM statuses WHERE treaty = ? AND state = ?", arguments: [key.treaty, key.state])
            } else {
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO statuses (treaty, state, variants) VALUES (?, ?, ?)")
                    .execute(arguments: [key.treaty, key.state, StatusVariant.json(variants)])
            }
        }
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
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO facts (fact, treaty, state, disputed, alternatives) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [fact.key.description, fact.key.treaty, fact.key.state, fact.isDisputed, fact.alternativesJSON])
        }
    }

    /// A stored fact, or nil.
    public static func storedFact(_ key: FactKey, in db: Database) throws -> FactState? {
        guard let json = try String.fetchOne(db.cachedStatement(sql: "SELECT alternatives FROM facts WHERE fact = ?"), arguments: [key.description])
        else { return nil }
        return FactState(key: key, alternativesJSON: json)
    }

    /// Every stored action fact of a (treaty, state).
    static func storedActionFacts(_ key: StatusKey, in db: Database) throws -> [FactState] {
        try Row.fetchAll(
            db.cachedStatement(sql: "SELECT fact, alternatives FROM facts WHERE treaty = ? AND state = ?"),
            arguments: [key.treaty, key.state]
        ).compactMap { row in FactKey(row[0] as String).flatMap { FactState(key: $0, alternativesJSON: row[1]) } }
    }

    static func foldStatus(_ key: StatusKey, in db: Database) throws -> [StatusVariant] {
        let actions = try storedActionFacts(key, in: db)
        guard actions.contains(where: { fact in
            if case .action(_, _, let a, _) = fact.key { return StatusFold.relevantActions.contains(a) }
            return false
        }) else { return [] }
        return StatusFold.variants(treaty: try storedFact(.treaty(key.treaty), in: db), actions: actions)
    }

    /// Recomputes every projection from the claims index.
    ///
    /// - Parameter reindex: also re-derive the claims index itself by decoding every envelope.
    public static func rebuild(reindex: Bool = false, in db: Database) throws {
        if reindex {
            try db.execute(sql: "DELETE FROM claims; DELETE FROM supersessions; DELETE FROM unknown_claims")
            let decoder = ClaimDecoder()
            let cursor = try Row.fetchCursor(db, sql: "SELECT num, body FROM events ORDER BY num")
            while let row = try cursor.next() {
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
        for (_, fact) in try foldAllFacts(in: db) { try store(fact, in: db) }
        for (key, variants) in try foldAllStatuses(in: db) {
            try db.cachedStatement(sql: "INSERT INTO statuses (treaty, state, variants) VALUES (?, ?, ?)")
                .execute(arguments: [key.treaty, key.state, StatusVariant.json(variants)])
        }
        try db.execute(sql: "UPDATE projection_position SET event = (SELECT coalesce(max(num), 0) FROM events)")
    }

    /// Every fact, folded from the claims index in one pass (ordered by fact key).
    static func foldAllFacts(knownAt: Int64 = latest, in db: Database) throws -> [(FactKey, FactState)] {
        var result: [(FactKey, FactState)] = []
        var current: (key: String, heads: [(id: EventID, value: FactValue)])? = nil
        func flush() {
            if let current, let key = FactKey(current.key) {
                let fact = FactState(key: key, heads: current.heads)
                if !fact.alternatives.isEmpty { result.append((key, fact)) }
            }
        }
        let cursor = try Row.fetchCursor(db, sql: ClaimIndex.headsSQL + " ORDER BY c.fact", arguments: ["knownAt": knownAt])
        while let row = try cursor.next() {
            let key: String = row[0]
            if current?.key != key {
                flush()
                current = (key, [])
            }
            current!.heads.append(try ClaimIndex.head(row))
        }
        flush()
        return result
    }

    /// Every status, folded from the facts table.
    static func foldAllStatuses(in db: Database) throws -> [(StatusKey, [StatusVariant])] {
        var result: [(StatusKey, [StatusVariant])] = []
        let keys = try Row.fetchAll(db, sql: "SELECT DISTINCT treaty, state FROM facts WHERE state IS NOT NULL ORDER BY treaty, state")
        for row in keys {
            let key = StatusKey(treaty: row[0], state: row[1])
            let variants = try foldStatus(key, in: db)
            if !variants.isEmpty { result.append((key, variants)) }
        }
        return result
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
}
