import GRDB

/// What the log and sync need from a domain (treaties, or any other): its
/// tables, how to check a claim that arrives from another replica, and how to
/// update its projections when events are inserted.
///
/// The log never looks inside claims; this protocol is the only way it
/// reaches the domain, so a second domain can reuse Log and Sync unchanged.
public protocol EventDomain: Sendable {
    /// A claim after checking, handed back to ``project(_:in:)`` so it is decoded once.
    associatedtype Decoded: Sendable

    /// The schema parts the domain's projections need, applied after the log's own.
    var schema: [SchemaPart] { get }

    /// Checks a claim that arrived in a bundle.
    ///
    /// - Returns: the decoded claim, or nil for a claim type this version does
    ///   not know (from a newer version): it is stored verbatim and left out of projections.
    /// - Throws: ``AccordError`` when the claim is of a known type but invalid.
    func decodeForeign(claim: ArraySlice<UInt8>) throws(AccordError) -> Decoded?

    /// Updates the projections for newly inserted events, inside the caller's
    /// write transaction (the same one that inserted them).
    func project(_ events: [(event: StoredEvent, claim: Decoded?)], in db: Database) throws
}
