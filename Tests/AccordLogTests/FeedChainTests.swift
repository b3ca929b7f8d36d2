import AccordLog
import AccordTestSupport
import Foundation
import GRDB
import Testing

@Suite("The feed chain")
struct FeedChainTests {
    static let key = try! ReplicaKey(rawRepresentation: Array(repeating: 7, count: 32))

    /// Claims the log treats as opaque objects.
    static func claims(_ range: Range<Int>) -> [[UInt8]] { range.map { Array(#"{"n":\#($0)}"#.utf8) } }

    @Test func appendedBatchesFormOneGapFreeChain() throws {
        let directory = try TemporaryDirectory()
        // Given a new replica
        let store = try ReplicaStore.create(at: directory.path("r"), name: "ana", key: Self.key, schema: [])
        // When three batches are appended
        let batches = [Self.claims(0..<1), Self.claims(1..<4), Self.claims(4..<9)]
        var returned: [Envelope] = []
        for batch in batches { returned += try store.append(claims: batch) }
        // Then the stored events are seq 1…9, each naming the previous id, and hold the claims in order
        let stored = try store.read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM events ORDER BY num").map { try Envelope.parse(Array($0)) }
        }
        #expect(stored == returned)
        #expect(stored.map(\.seq) == Array(1...9))
        #expect(stored.first?.prev == nil)
        for (earlier, later) in zip(stored, stored.dropFirst()) {
            #expect(later.prev == earlier.id)
        }
        #expect(stored.map { Array($0.claimBytes) } == batches.flatMap { $0 })
        #expect(stored.allSatisfy { $0.feed == Self.key.feed && $0.id.hex == TestDigest.sha256Hex($0.bytes) })
    }

    @Test func theStoredHeadIsSignedByTheReplicaKey() throws {
        let directory = try TemporaryDirectory()
        // Given a replica with two batches appended
        let store = try ReplicaStore.create(at: directory.path("r"), name: "ana", key: Self.key, schema: [])
        try store.append(claims: Self.claims(0..<2))
        let last = try store.append(claims: Self.claims(2..<5)).last!
        // When its head is read back
        let signed = try #require(try store.read { try LogTables.head(of: store.feed, in: $0) })
        // Then it names the last event and its signature verifies against the feed's public key
        #expect(signed.head == FeedHead(feed: store.feed, seq: 5, id: last.id))
        #expect(signed.head.verify(signature: signed.signature))
        #expect(signed.isValid)
    }

    @Test func aTamperedHeadOrSignatureDoesNotVerify() throws {
        let directory = try TemporaryDirectory()
        // Given a replica's signed head
        let store = try ReplicaStore.create(at: directory.path("r"), name: "ana", key: Self.key, schema: [])
        try store.append(claims: Self.claims(0..<3))
        let signed = try #require(try store.read { try LogTables.head(of: store.feed, in: $0) })
        // When any byte of the signature is changed, it no longer verifies
        for index in signed.signature.indices {
            var signature = signed.signature
            signature[index] ^= 0x01
            #expect(!signed.head.verify(signature: signature), "signature byte \(index) changed and still verified")
        }
        // And neither does the signature over a different seq, id or feed
        var otherSeq = signed.head
        otherSeq.seq += 1
        var otherID = signed.head
        otherID.id = EventID(hashing: [1, 2, 3])
        var otherFeed = signed.head
        otherFeed.feed = try ReplicaKey(rawRepresentation: Array(repeating: 8, count: 32)).feed
        for head in [otherSeq, otherID, otherFeed] {
            #expect(!head.verify(signature: signed.signature))
        }
        #expect(!signed.head.verify(signature: []))
    }

    @Test func theChainContinuesAfterTheStoreIsReopened() throws {
        let directory = try TemporaryDirectory()
        // Given a replica with events, closed
        do {
            let store = try ReplicaStore.create(at: directory.path("r"), name: "ana", key: Self.key, schema: [])
            try store.append(claims: Self.claims(0..<2))
        }
        // When it is opened again and appended to
        let store = try ReplicaStore.open(at: directory.path("r"), schema: [])
        let appended = try store.append(claims: Self.claims(2..<3))
        // Then the new event continues the feed
        let second = try store.read { try LogTables.eventID(feedNumber: 1, seq: 2, in: $0) }
        #expect(appended.map(\.seq) == [3])
        #expect(appended.first?.prev == second)
        #expect(store.feed == Self.key.feed)
        #expect(store.name == "ana")
    }

    @Test func appendingNothingWritesNothing() throws {
        let directory = try TemporaryDirectory()
        // Given a new replica
        let store = try ReplicaStore.create(at: directory.path("r"), name: "ana", key: Self.key, schema: [])
        // When an empty batch is appended
        let written = try store.append(claims: [])
        // Then no event and no head exist
        #expect(written.isEmpty)
        #expect(try store.read { try LogTables.eventCount(in: $0) } == 0)
        #expect(try store.read { try LogTables.head(of: store.feed, in: $0) } == nil)
    }

    @Test func aFailingProjectionKeepsNothing() throws {
        let directory = try TemporaryDirectory()
        // Given a replica with one event
        let store = try ReplicaStore.create(at: directory.path("r"), name: "ana", key: Self.key, schema: [])
        try store.append(claims: Self.claims(0..<1))
        let before = try StoreSnapshot.events(database: store.databasePath)
        let headBefore = try store.read { try LogTables.head(of: store.feed, in: $0) }
        // When an append's projection throws
        struct ProjectionFailed: Error {}
        #expect(throws: AccordError.self) {
            try store.append(claims: Self.claims(1..<4)) { _, _ in throw ProjectionFailed() }
        }
        // Then neither the events nor the head changed
        #expect(try StoreSnapshot.events(database: store.databasePath) == before)
        #expect(try store.read { try LogTables.head(of: store.feed, in: $0) } == headBefore)
    }
}
