import AccordLog
import AccordSync
import AccordTestSupport
import AccordTreaty
import Foundation
import GRDB
import Testing

/// The property sync exists for: replicas that append, dispute, resolve and
/// retract independently and exchange bundles in any order — fresh, delta,
/// duplicated or stale — end up, once every bundle has gone round, holding the
/// same events and the same projections, each equal to a rebuild.
///
/// Seeded: a failure names its seed; replay it alone with
/// `ACCORD_SYNC_SEED=<seed> swift test --filter ConvergencePropertyTests`, or run
/// more seeds with `ACCORD_SYNC_SEED_COUNT=<n>` (32 by default).
@Suite("Convergence of replicas exchanging bundles")
struct ConvergencePropertyTests {
    static let seeds: [UInt64] = {
        let environment = ProcessInfo.processInfo.environment
        if let text = environment["ACCORD_SYNC_SEED"], let seed = UInt64(text) { return [seed] }
        let count = environment["ACCORD_SYNC_SEED_COUNT"].flatMap { UInt64($0) } ?? 32
        return Array(1...max(count, 1))
    }()

    @Test("replicas converge to the same events and projections, equal to a rebuild", arguments: seeds)
    func replicasConverge(seed: UInt64) throws {
        let directory = try TemporaryDirectory(prefix: "accord-converge")
        var generator = SeededGenerator(seed: seed)
        // Given three or four replicas that trust each other
        var world = try World(seed: seed, directory: directory, generator: &generator)
        // When they append, dispute, resolve and retract while exchanging bundles in random order
        let steps = Int.random(in: 25...40, using: &generator)
        for step in 0..<steps {
            try world.step(step, using: &generator)
        }
        // And then exchange until nothing new arrives
        try world.exchangeUntilQuiescent(using: &generator)
        // Then every replica holds the same events and projections, each equal to a rebuild
        let states = try world.replicas.map(ReplicaState.read)
        for (i, replica) in world.replicas.enumerated() {
            #expect(throws: Never.self, "seed \(seed): \(world.peers[i]) differs from a rebuild") {
                try ReplicaState.verify(replica)
            }
            #expect(states[i].events == states[0].events, "seed \(seed): \(world.peers[i]) holds other events than \(world.peers[0])")
            #expect(states[i].facts == states[0].facts, "seed \(seed): \(world.peers[i])'s facts differ from \(world.peers[0])'s")
            #expect(states[i].statuses == states[0].statuses, "seed \(seed): \(world.peers[i])'s statuses differ from \(world.peers[0])'s")
            #expect(states[i].claims == states[0].claims, "seed \(seed): \(world.peers[i])'s claims index differs from \(world.peers[0])'s")
        }
        // And the run exercised what it claims to
        #expect(world.stats.appends > 0 && world.stats.imports > 0, "seed \(seed): \(world.stats)")
        #expect(states[0].events.count == world.stats.eventsWritten, "seed \(seed): \(states[0]) but \(world.stats.eventsWritten) events were written")
    }

    /// Over the first four seeds the runs include disputes that crossed replicas, resolutions,
    /// retractions, delta, duplicated and stale bundles (so a generator change
    /// that stopped producing them would not go unnoticed).
    @Test("the seeded runs exercise disputes, resolutions, retractions, deltas and stale bundles")
    func runsCoverTheInterestingCases() throws {
        var total = World.Stats()
        for seed: UInt64 in 1...4 {
            let directory = try TemporaryDirectory(prefix: "accord-converge")
            var generator = SeededGenerator(seed: seed)
            var world = try World(seed: seed, directory: directory, generator: &generator)
            for step in 0..<Int.random(in: 25...40, using: &generator) { try world.step(step, using: &generator) }
            total.add(world.stats)
        }
        #expect(total.resolutions > 0, "\(total)")
        #expect(total.retractions > 0, "\(total)")
        #expect(total.deltaExports > 0 && total.fullExports > 0, "\(total)")
        #expect(total.duplicateImports > 0, "\(total)")
        #expect(total.staleRefusals > 0 || total.staleImports > 0, "\(total)")
        #expect(total.crossReplicaDisputes > 0, "\(total)")
    }
}

/// Replicas and the bundles they have written, driven by a seeded generator.
private struct World {
    struct Stats: CustomStringConvertible {
        var appends = 0, eventsWritten = 0, resolutions = 0, retractions = 0
        var fullExports = 0, deltaExports = 0, imports = 0, duplicateImports = 0, staleImports = 0, staleRefusals = 0
        var crossReplicaDisputes = 0

