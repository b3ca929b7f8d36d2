import AccordLog
import AccordTestSupport
import AccordTreaty
import Foundation
import GRDB

extension BenchRun {
    /// `TreatyProjector.rebuild` (every fact and status refolded from the claims
    /// index) and `rebuild --reindex` (the claims index itself re-derived by decoding
    /// every envelope), each in one write transaction, against a raw scan of the bodies.
    func rebuildPhases() throws {
        progress("rebuild: every projection from scratch, against a raw scan of the events")
        let store = source.store
        let scan = try measurePhase("raw scan") {
            try store.read { db in
                guard let connection = db.sqliteConnection else { throw BenchError("no SQLite connection") }
                return try RawBaselines.scan(connection: connection)
            }
        }
        let baseline = Baseline(name: "raw SELECT body, sum lengths", events: scan.value.rows, seconds: scan.seconds, memory: scan.memory)
        let rebuild = try measurePhase("rebuild") { try store.write { db in try TreatyProjector.rebuild(in: db) } }
        record(PhaseResult(
            name: "rebuild", events: events, seconds: rebuild.seconds, memory: rebuild.memory, baseline: baseline,
            note: "`accord rebuild`: facts and statuses refolded from the claims index"))
        let floor = try measurePhase("raw rewrite") {
            try RawBaselines.copy(tables: ["facts", "status_periods"], from: store.databasePath, into: path("raw-projections.sqlite"), pragmas: pragmas)
        }
        removeDatabase(path("raw-projections.sqlite"))
        record(PhaseResult(
            name: "raw rewrite of facts + status periods", events: events, seconds: floor.seconds, memory: floor.memory, baseline: baseline,
            note: "INSERT … SELECT of the \(floor.value) projection rows a rebuild writes, with their indexes: the floor of writing its output (information; no target)"))
        let reindex = try measurePhase("reindex") { try store.write { db in try TreatyProjector.rebuild(reindex: true, in: db) } }
        record(PhaseResult(
            name: "rebuild --reindex", events: events, seconds: reindex.seconds, memory: reindex.memory, baseline: baseline,
            note: "`accord rebuild --reindex`: every envelope decoded again, then refolded"))
    }

    /// `status` and `parties --on D` on the store of N events: each query in its own
    /// read transaction, as the command runs it, repeated over sampled keys.
    func queryPhases() throws {
        let store = source.store
        let day = ClaimGenerator.day("2024-01-01")
        var random = SeededGenerator(seed: settings.seed &+ 7)
        let keys = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT DISTINCT treaty, state FROM status_periods ORDER BY treaty, state").map { ($0[0] as String, $0[1] as String) }
        }
        guard !keys.isEmpty else { throw BenchError("the store has no statuses to query") }
        let runs = repetitions(settings.queryRuns)
        progress("queries: status ×\(runs), parties --on 2024-01-01 ×\(runs)")

        let statusKeys = (0..<runs).map { _ in random.pick(keys) }
        let status = try measurePhase("status") { () throws -> Latencies in
            var times: [UInt64] = []
            for (treaty, state) in statusKeys {
                let start = Stopwatch.now()
                _ = try store.read { db in
                    try StatusAnswer.answer(treaty: treaty, state: state, on: day, reader: ProjectionReader(db: db, knownAt: nil))
                }
                times.append(Stopwatch.now() - start)
            }
            return Latencies(nanoseconds: times)
        }
        record(PhaseResult(
            name: "query: status", events: runs, seconds: status.seconds, memory: status.memory,
            latency: LatencySummary(status.value), note: "random (treaty, state) pairs with a status, on 2024-01-01"))

        // Parties of the real treaties and of generated ones, in turn.
        let treaties = Array(Set(keys.map(\.0))).sorted()
        let partiesTreaties = (0..<runs).map { i in i % 2 == 0 ? ClaimVocabulary.realTreaties[(i / 2) % ClaimVocabulary.realTreaties.count].code : random.pick(treaties) }
        var members = 0
        let parties = try measurePhase("parties") { () throws -> Latencies in
            var times: [UInt64] = []
            for treaty in partiesTreaties {
                let start = Stopwatch.now()
                let answer = try store.read { db in
                    try PartiesAnswer.answer(treaty: treaty, on: day, by: .inForce, reader: ProjectionReader(db: db, knownAt: nil))
                }
                times.append(Stopwatch.now() - start)
                members += answer.parties.count
            }
            return Latencies(nanoseconds: times)
        }
        record(PhaseResult(
            name: "query: parties --on", events: runs, seconds: parties.seconds, memory: parties.memory,
            latency: LatencySummary(parties.value),
            note: "mean \(members / max(runs, 1)) parties per answer, of \(CountryRegistry.shared.names.count) states"))
    }
}
