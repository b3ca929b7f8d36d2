import AccordTestSupport
import Foundation
import Testing

/// Issue 13, item 8: sizes are bounded before the work they cause — a claim's
/// `supersedes`, a bundle header's feeds — with a clear error, and nothing is
/// read past a bound (see also `HostileFileTests` for lines).
@Suite("Inputs past the documented bounds are refused with a clear error")
struct InputBoundsTests {
    @Test func aClaimSupersedingMoreThanTenThousandEventsIsRefused() async throws {
        // Given a claim that supersedes 20,000 ids
        let replica = try await CLIReplica.make()
        let ids = (0..<20_000).map { i in "\"\(String(format: "%064x", i))\"" }.joined(separator: ",")
        let claim = #"{"type":"action","treaty":"CCM","state":"LTU","action":"signature","date":"2008","sources":[{"url":"https://example.org/x"}],"supersedes":[\#(ids)]}"#
        let before = try replica.snapshot()
        // When it is appended
        let file = try replica.directory.write(claim + "\n", to: "many.jsonl")
        let result = try await replica.run(["append"], ["--file", file], timeLimit: 60)
        // Then the bound is named
        expectRefusal(result, mentioning: ["many.jsonl:1:", "supersedes", "20000", "more than 10000"])
        #expect(try replica.snapshot() == before)
    }

    @Test func aClaimLineLongerThanFourMebibytesIsRefusedAtItsLine() async throws {
        // Given a file whose second line is 5 MiB of one string
        let replica = try await CLIReplica.make()
        let long = #"{"type":"statement","subject":"LTU","property":"p","value":""# + String(repeating: "x", count: 5 << 20) + #"","sources":[{"url":"https://example.org/x"}]}"#
        let file = try replica.directory.write(ClaimLines.document(ClaimLines.actions(count: 1, tag: "ok") + [long]), to: "long.jsonl")
        let before = try replica.snapshot()
        // When it is appended
        let result = try await replica.run(["append"], ["--file", file], timeLimit: 60)
        // Then the line and the bound are named, and nothing was appended
        expectRefusal(result, mentioning: ["long.jsonl:2:", "longer than 4194304 bytes"])
        #expect(try replica.snapshot() == before)
    }

    @Test func aClaimLargerThanAnEnvelopeMayCarryIsRefused() async throws {
        // Given a claim of 2 MiB: an envelope of it would be refused by every reader
        let replica = try await CLIReplica.make()
        let large = #"{"type":"statement","subject":"LTU","property":"p","value":""# + String(repeating: "x", count: 2 << 20) + #"","sources":[{"url":"https://example.org/x"}]}"#
        let file = try replica.directory.write(large + "\n", to: "large.jsonl")
        let before = try replica.snapshot()
        // When it is appended
        let result = try await replica.run(["append"], ["--file", file], timeLimit: 60)
        // Then it is refused at its line, naming the bound
        expectRefusal(result, mentioning: ["large.jsonl:1:", "bytes as stored", "more than 1048064"])
        #expect(try replica.snapshot() == before)
    }

    @Test func aBundleHeaderListingMoreThanTenThousandFeedsIsRefusedBeforeItsSignature() async throws {
        // Given eve's bundle whose vector lists 40,000 feeds
        let ana = try await CLIReplica.make()
        var eve = try ForgedFeed(keyByte: 0x65)
        eve.append(#"{"type":"action","treaty":"CCM","state":"LTU","action":"signature","date":"2008","sources":[{"url":"https://example.org/x"}]}"#)
        let trusted = try await ana.run(["trust", "add"], [eve.feed.hex, "--name", "eve"])
        try #require(trusted.status == 0, "\(trusted)")
        var claimed: [String: Int64] = [:]
        for i in 0..<40_000 { claimed[String(format: "%064x", i + 1)] = 1 }
        let path = ana.directory.path("wide.bundle")
        try Data(eve.bundle(claimedVector: claimed)).write(to: URL(fileURLWithPath: path))
        let before = try ana.snapshot()
        // When ana imports it
        let result = try await ana.run(["sync", "import"], [path], timeLimit: 60)
        // Then the bound is named
        expectRefusal(result, mentioning: ["wide.bundle:1:", "\"vector\"", "more than 10000"])
        #expect(try ana.snapshot() == before)
    }
}