        mutating func add(_ o: Stats) {
            appends += o.appends; eventsWritten += o.eventsWritten; resolutions += o.resolutions; retractions += o.retractions
            fullExports += o.fullExports; deltaExports += o.deltaExports; imports += o.imports
            duplicateImports += o.duplicateImports; staleImports += o.staleImports; staleRefusals += o.staleRefusals
            crossReplicaDisputes += o.crossReplicaDisputes
        }

        var description: String {
            "appends \(appends) (\(eventsWritten) events), resolutions \(resolutions), retractions \(retractions), exports full \(fullExports) / delta \(deltaExports), imports \(imports), duplicates \(duplicateImports), stale \(staleImports) accepted / \(staleRefusals) refused, disputes across replicas \(crossReplicaDisputes)"
        }
    }

    /// A bundle written during the run, kept to be imported again later.
    struct WrittenBundle {
        let path: String
        let sender: Int
        let receiver: Int
    }

    let seed: UInt64
    let directory: TemporaryDirectory
    let peers: [SyncTesting.Peer]
    let replicas: [TreatyReplica]
    var bundles: [WrittenBundle] = []
    var stats = Stats()

    /// A small world of facts, so replicas often record the same fact with different dates.
    static let states = ["LTU", "NOR"]
    static let actions = ["signature", "ratification", "withdrawal-notification"]
    static let dates = ["2008-12-03", "2011-03", "2011-03-24", "2024-07-18", "2024"]
    static let statements = ["algorithms for rapid collection", "rapid collection of unexploded munitions"]
    static let titles = ["Convention on Cluster Munitions", "Cluster Munitions Convention"]

    init(seed: UInt64, directory: TemporaryDirectory, generator: inout SeededGenerator) throws {
        self.seed = seed
        self.directory = directory
        let names = Array(["ana", "ben", "cy", "dag"].prefix(Int.random(in: 3...4, using: &generator)))
        let keys = try names.map { _ in try SyncTesting.key(using: &generator) }
        peers = try SyncTesting.makePeers(names, in: directory, keys: keys)
        replicas = try peers.map(SyncTesting.open)
        try FileManager.default.createDirectory(atPath: directory.path("bundles"), withIntermediateDirectories: true)
    }

    mutating func step(_ step: Int, using generator: inout SeededGenerator) throws {
        let r = Int.random(in: 0..<replicas.count, using: &generator)
        switch Int.random(in: 0..<100, using: &generator) {
        case 0..<35: try append(on: r, using: &generator)
        case 35..<47: try resolve(on: r, using: &generator)
        case 47..<54: try retract(on: r, using: &generator)
        case 54..<90: try exchange(from: r, to: other(than: r, using: &generator), using: &generator)
        default: try reimportOldBundle(using: &generator)
        }
    }

    func other(than r: Int, using generator: inout SeededGenerator) -> Int {
        (r + Int.random(in: 1..<replicas.count, using: &generator)) % replicas.count
    }

    // MARK: - Operations

