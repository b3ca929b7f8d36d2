import AccordLog
import Foundation

/// Sync with a remote (a shared folder or a bucket) through immutable segments:
/// import what is new in every other feed, then write what is new in this
/// replica's own feed.
///
/// What to read is decided from the listing and this replica's version vector
/// alone (``SegmentPlanner``): a segment ending at or below what is held is
/// never opened. Each segment is imported on its own, all or nothing, after it
/// is verified whole, and must be exactly what its name says; a refused one is
/// reported and the others still imported. Writing takes the events above the
/// highest seq this replica's segments reach, cut into segments of at most
/// 100,000 events and about 32 MiB, each put once under a new name.
///
/// - Complexity: the listing, plus reading and writing what is new; independent of the log's size.
public enum SegmentSync {
    /// The most an old-layout whole-feed file is read (it is streamed, so the bound only stops
    /// a file that never ends).
    static let wholeFeedMaximumBytes: Int64 = 64 << 30

    /// - Parameters:
    ///   - segmentEvents: the most events in one written segment.
    ///   - progress: called with a segment's place and the events read of it so far.
    /// - Throws: only when the remote cannot be listed at all; everything else is in the report.
    public static func sync<Domain: EventDomain>(
        store: ReplicaStore, domain: Domain, remote: some SegmentRemote, segmentEvents: Int64 = 100_000,
        progress: (String, Int64) -> Void = { _, _ in }
    ) throws(AccordError) -> SyncReport {
        let listing = try remote.list()
        var report = SyncReport(location: remote.location)
        // Links, FIFOs and devices named like what a sync reads are reported, never opened
        // (those in this replica's own directory are never read anyway).
        for (item, what) in listing.unreadable {
            if case .segment(let segment) = item, segment.feed == store.feed { continue }
            if case .wholeFeed(let feed) = item, feed == store.feed { continue }
            let place = remote.place(of: item)
            report.refused.append(.init(place: place, error: AccordError(.io, "is \(what), not a regular file: not read", place: place)))
        }
        readSegments(listing, store: store, domain: domain, remote: remote, into: &report, progress: progress)
        if !report.stoppedEarly {
            readWholeFeeds(listing, store: store, domain: domain, remote: remote, into: &report, progress: progress)
        }
        if !report.stoppedEarly { writeOwn(listing, store: store, remote: remote, segmentEvents: segmentEvents, into: &report) }
        return report
    }

    static func readSegments<Domain: EventDomain>(
        _ listing: RemoteListing, store: ReplicaStore, domain: Domain, remote: some SegmentRemote, into report: inout SyncReport,
        progress: (String, Int64) -> Void
    ) {
        for feed in listing.segments.keys.sorted() where feed != store.feed {
            let segments = listing.segments[feed] ?? []
            var excluded = Set<SegmentName>()
            guard var held = try? held(feed, in: store) else { continue }
            while let next = SegmentPlanner.next(after: held, among: segments, excluding: excluded) {
                excluded.insert(next)
                let item = RemoteItem.segment(next)
                do throws(AccordError) {
                    report.read.append(try read(item, segment: next, store: store, domain: domain, remote: remote, progress: progress))
                } catch {
                    report.refused.append(.init(place: remote.place(of: item), error: located(error, remote.place(of: item))))
                    if error.cause is RemoteUnavailable { report.stoppedEarly = true; return }
                    if error.code == .untrustedFeed { break }
                }
                guard let now = try? self.held(feed, in: store) else { break }
                held = now
            }
            if let resumesAt = SegmentPlanner.gap(after: held, among: segments) {
                report.gaps.append(.init(feed: feed, held: held, resumesAt: resumesAt))
            }
        }
    }

