import AccordLog
import AccordTreaty
import Foundation

extension BenchRun {
    /// One claim at a time through `TreatyReplica.append` into the store of N
    /// events and into an empty one, alternating so both see the same machine:
    /// the ratio of the medians says whether an append costs more as the log grows.
    ///
    /// The claims are new readings of the facts the big store's first stories are
    /// about, so on the big store they refold facts and statuses that already hold claims.
    func bigStorePhase() throws {
        let runs = repetitions(settings.singleAppends)
        progress("append on a big store: \(runs) one-claim appends to the store of \(events) events and to an empty one")
        var generator = ClaimGenerator(treatyCount: treatyCount, seed: settings.seed &+ 1, data: data, registerTreaties: false)
        let decoder = ClaimDecoder()
        var claims: [Claim] = []
        for _ in 0..<runs { claims.append(try decoder.decode(json: generator.next())) }
        let empty = try createReplica("empty")
        let big = source!
        var bigTimes: [UInt64] = [], emptyTimes: [UInt64] = []
        let measured = try measurePhase("big store") {
            for claim in claims {
                var start = Stopwatch.now()
                try big.append([claim])
                bigTimes.append(Stopwatch.now() - start)
                start = Stopwatch.now()
                try empty.append([claim])
                emptyTimes.append(Stopwatch.now() - start)
            }
        }
        let bigLatency = LatencySummary(Latencies(nanoseconds: bigTimes))
        let emptyLatency = LatencySummary(Latencies(nanoseconds: emptyTimes))
        record(PhaseResult(
            name: "append 1 claim, big store", events: runs, seconds: bigLatency.total / 1e6, memory: measured.memory,
            latency: bigLatency,
            baseline: Baseline(name: "same on an empty store", events: runs, seconds: emptyLatency.total / 1e6, latency: emptyLatency),
            ratioKind: .latency, note: "one transaction per claim (fsync of the WAL), alternating with the empty store; written/event counts both stores' appends"))
    }
}
