import AccordTestSupport
import Foundation
import Testing

/// Issue 13, item 11: an `--out` that is a link, a newline in a file name, a
/// peer's vector that claims more of this replica's feed than exists.
@Suite("Smaller hostile cases")
struct SmallHostileCasesTests {
    @Test(arguments: [(["sync", "export"], [String]()), (["export"], ["--format", "csv"])])
    func anOutThatIsASymbolicLinkIsRefusedAndTheLinkAndItsTargetAreLeftAlone(_ command: [String], _ arguments: [String]) async throws {
        // Given a link to a file someone cares about
        let replica = try await CLIReplica.seeded()
        let target = try replica.directory.write("precious\n", to: "precious.txt")
        let link = replica.directory.path("out.link")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        // When a command is asked to write to the link
        let result = try await replica.run(command, arguments + ["--out", link])
        // Then it is refused, naming the link and its target, and both are as they were
        expectRefusal(result, mentioning: ["out.link", "symbolic link", "precious.txt"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
    }

    @Test func aNewlineInAFileNameKeepsTheErrorOnOneLine() async throws {
        let replica = try await CLIReplica.make()
        let result = try await replica.run(["sync", "import"], [replica.directory.path("two\nlines.bundle")])
        expectRefusal(result, mentioning: [#"two\nlines.bundle"#, "no such file"])
    }

    @Test func aPeerClaimingMoreOfThisFeedThanExistsIsStillSentWhatThisReplicaWrites() async throws {
        // Given ana with one claim, and eve's bundle whose vector says eve holds ana's feed up to seq 100
        let ana = try await CLIReplica.make(claims: ClaimLines.actions(count: 1, tag: "first"))
        var eve = try ForgedFeed(keyByte: 0x65)
        eve.append(#"{"type":"action","treaty":"CCM","state":"LTU","action":"signature","date":"2008","sources":[{"url":"https://example.org/x"}]}"#)
        let trusted = try await ana.run(["trust", "add"], [eve.feed.hex, "--name", "eve"])
        try #require(trusted.status == 0, "\(trusted)")
        let path = ana.directory.path("eve.bundle")
        try Data(eve.bundle(claimedVector: [ana.feed: 100])).write(to: URL(fileURLWithPath: path))
        let imported = try await ana.run(["sync", "import"], [path])
        try #require(imported.status == 0, "\(imported)")
        // When ana appends two more claims and exports what eve lacks
        let appended = try await ana.append(ClaimLines.actions(count: 2, tag: "later"), file: "later.jsonl")
        try #require(appended.status == 0, "\(appended)")
        let exported = try await ana.run(["sync", "export"], ["--out", ana.directory.path("for-eve.bundle"), "--for", "eve"])
        // Then the bundle carries ana's two new events (at least): nothing she wrote is withheld
        #expect(exported.status == 0, "\(exported)")
        #expect(exported.stdout.contains("2 events") || exported.stdout.contains("3 events"), "\(exported)")
    }
}
