import AccordLog
import Foundation

/// A shared folder (USB stick, network share, Syncthing) as a ``SegmentRemote``:
/// a directory per feed holding its segment files, plus the old layout's
/// `<feed hex>.bundle` files at the top, which are still read.
///
/// Only regular files and directories are used, and never through a link:
/// anyone who can write to the folder can plant one.
public struct FolderRemote: SegmentRemote {
    /// The folder's path as given.
    public let path: String

    public init(path: String) { self.path = path }

    public var location: String { path }

    public func list() throws(AccordError) -> RemoteListing {
        let root = try DirectoryHandle.open(path)
        var listing = RemoteListing()
        for (name, kind) in try root.entries() {
            switch kind {
            case .directory:
                guard let feed = FeedID(hex: name), let directory = try root.subdirectory(name, create: false) else { continue }
                // Regular files only: a link or FIFO named as a segment is not one (and a file
                // swapped for one after this listing is refused when opened).
                var segments: [SegmentName] = []
                for entry in try directory.entries() {
                    guard let segment = SegmentName(feed: feed, fileName: entry.name) else { continue }
                    switch entry.kind {
                    case .regular: segments.append(segment)
                    case .directory: listing.unreadable.append((.segment(segment), "a directory"))
                    case .other(let what): listing.unreadable.append((.segment(segment), what))
                    }
                }
                listing.segments[feed] = segments
            case .regular:
                if name.hasSuffix(".bundle"), let feed = FeedID(hex: name.dropLast(".bundle".count)) { listing.wholeFeeds.insert(feed) }
            case .other(let what):
                if name.hasSuffix(".bundle"), let feed = FeedID(hex: name.dropLast(".bundle".count)) {
                    listing.unreadable.append((.wholeFeed(feed), what))
                }
            }
        }
        return listing
    }

    public func put(_ segment: SegmentName, bytes: [UInt8]) throws(AccordError) {
        let root = try DirectoryHandle.open(path)
        let directory = try root.subdirectory(segment.feed.hex, create: true)!
        try directory.createOnce(segment.fileName, bytes: bytes)
    }

    public func open(_ item: RemoteItem, maximumBytes: Int64) throws(AccordError) -> Int32 {
        let root = try DirectoryHandle.open(path)
        switch item {
        case .segment(let segment):
            guard let directory = try root.subdirectory(segment.feed.hex, create: false) else {
                throw AccordError(.io, "disappeared before it could be read", place: place(of: item))
            }
            return try directory.openRegularFile(segment.fileName, maximumBytes: maximumBytes)
        case .wholeFeed(let feed):
            return try root.openRegularFile("\(feed.hex).bundle", maximumBytes: maximumBytes)
        }
    }

    public func place(of item: RemoteItem) -> String {
        switch item {
        case .segment(let segment): (path as NSString).appendingPathComponent(segment.relativePath)
        case .wholeFeed(let feed): (path as NSString).appendingPathComponent("\(feed.hex).bundle")
        }
    }
}
