import AccordLog
import AccordTreaty
import Foundation
import GRDB

extension BenchRun {
    /// N claims through the code path of `accord append --file`: each line decoded
    /// by `ClaimDecoder` from its JSON bytes, then `TreatyReplica.append` per batch
    /// (validation, canonical JSON, envelope, hash, chain, head signature, projections).
    func appendPhase() throws {
        progress("append: \(events) claims through TreatyReplica.append, \(settings.batch) per call")
        source = try createReplica("ana")
        let replica = source!
        let measured = try measurePhase("append") { try appendClaimFile { try replica.append($0, places: $1).count } }
        guard measured.value == events else { throw BenchError("append wrote \(measured.value) events, expected \(events)") }
        pragmas = try source.store.read { db in
            RawBaselines.Pragmas(
                journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?",
                synchronous: try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1,
                foreignKeys: try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false,
                cacheSize: try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? 0,
                pageSize: try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0,
                extra: settings.pragmas)
        }
        phases.append(PhaseResult(
            name: "append", events: events, seconds: measured.seconds, memory: measured.memory,
            note: "batches of \(settings.batch) claims, one transaction each; decode included"))
    }

    /// Reads the claim file in batches of `settings.batch` lines, each decoded by `ClaimDecoder`
    /// (an error names its line), and hands each batch with the lines' places to `append`.
    ///
    /// - Returns: the sum of what `append` returned.
    func appendClaimFile(_ append: (_ claims: [Claim], _ places: [String]) throws -> Int) throws -> Int {
        let batch = settings.batch
        let reader = try ChunkedReader(path: claimsPath)
        let decoder = ClaimDecoder()
        var claims: [Claim] = [], places: [String] = []
        claims.reserveCapacity(batch)
        places.reserveCapacity(batch)
        var lineNumber = 0, appended = 0
        func flush() throws {
            appended += try append(claims, places)
            claims.removeAll(keepingCapacity: true)
            places.removeAll(keepingCapacity: true)
        }
        while let line = try reader.nextLine() {
            lineNumber += 1
            let place = "claims.jsonl:\(lineNumber)"
            do throws(AccordError) { claims.append(try decoder.decode(json: line)) } catch { throw error.at(place) }
            places.append(place)
            if claims.count == batch { try flush() }
        }
        if !claims.isEmpty { try flush() }
        return appended
    }

    /// The raw floor of append and import: the same envelope bytes and ids inserted
    /// through the C API into a table of the events table's shape, one prepared
    /// statement, one transaction; then the same committing every `batch` rows, for
    /// comparison with Accord's one transaction per batch.
    func rawInsertBaseline() throws {
        progress("raw insert baseline: \(events) rows, prepared statement, one transaction")
        _ = try EventRecords.dump(source.store, to: recordsPath)
        let oneTransaction = try measurePhase("raw insert") {
            try RawBaselines.insert(records: recordsPath, into: path("raw-one.sqlite"), pragmas: pragmas)
        }
        removeDatabase(path("raw-one.sqlite"))
        rawInsert = Baseline(
            name: "raw C insert, 1 txn", events: oneTransaction.value, seconds: oneTransaction.seconds,
            memory: oneTransaction.memory)
        let perBatch = try measurePhase("raw insert batched") {
            try RawBaselines.insert(records: recordsPath, into: path("raw-batched.sqlite"), pragmas: pragmas, commitEvery: settings.batch)
        }
        removeDatabase(path("raw-batched.sqlite"))
        phases[phases.count - 1].baseline = rawInsert
        record(phases.removeLast())
        record(PhaseResult(
            name: "raw insert, COMMIT per \(settings.batch)", events: perBatch.value, seconds: perBatch.seconds,
            memory: perBatch.memory, baseline: rawInsert,
            note: "the baseline committing as often as append does (information; no target)"))
    }

    func removeDatabase(_ file: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
    }
}
