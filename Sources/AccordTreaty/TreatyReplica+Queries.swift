import AccordLog
import Foundation
import GRDB

/// The questions the command line asks of a replica, each in one read transaction. The
/// CLI reaches the store only through these (and the other `TreatyReplica` methods).
extension TreatyReplica {
    /// `accord status`. - Parameter knownAt: a recorded-time bound in milliseconds; nil for now.
    public func status(treaty: String, state: String, onDay day: Int, knownAt: Int64? = nil) throws(AccordError) -> StatusAnswer {
        try store.read { db in try StatusAnswer.answer(treaty: treaty, state: state, on: day, reader: ProjectionReader(db: db, knownAt: knownAt)) }
    }

    /// `accord parties`.
    public func parties(treaty: String, onDay day: Int, by basis: PartiesAnswer.Basis, knownAt: Int64? = nil) throws(AccordError) -> PartiesAnswer {
        try store.read { db in try PartiesAnswer.answer(treaty: treaty, on: day, by: basis, reader: ProjectionReader(db: db, knownAt: knownAt)) }
    }

    /// `accord timeline`.
    public func timeline(state: String, treaty: String?, knownAt: Int64? = nil) throws(AccordError) -> TimelineAnswer {
        try store.read { db in try TimelineAnswer.answer(state: state, treaty: treaty, reader: ProjectionReader(db: db, knownAt: knownAt)) }
    }

    /// Every state's status periods under `treaty` (`accord timeline --treaty T --svg`).
    public func membership(treaty: String, knownAt: Int64? = nil) throws(AccordError) -> [(state: String, periods: [StatusPeriod])] {
        try store.read { db in
            let reader = ProjectionReader(db: db, knownAt: knownAt)
            _ = try reader.requireTreaty(treaty)
            return try reader.statusPeriodsByState(under: treaty)
        }
    }

    /// `accord disputes`, of one treaty and/or one state when given.
    public func disputes(treaty: String? = nil, state: String? = nil, knownAt: Int64? = nil) throws(AccordError) -> DisputesAnswer {
        try store.read { db in
            try DisputesAnswer.answer(reader: ProjectionReader(db: db, knownAt: knownAt), treaty: treaty, state: state)
        }
    }

    /// The fact keys disputed now.
    public func disputedFacts() throws(AccordError) -> Set<String> {
        try store.read { db in Set(try String.fetchAll(db, sql: "SELECT DISTINCT fact FROM facts WHERE disputed = 1")) }
    }

    /// A fact as its heads make it now, or nil.
    public func fact(_ key: FactKey) throws(AccordError) -> FactState? {
        try store.read { db in try FactTable.fact(key, in: db) }
    }

    /// What `accord check` found on a store that verifies.
    public struct CheckReport: Sendable {
        public var events: Int
        /// Stated dates that contradict a treaty rule (the stated date still wins).
        public var mismatches: [RuleMismatch]
    }

    /// `accord check`: hash chains, signatures, the claims index, projections equal to a rebuild,
    /// supersessions within one fact.
    ///
    /// - Parameter progress: called now and then with the number of events verified.
    /// - Throws: ``AccordError`` naming the first problem.
    public func check(progress: (Int) -> Void = { _ in }) throws(AccordError) -> CheckReport {
        try store.read { db in
            let events = try LogVerifier.verify(in: db, progress: progress)
            try ProjectionVerifier.verify(in: db)
            try SupersessionRule.verify(in: db)
            return CheckReport(events: events, mismatches: try RuleMismatch.all(in: db))
        }
    }

    /// `accord export`: the current facts as CSV or JSON Lines.
    public func export(_ format: FactExport.Format) throws(AccordError) -> String {
        try store.read { db in try FactExport.render(format, in: db) }
    }

    /// The treaties that this replica's own events in `seqs` record actions under, but that no
    /// treaty claim registers yet (so no date can be computed for them), sorted.
    public func unregisteredTreaties(amongOwnEvents seqs: ClosedRange<Int64>) throws(AccordError) -> [String] {
        try store.read { db in
            guard let feed = try LogTables.feedNumber(store.feed, create: false, in: db) else { return [] }
            return try String.fetchAll(db, sql: """
                SELECT DISTINCT c.treaty FROM events e JOIN claims c ON c.event = e.num
                WHERE e.feed = ? AND e.seq BETWEEN ? AND ? AND c.kind = 'action'
                  AND NOT EXISTS (SELECT 1 FROM facts f WHERE f.fact = 'treaty/' || c.treaty)
                ORDER BY c.treaty
                """, arguments: [feed, seqs.lowerBound, seqs.upperBound])
        }
    }

    /// The names this replica knows feeds by (its own and trusted peers').
    public func feedNames() throws(AccordError) -> [FeedID: String] {
        try store.read { db in try LogTables.feedNames(in: db) }
    }

    /// Every event in the order this replica recorded or received them (only the newest `limit`
    /// when given), one at a time.
    public func log(limit: Int? = nil, _ each: (Envelope) throws -> Void) throws(AccordError) {
        try store.read { db in
            var sql = "SELECT body FROM events"
            var arguments: StatementArguments = []
            if let limit {
                sql += " WHERE num > coalesce((SELECT num FROM events ORDER BY num DESC LIMIT 1 OFFSET ?), 0)"
                arguments = [limit]
            }
            let cursor = try Row.fetchCursor(db, sql: sql + " ORDER BY num", arguments: arguments)
            while let row = try cursor.next() {
                let body: Data = row[0]
                try each(try Envelope.parse(Array(body)))
            }
        }
    }
}
