import AccordLog
import AccordTestSupport
import Foundation
import GRDB
import Testing

@Suite("The hybrid logical clock")
struct HybridLogicalClockTests {
    @Test func ticksFollowTheWallClockAndNeverGoBack() {
        // Given a clock and a wall clock that stalls, steps back, jumps forward and steps back again
        var clock = HybridLogicalClock(last: .zero)
        let wall: [Int64] = [100, 100, 90, 80, 200, 200, 150, 201]
        // When it ticks once per reading
        let ticks = wall.map { clock.tick(wallTime: $0) }
        // Then the timestamps strictly increase, taking the wall time whenever it is ahead
        #expect(ticks == [
            HLCTimestamp(milliseconds: 100, counter: 0), HLCTimestamp(milliseconds: 100, counter: 1),
            HLCTimestamp(milliseconds: 100, counter: 2), HLCTimestamp(milliseconds: 100, counter: 3),
            HLCTimestamp(milliseconds: 200, counter: 0), HLCTimestamp(milliseconds: 200, counter: 1),
            HLCTimestamp(milliseconds: 200, counter: 2), HLCTimestamp(milliseconds: 201, counter: 0),
        ])
        #expect(clock.last == ticks.last)
    }

    @Test func ticksStrictlyIncreaseForAnyWallClock() {
        // Given a wall clock wandering randomly around a point in time
        var generator = SeededGenerator(seed: 0x41CC_02D)
        var clock = HybridLogicalClock(last: .zero)
        var previous = HLCTimestamp.zero
        for _ in 0..<10_000 {
            let wall = 1_700_000_000_000 + Int64.random(in: -5_000...5_000, using: &generator)
            // When it ticks
            let tick = clock.tick(wallTime: wall)
            // Then every timestamp is later than the one before and not behind the wall clock
            #expect(tick > previous)
            #expect(tick.milliseconds >= wall)
            previous = tick
        }
    }

    @Test func observingALaterRemoteTimestampMovesTheClockForward() {
        // Given a clock at 100
        var clock = HybridLogicalClock(last: HLCTimestamp(milliseconds: 100, counter: 0))
        // When it observes a remote timestamp from the future
        let remote = HLCTimestamp(milliseconds: 5_000, counter: 7)
        clock.observe(remote, wallTime: 150)
        // Then the next local tick, even with the wall clock at 150, is after the remote one
        let tick = clock.tick(wallTime: 150)
        #expect(tick > remote)
        #expect(tick == HLCTimestamp(milliseconds: 5_000, counter: 8))
    }

    @Test func observingAnEarlierRemoteTimestampChangesNothing() {
        // Given a clock at (100, 3)
        let start = HLCTimestamp(milliseconds: 100, counter: 3)
        var clock = HybridLogicalClock(last: start)
        // When it observes an older timestamp
        clock.observe(HLCTimestamp(milliseconds: 99, counter: 50), wallTime: 100)
        clock.observe(HLCTimestamp(milliseconds: 100, counter: 2), wallTime: 100)
        // Then it is where it was
        #expect(clock.last == start)
    }

    @Test func timestampsOrderByMillisecondsThenCounter() {
        #expect(HLCTimestamp(milliseconds: 1, counter: 9) < HLCTimestamp(milliseconds: 2, counter: 0))
        #expect(HLCTimestamp(milliseconds: 2, counter: 0) < HLCTimestamp(milliseconds: 2, counter: 1))
        #expect(!(HLCTimestamp(milliseconds: 2, counter: 1) < HLCTimestamp(milliseconds: 2, counter: 1)))
    }

    @Test func recordedTimesStayMonotonicAcrossBatchesAndReopeningWhenTheWallClockGoesBack() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r")
        // Given a replica whose wall clock goes backwards during and between appends
        let key = try ReplicaKey(rawRepresentation: Array(repeating: 3, count: 32))
        let first = ScriptedClock([1_000_000, 999_000, 999_000, 500_000])
        var recorded: [HLCTimestamp] = []
        do {
            let store = try ReplicaStore.create(at: path, name: "ana", key: key, clock: first, schema: [])
            recorded += try store.append(claims: [Array(#"{"n":1}"#.utf8), Array(#"{"n":2}"#.utf8)]).map(\.recorded)
            recorded += try store.append(claims: [Array(#"{"n":3}"#.utf8), Array(#"{"n":4}"#.utf8)]).map(\.recorded)
        }
        #expect(first.readCount == 4)
        // When the store is reopened with a clock still further in the past
        let store = try ReplicaStore.open(at: path, clock: ScriptedClock([10]), schema: [])
        recorded += try store.append(claims: [Array(#"{"n":5}"#.utf8)]).map(\.recorded)
        // Then every recorded time is later than the one before, and the clock's state survived the reopening
        #expect(recorded == [
            HLCTimestamp(milliseconds: 1_000_000, counter: 0), HLCTimestamp(milliseconds: 1_000_000, counter: 1),
            HLCTimestamp(milliseconds: 1_000_000, counter: 2), HLCTimestamp(milliseconds: 1_000_000, counter: 3),
            HLCTimestamp(milliseconds: 1_000_000, counter: 4),
        ])
        let saved = try store.read { try LogTables.clock(in: $0) }
        #expect(saved.last == recorded.last)
    }
}
