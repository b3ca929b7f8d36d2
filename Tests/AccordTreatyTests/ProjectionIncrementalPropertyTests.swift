import AccordLog
import AccordTestSupport
@testable import AccordTreaty
import Testing

/// PROPERTY: the projections an append maintains incrementally are, byte for
/// byte, what a rebuild from the log writes — after every batch of every one
/// of 200 seeded random claim sequences.
@Suite("Incremental projections equal a rebuild")
struct ProjectionIncrementalPropertyTests {
    typealias T = ProjectionTesting

    /// Fixed seeds: a failure names its seed, and the same seed replays it.
    static let seeds: [UInt64] = (0..<200).map { 0x5EED_0000 &+ UInt64($0) }

    /// Thrown to roll back a transaction that only measured something.
    struct RollBack: Error {}

    /// Snapshots the projections, rebuilds (with `reindex` or not) and snapshots again, then rolls the rebuild back.
    static func rebuildInPlace(_ replica: TreatyReplica, reindex: Bool) throws -> (incremental: String, rebuilt: String) {
        let tables = reindex ? T.indexedTables : T.projectionTables
        var result: (String, String)? = nil
        do {
            try replica.store.write { db in
                let before = try T.snapshot(db, tables: tables)
                try TreatyProjector.rebuild(reindex: reindex, in: db)
                result = (before, try T.snapshot(db, tables: tables))
                throw RollBack()
            }
        } catch {
            guard result != nil else { throw error }
        }
        return result!
    }

    @Test("after each batch of a random claim sequence, the projections equal a rebuild", arguments: seeds)
    func incrementalEqualsRebuild(seed: UInt64) throws {
        // Given a fresh replica and a random sequence of 10 to 40 claims
        var rng = ProjectionRandom(seed: seed)
        var generator = ProjectionClaimGenerator(using: &rng)
        let directory = try TemporaryDirectory()
        let clock = T.ScriptedClock("2026-01-10T09:00:00Z")
        let replica = try T.replica(in: directory, clock: clock)
        var known: [ProjectionClaimGenerator.Known] = []
        let total = Int.random(in: 10...40, using: &rng)
        var time = T.milliseconds("2026-01-10T09:00:00Z")
        var batches = 0

        while known.count < total {
            // When a batch of 1 to 6 claims is appended; some analysts see a stale view of the log
            let size = min(total - known.count, Int.random(in: 1...6, using: &rng))
            let seen = rng.chance(0.25) ? known.prefix(Int.random(in: 0...known.count, using: &rng)) : known[...]
            let batch = (0..<size).map { _ in generator.next(seen: seen, &rng) }
            if rng.chance(0.7) { time += Int64.random(in: 1...86_400_000, using: &rng) }
            clock.set(RFC3339.format(milliseconds: time))
            let envelopes = try replica.append(batch)
            known += zip(envelopes, batch).map { ProjectionClaimGenerator.Known(id: $0.id, claim: $1) }
            batches += 1

            // Then the incremental projections equal a rebuild, byte for byte
            let (incremental, rebuilt) = try Self.rebuildInPlace(replica, reindex: false)
            try #require(
                incremental == rebuilt,
                "seed \(seed) (0x\(String(seed, radix: 16))), after batch \(batches) (\(known.count) claims): \(T.firstDifference(incremental, rebuilt))")
        }

        // (The comparison is not vacuous: the sequence left facts and statuses to compare.)
        let final = try replica.store.read { db in try T.snapshot(db) }
        #expect(final.contains("fact=s"), "seed \(seed): no facts left")
        // And a rebuild that re-derives the claims index from the envelopes changes nothing either
        let (incremental, reindexed) = try Self.rebuildInPlace(replica, reindex: true)
        #expect(incremental == reindexed, "seed \(seed): \(T.firstDifference(incremental, reindexed))")
        // And the verifier agrees
        #expect(throws: Never.self, "seed \(seed)") { try replica.store.read { db in try ProjectionVerifier.verify(in: db) } }
        // And a committed rebuild leaves the tables as they were
        let before = try replica.store.read { db in try T.snapshot(db, tables: T.indexedTables) }
        try replica.store.write { db in try TreatyProjector.rebuild(reindex: true, in: db) }
        let after = try replica.store.read { db in try T.snapshot(db, tables: T.indexedTables) }
        #expect(before == after, "seed \(seed): \(T.firstDifference(before, after))")
    }

    @Test("the generator makes sequences with disputes, corroborations, resolutions and retractions")
    func generatorCoversTheCases() throws {
        // The property is only as good as what it generates: over the seeds, every case occurs.
        var manyAlternatives = 0, disputedSequences = 0
        var disputed = 0, corroborated = 0, resolutions = 0, corrections = 0, retractions = 0, treaties = 0, intervals = 0, tallies = 0
        for seed in Self.seeds.prefix(50) {
            var rng = ProjectionRandom(seed: seed)
            var generator = ProjectionClaimGenerator(using: &rng)
            if generator.disputed { disputedSequences += 1 }
            var known: [ProjectionClaimGenerator.Known] = []
            for i in 0..<30 {
                let claim = generator.next(seen: known[...], &rng)
                known.append(.init(id: EventID(hashing: Array("\(seed)/\(i)".utf8)), claim: claim))
                if claim.supersedes.count > 1 { resolutions += 1 }
                if case .retraction = claim.body { retractions += 1 } else if !claim.supersedes.isEmpty { corrections += 1 }
                if case .treaty = claim.body { treaties += 1 }
                if case .action(let a) = claim.body, a.date.end != nil { intervals += 1 }
                if case .action(let a) = claim.body, a.tally != nil { tallies += 1 }
            }
            for (key, heads) in ProjectionClaimGenerator.heads(known[...]) {
                let fact = FactState(key: key, heads: heads.compactMap { h in FactValue(h.claim).map { (h.id, $0) } })
                if fact.isDisputed { disputed += 1 }
                if fact.alternatives.count >= 3 { manyAlternatives += 1 }
                if !fact.isDisputed && heads.count > 1 { corroborated += 1 }
            }
        }
        #expect(disputed > 20)
        #expect(corroborated > 15)
        #expect(resolutions > 10)
        #expect(corrections > 20)
        #expect(retractions > 20)
        #expect(treaties > 20)
        #expect(intervals > 20)
        #expect(tallies > 20)
        // And the disputed sequences give facts with many disagreeing heads
        #expect(disputedSequences > 10)
        #expect(manyAlternatives > 10)
    }
}
