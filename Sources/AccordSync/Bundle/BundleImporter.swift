import AccordLog
import Crypto
import Foundation
import GRDB

/// What an import brought.
public struct ImportReport: Sendable {
    public var path: String
    public var sender: FeedID
    /// Envelope lines in the bundle.
    public var events: Int64
    /// Events this replica did not hold before, per feed.
    public var newByFeed: [FeedID: Int]
    /// Claims of types this version does not know (a newer version wrote them), by type: stored, not projected.
    public var unknownTypes: [String: Int]
    /// New events recorded more than ``HybridLogicalClock/maximumDrift`` ahead of this
    /// machine's clock: stored as recorded, but the replica's clock did not follow them.
    public var aheadOfClock: Int = 0
    /// The latest recorded time among ``aheadOfClock``'s events.
    public var latestAheadOfClock: HLCTimestamp? = nil

    public var newEvents: Int { newByFeed.values.reduce(0, +) }
}

/// Imports a bundle all or nothing.
///
/// Everything is verified — the header, every envelope's layout and hash, each
/// feed's chain from what the store holds, the head signatures, trust, the
/// claims, forks, the event count and the body digest — while the bundle is
/// streamed through one write transaction; any failure rolls the transaction
/// back, so a refused bundle leaves the store as it was (the database file
/// byte-identical) and the error names the first bad line and why. Events
/// already held are skipped: importing twice changes nothing.
///
/// Streaming through the transaction, rather than a verify pass and then a
/// write pass, decodes each claim once and keeps memory flat.
public enum BundleImporter {
    /// The number of events indexed together inside the transaction.
    static let projectionBatch = 2_000

    /// Verifies the bundle at `path` and applies it to `store`, all or nothing.
    ///
    /// - Parameters:
    ///   - followSymlinks: whether `path` may be a symbolic link (a path a person gave); by
    ///     default it is refused, as a name found in a shared folder should be. Either way only
    ///     a regular file is read (see `LineReader`).
    public static func importBundle<Domain: EventDomain>(
        at path: String, into store: ReplicaStore, domain: Domain, followSymlinks: Bool = false,
        progress: (Int64) -> Void = { _ in }
    ) throws(AccordError) -> ImportReport {
        try importBundle(
            from: try LineReader(bundleAt: path, followSymlinks: followSymlinks), path: path, into: store, domain: domain,
            progress: progress)
    }

