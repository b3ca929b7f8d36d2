/// Where a claim comes from: an article, a depositary record, a parliament's minutes.
///
/// Mirrors `Schemas/common.schema.json#/$defs/source`. The URL, the outlet and
/// the publication date are kept apart (an article hosted by another site has
/// one outlet and another address).
public struct Source: Hashable, Sendable {
    /// A URL, or a citation where the source has none.
    public var url: String
    public var outlet: String?
    public var published: PartialDate?
    /// A short verbatim quote supporting the claim.
    public var quote: String?
    public var retrieved: PartialDate?

    public init(url: String, outlet: String? = nil, published: PartialDate? = nil, quote: String? = nil, retrieved: PartialDate? = nil) {
        self.url = url
        self.outlet = outlet
        self.published = published
        self.quote = quote
        self.retrieved = retrieved
    }
}
