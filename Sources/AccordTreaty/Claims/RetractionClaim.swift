/// Withdraws claims of a fact without putting a value in their place
/// (`accord retract`). Mirrors `Schemas/retraction.schema.json`.
///
/// A retraction is never a head of its fact: it only supersedes.
public struct RetractionClaim: Hashable, Sendable {
    public var fact: FactKey
    public var sources: [Source]

    public init(fact: FactKey, sources: [Source] = []) {
        self.fact = fact
        self.sources = sources
    }
}