    static func readWholeFeeds<Domain: EventDomain>(
        _ listing: RemoteListing, store: ReplicaStore, domain: Domain, remote: some SegmentRemote, into report: inout SyncReport,
        progress: (String, Int64) -> Void
    ) {
        for feed in listing.wholeFeeds.sorted() where feed != store.feed {
            let item = RemoteItem.wholeFeed(feed)
            let place = remote.place(of: item)
            do throws(AccordError) {
                // The header alone says whether the file holds anything new: if not, stop there.
                let peek = LineReader(descriptor: try remote.open(item, maximumBytes: wholeFeedMaximumBytes), path: place)
                if let (line, _) = try peek.next(maximumLength: BundleHeader.maximumBytes, what: "the header"), let header = try? BundleHeader.parse(line) {
                    let vector = try store.read { db in try LogTables.versionVector(in: db) }
                    if !header.heads.isEmpty, header.heads.allSatisfy({ vector[$0.head.feed] >= $0.head.seq }) {
                        report.unchangedWholeFeeds += 1
                        continue
                    }
                }
                report.read.append(try read(item, segment: nil, store: store, domain: domain, remote: remote, progress: progress))
            } catch {
                report.refused.append(.init(place: place, error: located(error, place)))
                if error.cause is RemoteUnavailable { report.stoppedEarly = true; return }
            }
        }
    }

    static func read<Domain: EventDomain>(
        _ item: RemoteItem, segment: SegmentName?, store: ReplicaStore, domain: Domain, remote: some SegmentRemote,
        progress: (String, Int64) -> Void
    ) throws(AccordError) -> SyncReport.Read {
        let place = remote.place(of: item)
        let fd = try remote.open(item, maximumBytes: segment?.maximumBytes ?? wholeFeedMaximumBytes)
        var info = stat()
        let bytes = fstat(fd, &info) == 0 ? Int64(info.st_size) : 0
        let reader = LineReader(descriptor: fd, path: place)
        let imported = try BundleImporter.importBundle(
            from: reader, path: place, into: store, domain: domain, segment: segment) { progress(place, $0) }
        return .init(item: item, place: place, bytes: bytes, report: imported)
    }

    static func writeOwn(
        _ listing: RemoteListing, store: ReplicaStore, remote: some SegmentRemote, segmentEvents: Int64, into report: inout SyncReport
    ) {
        let own = listing.segments[store.feed] ?? []
        // How far this replica's segments reach from seq 1 without a hole: write from there,
        // so a segment lost from the remote is made good by the next one.
        var reach: Int64 = 0
        while let next = SegmentPlanner.next(after: reach, among: own) { reach = next.last }
        let ownPlace = remote.location.hasSuffix("/") ? remote.location + store.feed.hex : remote.location + "/" + store.feed.hex
        do throws(AccordError) {
            let head = try held(store.feed, in: store)
            if let beyond = own.map(\.last).max(), beyond > head {
                throw AccordError(
                    .forkedFeed,
                    "holds segments of this replica's own feed up to seq \(beyond), but this replica holds it only up to seq \(head): this replica directory was restored from an older copy, or copied and both copies wrote. Nothing was written; keep the copy that wrote them, or give this one a new identity with `accord init`",
                    place: ownPlace)
            }
            guard reach < head else { return }
            for segment in try BundleWriter.segmentsToWrite(store: store, after: reach, maximumEvents: segmentEvents) {
                let bytes = try BundleWriter.segment(store: store, segment)
                try remote.put(segment, bytes: bytes)
                report.written.append(.init(segment: segment, place: remote.place(of: .segment(segment)), bytes: Int64(bytes.count)))
            }
        } catch {
            report.refused.append(.init(place: ownPlace, error: located(error, ownPlace)))
            report.writeRefused = true
            if error.cause is RemoteUnavailable { report.stoppedEarly = true }
        }
    }

    static func held(_ feed: FeedID, in store: ReplicaStore) throws(AccordError) -> Int64 {
        try store.read { db in try LogTables.head(of: feed, in: db)?.head.seq ?? 0 }
    }

    private static func located(_ error: AccordError, _ place: String) -> AccordError {
        error.place == nil ? error.at(place) : error
    }
}
