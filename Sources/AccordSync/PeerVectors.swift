import AccordLog
import GRDB

/// The last version vector this replica saw from each peer (in the header of
/// a bundle the peer wrote). `sync export --for NAME` sends only what lies
/// above it; over-sending is harmless, since imports skip what is held.
public enum PeerVectors {
    /// What the peer trusted under `name` was last known to hold (empty if never heard from).
    public static func vector(forPeerNamed name: String, in db: Database) throws -> VersionVector {
        try vector(ofPeer: try Trust.feed(named: name, in: db), in: db)
    }

    /// The vector last seen in a bundle written by `feed`'s replica (empty if none).
    public static func vector(ofPeer feed: FeedID, in db: Database) throws -> VersionVector {
        var vector = VersionVector()
        for row in try Row.fetchAll(db, sql: "SELECT feed, seq FROM peer_vectors WHERE peer = ?", arguments: [feed.hex]) {
            if let f = FeedID(hex: row[0] as String) { vector[f] = row[1] }
        }
        return vector
    }
}

extension ReplicaStore {
    /// What the peer trusted under `name` was last known to hold (empty if never heard from).
    public func peerVector(named name: String) throws(AccordError) -> VersionVector {
        try read { db in try PeerVectors.vector(forPeerNamed: name, in: db) }
    }
}
