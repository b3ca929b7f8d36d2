import AccordLog
import AccordSync
import AccordTestSupport
import AccordTreaty
import Foundation
import Testing

/// Segments through a shared folder, driven through the library: names, the
/// choice of what to read from names alone, overlap after compaction, and a
/// segment whose name disagrees with its content.
@Suite("Segments: named by range, read from names, written once")
struct SegmentSyncTests {
    static let feed = FeedID(bytes: Array(repeating: 7, count: 32))!

    static func name(_ first: Int64, _ last: Int64) -> SegmentName { SegmentName(feed: feed, first: first, last: last)! }

    @Test func aNameIsTwentyDigitsEachWaySoAListingSortsBySeq() {
        let segment = Self.name(9, 10)
        #expect(segment.fileName == "00000000000000000009-00000000000000000010.bundle")
        #expect(SegmentName(feed: Self.feed, fileName: segment.fileName) == segment)
        #expect([Self.name(10, 12), Self.name(9, 9), Self.name(100, 101)].map(\.fileName).sorted() == [Self.name(9, 9), Self.name(10, 12), Self.name(100, 101)].map(\.fileName))
    }

    @Test(arguments: [
        "00000000000000000001-00000000000000000003.bundle.sync-conflict-20261203-101010-ABCDEF",
        "00000000000000000001-00000000000000000003.sync-conflict-20261203-101010-ABCDEF.bundle",
        ".syncthing.00000000000000000001-00000000000000000003.bundle.tmp",
        "~00000000000000000001-00000000000000000003.bundle",
        ".00000000000000000001-00000000000000000003.bundle.Xa81Qz",
        ".accord-0123456789abcdef0123456789abcdef.tmp",
        "00000000000000000003-00000000000000000001.bundle",
        "00000000000000000000-00000000000000000001.bundle",
        "1-3.bundle",
        "0000000000000000000a-00000000000000000003.bundle",
        "99999999999999999999-99999999999999999999.bundle",
        "00000000000000000001-00000000000000000003.bundle ",
    ])
    func whatSyncToolsLeaveBehindIsNotASegmentName(_ fileName: String) {
        #expect(SegmentName(feed: Self.feed, fileName: fileName) == nil)
    }

    @Test func theNextSegmentReachesFurthestAndOverlapsLeastAndNothingBelowWhatIsHeldIsChosen() {
        // Given small segments and a compacted one over the first three
        let segments = [Self.name(1, 3), Self.name(4, 6), Self.name(7, 9), Self.name(1, 9), Self.name(10, 10)]
        // Then from nothing the compacted one is read, then the rest
        #expect(SegmentPlanner.next(after: 0, among: segments) == Self.name(1, 9))
        #expect(SegmentPlanner.next(after: 9, among: segments) == Self.name(10, 10))
        // And from the middle, the small one that reaches as far
        #expect(SegmentPlanner.next(after: 6, among: segments) == Self.name(7, 9))
        #expect(SegmentPlanner.next(after: 5, among: segments) == Self.name(1, 9))
        #expect(SegmentPlanner.next(after: 10, among: segments) == nil)
        // And a refused one gives way to another that reaches past what is held
        #expect(SegmentPlanner.next(after: 6, among: segments, excluding: [Self.name(7, 9)]) == Self.name(1, 9))
        // And a missing range is a gap, reported from where it resumes
        #expect(SegmentPlanner.gap(after: 3, among: [Self.name(1, 3), Self.name(7, 9)]) == 7)
        #expect(SegmentPlanner.gap(after: 3, among: [Self.name(1, 3), Self.name(4, 9)]) == nil)
    }

