/// The one error type Accord's modules throw: a code a program can switch on,
/// a message a person can act on, the place it concerns and an optional cause.
///
/// Shaped after swift-nio's `FileSystemError`. Its ``description`` is the one
/// line the command line prints: `claims.jsonl:12: date "2024-02-30" is not a calendar date`.
public struct AccordError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure this is; decides the exit status.
    public enum Code: String, Sendable, Equatable {
        /// The input (a claim, a date, a query argument) is not acceptable.
        case invalidInput
        /// A bundle is damaged, tampered with, or does not chain onto what the store holds.
        case invalidBundle
        /// A bundle carries events of a feed this replica does not trust.
        case untrustedFeed
        /// Two different events claim the same (feed, seq): a replica was copied and both copies wrote.
        case forkedFeed
        /// No replica exists where one was expected.
        case noReplica
        /// A replica already exists where `init` would create one.
        case replicaExists
        /// Another process holds the store's write lock past the busy timeout.
        case storeLocked
        /// The store's own content is inconsistent (found by `check`).
        case corruptStore
        /// Something was looked up that does not exist (an event, a fact, a treaty).
        case notFound
        /// Reading or writing a file failed.
        case io
    }

    public var code: Code
    /// What went wrong and, where possible, what to do about it.
    public var message: String
    /// Where: a file and line (`claims.jsonl:12`), a store path, a fact key. Printed before the message.
    public var place: String?
    /// The underlying error, kept for `--verbose`.
    public var cause: (any Error & Sendable)?

    public init(_ code: Code, _ message: String, place: String? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.place = place
        self.cause = cause
    }

    /// The same error, located at `place` (kept if it already has a more precise one).
    public func at(_ place: String) -> AccordError {
        var copy = self
        if let inner = copy.place { copy.place = "\(place):\(inner)" } else { copy.place = place }
        return copy
    }

    public var description: String {
        if let place { return "\(place): \(message)" }
        return message
    }

    public static func == (lhs: AccordError, rhs: AccordError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.place == rhs.place
    }
}
