import AccordLog

/// A place replicas exchange segments through: a shared folder or an S3 bucket.
///
/// Both hold the same layout (``SegmentName``) and answer the same four
/// questions, so the sync logic (``SegmentSync``) is written once. One writer
/// per feed and no name ever reused mean neither needs locks: `put` only ever
/// creates a name that did not exist.
public protocol SegmentRemote {
    /// Where, for messages: the folder's path, or `s3://bucket/prefix`.
    var location: String { get }

    /// Lists every segment there, by name, and the old layout's whole-feed files.
    ///
    /// - Throws: `.io` naming the remote and the cause when it cannot be listed at all.
    func list() throws(AccordError) -> RemoteListing

    /// Stores `bytes` as `segment`, once: never over an existing name, never through a link,
    /// and never visible under its name until complete.
    func put(_ segment: SegmentName, bytes: [UInt8]) throws(AccordError)

    /// Opens an item for reading: a descriptor of a regular file of at most `maximumBytes`,
    /// positioned at its start, which the caller closes.
    func open(_ item: RemoteItem, maximumBytes: Int64) throws(AccordError) -> Int32

    /// How messages name an item: a path in the folder, or an `s3://` URL.
    func place(of item: RemoteItem) -> String
}

/// Something in a remote that can be read: a segment, or a feed's file in the old layout.
public enum RemoteItem: Sendable, Hashable {
    case segment(SegmentName)
    /// `<feed hex>.bundle` at the top of a shared folder: the layout before segments.
    case wholeFeed(FeedID)
}

/// What a remote holds, from its listing alone.
public struct RemoteListing: Sendable {
    /// Every segment, by feed, in no particular order.
    public var segments: [FeedID: [SegmentName]]
    /// Feeds with a whole-feed file of the old layout.
    public var wholeFeeds: Set<FeedID>
    /// Entries named as a segment or a whole-feed file that are not regular files (a link, a
    /// FIFO, a device someone planted), with what they are: never opened, reported.
    public var unreadable: [(item: RemoteItem, what: String)]

    public init(segments: [FeedID: [SegmentName]] = [:], wholeFeeds: Set<FeedID> = [], unreadable: [(item: RemoteItem, what: String)] = []) {
        self.segments = segments
        self.wholeFeeds = wholeFeeds
        self.unreadable = unreadable
    }
}
