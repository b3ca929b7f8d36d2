import AccordTestSupport
import Foundation
import Testing

/// Issue 13, items 3 and 4: a peer's recorded time can neither make this
/// replica write envelopes its own reader refuses, nor drag its clock into the
/// future; a time too large to carry is refused, one far ahead is kept as
/// recorded but not followed, and the import says so.
@Suite("A peer's clock cannot break or poison this replica's clock")
struct HostileClockTests {
    static let claim = #"{"type":"action","treaty":"CCM","state":"NOR","action":"signature","date":"2008-12-03","sources":[{"url":"https://example.org/eve"}]}"#
    static let ownClaim = #"{"type":"action","treaty":"CCM","state":"FRA","action":"ratification","date":"2009-09-25","sources":[{"url":"https://example.org/ana"}]}"#

    static var nowMilliseconds: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// ana, trusting eve, offered a bundle of eve's one event recorded at `recorded`.
    static func offer(recorded: (ms: Int64, counter: Int64)) async throws -> (ana: CLIReplica, result: ProcessResult, before: StoreSnapshot) {
        let ana = try await CLIReplica.make()
        var eve = try ForgedFeed(keyByte: 0x65)
        let trusted = try await ana.run(["trust", "add"], [eve.feed.hex, "--name", "eve"])
        try #require(trusted.status == 0, "\(trusted)")
        eve.append(claim, recorded: .init(milliseconds: recorded.ms, counter: recorded.counter))
        let path = ana.directory.path("eve.bundle")
        try Data(eve.bundle()).write(to: URL(fileURLWithPath: path))
        let before = try ana.snapshot()
        return (ana, try await ana.run(["sync", "import"], [path]), before)
    }

    /// The recorded time of ana's newest event, in milliseconds.
    static func newestRecorded(_ ana: CLIReplica) async throws -> Int64 {
        let text = try #require(try await ana.logEntries(["--limit", "1"]).first?["recorded"] as? String)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let date = try #require(formatter.date(from: text), "not RFC 3339: \(text)")
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    @Test(arguments: [(Int64(1_800_000_000_000), Int64(999_999_999_999_999_999)), (Int64(999_999_999_999_999_999), Int64(0))])
    func aRecordedTimeTooLargeToCarryIsRefusedAndTheFeedStaysReadable(_ ms: Int64, _ counter: Int64) async throws {
        // Given eve's event with a clock field as large as the old reader accepted
        let (ana, result, before) = try await Self.offer(recorded: (ms, counter))
        // Then the import is refused at its line, and the store is as it was
        expectRefusal(result, mentioning: ["eve.bundle:2:", "envelope"])
        #expect(try ana.snapshot() == before)
        // And ana's own next claim is readable: log and check succeed
        let appended = try await ana.append([Self.ownClaim], file: "own.jsonl")
        #expect(appended.status == 0, "\(appended)")
        let log = try await ana.run("log")
        #expect(log.status == 0, "\(log)")
        let check = try await ana.run("check")
        #expect(check.status == 0, "\(check)")
    }

    @Test func appendSaysSoWhenTheFeedWasRecordedAheadByAWallClockThatCameBack() async throws {
        // Given ana, who appended while her wall clock read a year ahead
        let ana = try await CLIReplica.make()
        let yearAhead = Self.nowMilliseconds + 365 * 86_400_000
        try UncheckedAppend.append([Self.claim], toReplica: ana.store, wallTime: yearAhead)
        // When she appends with the clock back
        let appended = try await ana.append([Self.ownClaim], file: "own.jsonl")
        // Then, as HLC requires, the claim is recorded after the last one, and append says why
        #expect(appended.status == 0, "\(appended)")
        #expect(try await Self.newestRecorded(ana) >= yearAhead, "\(appended)")
        #expect(appended.stderr.contains("ahead of this machine's clock"), "\(appended)")
    }

    @Test func anEventRecordedYearsAheadIsKeptButDoesNotDragTheClock() async throws {
        // Given eve's event recorded two years from now
        let twoYears: Int64 = 2 * 365 * 86_400_000
        let (ana, result, _) = try await Self.offer(recorded: (Self.nowMilliseconds + twoYears, 0))
        // Then it is imported, and the import says the clock did not follow it
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("1 new event"), "\(result)")
        #expect(result.stdout.contains("ahead of this machine's clock"), "\(result)")
        // When ana appends a claim of her own
        let appended = try await ana.append([HostileSupersessionTests.treaty, Self.ownClaim], file: "own.jsonl")
        try #require(appended.status == 0, "\(appended)")
        // Then it is recorded now, not two years ahead
        let recorded = try await Self.newestRecorded(ana)
        #expect(abs(recorded - Self.nowMilliseconds) < 3_600_000, "recorded at \(recorded)")
        // And a query as known a minute from now sees it
        let inAMinute = ISO8601DateFormatter().string(from: Date().addingTimeInterval(60))
        let arguments = ["--treaty", "CCM", "--state", "FRA", "--on", "2020-01-01", "--json"]
        let knownNow = try await ana.run("status", arguments + ["--known-at", inAMinute])
        let latest = try await ana.run("status", arguments)
        #expect(knownNow.status == 0 && latest.status == 0, "\(knownNow)\n\(latest)")
        func status(_ result: ProcessResult) -> String? {
            (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["status"] as? String
        }
        #expect(status(latest) != "not-party", "\(latest)")
        #expect(status(knownNow) == status(latest), "\(knownNow)\n\(latest)")
    }
}
