import AccordTestSupport
import Foundation
import Testing

@Suite("accord log")
struct LogCommandTests {
    @Test func jsonLinesHoldIdFeedSeqRecordedAndTheClaimAsStored() async throws {
        // Given a replica holding the demo's claims (states given by name)
        let replica = try await CLIReplica.seeded()
        let demo = try #require(try Fixtures.demoClaims()["ana"])
        // When its log is printed as JSON
        let entries = try await replica.logEntries()
        // Then there is one object per claim, in feed order, with exactly the contract's keys
        #expect(entries.count == demo.count)
        #expect(entries.map { $0["seq"] as? Int } == Array(1...demo.count))
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        for entry in entries {
            #expect(Set(entry.keys) == ["id", "feed", "seq", "recorded", "claim"], "\(entry)")
            #expect(entry["feed"] as? String == replica.feed)
            let id = entry["id"] as? String ?? ""
            #expect(id.count == 64 && id.allSatisfy { "0123456789abcdef".contains($0) })
            let recorded = entry["recorded"] as? String ?? ""
            #expect(formatter.date(from: recorded) != nil && recorded.hasSuffix("Z"), "\(recorded)")
            let claim = try #require(entry["claim"] as? [String: Any])
            #expect(claim["type"] is String)
            // States given by name are stored as codes
            if let state = claim["state"] as? String { #expect(state.count == 3 && state == state.uppercased(), "\(state)") }
        }
        // And the ids are the SHA-256 of the events stored, in the same order
        let stored = try replica.snapshot().events
        #expect(entries.map { $0["id"] as? String } == stored.map(\.id))
        #expect(stored.allSatisfy { $0.id == TestDigest.sha256Hex($0.body) })
    }

    @Test func recordedTimesIncreaseAlongTheFeed() async throws {
        let replica = try await CLIReplica.make(claims: ClaimLines.actions(count: 30, tag: "t"))
        let recorded = try await replica.logEntries().compactMap { $0["recorded"] as? String }
        #expect(recorded.count == 30)
        // (RFC 3339 in UTC with milliseconds sorts as text; equal milliseconds differ by counter.)
        #expect(zip(recorded, recorded.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test(arguments: [1, 3, 10, 11, 500])
    func limitPrintsTheNewestEventsNewestLast(_ limit: Int) async throws {
        // Given a replica with ten events
        let replica = try await CLIReplica.make(claims: ClaimLines.actions(count: 10, tag: "limit"))
        // When the log is limited to N
        let entries = try await replica.logEntries(["--limit", String(limit)])
        // Then it shows the newest N (or all), oldest of them first
        let expected = Array(max(1, 11 - limit)...10)
        #expect(entries.map { $0["seq"] as? Int } == expected)
        let text = try await replica.run("log", ["--limit", String(limit)])
        #expect(text.status == 0 && text.stdoutLines.count == expected.count, "\(text)")
    }

    @Test func logOfANewReplicaIsEmpty() async throws {
        let replica = try await CLIReplica.make()
        let result = try await replica.run("log", ["--json"])
        #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "\(result)")
    }

    static let manyClaims = ClaimLines.actions(count: 2_000, tag: "many")

    @Test(arguments: [[String](), ["--json"]])
    func logEndsQuietlyWithStatusZeroWhenItsReaderGoesAway(_ arguments: [String]) async throws {
        // Given a replica whose log is far longer than a pipe's buffer
        let replica = try await CLIReplica.make(claims: Self.manyClaims)
        // When the log's stdout is closed after its first line is read (as `accord log | head -1` does)
        let (first, result) = try await replica.accord.runReadingFirstLine(["log", "--store", replica.store] + arguments)
        // Then accord ends with status 0, not killed by SIGPIPE, and says nothing on stderr
        #expect(first?.isEmpty == false)
        #expect(result.signal == nil, "\(result)")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
    }

    @Test func closingTheReadersEndKillsAProgramThatDoesNotIgnoreSIGPIPE() async throws {
        // (A control for the test above: the same harness, on a program that keeps SIGPIPE's default.)
        // Given a program writing far more than a pipe holds
        let (first, result) = try await ChildProcess.withRunning("seq", arguments: ["1", "1000000"]) { process in
            // When its stdout is closed after the first line
            try await process.nextLine()
        }
        // Then it is killed by SIGPIPE, which accord must not be
        #expect(first == "1")
        #expect(result.signal == SIGPIPE, "\(result)")
    }

    @Test func logPipedIntoHeadSucceedsUnderPipefail() async throws {
        // Given a replica whose log is far longer than a pipe's buffer
        let replica = try await CLIReplica.make(claims: Self.manyClaims)
        // When a shell runs `accord log | head -1` with pipefail
        let result = try await ChildProcess.run(
            "bash", arguments: ["-c", #"set -o pipefail; "$0" log --store "$1" | head -1"#, replica.accord.path, replica.store])
        // Then the pipeline succeeds and printed one line
        #expect(result.status == 0, "\(result)")
        #expect(result.stdoutLines.count == 1, "\(result)")
    }
}