    /// Imports the bundle `reader` reads; `path` names it in messages. With `segment`, the
    /// bundle must be exactly the segment its name says (see ``SegmentName``).
    static func importBundle<Domain: EventDomain>(
        from reader: LineReader, path: String, into store: ReplicaStore, domain: Domain, segment: SegmentName? = nil,
        progress: (Int64) -> Void = { _ in }
    ) throws(AccordError) -> ImportReport {
        guard let (headerLine, _) = try reader.next(maximumLength: BundleHeader.maximumBytes, what: "the header") else {
            throw AccordError(.invalidBundle, "the file is empty: not an accord bundle", place: path)
        }
        let header: BundleHeader
        do { header = try BundleHeader.parse(headerLine) } catch { throw error.at("\(path):1") }
        // (The header's own signature was checked as it was parsed.)
        for head in header.heads where !head.isValid {
            throw AccordError(.invalidBundle, "the signature of feed \(head.head.feed.short)…'s head does not verify: the bundle was altered or forged", place: "\(path):1")
        }
        try segment?.check(header, place: "\(path):1")
        try checkTrust(header, store: store, path: path)

        return try store.write { db in
            var feeds: [FeedID: FeedProgress] = [:]
            for head in header.heads {
                let number = try LogTables.feedNumber(head.head.feed, create: true, in: db)!
                let held = try LogTables.head(of: head.head.feed, in: db)?.head.seq ?? 0
                feeds[head.head.feed] = FeedProgress(number: number, head: head, held: held)
            }
            var hasher = SHA256()
            var lineNumber = 1
            var count: Int64 = 0
            var pending: [(event: StoredEvent, claim: Domain.Decoded?)] = []
            var projection = domain.makeProjection()
            var report = ImportReport(path: path, sender: header.sender, events: 0, newByFeed: [:], unknownTypes: [:])
            var hlc = try LogTables.clock(in: db)
            let wallTime = store.clock.now()
            // The line of each event this import inserts, by row number from `importStart`
            // (rows are numbered consecutively inside the transaction), to name the place of a
            // refusal found after a batch is indexed.
            var importStart: Int64? = nil
            var newLines: [Int] = []
            func place(ofEvent num: Int64) -> String {
                guard let importStart, num >= importStart, num - importStart < Int64(newLines.count) else { return path }
                return "\(path):\(newLines[Int(num - importStart)])"
            }
            func projectPending() throws {
                guard let first = pending.first?.event.num, let last = pending.last?.event.num, let importStart else { return }
                try projection.index(pending, in: db)
                if let refusal = try domain.firstRefusal(inBatch: first...last, importStart: importStart, in: db) {
                    throw refusal.error.at(place(ofEvent: refusal.event))
                }
                pending.removeAll(keepingCapacity: true)
            }

            while let (line, terminated) = try reader.next(maximumLength: Envelope.maximumBytes, what: "an event line") {
                lineNumber += 1
                let place = "\(path):\(lineNumber)"
                guard terminated else {
                    throw AccordError(.invalidBundle, "the last line is cut short (no newline): the bundle is truncated", place: place)
                }
                hasher.update(data: line)
                hasher.update(data: [0x0a])
                count += 1
                let envelope: Envelope
                do throws(AccordError) { envelope = try Envelope.parse(Array(line)) } catch { throw error.at(place) }
                if count == 1 { try segment?.check(firstEvent: envelope, place: place) }
                guard var feed = feeds[envelope.feed] else {
                    throw AccordError(.invalidBundle, "an event of feed \(envelope.feed.short)…, which the header does not list", place: place)
                }
                try feed.check(envelope, store: store, db: db, place: place)
                if envelope.seq > feed.held {
                    let claim: Domain.Decoded?
                    do throws(AccordError) { claim = try domain.decodeForeign(claim: envelope.claimBytes) } catch { throw error.at(place) }
                    if claim == nil {
                        let type = (try? JSONParser.parse(envelope.claimBytes))?["type"]?.stringValue ?? "?"
                        report.unknownTypes[type, default: 0] += 1
                    }
                    let num = try LogTables.insert(envelope, feedNumber: feed.number, in: db)
                    if importStart == nil { importStart = num }
                    newLines.append(lineNumber)
                    pending.append((StoredEvent(num: num, envelope: envelope), claim))
                    report.newByFeed[envelope.feed, default: 0] += 1
                    if !hlc.observe(envelope.recorded, wallTime: wallTime) {
                        report.aheadOfClock += 1
                        report.latestAheadOfClock = max(report.latestAheadOfClock ?? envelope.recorded, envelope.recorded)
                    }
                    if pending.count >= projectionBatch { try projectPending() }
                }
                feeds[envelope.feed] = feed
                if count % 10_000 == 0 { progress(count) }
            }
            guard count == header.events else {
                throw AccordError(.invalidBundle, "the bundle holds \(count) events but its header says \(header.events): it is truncated or altered", place: path)
            }
            guard Array(hasher.finalize()) == header.digest else {
                throw AccordError(.invalidBundle, "the events do not match the header's digest: the bundle was altered", place: path)
            }
            for (_, feed) in feeds.sorted(by: { $0.key < $1.key }) {
                try feed.finish(store: store, db: db, path: path)
                if feed.head.head.seq > feed.held {
                    try LogTables.setHead(feed.head, feedNumber: feed.number, in: db)
                }
            }
            try projectPending()
            // Every key the bundle touched is folded once, whatever its size.
            try projection.finish(in: db)
            report.events = count
            // The sender's vector, capped at what this replica holds: a peer that says it holds more
            // of a feed than exists here (of this replica's own feed, say) would otherwise be sent
            // nothing of it by `export --for`; sending a peer what it already has is harmless.
            let held = try LogTables.versionVector(in: db)
            var peerVector = VersionVector()
            for (feed, seq) in header.vector.sortedEntries { peerVector[feed] = min(seq, held[feed]) }
            // Importing what is already held, from a peer whose vector is already known,
            // writes nothing at all: the store stays byte-identical.
            let knownVector = try PeerVectors.vector(ofPeer: header.sender, in: db)
            guard report.newEvents > 0 || knownVector != peerVector else { return report }
            if hlc.last != (try LogTables.clock(in: db)).last { try LogTables.saveClock(hlc, in: db) }
            try db.execute(sql: "DELETE FROM peer_vectors WHERE peer = ?", arguments: [header.sender.hex])
            for (feed, seq) in peerVector.sortedEntries {
                try db.execute(sql: "INSERT INTO peer_vectors (peer, feed, seq) VALUES (?, ?, ?)", arguments: [header.sender.hex, feed.hex, seq])
            }
            try db.execute(
                sql: "INSERT INTO imports (at_ms, sender, digest, events, new_events) VALUES (?, ?, ?, ?, ?)",
                arguments: [Int64(Date().timeIntervalSince1970 * 1000), header.sender.hex, Hex.encode(header.digest), count, report.newEvents])
            return report
        }
    }

