import AccordLog
import AccordSync
import AccordTreaty
import Foundation
import GRDB

extension BenchRun {
    /// Where the time of append and import goes: the same claims through the same log
    /// code — decoded and checked, canonical JSON, envelopes, hashes, chain, signed
    /// heads, the same one transaction — with no projection. Information, no target: the
    /// gap to the full phase is what the claims index, facts and statuses cost, in time
    /// and in store size.
    func logOnlyPhases() throws {
        progress("append --file, log only: the same one transaction without projections")
        let appender = try createReplica("ana-log")
        let appended = try measurePhase("append, log only") { () throws -> Int in
            // What TreatyReplica.append(streaming:) does, less the projection: claims decoded
            // and checked in batches of 5,000, stored in one transaction.
            let lines = try ClaimLines(path: claimsPath)
            let decoder = ClaimDecoder()
            return try appender.store.append(batches: { _ in
                var batch: [[UInt8]] = []
                while batch.count < 5_000, let (bytes, place) = try lines.next() {
                    do throws(AccordError) { batch.append(try decoder.decode(json: bytes).canonicalJSON) } catch { throw error.at(place) }
                }
                return batch.isEmpty ? nil : batch
            })?.count ?? 0
        }
        let stored = try Self.storeBytes(appender.store)
        removeDatabase(path("ana-log/\(ReplicaStore.databaseFileName)"))
        record(PhaseResult(
            name: "append --file, log only", events: appended.value, seconds: appended.seconds, memory: appended.memory,
            baseline: rawInsert, storeBytes: stored,
            note: "information: append --file without projections (ReplicaStore.append(batches:), one transaction)"))

        progress("import, log only: the bundle verified and stored, not projected")
        let target = try createReplica("ben-log")
        _ = try Trust.add(source.store.feed.hex, name: "ana", store: target.store)
        let imported = try measurePhase("import, log only") {
            try BundleImporter.importBundle(at: bundlePath, into: target.store, domain: UnprojectedDomain(treaty: target.domain))
        }
        let importedStore = try Self.storeBytes(target.store)
        removeDatabase(path("ben-log/\(ReplicaStore.databaseFileName)"))
        record(PhaseResult(
            name: "import, log only", events: Int(imported.value.events), seconds: imported.seconds, memory: imported.memory,
            baseline: rawInsert, storeBytes: importedStore, note: "information: import with every check, claims decoded, nothing projected"))
    }
}

/// The treaty domain with its projections left out: claims are still decoded and
/// checked as in a real import, but nothing is projected. For measurement only.
struct UnprojectedDomain: EventDomain {
    let treaty: TreatyDomain

    var schema: [SchemaPart] { treaty.schema }

    func decodeForeign(claim: ArraySlice<UInt8>) throws(AccordError) -> TreatyDomain.Decoded? {
        try treaty.decodeForeign(claim: claim)
    }

    func makeProjection() -> NoProjection { NoProjection() }
}

/// A projection that writes nothing.
struct NoProjection: EventProjection {
    mutating func index(_ events: [(event: StoredEvent, claim: Claim?)], in db: Database) throws {}
    mutating func finish(in db: Database) throws {}
}
