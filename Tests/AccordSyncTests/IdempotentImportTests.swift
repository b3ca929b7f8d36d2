import AccordLog
import AccordSync
import AccordTestSupport
import AccordTreaty
import Foundation
import GRDB
import Testing

/// Importing a bundle that brings nothing new changes nothing: not the events,
/// not the projections, not the bytes of the store.
@Suite("Importing the same bundle twice")
struct IdempotentImportTests {
    /// ana and ben disagree on a date; ben has received ana's bundle once.
    struct Received {
        let directory: TemporaryDirectory
        let ana: SyncTesting.Peer, ben: SyncTesting.Peer
        /// ana's bundle, imported once.
        let bundle: String
    }

    static func received() throws -> Received {
        let directory = try TemporaryDirectory(prefix: "accord-idempotent")
        let peers = try SyncTesting.makePeers(["ana", "ben"], in: directory)
        try SyncTesting.append(peers[0], [
            SyncTesting.action(state: "LTU", action: "withdrawal-notification", date: "2024-09-06", url: "https://example.org/ana/1"),
            SyncTesting.action(state: "LTU", action: "ratification", date: "2011-03-24", url: "https://example.org/ana/2"),
        ])
        try SyncTesting.append(peers[1], [
            SyncTesting.action(state: "LTU", action: "withdrawal-notification", date: "2024-07-18", url: "https://example.org/ben/1"),
        ])
        let bundle = directory.path("ana.bundle")
        try SyncTesting.export(peers[0], to: bundle)
        let first = try SyncTesting.importBundle(bundle, into: peers[1])
        guard first.newEvents == 2 else { throw SupportError("ben received \(first.newEvents) events, not 2") }
        return Received(directory: directory, ana: peers[0], ben: peers[1], bundle: bundle)
    }

    @Test func aSecondImportBringsNothingAndLeavesEventsAndProjectionsAsTheyWere() throws {
        // Given ben, who has imported ana's bundle (and so sees a dispute)
        let setting = try Self.received()
        let (ben, bundle) = (setting.ben, setting.bundle)
        let before = try ReplicaState.read(try SyncTesting.open(ben))
        #expect(before.facts.contains { $0[0] == "action/CCM/LTU/withdrawal-notification" && $0[4] == "1" })
        // When the same bundle is imported again
        let report = try SyncTesting.importBundle(bundle, into: ben)
        // Then nothing is new, and the events and projections are unchanged and equal to a rebuild
        #expect(report.newEvents == 0)
        #expect(report.events == 2)
        let replica = try SyncTesting.open(ben)
        #expect(try ReplicaState.read(replica) == before)
        try ReplicaState.verify(replica)
    }

    @Test func aSecondImportLeavesTheStoreFileByteIdentical() throws {
        // Given ben, who has imported ana's bundle, closed
        let setting = try Self.received()
        let (ben, bundle) = (setting.ben, setting.bundle)
        let before = try SyncTesting.snapshot(ben)
        let importsBefore = try importLog(ben)
        // When the same bundle is imported again (the replica closed afterwards)
        _ = try SyncTesting.importBundle(bundle, into: ben)
        let after = try SyncTesting.snapshot(ben)
        let importsAfter = try importLog(ben)
        // Then the events are the same and so are the bytes of store.sqlite
        #expect(after.events == before.events)
        #expect(after == before)
        #expect(importsAfter == importsBefore, "the second import was logged")
    }

    /// The rows of the `imports` table, as text.
    func importLog(_ peer: SyncTesting.Peer) throws -> [String] {
        try SyncTesting.open(peer).store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM imports ORDER BY num").map(\.description)
        }
    }

    @Test func reopeningAReplicaWithoutImportingLeavesTheStoreFileByteIdentical() throws {
        // Given ben, closed (the control for the test above: opening and closing alone changes nothing)
        let setting = try Self.received()
        let ben = setting.ben
        let before = try SyncTesting.snapshot(ben)
        // When the replica is opened, read and closed
        _ = try ReplicaState.read(try SyncTesting.open(ben))
        // Then the store is byte-identical
        #expect(try SyncTesting.snapshot(ben) == before)
    }

    @Test func importingAnOlderBundleAfterANewerOneChangesNoEventsOrProjections() throws {
        // Given ben, who has ana's first bundle and then a newer one
        let setting = try Self.received()
        let (directory, ana, ben, older) = (setting.directory, setting.ana, setting.ben, setting.bundle)
        try SyncTesting.append(ana, [SyncTesting.action(state: "NOR", action: "signature", date: "2008-12-03", url: "https://example.org/ana/3")])
        try SyncTesting.export(ana, to: directory.path("ana-2.bundle"))
        #expect(try SyncTesting.importBundle(directory.path("ana-2.bundle"), into: ben).newEvents == 1)
        let before = try ReplicaState.read(try SyncTesting.open(ben))
        // When the older bundle arrives again (a stale copy on the shared folder)
        let report = try SyncTesting.importBundle(older, into: ben)
        // Then it brings nothing and changes nothing
        #expect(report.newEvents == 0)
        let replica = try SyncTesting.open(ben)
        #expect(try ReplicaState.read(replica) == before)
        try ReplicaState.verify(replica)
    }

    @Test func aDeltaForAPeerThatReimportedAStaleBundleStillBringsItUpToDate() throws {
        // Given ana has seen ben's vector, then ben re-imports ana's stale first bundle
        let setting = try Self.received()
        let (directory, ana, ben, older) = (setting.directory, setting.ana, setting.ben, setting.bundle)
        try SyncTesting.export(ben, to: directory.path("ben.bundle"))
        _ = try SyncTesting.importBundle(directory.path("ben.bundle"), into: ana)
        _ = try SyncTesting.importBundle(older, into: ben)
        try SyncTesting.append(ana, [SyncTesting.action(state: "NOR", action: "signature", date: "2008-12-03", url: "https://example.org/ana/3")])
        // When ana exports what ben lacks, and ben imports it
        let summary = try SyncTesting.export(ana, to: directory.path("delta.bundle"), for: ben)
        let report = try SyncTesting.importBundle(directory.path("delta.bundle"), into: ben)
        // Then only the new claim travelled, and both replicas hold the same
        #expect(summary.events == 1)
        #expect(report.newEvents == 1)
        #expect(try ReplicaState.read(try SyncTesting.open(ana)) == ReplicaState.read(try SyncTesting.open(ben)))
    }
}
