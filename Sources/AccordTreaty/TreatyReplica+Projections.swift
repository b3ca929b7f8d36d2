import AccordLog
import GRDB

extension TreatyReplica {
    /// What a rebuild went over and wrote.
    public struct RebuildSummary: Sendable {
        public var events: Int
        public var facts: Int
        /// The (treaty, state) pairs with a status.
        public var statuses: Int
    }

    /// Recomputes every projection from the claims index (and, with `reindex`, the index from the envelopes).
    ///
    /// - Parameter progress: called now and then with the number of claims read so far.
    public func rebuild(reindex: Bool = false, progress: @escaping (Int) -> Void = { _ in }) throws(AccordError) -> RebuildSummary {
        try store.write { db in
            try TreatyProjector.rebuild(reindex: reindex, in: db, progress: progress)
            return RebuildSummary(
                events: try LogTables.eventCount(in: db),
                facts: try FactTable.count(in: db),
                statuses: try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT DISTINCT treaty, state FROM status_periods)") ?? 0)
        }
    }

    /// SHA-256 (hex) over the projection rows, in key order: two replicas that hold the same
    /// events have the same digest.
    public func projectionDigest() throws(AccordError) -> String {
        try store.read { db in
            var text = ""
            try FactTable.facts(in: db) { fact in text += "\(fact.key)\t\(fact.isDisputed ? 1 : 0)\t\(fact.alternativesJSON)\n" }
            let periods = try Row.fetchAll(db, sql: """
                SELECT treaty, state, n, status, from_day, to_day, since_date, since_day, computed, disputed, hex(events)
                FROM status_periods ORDER BY treaty, state, n
                """)
            for row in periods {
                text += (0..<11).map { (row[$0] as DatabaseValue).description }.joined(separator: "\t") + "\n"
            }
            return EventID(hashing: Array(text.utf8)).hex
        }
    }
}
