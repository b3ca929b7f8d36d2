import AccordLog
import AccordTestSupport
import Foundation
import GRDB
import Testing

/// Issue 13, items 3 and 4: whatever the clock hands out, the envelope reader
/// reads; a remote time far ahead of the wall clock does not drag the clock;
/// a saved clock far ahead goes back to what HLC requires.
@Suite("The hybrid logical clock stays within bounds")
struct HybridLogicalClockBoundsTests {
    static let now: Int64 = 1_800_000_000_000
    static let day: Int64 = 86_400_000

    @Test func aCounterAtItsMaximumMovesTheClockOnAMillisecondAndTheEnvelopeReadsBack() throws {
        // Given a clock that observed a remote timestamp with the largest counter an envelope may carry
        var clock = HybridLogicalClock(last: HLCTimestamp(milliseconds: Self.now, counter: 0))
        clock.observe(HLCTimestamp(milliseconds: Self.now + 5, counter: HLCTimestamp.maximumCounter), wallTime: Self.now)
        // When it ticks with the wall clock behind
        let tick = clock.tick(wallTime: Self.now)
        // Then it moved on a millisecond, and an envelope carrying it parses
        #expect(tick == HLCTimestamp(milliseconds: Self.now + 6, counter: 0))
        let key = try ReplicaKey(rawRepresentation: Array(repeating: 7, count: 32))
        let envelope = Envelope.encode(feed: key.feed, seq: 1, prev: nil, recorded: tick, claim: Array(#"{"n":1}"#.utf8))
        #expect(try Envelope.parse(envelope.bytes).recorded == tick)
    }

    @Test(arguments: [Int64.min, -1, 0, now, HLCTimestamp.maximumMilliseconds, HLCTimestamp.maximumMilliseconds + 1, Int64.max])
    func everyTickIsWithinTheBoundsAnEnvelopeMayCarry(_ wall: Int64) throws {
        // Given clocks at the edges of what may be saved or observed
        for start in [HLCTimestamp.zero, HLCTimestamp(milliseconds: Self.now, counter: HLCTimestamp.maximumCounter),
                      HLCTimestamp(milliseconds: HLCTimestamp.maximumMilliseconds, counter: HLCTimestamp.maximumCounter - 1),
                      HLCTimestamp(milliseconds: Int64.max, counter: Int64.max)] {
            var clock = HybridLogicalClock(last: start)
            // When it ticks three times at this wall time
            for _ in 0..<3 {
                let tick = clock.tick(wallTime: wall)
                // Then every timestamp may be carried by an envelope
                #expect(tick.isWithinBounds, "\(start) ticked at \(wall) to \(tick)")
            }
        }
    }

    @Test func aRemoteTimeMoreThanADayAheadOfTheWallClockIsNotFollowed() {
        // Given a clock at the wall time
        var clock = HybridLogicalClock(last: HLCTimestamp(milliseconds: Self.now))
        // When it observes a time two days ahead, then one an hour ahead
        let farAhead = clock.observe(HLCTimestamp(milliseconds: Self.now + 2 * Self.day), wallTime: Self.now)
        let tick1 = clock.tick(wallTime: Self.now)
        let nearAhead = clock.observe(HLCTimestamp(milliseconds: Self.now + 3_600_000), wallTime: Self.now)
        let tick2 = clock.tick(wallTime: Self.now)
        // Then the first is refused and the clock stays with the wall; the second is followed, as HLC requires
        #expect(!farAhead)
        #expect(tick1 == HLCTimestamp(milliseconds: Self.now, counter: 1))
        #expect(nearAhead)
        #expect(tick2 == HLCTimestamp(milliseconds: Self.now + 3_600_000, counter: 1))
    }

    @Test func aSavedClockFarAheadGoesBackToTheLatestEventItMayFollow() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r")
        let key = try ReplicaKey(rawRepresentation: Array(repeating: 4, count: 32))
        // Given a replica with one event, whose saved clock was poisoned far into the future (as an import did before)
        do {
            let store = try ReplicaStore.create(at: path, name: "ana", key: key, clock: ScriptedClock([Self.now]), schema: [])
            try store.append(claims: [Array(#"{"n":1}"#.utf8)])
            try store.write { db in try db.execute(sql: "UPDATE replica SET hlc_ms = 999999999999999999, hlc_counter = 999999999999999999") }
        }
        // When it appends with the wall clock a minute later
        let store = try ReplicaStore.open(at: path, clock: ScriptedClock([Self.now + 60_000]), schema: [])
        let recorded = try store.append(claims: [Array(#"{"n":2}"#.utf8), Array(#"{"n":3}"#.utf8)]).map(\.recorded)
        // Then its events are recorded at the wall time, and the clock saved is theirs
        #expect(recorded == [HLCTimestamp(milliseconds: Self.now + 60_000), HLCTimestamp(milliseconds: Self.now + 60_000, counter: 1)])
        #expect(try store.read { try LogTables.clock(in: $0) }.last == recorded.last)
    }

    @Test func aFeedRecordedAheadByAWallClockThatCameBackStaysMonotonic() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r")
        let key = try ReplicaKey(rawRepresentation: Array(repeating: 5, count: 32))
        // Given a replica that appended while its wall clock was a year ahead
        let yearAhead = Self.now + 365 * Self.day
        do {
            let store = try ReplicaStore.create(at: path, name: "ana", key: key, clock: ScriptedClock([yearAhead]), schema: [])
            try store.append(claims: [Array(#"{"n":1}"#.utf8)])
        }
        // When it appends after the wall clock came back
        let store = try ReplicaStore.open(at: path, clock: ScriptedClock([Self.now]), schema: [])
        let recorded = try store.append(claims: [Array(#"{"n":2}"#.utf8)]).map(\.recorded)
        // Then, as HLC requires, its feed's recorded times do not go back
        #expect(recorded == [HLCTimestamp(milliseconds: yearAhead, counter: 1)])
    }
}
