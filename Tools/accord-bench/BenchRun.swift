import AccordLog
import AccordTreaty
import Foundation
import GRDB

/// Every phase at one N on one data set, in order, in a temporary directory of its own:
/// `append --file` (and its raw insert baseline), append per batch, export, import,
/// re-import, the log-only splits, Python's `eventsourcing` on the same claims, rebuild,
/// queries, and last — because it adds events — one-claim appends on the big store.
final class BenchRun {
    let events: Int
    let data: DataSet
    let settings: BenchSettings
    let directory: String
    let treatyCount: Int
    let progress: (String) -> Void

    /// The replica the claims are appended to ("ana").
    var source: TreatyReplica!
    var claimsPath: String { path("claims.jsonl") }
    var recordsPath: String { path("events.records") }
    var bundlePath: String { path("ana.bundle") }
    var claimBytes = 0
    var bundleBytes = 0
    var pragmas: RawBaselines.Pragmas!
    /// The raw insert of the same envelopes, one transaction: the baseline of append and import.
    var rawInsert: Baseline!
    /// The append per batch, which Python's `eventsourcing` is compared with.
    var batchedAppend: PhaseResult?
    var phases: [PhaseResult] = []
    /// What this run could not measure, and why.
    var notes: [String] = []

    init(events: Int, data: DataSet, settings: BenchSettings, progress: @escaping (String) -> Void) throws {
        self.events = events
        self.data = data
        self.settings = settings
        self.progress = progress
        treatyCount = ClaimGenerator.treatyCount(forEvents: events)
        directory = try TemporaryDirectory.make(prefix: "accord-bench-\(events)-\(data.rawValue)", in: settings.directory)
    }

    func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// `runs` repetitions of a timed single operation, capped on disputed data where asked.
    func repetitions(_ runs: Int) -> Int {
        guard data == .disputed, let cap = settings.disputedRepetitions else { return runs }
        return min(runs, cap)
    }

    func run() throws -> RunResult {
        defer { if !settings.keep { try? FileManager.default.removeItem(atPath: directory) } }
        progress("generating \(events) claims, \(data.rawValue) (\(treatyCount) treaties) in \(directory)")
        var generator = ClaimGenerator(treatyCount: treatyCount, seed: settings.seed, data: data)
        claimBytes = try generator.write(count: events, to: claimsPath)

        try appendFilePhase()
        try rawInsertBaseline()
        try batchedAppendPhase()
        try exportPhase()
        try importPhases()
        try logOnlyPhases()
        try eventsourcingPhases()
        try rebuildPhases()
        try queryPhases()
        try bigStorePhase()
        try segmentSyncPhases()

        let (meanEnvelope, storeBytes) = try source.store.read { db -> (Double, Int) in
            let mean = try Double.fetchOne(db, sql: "SELECT avg(length(body)) FROM events") ?? 0
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let size = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return (mean, pages * size)
        }
        return RunResult(
            events: events, data: data, treaties: treatyCount, meanEnvelope: meanEnvelope,
            meanClaimLine: Double(claimBytes) / Double(max(events, 1)), storeBytes: storeBytes, bundleBytes: bundleBytes,
            pragmas: pragmas.description, phases: phases, notes: notes)
    }

    func record(_ phase: PhaseResult) {
        phases.append(phase)
        var line = "  \(phase.name): \(Report.rate(phase.rate))/s"
        if let stored = phase.storeBytes { line += ", store \(Report.bytes(stored / max(phase.events, 1)))/event" }
        if let l = phase.latency { line += ", p50 \(Report.micros(l.p50)), p99 \(Report.micros(l.p99))" }
        if let m = phase.memory { line += ", peak RSS \(Report.mebibytes(m.peak))" }
        if let r = phase.ratio { line += ", \(Report.ratio(r)) \(phase.ratioKind.rawValue)" }
        progress(line)
    }

    /// A fresh replica in this run's directory.
    func createReplica(_ name: String) throws -> TreatyReplica {
        let replica = try TreatyReplica.create(at: path(name), name: name)
        for pragma in settings.pragmas {
            try replica.store.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA \(pragma)") }
        }
        return replica
    }
}
