import AccordTestSupport
import Foundation
import Testing

/// Issue 13, item 8: sizes are bounded before the work they cause — a claim's
/// `supersedes`, a bundle header's feeds — with a clear error, and nothing is
/// read past a bound (see also `HostileFileTests` for lines).
@Suite("Inputs past the documented bounds are refused with a clear error")
struct InputBoundsTests {
    @Test func aClaimSupersedingMoreThanTenThousandEventsIsRefused() async throws {
        // Given a claim that supersedes 10^5 ids
        let replica = try await CLIReplica.make()
        let ids = (0..<100_000).map { i in "\"\(String(format: "%064x", i))\"" }.joined(separator: ",")
        let claim = #"{"type":"action","treaty":"CCM","state":"LTU","action":"signature","date":"2008","sources":[{"url":"https://example.org/x"}],"supersedes":[\#(ids)]}"#
        let before = try replica.snapshot()
        // When it is appended
        let file = try replica.directory.write(claim + "\n", to: "many.jsonl")
        let result = try await replica.run(["append"], ["--file", file], timeLimit: 60)
        // Then the bound is named
        expectRefusal(result, mentioning: ["many.jsonl:1:", "supersedes", "100000", "more than 10000"])
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
