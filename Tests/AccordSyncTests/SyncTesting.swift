import AccordLog
import AccordSync
import AccordTestSupport
import AccordTreaty
import Foundation
import GRDB

/// What the sync tests share: replicas on real SQLite stores in a temporary
/// directory that trust each other, claims written as the JSON a user appends,
/// bundles exported and imported the way `accord sync` does, and the state of a
/// replica (events and projections) read back as plain values to compare.
///
/// Replicas are opened for each step and closed after it wherever a test hashes
/// the store file: hashing with a connection open in this process would drop
/// SQLite's locks (see `StoreSnapshot`).
enum SyncTesting {
    /// The wall clock every test replica reads: fixed, so the hybrid logical clock
    /// counts and a seeded run writes the same envelopes every time.
    static let wallTime: Int64 = 1_800_000_000_000

    /// A replica of a test: its name (also the name every other replica trusts it under) and directory.
    struct Peer: Sendable, CustomStringConvertible {
        let name: String
        let directory: String
        let feed: FeedID

        var description: String { "\(name) (\(feed.short)…)" }
        var databasePath: String { (directory as NSString).appendingPathComponent(ReplicaStore.databaseFileName) }
    }

    /// A key from 32 bytes drawn from `generator`: the same seed gives the same feed ids.
    static func key(using generator: inout SeededGenerator) throws -> ReplicaKey {
        try ReplicaKey(rawRepresentation: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// A fixed key: the same feed id on every run.
    static func key(_ byte: UInt8) throws -> ReplicaKey {
        try ReplicaKey(rawRepresentation: Array(repeating: byte, count: 32))
    }

    /// Creates one replica per name in `directory/<name>`, each trusting all the others
    /// under their names, and closes them.
    static func makePeers(_ names: [String], in directory: TemporaryDirectory, keys: [ReplicaKey]? = nil) throws -> [Peer] {
        let keys = try keys ?? names.indices.map { try key(UInt8(0x40 + $0)) }
        var peers: [Peer] = []
        for (name, key) in zip(names, keys) {
            let replica = try TreatyReplica.create(
                at: directory.path(name), name: name, key: key, clock: ScriptedClock([wallTime]))
            peers.append(Peer(name: name, directory: replica.store.directory, feed: replica.store.feed))
        }
        for peer in peers {
            let replica = try open(peer)
            for other in peers where other.feed != peer.feed {
                _ = try Trust.add(other.feed.hex, name: other.name, store: replica.store)
            }
        }
        return peers
    }

    /// Opens a peer's replica; it is closed when the value is released.
    static func open(_ peer: Peer) throws -> TreatyReplica {
        try TreatyReplica.open(at: peer.directory, clock: ScriptedClock([wallTime]))
    }

    /// A claim from one line of JSON, as `accord append --file` reads it.
    static func claim(_ json: String) throws -> Claim {
        try ClaimDecoder().decode(json: Array(json.utf8))
    }

    /// An action claim's JSON line.
    static func action(
        treaty: String = "CCM", state: String, action: String, date: String, url: String = "https://example.org/a"
    ) -> String {
        #"{"type":"action","treaty":"\#(treaty)","state":"\#(state)","action":"\#(action)","date":"\#(date)","sources":[{"url":"\#(url)"}]}"#
    }

    /// Appends claims given as JSON lines to a peer's feed, in one batch, and closes the replica.
    @discardableResult
    static func append(_ peer: Peer, _ lines: [String]) throws -> [Envelope] {
        try open(peer).append(lines.map(claim))
    }

    /// Writes a bundle of everything `peer` holds (or only what `receiver` lacks, as `--for` does) and closes the replica.
    @discardableResult
    static func export(_ peer: Peer, to path: String, for receiver: Peer? = nil) throws -> BundleWriter.Summary {
        let replica = try open(peer)
        let vector = try receiver.map { r in try replica.store.read { db in try PeerVectors.vector(forPeerNamed: r.name, in: db) } }
        return try BundleWriter.write(store: replica.store, to: path, peer: vector ?? VersionVector())
    }

    /// Imports a bundle into a peer's replica, opened for the call and closed after it.
    static func importBundle(_ path: String, into peer: Peer) throws -> ImportReport {
        let replica = try open(peer)
        return try BundleImporter.importBundle(at: path, into: replica.store, domain: replica.domain)
    }

    /// Imports a bundle that must be refused, and returns the error (nil if it was accepted).
    static func refusal(importing path: String, into peer: Peer) throws -> AccordError? {
        let replica = try open(peer)
        do {
            _ = try BundleImporter.importBundle(at: path, into: replica.store, domain: replica.domain)
            return nil
        } catch {
            return error
        }
    }

    /// The store's events and file hashes; the replica must be closed.
    static func snapshot(_ peer: Peer) throws -> StoreSnapshot {
        try StoreSnapshot.capture(replica: peer.directory)
    }

    /// Copies a closed replica's directory (as `cp -r` would): the copy has the same identity.
    static func copyReplica(_ peer: Peer, to directory: String) throws -> Peer {
        try FileManager.default.copyItem(atPath: peer.directory, toPath: directory)
        return Peer(name: peer.name, directory: directory, feed: peer.feed)
    }

    /// The lines of a file, each with its `\n` (the last one without, if the file does not end with one).
    static func lines(of bytes: [UInt8]) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == 0x0a {
            lines.append(Array(bytes[start...i]))
            start = i + 1
        }
        if start < bytes.count { lines.append(Array(bytes[start...])) }
        return lines
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw SupportError("cannot read \(path)") }
        return Array(data)
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}

/// What a replica holds and what its projections say, as plain values, so two
/// replicas (or a replica before and after) can be compared with `==`.
struct ReplicaState: Equatable, CustomStringConvertible {
    /// Every event id (hex), sorted.
    var events: [String]
    /// `facts` rows, ordered by fact.
    var facts: [[String]]
    /// `status_periods` rows, ordered by (treaty, state, n).
    var statuses: [[String]]
    /// The claims index by event id, without local row numbers.
    var claims: [[String]]
    /// `unknown_claims` by event id.
    var unknownClaims: [[String]]