    @Test func writingCutsByEventsAndBytes() {
        let cut = SegmentPlanner.cut(feed: Self.feed, after: 10, sizes: Array(repeating: 99, count: 25), maximumEvents: 10, maximumBytes: 1_000)
        #expect(cut == [Self.name(11, 20), Self.name(21, 30), Self.name(31, 35)])
        let bySize = SegmentPlanner.cut(feed: Self.feed, after: 0, sizes: [600, 600, 2_000, 10], maximumEvents: 100, maximumBytes: 1_000)
        #expect(bySize == [Self.name(1, 1), Self.name(2, 2), Self.name(3, 3), Self.name(4, 4)])
    }

    /// ana and ben trusting each other, and a shared folder.
    struct Setting {
        let directory: TemporaryDirectory
        let ana: SyncTesting.Peer, ben: SyncTesting.Peer, cy: SyncTesting.Peer
        let folder: FolderRemote

        init() throws {
            directory = try TemporaryDirectory(prefix: "accord-segments")
            let peers = try SyncTesting.makePeers(["ana", "ben", "cy"], in: directory)
            (ana, ben, cy) = (peers[0], peers[1], peers[2])
            let shared = directory.path("shared")
            try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
            folder = FolderRemote(path: shared)
        }

        func append(_ peer: SyncTesting.Peer, _ count: Int, tag: String) throws {
            try SyncTesting.append(peer, (0..<count).map {
                SyncTesting.action(state: "LTU", action: "signature", date: "2008-12-03", url: "https://example.org/\(tag)/\($0)")
            })
        }

        @discardableResult
        func sync(_ peer: SyncTesting.Peer) throws -> SyncReport {
            let replica = try SyncTesting.open(peer)
            return try SegmentSync.sync(store: replica.store, domain: replica.domain, remote: folder)
        }

