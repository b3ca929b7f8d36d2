import AccordLog
import AccordTestSupport
@testable import AccordTreaty
import Testing

/// PROPERTY: the order of arrival never changes a projection. Three replicas
/// write random claims, each seeing the others' events only after a random
/// sync, so they correct, resolve (concurrently) and retract each other's
/// claims. Their envelopes are then inserted into fresh stores in random
/// orders that keep each feed's own order (as imports of separate feed files
/// do), in random batches, through ``TreatyProjector/apply(_:in:)``: every
/// order gives the same facts and statuses, and they equal a rebuild.
@Suite("Order of arrival never changes a projection")
struct ProjectionOrderPropertyTests {
    typealias T = ProjectionTesting

    static let seeds: [UInt64] = (0..<60).map { 0x0DE2_0000 &+ UInt64($0) }
    static let permutationsPerSeed = 4

    /// The envelopes of three feeds, in the order they were written.
    static func writeFeeds(_ rng: inout ProjectionRandom) -> [Envelope] {
        var generator = ProjectionClaimGenerator(using: &rng)
        generator.crossFactSupersession = true
        let keys = [T.key(10), T.key(11), T.key(12)]
        var all: [(envelope: Envelope, known: ProjectionClaimGenerator.Known)] = []
        // How much of `all` each feed has seen (synced), its last event and its clock.
        var seenCount = [0, 0, 0]
        var prev: [EventID?] = [nil, nil, nil]
        var seq: [Int64] = [0, 0, 0]
        var time: [Int64] = Array(repeating: T.milliseconds("2026-01-10T09:00:00Z"), count: 3)
        let total = Int.random(in: 10...40, using: &rng)
        for _ in 0..<total {
            let f = Int.random(in: 0..<3, using: &rng)
            if rng.chance(0.3) { seenCount[f] = all.count }
            // A feed sees what it synced plus its own later events.
            let seen = all.prefix(seenCount[f]).map(\.known)
                + all.dropFirst(seenCount[f]).filter { $0.envelope.feed == keys[f].feed }.map(\.known)
            let bytes: [UInt8]
            let claim: Claim?
            if rng.chance(0.03) {
                // A claim type from a newer version: stored, never projected.
                bytes = Array(#"{"type":"vote-record","treaty":"CCM","n":\#(Int.random(in: 0..<9, using: &rng))}"#.utf8)
                claim = nil
            } else {
                let c = generator.next(seen: seen[...], &rng)
                bytes = c.canonicalJSON
                claim = c
            }
            seq[f] += 1
            time[f] += Int64.random(in: 0...3_600_000, using: &rng)
            let envelope = Envelope.encode(
                feed: keys[f].feed, seq: seq[f], prev: prev[f], recorded: HLCTimestamp(milliseconds: time[f]), claim: bytes)
            prev[f] = envelope.id
            // A claim of an unknown type is remembered as a retraction-free, unsupersedable nothing.
            if let claim { all.append((envelope, .init(id: envelope.id, claim: claim))) } else {
                all.append((envelope, .init(id: envelope.id, claim: Claim(.retraction(RetractionClaim(fact: .treaty("CCM")))))))
            }
        }
        return all.map(\.envelope)
    }

    /// A random interleaving of the feeds that keeps each feed's order.
    static func interleave(_ envelopes: [Envelope], _ rng: inout ProjectionRandom) -> [Envelope] {
        var queues = Dictionary(grouping: envelopes, by: \.feed).values.map { $0.sorted { $0.seq < $1.seq }[...] }
        var result: [Envelope] = []
        while !queues.isEmpty {
            let i = Int.random(in: 0..<queues.count, using: &rng)
            result.append(queues[i].removeFirst())
            if queues[i].isEmpty { queues.remove(at: i) }
        }
        return result
    }

    /// Inserts envelopes into a fresh store in the given order, in random batches, projecting each batch.
    static func project(_ envelopes: [Envelope], in directory: TemporaryDirectory, name: String, _ rng: inout ProjectionRandom) throws -> TreatyReplica {
        let replica = try T.replica(in: directory, name: name, key: 1)
        let decoder = ClaimDecoder()
        var rest = envelopes[...]
        while !rest.isEmpty {
            let batch = rest.prefix(Int.random(in: 1...5, using: &rng))
            rest = rest.dropFirst(batch.count)
            try replica.store.write { db in
                var events: [(event: StoredEvent, claim: Claim?)] = []
                for envelope in batch {
                    let feed = try LogTables.feedNumber(envelope.feed, create: true, in: db)!
                    let num = try LogTables.insert(envelope, feedNumber: feed, in: db)
                    events.append((StoredEvent(num: num, envelope: envelope), try? decoder.decode(json: envelope.claimBytes)))
                }
                try TreatyProjector.apply(events, in: db)
            }
        }
        return replica
    }

    @Test("every order of arrival that keeps each feed's order gives the same projections, equal to a rebuild", arguments: seeds)
    func orderOfArrivalDoesNotMatter(seed: UInt64) throws {
        // Given the envelopes three replicas wrote
        var rng = ProjectionRandom(seed: seed)
        let envelopes = Self.writeFeeds(&rng)
        let directory = try TemporaryDirectory()
        // When they arrive in the order written, and in random interleavings
        let reference = try Self.project(envelopes, in: directory, name: "written", &rng)
        let expected = try reference.store.read { db in try T.snapshot(db) }
        #expect(expected.contains("fact=s"), "seed \(seed): no facts to compare")
        for p in 0..<Self.permutationsPerSeed {
            let order = Self.interleave(envelopes, &rng)
            let replica = try Self.project(order, in: directory, name: "order\(p)", &rng)
            let actual = try replica.store.read { db in try T.snapshot(db) }
            // Then the projections are the same, byte for byte
            try #require(
                actual == expected,
                "seed \(seed) (0x\(String(seed, radix: 16))), permutation \(p): \(T.firstDifference(actual, expected))")
            #expect(throws: Never.self, "seed \(seed), permutation \(p)") { try replica.store.read { db in try ProjectionVerifier.verify(in: db) } }
        }
        // And they equal a rebuild of the store
        try reference.store.write { db in try TreatyProjector.rebuild(reindex: true, in: db) }
        let rebuilt = try reference.store.read { db in try T.snapshot(db) }
        #expect(rebuilt == expected, "seed \(seed): \(T.firstDifference(expected, rebuilt))")
    }