    static func read(_ replica: TreatyReplica) throws -> ReplicaState {
        try replica.store.read { db in
            func rows(_ sql: String) throws -> [[String]] {
                try Row.fetchAll(db, sql: sql).map { row in
                    (0..<row.count).map { i -> String in
                        let value: DatabaseValue = row[i]
                        switch value.storage {
                        case .null: return "NULL"
                        case .int64(let n): return String(n)
                        case .double(let d): return String(d)
                        case .string(let s): return s
                        case .blob(let data): return Hex.encode(data)
                        }
                    }
                }
            }
            return ReplicaState(
                events: try rows("SELECT hex(id) FROM events ORDER BY id").map { $0[0].lowercased() },
                facts: try rows("SELECT fact, n, coalesce(treaty, ''), coalesce(state, ''), disputed, coalesce(date, ''), coalesce(value, ''), hex(heads) FROM facts ORDER BY fact, n"),
                statuses: try rows("SELECT treaty, state, n, status, from_day, to_day, since_date, since_day, computed, disputed, hex(events) FROM status_periods ORDER BY treaty, state, n"),
                claims: try rows("""
                    SELECT e.id, c.fact, c.kind, c.treaty, c.state, c.date, c.tally_for, c.tally_against, c.tally_abstain, c.text, c.recorded
                    FROM claims c JOIN events e ON e.num = c.event ORDER BY e.id
                    """),
                unknownClaims: try rows("SELECT e.id, u.type FROM unknown_claims u JOIN events e ON e.num = u.event ORDER BY e.id"))
        }
    }

    /// Checks the log (hashes, chains, signed heads) and that the projections equal a rebuild.
    static func verify(_ replica: TreatyReplica) throws {
        try replica.store.read { db in
            try LogVerifier.verify(in: db)
            try ProjectionVerifier.verify(in: db)
        }
    }

    var description: String {
        "\(events.count) events, \(facts.count) facts (\(facts.filter { $0[4] == "1" }.count) disputed alternatives), \(statuses.count) statuses"
    }
}
