import AccordLog
import AccordSync
import AccordTestSupport
import AccordTreaty
import Crypto
import Foundation
import GRDB
import Testing

/// A claim type this version does not know, from a replica running a newer
/// version, is kept verbatim (and relayed), left out of the projections, and
/// reported on import.
@Suite("Claims from a newer version")
struct NewerVersionTests {
    /// A feed written by hand, as a newer accord would write it: an envelope of an unknown
    /// claim type between two this version knows, the head signed with the feed's key.
    struct NewerFeed {
        let key = try! SyncTesting.key(0x5a)
        var envelopes: [Envelope] = []

        static let unknownClaim = #"{"type":"observation","subject":"LTU","observed":"2026-01","confidence":0.8,"sources":[{"url":"https://example.org/x"}]}"#

        init() throws {
            let claims = [
                SyncTesting.action(state: "LTU", action: "ratification", date: "2011-03-24", url: "https://example.org/new/1"),
                Self.unknownClaim,
                SyncTesting.action(state: "LTU", action: "signature", date: "2008-12-03", url: "https://example.org/new/3"),
            ]
            for (i, claim) in claims.enumerated() {
                envelopes.append(Envelope.encode(
                    feed: key.feed, seq: Int64(i + 1), prev: envelopes.last?.id,
                    recorded: HLCTimestamp(milliseconds: SyncTesting.wallTime, counter: Int64(i)), claim: Array(claim.utf8)))
            }
        }

        /// The bundle bytes: a header built with ``BundleHeader`` and the envelopes.
        var bundle: [UInt8] {
            let body: [UInt8] = envelopes.flatMap { $0.bytes + [UInt8(0x0a)] }
            let last = envelopes.last!
            let head = FeedHead(feed: key.feed, seq: last.seq, id: last.id)
            let header = BundleHeader(
                sender: key.feed, vector: VersionVector([key.feed: last.seq]),
                heads: [SignedFeedHead(head: head, signature: key.sign(head))],
                events: Int64(envelopes.count), digest: Array(SHA256.hash(data: body)))
            return header.line(signedWith: { key.sign(message: $0) }) + [UInt8(0x0a)] + body
        }
    }

    @Test func anUnknownClaimTypeIsStoredVerbatimLeftOutOfProjectionsAndReported() throws {
        // Given ana, who trusts a replica running a newer version, and a bundle from it
        let directory = try TemporaryDirectory(prefix: "accord-newer")
        let ana = try SyncTesting.makePeers(["ana"], in: directory)[0]
        let newer = try NewerFeed()
        _ = try Trust.add(newer.key.feed.hex, name: "nova", store: try SyncTesting.open(ana).store)
        try SyncTesting.write(newer.bundle, to: directory.path("nova.bundle"))
        // When ana imports it
        let report = try SyncTesting.importBundle(directory.path("nova.bundle"), into: ana)
        // Then all three events are stored, and the unknown type is reported
        #expect(report.newEvents == 3)
        #expect(report.unknownTypes == ["observation": 1])
        let replica = try SyncTesting.open(ana)
        let unknown = newer.envelopes[1]
        try replica.store.read { db in
            // stored verbatim: the exact bytes, under their hash
            let body = try Data.fetchOne(db, sql: "SELECT body FROM events WHERE id = ?", arguments: [Data(unknown.id.bytes)])
            #expect(body.map(Array.init) == unknown.bytes)
            // left out of the projections, recorded as unknown
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM claims c JOIN events e ON e.num = c.event WHERE e.id = ?", arguments: [Data(unknown.id.bytes)]) == 0)
            #expect(try String.fetchOne(db, sql: "SELECT u.type FROM unknown_claims u JOIN events e ON e.num = u.event WHERE e.id = ?", arguments: [Data(unknown.id.bytes)]) == "observation")
            // while the known claims around it are projected
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM claims") == 2)
            #expect(try String.fetchAll(db, sql: "SELECT DISTINCT fact FROM facts ORDER BY fact") == ["action/CCM/LTU/ratification", "action/CCM/LTU/signature"])
        }
        // And the store checks out and equals a rebuild
        try ReplicaState.verify(replica)
    }

    @Test func anUnknownClaimIsRelayedVerbatimToTheNextReplica() throws {
        // Given ana, holding the newer feed, and ben, who trusts both
        let directory = try TemporaryDirectory(prefix: "accord-newer")
        let peers = try SyncTesting.makePeers(["ana", "ben"], in: directory)
        let newer = try NewerFeed()
        for peer in peers { _ = try Trust.add(newer.key.feed.hex, name: "nova", store: try SyncTesting.open(peer).store) }
        try SyncTesting.write(newer.bundle, to: directory.path("nova.bundle"))
        _ = try SyncTesting.importBundle(directory.path("nova.bundle"), into: peers[0])
        // When ana passes on everything she holds
        try SyncTesting.export(peers[0], to: directory.path("ana.bundle"))
        let report = try SyncTesting.importBundle(directory.path("ana.bundle"), into: peers[1])
        // Then ben holds the same bytes, reports the type, and agrees with ana
        #expect(report.unknownTypes == ["observation": 1])
        let ben = try SyncTesting.open(peers[1])
        let bodies = try ben.store.read { db in try Data.fetchAll(db, sql: "SELECT body FROM events ORDER BY num").map(Array.init) }
        #expect(bodies == newer.envelopes.map(\.bytes))
        #expect(try ReplicaState.read(ben) == ReplicaState.read(try SyncTesting.open(peers[0])))
        try ReplicaState.verify(ben)
    }

    @Test func aKnownClaimTypeThatIsInvalidIsRefused() throws {
        // Given a newer feed whose "action" claim lacks its sources (a known type, invalid)
        let directory = try TemporaryDirectory(prefix: "accord-newer")
        let ana = try SyncTesting.makePeers(["ana"], in: directory)[0]
        var newer = try NewerFeed()
        let bad = Envelope.encode(
            feed: newer.key.feed, seq: 1, prev: nil, recorded: HLCTimestamp(milliseconds: SyncTesting.wallTime),
            claim: Array(#"{"type":"action","treaty":"CCM","state":"LTU","action":"ratification","date":"2011"}"#.utf8))
        newer.envelopes = [bad]
        _ = try Trust.add(newer.key.feed.hex, name: "nova", store: try SyncTesting.open(ana).store)
        try SyncTesting.write(newer.bundle, to: directory.path("nova.bundle"))
        let before = try SyncTesting.snapshot(ana)
        // When it is imported
        let error = try SyncTesting.refusal(importing: directory.path("nova.bundle"), into: ana)
        // Then it is refused at its line, saying why, and ana is unchanged
        #expect(error?.place == directory.path("nova.bundle") + ":2", "\(String(describing: error))")
        #expect(error?.message.contains("sources") == true, "\(String(describing: error))")
        #expect(try SyncTesting.snapshot(ana) == before)
    }
}
