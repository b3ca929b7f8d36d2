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

    /// The projection work of one write transaction, made fresh for each.
    associatedtype Projection: EventProjection where Projection.Decoded == Decoded

    /// A new projection session: the caller indexes inserted events into it (in batches) and
    /// finishes it once, inside the same write transaction that inserted them.
    func makeProjection() -> Projection

    /// Checks, after the projection has indexed them and inside the same import transaction,
    /// what the events just indexed say about other events: the rules that need more than one
    /// claim to judge (a claim may supersede only claims of its own fact), whether the other
    /// event was in the store, earlier in the bundle or in this very batch.
    ///
    /// - Parameters:
    ///   - batch: the row numbers of the events just indexed (all inserted by this import).
    ///   - importStart: the row number of the first event this import inserted; events from
    ///     it on are this import's, the ones before were already held.
    /// - Returns: the row number of the first event at fault and why; nil when all is well.
    func firstRefusal(inBatch batch: ClosedRange<Int64>, importStart: Int64, in db: Database) throws -> (event: Int64, error: AccordError)?
}

extension EventDomain {
    /// No rule across claims: nothing to refuse.
    public func firstRefusal(inBatch batch: ClosedRange<Int64>, importStart: Int64, in db: Database) throws -> (event: Int64, error: AccordError)? {
        nil
    }
}

/// The projections' side of one write transaction: events are indexed as they are
/// inserted, and every key they touched is folded once when it finishes.
public protocol EventProjection {
    associatedtype Decoded: Sendable

    /// Records newly inserted events (rows derived from each claim) and notes the keys they touch.
    mutating func index(_ events: [(event: StoredEvent, claim: Decoded?)], in db: Database) throws

    /// Folds every touched key once; called once, before the transaction commits.
    mutating func finish(in db: Database) throws
}
