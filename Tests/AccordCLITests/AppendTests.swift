import AccordTestSupport
import Foundation
import Testing

@Suite("accord append")
struct AppendTests {
    @Test func twoAppendsStartedAtOnceBothSucceedAndEveryClaimIsThereOnce() async throws {
        // Given a new replica and two files of twenty claims each
        let replica = try await CLIReplica.make()
        let first = try replica.directory.write(ClaimLines.document(ClaimLines.actions(count: 20, tag: "first")), to: "first.jsonl")
        let second = try replica.directory.write(ClaimLines.document(ClaimLines.actions(count: 20, tag: "second")), to: "second.jsonl")
        // When two accord processes append them at the same time
        async let one = replica.run("append", ["--file", first])
        async let two = replica.run("append", ["--file", second])
        let results = try await [one, two]
        // Then both succeed
        for result in results { #expect(result.status == 0, "\(result)") }
        // And the log holds all forty claims exactly once, at seq 1…40 without gaps
        let entries = try await replica.logEntries()
        #expect(entries.map { $0["seq"] as? Int } == Array(1...40))
        let urls = entries.map(Self.sourceURL)
        let expected = (0..<20).flatMap { ["https://example.org/first/\($0)", "https://example.org/second/\($0)"] }
        #expect(urls.compactMap { $0 }.sorted() == expected.sorted())
        // And each file's claims are one unbroken run of seqs, in file order (each append is one transaction)
        for tag in ["first", "second"] {
            let run = entries.filter { Self.sourceURL($0)?.contains("/\(tag)/") == true }
            let seqs = run.compactMap { $0["seq"] as? Int }
            #expect(seqs.count == 20 && seqs.last.map { $0 - seqs[0] } == 19, "\(tag): \(seqs)")
            #expect(run.map(Self.sourceURL) == (0..<20).map { "https://example.org/\(tag)/\($0)" })
        }
    }

    @Test func aBadLineAfterSeveralBatchesLeavesTheStoreAsItWas() async throws {
        // Given a replica with a few claims, and a file whose line 12,001 is bad, after two full batches
        let replica = try await CLIReplica.make(claims: ClaimLines.actions(count: 3, tag: "seed"))
        var lines = ClaimLines.actions(count: 12_500, tag: "big")
        lines[12_000] = #"{"type":"action","treaty":"CCM","state":"LTU","action":"ratification","date":"2011-02-30","sources":[{"url":"https://example.org/x"}]}"#
        let file = try replica.directory.write(ClaimLines.document(lines), to: "big.jsonl")
        let before = try replica.snapshot()
        // When it is appended
        let result = try await replica.run("append", ["--file", file])
        // Then the line is named, and nothing of the file was kept
        expectRefusal(result, mentioning: ["big.jsonl:12001", "2011-02-30"])
        #expect(try replica.snapshot() == before)
        // And the same file without the bad line goes in whole, with one fold per touched fact
        lines.remove(at: 12_000)
        let good = try replica.directory.write(ClaimLines.document(lines), to: "good.jsonl")
        let appended = try await replica.run("append", ["--file", good])
        #expect(appended.status == 0, "\(appended)")
        #expect(appended.stderr.contains("recorded 12499 claims"), "\(appended)")
        let check = try await replica.run("check")
        #expect(check.status == 0, "\(check)")
    }

    /// The first source URL of a `log --json` entry's claim.
    static func sourceURL(_ entry: [String: Any]) -> String? {
        let claim = entry["claim"] as? [String: Any]
        return (claim?["sources"] as? [[String: Any]])?.first?["url"] as? String
    }

    @Test func aClaimFromFlagsIsRecordedWithTheStateAsItsCode() async throws {
        // Given a new replica
        let replica = try await CLIReplica.make()
        // When one claim is appended from flags, the state by name
        let result = try await replica.run("append", [
            "--treaty", "CCM", "--state", "Lithuania", "--action", "ratification", "--date", "2011-03-24",
            "--source", "https://example.org/a", "--outlet", "Monitor",
        ])
        // Then it is recorded at seq 1 with the state as LTU
        #expect(result.status == 0, "\(result)")
        let entries = try await replica.logEntries()
        #expect(entries.count == 1)
        let claim = entries.first?["claim"] as? [String: Any]
        #expect(claim?["state"] as? String == "LTU")
        #expect(claim?["action"] as? String == "ratification")
    }

    @Test func appendPrintsTheIdsItRecorded() async throws {
        let replica = try await CLIReplica.make()
        let result = try await replica.append(ClaimLines.actions(count: 3, tag: "ids"), file: "ids.jsonl")
        #expect(result.status == 0, "\(result)")
        let printed = result.stdoutLines.map { String($0.prefix(64)) }
        let logged = try await replica.logEntries().compactMap { $0["id"] as? String }
        #expect(printed == logged)
    }
}

@Suite("The store refuses to change its log, even to sqlite3")
struct StoreTriggerTests {
    @Test(arguments: ["DELETE FROM events", "UPDATE events SET seq = seq + 1", "UPDATE events SET body = x'7b7d' WHERE seq = 1"])
    func theSQLiteShellCannotUpdateOrDeleteEvents(_ sql: String) async throws {
        // Given a replica holding claims
        let replica = try await CLIReplica.seeded()
        let before = try replica.snapshot()
        // When the sqlite3 shell tries to change its events
        let result = try await ChildProcess.run("sqlite3", arguments: [replica.store + "/store.sqlite", sql])
        // Then SQLite refuses through the store's triggers, and nothing changed
        #expect(result.status != 0, "\(result)")
        #expect(result.stderr.contains("append-only"), "\(result)")
        #expect(try replica.snapshot() == before)
        // And accord still reads every event
        #expect(try await replica.logEntries().count == before.events.count)
    }
}
