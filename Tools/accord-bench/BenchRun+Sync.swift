import AccordLog
import AccordSync
import AccordTreaty
import Foundation

extension BenchRun {
    /// A full bundle of the N events (`BundleWriter.write`) against reading the
    /// same rows raw, in the same order, and writing them as lines (fsynced too).
    func exportPhase() throws {
        progress("export: a full bundle of \(events) events")
        let replica = source!
        let measured = try measurePhase("export") { try BundleWriter.write(store: replica.store, to: bundlePath) }
        let rawPath = path("raw-export.jsonl")
        let raw = try measurePhase("raw export") {
            try replica.store.read { db in
                guard let connection = db.sqliteConnection else { throw BenchError("no SQLite connection") }
                return try RawBaselines.export(connection: connection, to: rawPath)
            }
        }
        try? FileManager.default.removeItem(atPath: rawPath)
        bundleBytes = (try FileManager.default.attributesOfItem(atPath: bundlePath)[.size] as? Int) ?? 0
        record(PhaseResult(
            name: "export", events: Int(measured.value.events), seconds: measured.seconds, memory: measured.memory,
            baseline: Baseline(name: "raw SELECT body → file", events: raw.value, seconds: raw.seconds, memory: raw.memory),
            note: "BundleWriter reads the rows twice (digest, then write); both fsync"))
    }

    /// The bundle into an empty replica that trusts the sender, with full
    /// verification, against the raw insert; then the same bundle again.
    func importPhases() throws {
        progress("import: the bundle into an empty replica")
        try importInto(try createReplica("ben"))
        removeDatabase(path("ben/\(ReplicaStore.databaseFileName)"))
    }

    private func importInto(_ target: TreatyReplica) throws {
        _ = try Trust.add(source.store.feed.hex, name: "ana", store: target.store)
        let first = try measurePhase("import") {
            try BundleImporter.importBundle(at: bundlePath, into: target.store, domain: target.domain)
        }
        guard first.value.newEvents == events else {
            throw BenchError("import brought \(first.value.newEvents) new events, expected \(events)")
        }
        record(PhaseResult(
            name: "import", events: Int(first.value.events), seconds: first.seconds, memory: first.memory,
            baseline: rawInsert, storeBytes: try Self.storeBytes(target.store), note: "header signatures, trust, envelope hashes, chains, claims decoded and projected"))

        progress("re-import: the same bundle again")
        let again = try measurePhase("re-import") {
            try BundleImporter.importBundle(at: bundlePath, into: target.store, domain: target.domain)
        }
        guard again.value.newEvents == 0 else { throw BenchError("re-import brought \(again.value.newEvents) new events, expected none") }
        record(PhaseResult(
            name: "re-import", events: Int(again.value.events), seconds: again.seconds, memory: again.memory,
            note: "nothing new: every event verified and skipped"))
    }
}
