import AccordTestSupport
import Foundation
import Testing

/// `accord sync folder` over segments, driven through the built binary: what a
/// sync writes and reads, a folder others can write to (planted links, FIFOs,
/// truncated files), a copy taken with rsync while a sync writes, and a folder
/// in the layout before segments.
@Suite("accord sync folder: segments in a shared, hostile folder")
struct SegmentFolderTests {
    /// ana and ben trusting each other, a shared folder, and a file outside it that must never change.
    struct Setting {
        let ana: CLIReplica
        let ben: CLIReplica
        let shared: TemporaryDirectory
        let victim: String
        static let victimBytes = Array("the victim's own file\n".utf8)

        init(anaClaims: Int = 3, benClaims: Int = 2) async throws {
            ana = try await CLIReplica.make(name: "ana", claims: ClaimLines.actions(count: anaClaims, tag: "ana"))
            ben = try await CLIReplica.make(name: "ben", claims: ClaimLines.actions(count: benClaims, tag: "ben"))
            shared = try TemporaryDirectory(prefix: "accord-shared")
            for (replica, other, name) in [(ana, ben, "ben"), (ben, ana, "ana")] {
                let trusted = try await replica.run(["trust", "add"], [other.feed, "--name", name])
                try #require(trusted.status == 0, "\(trusted)")
            }
            victim = ana.directory.path("victim.txt")
            try Data(Self.victimBytes).write(to: URL(fileURLWithPath: victim))
        }

        func sync(_ replica: CLIReplica, _ arguments: [String] = [], folder: String? = nil, environment: [String: String] = [:]) async throws -> ProcessResult {
            try await replica.accord.run(["sync", "folder", "--store", replica.store, folder ?? shared.path] + arguments, environment: environment)
        }

        func segments(of replica: CLIReplica, in folder: String? = nil) -> [String] {
            let directory = ((folder ?? shared.path) as NSString).appendingPathComponent(replica.feed)
            return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        }

        func victimIsUntouched() -> Bool {
            FileManager.default.contents(atPath: victim).map(Array.init) == Self.victimBytes
        }
    }

    @Test func aSyncWritesOnlyTheEventsAboveItsLastSegmentAndNothingWhenNothingIsNew() async throws {
        // Given ana's 3 claims synced once
        let s = try await Setting()
        let first = try await s.sync(s.ana, ["--json"])
        #expect(first.status == 0, "\(first)")
        #expect(s.segments(of: s.ana) == [segmentFileName(1, 3)])
        // When she syncs with nothing new, Then nothing is written, and the output says so
        let idle = try await s.sync(s.ana)
        #expect(idle.status == 0, "\(idle)")
        #expect(idle.stdout.contains("wrote nothing"), "\(idle)")
        #expect(s.segments(of: s.ana) == [segmentFileName(1, 3)])
        // When she appends 2 and syncs, Then one new segment holds exactly those 2
        #expect(try await s.ana.append(ClaimLines.actions(count: 2, tag: "later"), file: "later.jsonl").status == 0)
        let second = try await s.sync(s.ana, ["--json"])
        #expect(second.status == 0, "\(second)")
        #expect(s.segments(of: s.ana) == [segmentFileName(1, 3), segmentFileName(4, 5)])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        let written = try #require(json["written"] as? [[String: Any]])
        #expect(written.count == 1)
        #expect(written.first?["segment"] as? String == "\(s.ana.feed)/\(segmentFileName(4, 5))")
        #expect(written.first?["events"] as? Int == 2)
        #expect(try SyncFolderTests.headerEvents(s.shared.path("\(s.ana.feed)/\(segmentFileName(4, 5))")) == 2)
        // And ben reads both, and on his next sync nothing of ana's
        let benFirst = try await s.sync(s.ben, ["--json"])
        let benTotals = (try JSONSerialization.jsonObject(with: Data(benFirst.stdout.utf8)) as? [String: Any])?["totals"] as? [String: Any]
        #expect(benTotals?["new_events"] as? Int == 5, "\(benFirst)")
        let benAgain = try await s.sync(s.ben, ["--json"])
        let again = (try JSONSerialization.jsonObject(with: Data(benAgain.stdout.utf8)) as? [String: Any])?["totals"] as? [String: Any]
        #expect(again?["segments_read"] as? Int == 0, "\(benAgain)")
        #expect(again?["segments_written"] as? Int == 0, "\(benAgain)")
    }

