import AccordLog
import GRDB

/// Keeps the treaty projections equal to a fold of the log.
///
/// Projections are pure functions of the events of a key. A ``TreatyProjection``
/// indexes the events of a transaction as they are inserted and, at its end, refolds
/// each fact and (treaty, state) status they touched once; ``rebuild(reindex:in:progress:)``
/// refolds every key. Either way the rows are identical, byte for byte, whatever order
/// the events arrived in.
public enum TreatyProjector {
    /// "Now": no recorded-time bound.
    public static let latest = Int64.max

    /// Projects newly inserted events (own appends or imports) in one go.
    ///
    /// - Complexity: proportional to the facts and states the events touch, never to the log.
    public static func apply(_ events: [(event: StoredEvent, claim: Claim?)], in db: Database) throws {
        var projection = TreatyProjection()
        try projection.index(events, in: db)
        try projection.finish(in: db)
    }

    /// Refolds the given facts and every status they bear on.
    ///
    /// Treaty and statement facts are folded one by one. Action facts are folded a
    /// (treaty, state) at a time: one range read of the claims index yields the heads of
    /// all that state's action facts, which give both the touched facts' new rows and
    /// the state's status periods, with no stored row parsed back.
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
            let states = try String.fetchAll(
                db.cachedStatement(sql: "SELECT DISTINCT state FROM status_periods WHERE treaty = ?"), arguments: [treaty])
            for state in states {
                let key = StatusKey(treaty: treaty, state: state)
                if touchedByStatus[key] == nil { touchedByStatus[key] = [] }
            }
        }
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
            let periods = StatusFold.periods(treaty: treaties[key.treaty]!, actions: actions)
            try StatusPeriodTable.update(key, to: periods, in: db)
        }
    }
}

/// The projection work of one write transaction: events are indexed as they are
/// inserted (in batches, for a large import), and each touched fact and status is
/// refolded once, by ``finish(in:)``, before the transaction commits (or, for a
/// transaction that touches more than ``foldThreshold`` facts, once per that many).
public struct TreatyProjection: EventProjection {
    private var touched: Set<FactKey> = []
    private var lastEvent: Int64 = 0

    public init() {}

    /// Writes the events' rows in the claims index (or as unknown claims) and notes the facts they touch.
    ///
    /// A claim that supersedes claims of its own fact touches that fact; a supersession of a claim
    /// of another fact is ignored by the folds, so it touches nothing else, whatever the order of arrival.
    public mutating func index(_ events: [(event: StoredEvent, claim: Claim?)], in db: Database) throws {
        for (event, claim) in events {
            lastEvent = max(lastEvent, event.num)
            guard let claim else {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO unknown_claims (event, type) VALUES (?, ?)")
                    .execute(arguments: [event.num, TreatyProjector.typeWord(of: event)])
                continue
            }
            try ClaimIndex.insert(claim, event: event, in: db)
            touched.insert(claim.fact)
        }
        // Memory stays bounded however large the transaction: past this many touched facts they
        // are folded now (a fact touched again later is folded again, once per such batch).
        if touched.count >= Self.foldThreshold {
            try TreatyProjector.refold(facts: touched, in: db)
            touched = []
        }
    }

    /// How many touched facts are kept before they are folded within the transaction.
    static let foldThreshold = 50_000

    /// Refolds every touched fact and status, and records the projections' position.
    public mutating func finish(in db: Database) throws {
        guard lastEvent > 0 else { return }
        try TreatyProjector.refold(facts: touched, in: db)
        try db.cachedStatement(sql: "UPDATE projection_position SET event = max(event, ?)").execute(arguments: [lastEvent])
        touched = []
        lastEvent = 0
    }
}
