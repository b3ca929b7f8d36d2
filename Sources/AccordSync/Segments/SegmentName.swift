import AccordLog

/// The name of one segment: a feed and the seqs of its first and last events.
///
/// Format decision: a segment of feed F holding seqs A…B is stored as
/// `<F as 64 hex>/<A, 20 digits>-<B, 20 digits>.bundle` — in a folder a
/// directory per feed, in a bucket the same text as the key under the prefix.
/// Zero-padding to 20 digits (every positive `Int64` fits) makes a listing's
/// plain byte order the seq order, and a range names one content only, so no
/// name is ever reused for different bytes. Anything else in a feed's
/// directory (sync tools' temporary and conflict files, partial copies) does
/// not parse as a name and is ignored.
public struct SegmentName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The feed whose events the segment carries (and whose key signed it).
    public let feed: FeedID
    /// The seq of the segment's first event (at least 1).
    public let first: Int64
    /// The seq of the segment's last event (at least `first`).
    public let last: Int64

    /// The digits of each seq in a file name.
    public static let digits = 20
    /// The ending of every segment file name.
    public static let suffix = ".bundle"

    /// A name for seqs `first...last` of `feed`; nil unless `1 <= first <= last`.
    public init?(feed: FeedID, first: Int64, last: Int64) {
        guard first >= 1, last >= first else { return nil }
        self.feed = feed
        self.first = first
        self.last = last
    }

    /// Reads a file name of the form `<20 digits>-<20 digits>.bundle`; nil for anything else.
    public init?(feed: FeedID, fileName: some StringProtocol) {
        let bytes = Array(fileName.utf8)
        let digits = Self.digits
        guard bytes.count == 2 * digits + 1 + Self.suffix.utf8.count, bytes[digits] == UInt8(ascii: "-"),
              bytes[(2 * digits + 1)...].elementsEqual(Self.suffix.utf8),
              let first = Self.number(bytes[0..<digits]), let last = Self.number(bytes[(digits + 1)..<(2 * digits + 1)])
        else { return nil }
        self.init(feed: feed, first: first, last: last)
    }

    /// The file name inside the feed's directory.
    public var fileName: String { Self.padded(first) + "-" + Self.padded(last) + Self.suffix }

    /// The path relative to the shared folder, or the key relative to the bucket's prefix.
    public var relativePath: String { "\(feed.hex)/\(fileName)" }

    /// How many events the segment holds.
    public var events: Int64 { last - first + 1 }

    /// The largest a segment of this name may be: a bound checked before reading, so a
    /// planted huge file cannot exhaust memory or time. Generous: 1 MiB for the header
    /// and 1 MiB per event, at most 1 GiB (the writer cuts segments far below it).
    public var maximumBytes: Int64 {
        let perEvent: Int64 = 1 << 20
        let cap: Int64 = 1 << 30
        return events >= cap / perEvent ? cap : perEvent * (events + 1)
    }

    public var description: String { relativePath }

    public static func < (lhs: SegmentName, rhs: SegmentName) -> Bool {
        (lhs.feed, lhs.first, lhs.last) < (rhs.feed, rhs.first, rhs.last)
    }

    static func padded(_ value: Int64) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in bytes {
            guard (0x30...0x39).contains(byte) else { return nil }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int64(byte - 0x30))
            guard !overflow, !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}
