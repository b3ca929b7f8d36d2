import AccordLog
import AccordTestSupport
@testable import AccordTreaty
import Testing

/// PROPERTY: asking with `--known-at T` answers exactly what a replica that
/// holds only the claims recorded by T answers. The second replica replays
/// the first one's batches up to T with the same key and the same clock, so
/// its events are byte for byte the first one's (same ids, same supersedes).
@Suite("Known-at equals a replica that stopped at T")
struct QueryKnownAtPropertyTests {
    typealias T = ProjectionTesting

    static let seeds: [UInt64] = (0..<60).map { 0x4B40_0000 &+ UInt64($0) }

    struct Batch {
        var claims: [Claim]
        var milliseconds: Int64
    }

    /// A replica (key 7) that records random batches at scripted times (some in the same
    /// millisecond), and the batches as appended, supersedes naming real event ids.
    static func record(_ rng: inout ProjectionRandom, in directory: TemporaryDirectory) throws -> (TreatyReplica, [Batch]) {
        var generator = ProjectionClaimGenerator(using: &rng)
        let clock = T.ScriptedClock()
        let replica = try T.replica(in: directory, name: "full", key: 7, clock: clock)
        var known: [ProjectionClaimGenerator.Known] = []
        var batches: [Batch] = []
        var time = T.milliseconds("2026-01-10T09:00:00Z")
        let total = Int.random(in: 10...30, using: &rng)
        while known.count < total {
            let size = min(total - known.count, Int.random(in: 1...5, using: &rng))
            let seen = rng.chance(0.25) ? known.prefix(Int.random(in: 0...known.count, using: &rng)) : known[...]
            let claims = (0..<size).map { _ in generator.next(seen: seen, &rng) }
            if rng.chance(0.7) { time += Int64.random(in: 1...86_400_000, using: &rng) }
            clock.set(RFC3339.format(milliseconds: time))
            let envelopes = try replica.append(claims)
            known += zip(envelopes, claims).map { .init(id: $0.id, claim: $1) }
            batches.append(Batch(claims: claims, milliseconds: time))
        }
        return (replica, batches)
    }

    /// Appends batches to a fresh replica with the same key, each at its scripted time: the same envelopes.
    static func replay(_ batches: ArraySlice<Batch>, in directory: TemporaryDirectory, name: String) throws -> TreatyReplica {
        let clock = T.ScriptedClock()
        let replica = try T.replica(in: directory, name: name, key: 7, clock: clock)
        for batch in batches {
            clock.set(RFC3339.format(milliseconds: batch.milliseconds))
            try replica.append(batch.claims)
        }
        return replica
    }

    /// Everything the queries answer, as text: facts, statuses on a spread of days, disputes, parties, timelines.
    static func answers(_ replica: TreatyReplica, knownAt: Int64?, facts: [FactKey]) throws -> String {
        let days = stride(from: CivilCalendar.days(year: 1998, month: 1, day: 1), to: CivilCalendar.days(year: 2029, month: 1, day: 1), by: 173)
        return try replica.store.read { db in
            let reader = ProjectionReader(db: db, knownAt: knownAt)
            var out = ""
            for key in facts {
                out += "\(key): \(try reader.fact(key)?.alternativesJSON ?? "none")\n"
            }
            for treaty in try reader.treaties() {
                for state in ProjectionClaimGenerator.states {
                    let periods = try reader.statusPeriods(StatusKey(treaty: treaty, state: state))
                    out += "\(treaty)/\(state): \(periods)\n"
                    for day in days {
                        let a = try StatusAnswer.answer(treaty: treaty, state: state, on: day, reader: reader)
                        out += "  \(day) \(a.status.rawValue) \(a.since?.date ?? "-") \(a.disputed) \(a.alternatives.map { "\($0.status.rawValue)@\($0.since?.date ?? "-")\($0.events.map(\.short))" })\n"
                    }
                    let timeline = try TimelineAnswer.answer(state: state, treaty: treaty, reader: reader)
                    out += "  timeline \(timeline.entries.map { "\($0.date) \($0.action) \($0.computed) \($0.disputed)" })\n"
                }
                for day in days.prefix(8) {
                    for basis in PartiesAnswer.Basis.allCases {
                        let p = try PartiesAnswer.answer(treaty: treaty, on: day, by: basis, reader: reader)
                        out += "  parties \(day) \(basis.rawValue) \(p.parties.map { "\($0.state)@\($0.since.date)\($0.disputed)" })\n"
                    }
                }
            }
            let disputes = try DisputesAnswer.answer(reader: reader)
            out += "disputes \(disputes.disputes.map { "\($0.fact) \($0.heads.map(\.id.short))" })\n"
            return out
        }
    }

    @Test("answers as known at T equal the answers of a replica holding only what was recorded by T", arguments: seeds)
    func knownAtEqualsTruncatedReplica(seed: UInt64) throws {
        // Given a replica that recorded random batches over several days
        var rng = ProjectionRandom(seed: seed)
        let directory = try TemporaryDirectory()
        let (full, batches) = try Self.record(&rng, in: directory)
        let facts = try full.store.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT fact FROM claims ORDER BY fact").compactMap(FactKey.init)
        }
        // When T is the time of a batch after which the clock moved on
        let cuts = batches.indices.filter { $0 == batches.count - 1 || batches[$0 + 1].milliseconds > batches[$0].milliseconds }
        let cut = rng.pick(cuts)
        let t = batches[cut].milliseconds
        let truncated = try Self.replay(batches[...cut], in: directory, name: "truncated")
        let fullEvents = try full.store.read { db in try LogTables.eventCount(in: db) }
        let truncatedHead = try truncated.store.read { db in try LogTables.head(of: truncated.store.feed, in: db) }
        let fullAtCut = try full.store.read { db in try LogTables.eventID(feedNumber: 1, seq: truncatedHead!.head.seq, in: db) }
        try #require(fullAtCut == truncatedHead?.head.id, "seed \(seed): the replay did not reproduce the events (\(fullEvents) events)")
        // Then every answer as known at T is the truncated replica's answer
        let knownAt = try Self.answers(full, knownAt: t, facts: facts)
        let stopped = try Self.answers(truncated, knownAt: nil, facts: facts)
        #expect(knownAt == stopped, "seed \(seed), T = batch \(cut + 1) of \(batches.count): \(T.firstDifference(knownAt, stopped))")
        // And as known at a time after everything, the answers are the projections'
        let latest = try Self.answers(full, knownAt: nil, facts: facts)
        let future = try Self.answers(full, knownAt: T.milliseconds("2099-01-01T00:00:00Z"), facts: facts)
        #expect(latest == future, "seed \(seed): \(T.firstDifference(latest, future))")
    }
}
