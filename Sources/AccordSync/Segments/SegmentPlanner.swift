import AccordLog

/// Decides, from names alone, which segments to read and which to write.
///
/// Reading: a feed is held as a gap-free prefix up to `held`, so the next
/// useful segment is one that starts at or before `held + 1` and ends after
/// `held`. Among those (a compacted segment overlaps the small ones it
/// replaced) the one reaching furthest is taken, and of those the shortest,
/// so overlap costs at most the events already held in one file. Nothing
/// ending at or below `held` is ever opened.
public enum SegmentPlanner {
    /// The next segment to import for a feed held up to `held`, or nil when none extends it.
    ///
    /// - Complexity: O(n) in the number of segments of the feed.
    public static func next(after held: Int64, among segments: [SegmentName], excluding: Set<SegmentName> = []) -> SegmentName? {
        var best: SegmentName?
        for segment in segments where segment.first <= held + 1 && segment.last > held && !excluding.contains(segment) {
            if let current = best, (current.last, current.first) >= (segment.last, segment.first) { continue }
            best = segment
        }
        return best
    }

    /// The first seq after `held` that some segment holds but no readable chain from `held` reaches:
    /// segments are missing (not yet arrived, or refused) between `held` and it. Nil when there is no such gap.
    public static func gap(after held: Int64, among segments: [SegmentName]) -> Int64? {
        segments.filter { $0.last > held }.map(\.first).min().flatMap { $0 > held + 1 ? $0 : nil }
    }

    /// Cuts the events `after + 1 ... head` of `feed` into segments of at most
    /// `maximumEvents` events and (unless a single event is bigger) `maximumBytes` bytes.
    ///
    /// - Parameter sizes: the byte length of each event in order, starting at seq `after + 1`.
    public static func cut(
        feed: FeedID, after: Int64, sizes: [Int64], maximumEvents: Int64 = 100_000, maximumBytes: Int64 = 32 << 20
    ) -> [SegmentName] {
        var names: [SegmentName] = []
        var first = after + 1
        var events: Int64 = 0
        var bytes: Int64 = 0
        for (offset, size) in sizes.enumerated() {
            let seq = after + 1 + Int64(offset)
            if events > 0 && (events + 1 > maximumEvents || bytes + size + 1 > maximumBytes) {
                names.append(SegmentName(feed: feed, first: first, last: seq - 1)!)
                first = seq
                events = 0
                bytes = 0
            }
            events += 1
            bytes += size + 1
        }
        if events > 0 { names.append(SegmentName(feed: feed, first: first, last: first + events - 1)!) }
        return names
    }
}