        func segments(of peer: SyncTesting.Peer) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: folder.path + "/" + peer.feed.hex).sorted()
        }
    }

    @Test func eachSyncWritesOnlyWhatIsNewAndNothingWhenNothingIs() throws {
        // Given ana with 3 claims, synced once
        let s = try Setting()
        try s.append(s.ana, 3, tag: "a")
        let first = try s.sync(s.ana)
        #expect(first.written.map(\.segment) == [SegmentName(feed: s.ana.feed, first: 1, last: 3)!])
        // When she syncs again with nothing new, Then nothing is written
        #expect(try s.sync(s.ana).written.isEmpty)
        // When she appends 2 and syncs, Then one segment of those 2 is written
        try s.append(s.ana, 2, tag: "b")
        let third = try s.sync(s.ana)
        #expect(third.written.map(\.segment) == [SegmentName(feed: s.ana.feed, first: 4, last: 5)!])
        #expect(try s.segments(of: s.ana) == [
            "00000000000000000001-00000000000000000003.bundle", "00000000000000000004-00000000000000000005.bundle",
        ])
    }

    @Test func aReaderOpensOnlySegmentsAboveWhatItHoldsAndCopesWithACompactedOverlap() throws {
        // Given ana's feed in three segments, and ben who read the first two
        let s = try Setting()
        try s.append(s.ana, 3, tag: "a"); try s.sync(s.ana)
        try s.append(s.ana, 2, tag: "b"); try s.sync(s.ana)
        #expect(try s.sync(s.ben).newEvents == 5)
        try s.append(s.ana, 1, tag: "c"); try s.sync(s.ana)
        // And the first segment is now garbage (it must never be opened again), and a compacted 1-6 beside them
        let anaDirectory = s.folder.path + "/" + s.ana.feed.hex
        try SyncTesting.write(Array("garbage".utf8), to: anaDirectory + "/00000000000000000001-00000000000000000003.bundle")
        let compacted = SegmentName(feed: s.ana.feed, first: 1, last: 6)!
        try s.folder.put(compacted, bytes: try BundleWriter.segment(store: SyncTesting.open(s.ana).store, compacted))
        // When ben syncs, Then he reads the one small segment he lacks, and nothing is refused
        let report = try s.sync(s.ben)
        #expect(report.refused.isEmpty, "\(report.refused.map(\.error))")
        #expect(report.read.map(\.item) == [.segment(SegmentName(feed: s.ana.feed, first: 6, last: 6)!)])
        #expect(report.newEvents == 1)
        // And cy, who holds nothing, reads the compacted segment alone
        let cyReport = try s.sync(s.cy)
        #expect(cyReport.read.map(\.item).contains(.segment(compacted)))
        #expect(cyReport.refused.isEmpty, "\(cyReport.refused.map(\.error))")
        let cy = try SyncTesting.open(s.cy)
        #expect(try cy.store.read { db in try LogTables.versionVector(in: db) }[s.ana.feed] == 6)
    }

    @Test func aSegmentWhoseNameDisagreesWithItsContentIsRefusedNamingItAndTheStoreIsUnchanged() throws {
        // Given ana's segment 1-3 copied under the name 1-4, alone in her directory
        let s = try Setting()
        try s.append(s.ana, 3, tag: "a"); try s.sync(s.ana)
        let anaDirectory = s.folder.path + "/" + s.ana.feed.hex
        let real = anaDirectory + "/00000000000000000001-00000000000000000003.bundle"
        let lying = anaDirectory + "/00000000000000000001-00000000000000000004.bundle"
        try FileManager.default.moveItem(atPath: real, toPath: lying)
        let before = try SyncTesting.snapshot(s.ben)
        // When ben syncs
        let report = try s.sync(s.ben)
        // Then it is refused, naming the file and the disagreement, and nothing was imported
        #expect(report.read.isEmpty)
        let refusal = try #require(report.refused.first)
        #expect(refusal.error.description.contains(lying), "\(refusal.error)")
        #expect(refusal.error.description.contains("name says"), "\(refusal.error)")
        #expect(report.refused.count == 1)
        #expect(try SyncTesting.snapshot(s.ben).events == before.events)
    }

    @Test func aSegmentCarryingAnotherFeedUnderThisFeedsNameIsRefused() throws {
        // Given ben's own segment 1-2 placed in ana's directory under the same range
        let s = try Setting()
        try s.append(s.ana, 2, tag: "a"); try s.sync(s.ana)
        try s.append(s.ben, 2, tag: "b"); try s.sync(s.ben)
        let name = "00000000000000000001-00000000000000000002.bundle"
        let anaFile = s.folder.path + "/" + s.ana.feed.hex + "/" + name
        try FileManager.default.removeItem(atPath: anaFile)
        try FileManager.default.copyItem(atPath: s.folder.path + "/" + s.ben.feed.hex + "/" + name, toPath: anaFile)
        // When cy syncs, Then ana's "segment" is refused and ben's imported
        let report = try s.sync(s.cy)
        #expect(report.refused.map(\.place) == [anaFile])
        #expect(report.newEvents == 2)
    }
}

/// Faults a folder or a bucket can show a sync, through the library.
@Suite("Segments: untrusted, forked, vanished")
struct SegmentFaultTests {
    /// A remote that lists what a folder lists, and then loses `vanishing` before it is read.
    struct VanishingRemote: SegmentRemote {
        let folder: FolderRemote
        let vanishing: SegmentName

        var location: String { folder.location }
        func list() throws(AccordError) -> RemoteListing {
            let listing = try folder.list()
            try? FileManager.default.removeItem(atPath: folder.place(of: .segment(vanishing)))
            return listing
        }
        func put(_ segment: SegmentName, bytes: [UInt8]) throws(AccordError) { try folder.put(segment, bytes: bytes) }
        func open(_ item: RemoteItem, maximumBytes: Int64) throws(AccordError) -> Int32 { try folder.open(item, maximumBytes: maximumBytes) }
        func place(of item: RemoteItem) -> String { folder.place(of: item) }
    }

