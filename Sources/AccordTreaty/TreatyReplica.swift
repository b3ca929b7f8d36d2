import AccordLog
import Foundation
import GRDB

/// A replica of the treaty log: the store with the treaty domain's claims,
/// projections and queries. What the command line works with.
public struct TreatyReplica: Sendable {
    public let store: ReplicaStore
    public let domain: TreatyDomain

    public init(store: ReplicaStore, domain: TreatyDomain = TreatyDomain()) {
        self.store = store
        self.domain = domain
    }

    /// Opens the replica in `directory`.
    public static func open(at directory: String, clock: any WallClock = SystemClock()) throws(AccordError) -> TreatyReplica {
        let domain = TreatyDomain()
        return TreatyReplica(store: try ReplicaStore.open(at: directory, clock: clock, schema: domain.schema), domain: domain)
    }

    /// Creates a replica in `directory`.
    public static func create(
        at directory: String, name: String, key: ReplicaKey = .generate(), clock: any WallClock = SystemClock()
    ) throws(AccordError) -> TreatyReplica {
        let domain = TreatyDomain()
        return TreatyReplica(
            store: try ReplicaStore.create(at: directory, name: name, key: key, clock: clock, schema: domain.schema),
            domain: domain)
    }

    /// Appends claims, all or nothing, with their projections in the same transaction.
    ///
    /// Claims that supersede must name events of this store that are claims of the same fact.
    ///
    /// - Parameter places: for each claim, where it came from (`claims.jsonl:3`), for errors.
    /// - Returns: the envelopes written.
    @discardableResult
    public func append(_ claims: [Claim], places: [String]? = nil) throws(AccordError) -> [Envelope] {
        let stored = claims.map(\.canonicalJSON)
        for (i, bytes) in stored.enumerated() {
            do throws(AccordError) { try Self.checkSize(bytes) } catch { throw places.map { error.at($0[i]) } ?? error }
        }
        try store.read { db in
            for (i, claim) in claims.enumerated() where !claim.supersedes.isEmpty {
                do { try SupersessionRule.checkLocal(claim, in: db) } catch let error as AccordError {
                    throw places.map { error.at($0[i]) } ?? error
                }
            }
        }
        var projection = TreatyProjection()
        return try store.append(claims: stored) { db, events in
            try projection.index(zip(events, claims).map { ($0, $1) }, in: db)
            try projection.finish(in: db)
        }
    }

    /// Appends claims read one at a time (a JSON Lines file of any size), all or nothing, in
    /// one transaction and in memory bounded by a batch: each is decoded and checked as it
    /// is read, and every touched fact and status is folded once, before the commit.
    ///
    /// - Parameter next: the next claim's JSON bytes and where they came from (`claims.jsonl:3`), or nil at the end.
    /// - Returns: the seqs of the events written in this replica's feed; nil when `next` gave nothing.
    /// - Throws: ``AccordError`` naming the first bad claim's place; nothing is written then.
    public func append(
        streaming next: () throws(AccordError) -> (bytes: ArraySlice<UInt8>, place: String)?, batchSize: Int = 5_000
    ) throws(AccordError) -> ClosedRange<Int64>? {
        var projection = TreatyProjection()
        var batchClaims: [Claim] = []
        return try store.append(batches: { db in
            batchClaims.removeAll(keepingCapacity: true)
            var batch: [[UInt8]] = []
            while batch.count < batchSize, let (bytes, place) = try next() {
                do {
                    let claim = try domain.decoder.decode(json: bytes)
                    if !claim.supersedes.isEmpty { try SupersessionRule.checkLocal(claim, in: db) }
                    let stored = claim.canonicalJSON
                    try Self.checkSize(stored)
                    batchClaims.append(claim)
                    batch.append(stored)
                } catch let error as AccordError {
                    throw error.at(place)
                }
            }
            return batch.isEmpty ? nil : batch
        }, project: { db, events in
            try projection.index(zip(events, batchClaims).map { ($0, $1) }, in: db)
        }, finish: { db in
            try projection.finish(in: db)
        })
    }

    /// This replica's own events with seqs in `range`, in order, handed to `body` one at a time.
    public func ownEvents(_ range: ClosedRange<Int64>, _ body: (StoredEvent) throws -> Void) throws(AccordError) {
        try store.read { db in
            try LogTables.events(of: store.feed, seqs: range, in: db, body)
        }
    }

    /// Refuses a claim whose stored form an envelope may not carry, so every envelope this
    /// replica writes is one a reader (its own, a peer's) accepts.
    static func checkSize(_ stored: [UInt8]) throws(AccordError) {
        guard stored.count <= Envelope.maximumClaimBytes else {
            throw AccordError(.invalidInput, "the claim is \(stored.count) bytes as stored, more than \(Envelope.maximumClaimBytes), the most an event may carry")
        }
    }

    /// The event whose id is `text` or starts with it (at least 8 hex digits).
    public func event(matching text: String) throws(AccordError) -> StoredEvent {
        let lower = text.lowercased()
        guard lower.count >= 8, Hex.decode(lower.count % 2 == 0 ? lower : String(lower.dropLast())) != nil else {
            throw AccordError(.invalidInput, "\"\(text)\" is not an event id (64 hex digits, or a prefix of at least 8; see `accord log`)")
        }
        let matches = try store.read { db in
            try LogTables.events(idPrefix: lower.count % 2 == 0 ? lower : String(lower.dropLast()), limit: 64, in: db)
                .filter { $0.envelope.id.hex.hasPrefix(lower) }
        }
        guard let first = matches.first else {
            throw AccordError(.notFound, "no event \(text) in this store (see `accord log`)")
        }
        guard matches.count == 1 else {
            throw AccordError(.invalidInput, "\"\(text)\" matches \(matches.count) events; give more digits")
        }
        return first
    }

    /// The decoded claim of a stored event, or nil when its type is unknown to this version.
    public func claim(of event: StoredEvent) -> Claim? { claim(of: event.envelope) }

    /// The decoded claim of an envelope, or nil when its type is unknown to this version.
    public func claim(of envelope: Envelope) -> Claim? {
        try? domain.decoder.decode(json: envelope.claimBytes)
    }
}