    /// Refuses the whole bundle if it carries a feed this replica does not trust.
    static func checkTrust(_ header: BundleHeader, store: ReplicaStore, path: String) throws(AccordError) {
        let trusted = try store.read { db in Set(try Trust.entries(in: db).map(\.feed)) }
        var feeds = header.heads.map(\.head.feed)
        if !feeds.contains(header.sender) { feeds.insert(header.sender, at: 0) }
        let untrusted = feeds.filter { $0 != store.feed && !trusted.contains($0) }
        guard untrusted.isEmpty else {
            let commands = untrusted.map { "`accord trust add \($0.hex) --name NAME`" }.joined(separator: " and ")
            throw AccordError(
                .untrustedFeed,
                "\(untrusted.count == 1 ? "feed" : "feeds") \(untrusted.map { "\($0.short)…" }.joined(separator: ", ")) \(untrusted.count == 1 ? "is" : "are") not trusted by this replica; if you know the sender, run \(commands)",
                place: path)
        }
    }
}

/// Where an import stands in one feed: the chain it has verified so far.
struct FeedProgress {
    let number: Int64
    let head: SignedFeedHead
    /// The highest seq this replica held before the import.
    let held: Int64
    var lastSeq: Int64? = nil
    var lastID: EventID? = nil
    var lastPlace: String? = nil
    /// Where the bundle's chain departs from what this replica holds. A fork if that
    /// chain turns out to be the one the feed's key signed; an alteration otherwise.
    var divergence: (seq: Int64, place: String)? = nil

    var feed: FeedID { head.head.feed }

    static func forkMessage(_ feed: FeedID, seq: Int64) -> String {
        "fork: feed \(feed.short)… has two different events at seq \(seq), both signed by its key: the replica directory was copied and both copies wrote. Keep one copy; give the other a new identity with `accord init` and append its claims there"
    }

    /// Checks that `envelope` continues this feed's chain, and notes where it departs from what the store holds.
    mutating func check(_ envelope: Envelope, store: ReplicaStore, db: Database, place: String) throws {
        if let lastSeq, let lastID {
            guard envelope.seq == lastSeq + 1 else {
                throw AccordError(.invalidBundle, "feed \(feed.short)… jumps from seq \(lastSeq) to \(envelope.seq): lines are missing or out of order", place: place)
            }
            guard envelope.prev == lastID else {
                throw AccordError(.invalidBundle, "this event of feed \(feed.short)… (seq \(lastSeq)) does not hash to what the next line names as its predecessor: this line (or the next one's prev) was altered", place: lastPlace ?? place)
            }
        } else {
            // The first event of this feed in the bundle must join what the store holds.
            if envelope.seq > held + 1 {
                throw AccordError(.invalidBundle, "feed \(feed.short)… starts at seq \(envelope.seq) but this replica holds it only up to seq \(held): an earlier bundle is missing (ask the sender for a full bundle: `accord sync export` without --for)", place: place)
            }
            if envelope.seq == held + 1, envelope.seq > 1,
               envelope.prev != (try LogTables.eventID(feedNumber: number, seq: held, in: db)) {
                divergence = divergence ?? (held, place)
            }
        }
        guard envelope.seq <= head.head.seq else {
            throw AccordError(.invalidBundle, "feed \(feed.short)… goes past its signed head (seq \(head.head.seq))", place: place)
        }
        // Overlap with what the store holds: the chain makes one comparison enough — if the last
        // overlapping event is the one held, every earlier one in the bundle is too.
        if envelope.seq == min(held, head.head.seq),
           try LogTables.eventID(feedNumber: number, seq: envelope.seq, in: db) != envelope.id {
            divergence = divergence ?? (envelope.seq, place)
        }
        if envelope.feed == store.feed, envelope.seq > held {
            divergence = divergence ?? (envelope.seq, place)
        }
        if envelope.seq == head.head.seq, envelope.id != head.head.id {
            throw AccordError(.invalidBundle, "this event does not match feed \(feed.short)…'s signed head (seq \(head.head.seq)): it was altered", place: place)
        }
        lastSeq = envelope.seq
        lastID = envelope.id
        lastPlace = place
    }

    /// After the last line: the feed's events end exactly at its signed head, and a
    /// departure from what the store holds, on a chain the key signed, is a fork.
    func finish(store: ReplicaStore, db: Database, path: String) throws {
        if let lastSeq {
            guard lastSeq == head.head.seq, lastID == head.head.id else {
                throw AccordError(.invalidBundle, "feed \(feed.short)…'s events end at seq \(lastSeq), not at its signed head (seq \(head.head.seq)): the bundle is truncated or altered", place: path)
            }
            if let divergence {
                let own = feed == store.feed ? " (this bundle carries events of this replica's own feed that it did not write)" : ""
                throw AccordError(.forkedFeed, Self.forkMessage(feed, seq: divergence.seq) + own, place: divergence.place)
            }
        } else if head.head.seq <= held {
            let stored = try LogTables.eventID(feedNumber: number, seq: head.head.seq, in: db)
            guard stored == head.head.id else { throw AccordError(.forkedFeed, Self.forkMessage(feed, seq: head.head.seq), place: path) }
        } else {
            throw AccordError(.invalidBundle, "the header lists feed \(feed.short)… up to seq \(head.head.seq) but the bundle carries none of its events", place: path)
        }
    }
}
