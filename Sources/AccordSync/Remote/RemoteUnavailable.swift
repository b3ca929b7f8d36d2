/// The cause attached to an ``AccordError`` when a remote stopped answering
/// (unreachable, refused the credentials, went away mid-transfer): the sync
/// stops there rather than reporting the same failure for every segment.
public struct RemoteUnavailable: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
