import AccordLog
import GRDB

/// The treaty domain as the log and sync see it: its tables, the check of a
/// claim arriving from another replica, and its projections.
public struct TreatyDomain: EventDomain {
    public typealias Decoded = Claim

    public let decoder: ClaimDecoder

    public init(decoder: ClaimDecoder = ClaimDecoder()) { self.decoder = decoder }

    public var schema: [SchemaPart] { [TreatySchema.part, TreatySchema.eventIDs, TreatySchema.statusPeriods] }

    /// Decodes a claim from another replica; nil when its `type` is one this
    /// version does not know (a newer version wrote it).
    public func decodeForeign(claim: ArraySlice<UInt8>) throws(AccordError) -> Claim? {
        let value: JSONValue
        do { value = try JSONParser.parse(claim) } catch {
            throw AccordError(.invalidBundle, "the claim is not valid JSON: \(error)")
        }
        if let type = value["type"]?.stringValue, !Claim.knownTypes.contains(type) { return nil }
        do { return try decoder.decode(value) } catch {
            throw AccordError(.invalidBundle, "the claim is invalid: \(error.message)")
        }
    }

    public func makeProjection() -> TreatyProjection { TreatyProjection() }

    /// Refuses a claim that supersedes a claim of another fact, as local `append` does
    /// (see ``SupersessionRule``).
    public func firstRefusal(inBatch batch: ClosedRange<Int64>, importStart: Int64, in db: Database) throws -> (event: Int64, error: AccordError)? {
        try SupersessionRule.firstCrossFact(inBatch: batch, importStart: importStart, in: db)
    }
}