    @Test("arrival in any order at all, even a claim before the claim it supersedes within one feed, gives the same projections", arguments: seeds.prefix(20))
    func anyOrderAtAll(seed: UInt64) throws {
        // Given the envelopes three replicas wrote
        var rng = ProjectionRandom(seed: seed)
        let envelopes = Self.writeFeeds(&rng)
        let directory = try TemporaryDirectory()
        let reference = try Self.project(envelopes, in: directory, name: "written", &rng)
        let expected = try reference.store.read { db in try T.snapshot(db) }
        // When they arrive fully shuffled, and in reverse
        for (p, order) in [envelopes.shuffled(using: &rng), envelopes.reversed(), envelopes.shuffled(using: &rng)].enumerated() {
            let replica = try Self.project(order, in: directory, name: "shuffled\(p)", &rng)
            let actual = try replica.store.read { db in try T.snapshot(db) }
            // Then the projections are the same
            try #require(actual == expected, "seed \(seed), order \(p): \(T.firstDifference(actual, expected))")
        }
    }

    @Test("the feeds really do supersede each other's claims, before and after the claims arrive")
    func feedsSupersedeEachOther() throws {
        var crossFeed = 0, concurrent = 0
        for seed in Self.seeds {
            var rng = ProjectionRandom(seed: seed)
            let envelopes = Self.writeFeeds(&rng)
            let feedOf = Dictionary(uniqueKeysWithValues: envelopes.map { ($0.id, $0.feed) })
            var supersededBy: [EventID: Set<FeedID>] = [:]
            for envelope in envelopes {
                guard let claim = try? ClaimDecoder().decode(json: envelope.claimBytes) else { continue }
                for id in claim.supersedes {
                    if feedOf[id] != envelope.feed { crossFeed += 1 }
                    supersededBy[id, default: []].insert(envelope.feed)
                }
            }
            concurrent += supersededBy.values.filter { $0.count > 1 }.count
        }
        #expect(crossFeed > 50)
        #expect(concurrent > 10)
    }
}
