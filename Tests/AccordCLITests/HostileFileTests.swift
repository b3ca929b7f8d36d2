import AccordTestSupport
import Foundation
import Testing

/// Issue 13, item 5: what is named like a bundle but is not a regular file — a
/// FIFO, a device, a link planted in a shared folder — or is a regular file that
/// never ends its header, is refused at once with one line, never read forever.
/// Each run has a time limit that fails the test if accord hangs.
@Suite("Files that are not bundles are refused without hanging")
struct HostileFileTests {
    static let limit = 60

    @Test func importingAFIFORefusesItWithoutWaitingForAWriter() async throws {
        // Given a FIFO nobody writes to
        let replica = try await CLIReplica.make()
        let fifo = replica.directory.path("peer.bundle")
        try #require(mkfifo(fifo, 0o600) == 0)
        let before = try replica.snapshot()
        // When it is imported
        let result = try await replica.run(["sync", "import"], [fifo], timeLimit: Self.limit)
        // Then it is refused at once, naming it and what it is, and nothing changed
        expectRefusal(result, mentioning: ["peer.bundle", "FIFO", "not a regular file"])
        #expect(try replica.snapshot() == before)
    }

    @Test func importingDevZeroRefusesIt() async throws {
        let replica = try await CLIReplica.make()
        let result = try await replica.run(["sync", "import"], ["/dev/zero"], timeLimit: Self.limit)
        expectRefusal(result, mentioning: ["/dev/zero", "character device"])
    }

    @Test func aHeaderThatNeverEndsIsRefusedAfterItsBound() async throws {
        // Given a regular file of 6 MiB with no newline
        let replica = try await CLIReplica.make()
        let path = replica.directory.path("endless.bundle")
        try Data(repeating: 0x7b, count: 6 << 20).write(to: URL(fileURLWithPath: path))
        // When it is imported
        let result = try await replica.run(["sync", "import"], [path], timeLimit: Self.limit)
        // Then the header's bound is named
        expectRefusal(result, mentioning: ["endless.bundle:1:", "header", "longer than 4194304 bytes"])
    }

    @Test func aSharedFolderWithAFIFOAndALinkToDevZeroNamedLikeBundlesIsSyncedWithoutHanging() async throws {
        // Given a shared folder where someone planted a FIFO and a link to /dev/zero under feed-file names
        let replica = try await CLIReplica.make(claims: ClaimLines.actions(count: 2, tag: "own"))
        let shared = try TemporaryDirectory(prefix: "accord-shared")
        let fifoName = String(repeating: "a", count: 64) + ".bundle"
        let linkName = String(repeating: "b", count: 64) + ".bundle"
        try #require(mkfifo(shared.path(fifoName), 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: shared.path(linkName), withDestinationPath: "/dev/zero")
        // When the replica syncs with it
        let result = try await replica.run(["sync", "folder"], [shared.path], timeLimit: Self.limit)
        // Then both are refused, each on one line, the replica's own feed is still written (as a segment
        // in its directory), and the exit status says so
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines.count == 2, "\(result)")
        #expect(result.stderr.contains(fifoName) && result.stderr.contains("FIFO"), "\(result)")
        #expect(result.stderr.contains(linkName) && result.stderr.contains("symbolic link"), "\(result)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: shared.path(replica.feed))) ?? []).count == 1)
    }
}
