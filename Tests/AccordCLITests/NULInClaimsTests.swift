import AccordTestSupport
import Foundation
import Testing

/// Issue 13, item 6: U+0000 in a claim's text would be cut short in the claims
/// index (SQLite's text stops there) while the envelope keeps it, and `check`
/// would then fail on every replica holding it. Claims holding it are refused,
/// at append and at import alike.
@Suite("Claims holding U+0000 are refused")
struct NULInClaimsTests {
    static let statement = #"{"type":"statement","subject":"LTU","property":"uxo-mitigation","value":"a\u0000b","sources":[{"url":"https://example.org/x"}]}"#
    static let quote = #"{"type":"action","treaty":"CCM","state":"LTU","action":"signature","date":"2008-12-03","sources":[{"url":"https://example.org/x","quote":"signed\u0000"}]}"#

    @Test(arguments: [(statement, "\"value\""), (quote, "\"sources[0].quote\"")])
    func appendRefusesIt(_ claim: String, _ field: String) async throws {
        let replica = try await CLIReplica.seeded()
        let before = try replica.snapshot()
        let result = try await replica.append([ClaimLines.actions(count: 1, tag: "ok")[0], claim], file: "nul.jsonl")
        expectRefusal(result, mentioning: ["nul.jsonl:2:", field, "U+0000"])
        #expect(try replica.snapshot() == before)
    }

    @Test func importRefusesIt() async throws {
        // Given ana, trusting eve, and eve's statement holding U+0000
        let ana = try await CLIReplica.make()
        var eve = try ForgedFeed(keyByte: 0x65)
        eve.append(Self.statement)
        let trusted = try await ana.run(["trust", "add"], [eve.feed.hex, "--name", "eve"])
        try #require(trusted.status == 0, "\(trusted)")
        let path = ana.directory.path("eve.bundle")
        try Data(eve.bundle()).write(to: URL(fileURLWithPath: path))
        let before = try ana.snapshot()
        // When ana imports it
        let result = try await ana.run(["sync", "import"], [path])
        // Then it is refused at its line, and ana's store (and so her `check`) is as it was
        expectRefusal(result, mentioning: ["eve.bundle:2:", "\"value\"", "U+0000"])
        #expect(try ana.snapshot() == before)
    }
}
