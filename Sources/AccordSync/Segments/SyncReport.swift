import AccordLog

/// What one sync with a remote did: the segments it wrote of this replica's
/// feed, what it read of the others, and what it refused.
public struct SyncReport: Sendable {
    /// A segment of this replica's feed, written.
    public struct Written: Sendable {
        public var segment: SegmentName
        /// Where it went (a path, or an `s3://` URL).
        public var place: String
        public var bytes: Int64
    }

    /// A segment (or an old-layout whole-feed file) read and imported.
    public struct Read: Sendable {
        public var item: RemoteItem
        public var place: String
        public var bytes: Int64
        public var report: ImportReport
    }

    /// Something refused, with why; the rest was still done.
    public struct Refusal: Sendable {
        public var place: String
        /// The error, located (its description is the one line to print).
        public var error: AccordError
    }

    /// A feed whose segments above what this replica holds do not join it: some are
    /// missing (not arrived yet, or refused). The next sync picks them up once they are there.
    public struct Gap: Sendable {
        public var feed: FeedID
        /// The highest seq held after this sync.
        public var held: Int64
        /// The first seq of the nearest segment above the gap.
        public var resumesAt: Int64
    }

    /// The remote's location.
    public var location: String
    public var written: [Written] = []
    public var read: [Read] = []
    /// Old-layout files whose header showed nothing new (only the header was read).
    public var unchangedWholeFeeds: Int = 0
    public var refused: [Refusal] = []
    public var gaps: [Gap] = []
    /// Whether the remote stopped answering, so the sync stopped early.
    public var stoppedEarly = false
    /// Whether writing this replica's segments was refused (the refusal says why).
    public var writeRefused = false

    public init(location: String) { self.location = location }

    /// Events written of this replica's feed.
    public var eventsWritten: Int64 { written.reduce(0) { $0 + $1.segment.events } }
    public var bytesWritten: Int64 { written.reduce(0) { $0 + $1.bytes } }
    /// Events read (including ones already held, in overlapping segments).
    public var eventsRead: Int64 { read.reduce(0) { $0 + $1.report.events } }
    public var bytesRead: Int64 { read.reduce(0) { $0 + $1.bytes } }
    /// Events this replica did not hold before.
    public var newEvents: Int { read.reduce(0) { $0 + $1.report.newEvents } }
}
