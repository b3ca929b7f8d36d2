import AccordLog
import AccordTreaty
import Foundation
import GRDB

extension BenchRun {
    /// N claims as `accord append --file` records them (Sources/AccordCommands/Append.swift):
    /// the file read line by line (AccordSync's `LineReader`, as `ClaimInput` does) and handed
    /// to ONE `TreatyReplica.append(streaming:)` call — one transaction that decodes and checks
    /// each claim, writes envelopes, hashes, chain and head signature batch by batch, and folds
    /// every touched key once before the commit. This replica is the source of every later phase.
    func appendFilePhase() throws {
        progress("append --file: \(events) claims through one TreatyReplica.append(streaming:) call (one transaction)")
        source = try createReplica("ana")
        let replica = source!
        let measured = try measurePhase("append --file") { () throws -> Int in
            let lines = try ClaimLines(path: claimsPath)
            return try replica.append(streaming: lines.next)?.count ?? 0
        }
        guard measured.value == events else { throw BenchError("append --file wrote \(measured.value) events, expected \(events)") }
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
            name: "append --file", events: events, seconds: measured.seconds, memory: measured.memory,
            storeBytes: try Self.storeBytes(replica.store),
            note: "the CLI's `append --file`: lines streamed into one TreatyReplica.append(streaming:) call, one transaction, every touched key folded once"))
    }

    /// The same claims through `TreatyReplica.append` per batch of `settings.batch`
    /// (one transaction each), into a replica of its own: how a long-running writer or
    /// several smaller files append. Information, and the side compared with Python's
    /// `eventsourcing` saving the same batches.
    func batchedAppendPhase() throws {
        progress("append per batch: \(events) claims through TreatyReplica.append, \(settings.batch) per call")
        let replica = try createReplica("ana-batched")
        let measured = try measurePhase(Self.batchedAppend) { try appendClaimFile { try replica.append($0, places: $1).count } }
        guard measured.value == events else { throw BenchError("batched append wrote \(measured.value) events, expected \(events)") }
        let stored = try Self.storeBytes(replica.store)
        removeDatabase(path("ana-batched/\(ReplicaStore.databaseFileName)"))
        batchedAppend = PhaseResult(
            name: "append, \(settings.batch) per txn", events: events, seconds: measured.seconds, memory: measured.memory,
            baseline: rawInsert, storeBytes: stored,
            note: "batches of \(settings.batch) claims, one TreatyReplica.append call and transaction each; decode included (information)")
        record(batchedAppend!)
    }

    /// The phase name `ACCORD_BENCH_PERF_PHASE` selects the batched append by.
    static let batchedAppend = "append batched"

    /// The size of a store's database as SQLite sees it (page count × page size, the WAL's
    /// pages included): what the store costs on disk once checkpointed.
    static func storeBytes(_ store: ReplicaStore) throws -> Int {
        try store.read { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let size = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return pages * size
        }
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
            note: "the baseline committing as often as the batched append does (information; no target)"))
    }

    func removeDatabase(_ file: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
    }
}