    @Test func linksPlantedAtEveryNameASyncMightWriteAreNeverWrittenThrough() async throws {
        // Given links to the victim file and to ana's own store planted in the folder: at the name of
        // ana's next segment, at her old-layout file and its old predictable temporary names, at
        // names like her temporary files, and in ben's directory under segment names
        let s = try await Setting()
        let store = s.ana.store + "/store.sqlite"
        let anaDirectory = s.shared.path(s.ana.feed)
        let benDirectory = s.shared.path(s.ben.feed)
        try FileManager.default.createDirectory(atPath: anaDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: benDirectory, withIntermediateDirectories: true)
        var planted = [
            anaDirectory + "/" + segmentFileName(1, 3), s.shared.path("\(s.ana.feed).bundle"),
            anaDirectory + "/.accord-00000000000000000000000000000000.tmp", benDirectory + "/" + segmentFileName(1, 2),
        ]
        planted += (1...400).map { s.shared.path(".\(s.ana.feed).bundle.tmp-\($0)") }
        for (index, path) in planted.enumerated() {
            try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: index % 2 == 0 ? s.victim : store)
        }
        // When ana syncs
        let result = try await s.sync(s.ana)
        // Then nothing was written through a link: the victim and her store are as they were
        #expect(s.victimIsUntouched())
        let checked = try await s.ana.run("check")
        #expect(checked.status == 0, "\(checked)")
        #expect(try await s.ana.logEntries().count == 3)
        // And the link at her next segment's name is refused in one line naming it, and the link
        // under ben's segment name reported unread in another, exit 1
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines.count == 2, "\(result)")
        #expect(result.stderrLines.contains { $0.contains(s.ana.feed + "/" + segmentFileName(1, 3)) && $0.contains("already exists") }, "\(result)")
        #expect(result.stderrLines.contains { $0.contains(s.ben.feed + "/" + segmentFileName(1, 2)) && $0.contains("symbolic link") }, "\(result)")
        // And once both are removed the next sync writes her segment as a regular file
        try FileManager.default.removeItem(atPath: anaDirectory + "/" + segmentFileName(1, 3))
        try FileManager.default.removeItem(atPath: benDirectory + "/" + segmentFileName(1, 2))
        let again = try await s.sync(s.ana)
        #expect(again.status == 0, "\(again)")
        let attributes = try FileManager.default.attributesOfItem(atPath: anaDirectory + "/" + segmentFileName(1, 3))
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(s.victimIsUntouched())
        #expect((try await s.ana.run("check")).status == 0)
    }

    @Test func aLinkInPlaceOfTheFeedDirectoryIsRefusedAndNotFollowed() async throws {
        // Given ana's feed directory in the folder replaced by a link to a directory of the victim's
        let s = try await Setting()
        let elsewhere = s.ana.directory.path("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: s.shared.path(s.ana.feed), withDestinationPath: elsewhere)
        // When ana syncs
        let result = try await s.sync(s.ana)
        // Then one line names the link and says nothing is written there; the directory stays empty
        expectSyncRefusal(result, mentioning: [s.ana.feed, "link"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere).isEmpty)
    }

    @Test func aFIFOOrALinkToADeviceNamedAsASegmentIsReportedNotReadAndDoesNotHangASync() async throws {
        // Given ben's segment in the folder, and, under the names of later segments, a FIFO and a link to /dev/zero
        let s = try await Setting()
        #expect(try await s.sync(s.ben).status == 0)
        let benDirectory = s.shared.path(s.ben.feed)
        #expect(mkfifo(benDirectory + "/" + segmentFileName(3, 3), 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: benDirectory + "/" + segmentFileName(3, 9), withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: s.shared.path("\(s.ben.feed).bundle"), withDestinationPath: "/dev/zero")
        // When ana syncs, under a deadline
        let result = try await withDeadline(seconds: 60) { try await s.sync(s.ana) }
        // Then she finished, imported ben's real segment, and reported each of the three, one line each, unread
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines.count == 3, "\(result)")
        #expect(result.stderr.contains(segmentFileName(3, 3)) && result.stderr.contains("FIFO"), "\(result)")
        #expect(result.stderr.contains(segmentFileName(3, 9)) && result.stderr.contains("symbolic link"), "\(result)")
        #expect(try await s.ana.logEntries().count == 5)
    }

    @Test func aTruncatedSegmentIsRefusedTheStoreIsUnchangedAndTheNextSyncCompletesOnceItIsWhole() async throws {
        // Given ben's segment cut in the middle, as a copy broken off would leave it under its final name
        let s = try await Setting(benClaims: 6)
        #expect(try await s.sync(s.ben).status == 0)
        let path = s.shared.path("\(s.ben.feed)/\(segmentFileName(1, 6))")
        let whole = try #require(FileManager.default.contents(atPath: path))
        try whole.prefix(whole.count * 2 / 3).write(to: URL(fileURLWithPath: path))
        // (ana's first sync with it writes her own segment, and refuses ben's)
        _ = try await s.sync(s.ana)
        let before = try s.ana.snapshot()
        // When ana syncs again
        let result = try await s.sync(s.ana)
        // Then the segment is refused in one line naming it, and her store is exactly as it was
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result)")
        #expect(result.stderr.contains(segmentFileName(1, 6)), "\(result)")
        #expect(try s.ana.snapshot() == before)
        // And once the file is whole again, the next sync imports it
        try whole.write(to: URL(fileURLWithPath: path))
        let again = try await s.sync(s.ana)
        #expect(again.status == 0, "\(again)")
        #expect(try await s.ana.logEntries().count == 3 + 6)
    }

    @Test func aCopyTakenWithRsyncWhileASyncWritesNeverImportsAHalfWrittenSegmentAndLosesNothing() async throws {
        // Given ana with 1,500 claims, written as segments of 25 events, and cy, who trusts ana
        let s = try await Setting(anaClaims: 1_500)
        let cy = try await CLIReplica.make(name: "cy")
        #expect(try await cy.run(["trust", "add"], [s.ana.feed, "--name", "ana"]).status == 0)
        let copy = try TemporaryDirectory(prefix: "accord-copy")
        let small = ["ACCORD_SEGMENT_EVENTS": "25"]
        // When rsync copies the folder again and again while ana's sync writes into it
        let copies = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                let result = try await s.sync(s.ana, environment: small)
                try #require(result.status == 0, "\(result)")
                return 0
            }
            group.addTask {
                var runs = 0
                // Copy until ana's last segment has landed in the folder, then once more.
                while !s.segments(of: s.ana).contains(segmentFileName(1_476, 1_500)) {
                    let rsync = try await ChildProcess.run("rsync", arguments: ["-a", s.shared.path + "/", copy.path + "/"])
                    // 24: files vanished during the copy (the sync's temporary files): expected.
                    try #require(rsync.status == 0 || rsync.status == 24, "\(rsync)")
                    runs += 1
                    // And cy syncs from the copy as it stands: whatever is there is whole or ignored.
                    let partial = try await cy.accord.run(["sync", "folder", "--store", cy.store, copy.path])
                    try #require(partial.status == 0, "a sync from a copy taken mid-write failed: \(partial)")
                }
                return runs
            }
            var total = 0
            for try await runs in group { total += runs }
            return total
        }
        #expect(copies >= 1)
        // Then cy holds a gap-free prefix of ana's feed, and her store checks out
        let midway = try await cy.logEntries()
        #expect(midway.allSatisfy { $0["feed"] as? String == s.ana.feed })
        #expect((try await cy.run("check")).status == 0)
        // And after a last copy, the next sync completes it: nothing lost
        let last = try await ChildProcess.run("rsync", arguments: ["-a", s.shared.path + "/", copy.path + "/"])
        #expect(last.status == 0, "\(last)")
        let final = try await cy.accord.run(["sync", "folder", "--store", cy.store, copy.path])
        #expect(final.status == 0, "\(final)")
        let ids = try await cy.logEntries().compactMap { $0["id"] as? String }
        let anaIDs = try await s.ana.logEntries().compactMap { $0["id"] as? String }
        #expect(Set(ids) == Set(anaIDs))
        #expect(ids.count == 1_500)
        #expect(s.segments(of: s.ana).count == 60)
    }

    @Test func aFolderInTheLayoutBeforeSegmentsIsStillRead() async throws {
        // Given the shared folder and both replicas as the landed build of 2026-11 left them
        // (ana and ben, one <feed>.bundle each at the top of the folder)
        let work = try TemporaryDirectory(prefix: "accord-landed")
        let unpacked = try await ChildProcess.run(
            "tar", arguments: ["xzf", Fixtures.path("landed-2026-11-demo.tar.gz"), "-C", work.path])
        try #require(unpacked.status == 0, "\(unpacked)")
        let accord = try AccordBinary.locate()
        let anaFeed = "08a36316cf6d57fcdc094ccaef573721aefc17e1bfc6c3fddcf11703eb87aa0a"
        let benFeed = "6dfcf5d38c3cad6394adfdff45b82181a31e6be566bf2c6bb094fd7c3e6f673c"
        // And a new replica, cy, who trusts both
        let cy = try await CLIReplica.make(name: "cy")
        for (feed, name) in [(anaFeed, "ana"), (benFeed, "ben")] {
            #expect(try await cy.run(["trust", "add"], [feed, "--name", name]).status == 0)
        }
        // When cy syncs with that folder
        let result = try await accord.run(["sync", "folder", "--store", cy.store, work.path("shared")])
        // Then she imports both feeds from the old files, and writes nothing (she has no claims)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("(old layout)"), "\(result)")
        #expect(try await cy.logEntries().count == 22)
        // And ana's old store syncs too: it writes its feed as a segment, and reads ben's old file only as far as its header
        let ana = try await accord.run(["sync", "folder", "--store", work.path("ana"), work.path("shared"), "--json"])
        #expect(ana.status == 0, "\(ana)")
        let json = try JSONSerialization.jsonObject(with: Data(ana.stdout.utf8)) as? [String: Any]
        #expect((json?["read"] as? [Any])?.isEmpty == true, "\(ana)")
        #expect(FileManager.default.fileExists(atPath: work.path("shared/\(anaFeed)/\(segmentFileName(1, 11))")))
        // And cy, synced again, agrees with ana on the disputes
        let cyDisputes = try await cy.run("disputes", ["--json"])
        let anaDisputes = try await accord.run(["disputes", "--store", work.path("ana"), "--json"])
        #expect(cyDisputes.stdout == anaDisputes.stdout)
        #expect(!cyDisputes.stdout.isEmpty)
    }
}

/// Runs `body`, failing if it takes longer than `seconds` (a hang is a failure, not a stuck test run).
func withDeadline<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
            return nil
        }
        guard let first = try await group.next(), let value = first else {
            group.cancelAll()
            throw SupportError("did not finish within \(seconds) s")
        }
        group.cancelAll()
        return value
    }
}

/// A sync that refused something: exit 1 and exactly one line on stderr naming the place and
/// the cause (stdout still reports what was done).
func expectSyncRefusal(_ result: ProcessResult, mentioning words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(result.status == 1, "\(result)", sourceLocation: sourceLocation)
    #expect(result.stderrLines.count == 1, "stderr is not one line: \(result)", sourceLocation: sourceLocation)
    for word in words {
        #expect(result.stderr.contains(word), "stderr does not mention \(word): \(result)", sourceLocation: sourceLocation)
    }
}