    @Test func aSegmentThatVanishesBetweenListingAndReadingIsReportedAndTheNextSyncTakesItsReplacement() throws {
        // Given ana's feed as two segments, the second lost between the listing and the read
        let s = try SegmentSyncTests.Setting()
        try s.append(s.ana, 2, tag: "a"); try s.sync(s.ana)
        try s.append(s.ana, 2, tag: "b"); try s.sync(s.ana)
        let second = SegmentName(feed: s.ana.feed, first: 3, last: 4)!
        let before = try SyncTesting.snapshot(s.ben)
        // When ben syncs
        let report = try {
            let ben = try SyncTesting.open(s.ben)
            return try SegmentSync.sync(store: ben.store, domain: ben.domain, remote: VanishingRemote(folder: s.folder, vanishing: second))
        }()
        // Then the first is imported, the second reported as gone, naming it
        #expect(report.newEvents == 2)
        #expect(report.refused.count == 1)
        #expect(report.refused.first?.error.description.contains(second.fileName) == true, "\(report.refused.map(\.error))")
        #expect(report.refused.first?.error.message.contains("disappeared") == true)
        #expect(try SyncTesting.snapshot(s.ben).events.count == before.events.count + 2)
        // And once ana syncs again (her segments now reach only seq 2), the next sync completes
        let rewritten = try s.sync(s.ana)
        #expect(rewritten.written.map(\.segment) == [second])
        let next = try s.sync(s.ben)
        #expect(next.refused.isEmpty && next.newEvents == 2)
    }

    @Test func aSegmentOfAnUntrustedFeedIsRefusedWithTheCommandThatWouldTrustIt() throws {
        // Given dan, whom nobody trusts, writing to the folder
        let s = try SegmentSyncTests.Setting()
        let dan = try SyncTesting.makePeers(["dan"], in: s.directory, keys: [try SyncTesting.key(0x77)])[0]
        try s.append(dan, 3, tag: "d")
        let danReplica = try SyncTesting.open(dan)
        _ = try SegmentSync.sync(store: danReplica.store, domain: danReplica.domain, remote: s.folder)
        try s.append(dan, 2, tag: "e")
        _ = try SegmentSync.sync(store: danReplica.store, domain: danReplica.domain, remote: s.folder)
        let before = try SyncTesting.snapshot(s.ben)
        // When ben syncs, Then dan's first segment is refused once (not each of his segments), naming the command
        let report = try s.sync(s.ben)
        #expect(report.refused.count == 1)
        #expect(report.refused.first?.error.description.contains("accord trust add \(dan.feed.hex)") == true)
        #expect(try SyncTesting.snapshot(s.ben) == before)
    }

    @Test func twoSegmentsOfOneFeedThatForkAreRefusedAsAForkAndTheStoreKeepsTheFirst() throws {
        // Given ana's feed synced to ben, then ana's replica copied, and both copies writing seq 3 differently
        let s = try SegmentSyncTests.Setting()
        try s.append(s.ana, 2, tag: "a"); try s.sync(s.ana)
        try s.sync(s.ben)
        let copy = try SyncTesting.copyReplica(s.ana, to: s.directory.path("ana-copy"))
        try s.append(s.ana, 1, tag: "original"); try s.sync(s.ana)
        try s.sync(s.ben)
        try s.append(copy, 2, tag: "copy")
        // (the copy's segment 3-4 lands beside the original's 3-3, as two folders merging would leave them)
        let copyBytes = try BundleWriter.segment(store: SyncTesting.open(copy).store, SegmentName(feed: s.ana.feed, first: 3, last: 4)!)
        try s.folder.put(SegmentName(feed: s.ana.feed, first: 3, last: 4)!, bytes: copyBytes)
        let before = try SyncTesting.snapshot(s.ben)
        // When ben syncs, Then the copy's segment is refused as a fork, and ben's store is as it was
        let report = try s.sync(s.ben)
        #expect(report.refused.count == 1)
        #expect(report.refused.first?.error.code == .forkedFeed, "\(report.refused.map(\.error))")
        #expect(try SyncTesting.snapshot(s.ben) == before)
    }
}