    mutating func append(on r: Int, using generator: inout SeededGenerator) throws {
        let count = Int.random(in: 1...3, using: &generator)
        var lines: [String] = []
        for _ in 0..<count {
            let url = "https://example.org/\(peers[r].name)/\(stats.eventsWritten + lines.count)"
            switch Int.random(in: 0..<10, using: &generator) {
            case 0:
                let title = Self.titles.randomElement(using: &generator)!
                lines.append(#"{"type":"treaty","treaty":"CCM","title":"\#(title)","entry_into_force":"2010-08-01","consent_takes_effect":{"rule":"first-day-of-month-after","months":6},"withdrawal_takes_effect":{"rule":"months-after","months":6},"sources":[{"url":"\#(url)"}]}"#)
            case 1:
                let value = Self.statements.randomElement(using: &generator)!
                lines.append(#"{"type":"statement","subject":"LTU","property":"uxo-mitigation","value":"\#(value)","sources":[{"url":"\#(url)"}]}"#)
            default:
                lines.append(SyncTesting.action(
                    state: Self.states.randomElement(using: &generator)!, action: Self.actions.randomElement(using: &generator)!,
                    date: Self.dates.randomElement(using: &generator)!, url: url))
            }
        }
        try replicas[r].append(lines.map(SyncTesting.claim))
        stats.appends += 1
        stats.eventsWritten += lines.count
    }

    /// Resolves one of the replica's disputed facts, by picking a head or stating a value.
    mutating func resolve(on r: Int, using generator: inout SeededGenerator) throws {
        let replica = replicas[r]
        let disputed = try replica.store.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT fact FROM facts WHERE disputed = 1 ORDER BY fact") }
        guard let text = disputed.randomElement(using: &generator), let key = FactKey(text) else { return }
        let fact = try #require(try replica.store.read { db in try TreatyProjector.storedFact(key, in: db) })
        let feeds = try replica.store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(DISTINCT e.feed) FROM claims c JOIN events e ON e.num = c.event WHERE c.fact = ?", arguments: [text]) ?? 0
        }
        if feeds > 1 { stats.crossReplicaDisputes += 1 }
        let resolution: TreatyReplica.Resolution
        var sources: [Source] = []
        switch key {
        case .action where Bool.random(using: &generator):
            resolution = .value(Self.dates.randomElement(using: &generator)!)
            sources = [Source(url: "https://example.org/\(peers[r].name)/resolution")]
        case .statement where Bool.random(using: &generator):
            resolution = .value(Self.statements.randomElement(using: &generator)!)
            sources = [Source(url: "https://example.org/\(peers[r].name)/resolution")]
        default:
            resolution = .pick(fact.heads.randomElement(using: &generator)!.hex)
        }
        _ = try replica.resolve(key, by: resolution, note: "settled by \(peers[r].name)", sources: sources)
        stats.resolutions += 1
        stats.eventsWritten += 1
    }

    /// Retracts one current head of one of the replica's facts.
    mutating func retract(on r: Int, using generator: inout SeededGenerator) throws {
        let replica = replicas[r]
        let facts = try replica.store.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT fact FROM facts ORDER BY fact") }
        guard let text = facts.randomElement(using: &generator), let key = FactKey(text) else { return }
        let fact = try #require(try replica.store.read { db in try TreatyProjector.storedFact(key, in: db) })
        guard let head = fact.heads.randomElement(using: &generator) else { return }
        _ = try replica.retract(head.hex, note: "withdrawn by \(peers[r].name)")
        stats.retractions += 1
        stats.eventsWritten += 1
    }

    /// Writes a bundle from `s` — everything, or what `r` lacks by the last vector `s` saw from it — and imports it into `r`.
    @discardableResult
    mutating func exchange(from s: Int, to r: Int, full: Bool = false, using generator: inout SeededGenerator) throws -> Int {
        let path = directory.path("bundles/\(bundles.count).bundle")
        var vector = VersionVector()
        if !full && Bool.random(using: &generator) {
            vector = try replicas[s].store.read { db in try PeerVectors.vector(forPeerNamed: peers[r].name, in: db) }
            stats.deltaExports += 1
        } else {
            stats.fullExports += 1
        }
        try BundleWriter.write(store: replicas[s].store, to: path, peer: vector)
        bundles.append(WrittenBundle(path: path, sender: s, receiver: r))
        let report = try BundleImporter.importBundle(at: path, into: replicas[r].store, domain: replicas[r].domain)
        stats.imports += 1
        return report.newEvents
    }

    /// Imports a bundle written earlier, into its receiver again (a duplicate) or into another replica (stale).
    ///
    /// A stale delta may start above what that replica holds: it must then be refused
    /// as a gap, naming the remedy, and change nothing.
    mutating func reimportOldBundle(using generator: inout SeededGenerator) throws {
        guard let bundle = bundles.randomElement(using: &generator) else { return }
        let r = Bool.random(using: &generator) ? bundle.receiver : Int.random(in: 0..<replicas.count, using: &generator)
        let replica = replicas[r]
        let before = try ReplicaState.read(replica)
        do {
            let report = try BundleImporter.importBundle(at: bundle.path, into: replica.store, domain: replica.domain)
            if r == bundle.receiver {
                #expect(report.newEvents == 0, "seed \(seed): importing \(bundle.path) again into \(peers[r]) brought \(report.newEvents) new events")
                stats.duplicateImports += 1
            } else {
                stats.staleImports += 1
            }
        } catch {
            #expect(error.code == .invalidBundle && error.message.contains("an earlier bundle is missing"),
                    "seed \(seed): stale bundle \(bundle.path) into \(peers[r]) refused for an unexpected reason: \(error)")
            #expect(try ReplicaState.read(replica) == before, "seed \(seed): a refused bundle changed \(peers[r])")
            stats.staleRefusals += 1
        }
    }

    /// Passes full bundles twice round a ring of the replicas in a random order (after which each holds
    /// what any held), and repeats until a whole round brings nothing new.
    mutating func exchangeUntilQuiescent(using generator: inout SeededGenerator) throws {
        for _ in 0..<4 {
            let ring = Array(replicas.indices).shuffled(using: &generator)
            var arrived = 0
            for i in 0..<(2 * ring.count - 1) {
                arrived += try exchange(from: ring[i % ring.count], to: ring[(i + 1) % ring.count], full: true, using: &generator)
            }
            if arrived == 0 { return }
        }
        Issue.record("seed \(seed): replicas still exchanged new events after 4 rounds of the ring")
    }
}
