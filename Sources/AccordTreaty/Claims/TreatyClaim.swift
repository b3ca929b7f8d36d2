/// Registers a treaty and the two rules that turn deposits and withdrawal
/// notifications into effective dates. Mirrors `Schemas/treaty.schema.json`.
///
/// Treaty rules are data: a new treaty needs a claim, never code.
public struct TreatyClaim: Hashable, Sendable {
    public var treaty: String
    public var title: String
    /// When the treaty itself entered into force; deposits before it take effect on it.
    public var entryIntoForce: PartialDate?
    /// When a state's consent (ratification, accession …) takes effect.
    public var consentTakesEffect: TreatyRule
    /// When a withdrawal takes effect, counted from the depositary's receipt.
    public var withdrawalTakesEffect: TreatyRule
    public var sources: [Source]

    public init(
        treaty: String, title: String, entryIntoForce: PartialDate?, consentTakesEffect: TreatyRule,
        withdrawalTakesEffect: TreatyRule, sources: [Source] = []
    ) {
        self.treaty = treaty
        self.title = title
        self.entryIntoForce = entryIntoForce
        self.consentTakesEffect = consentTakesEffect
        self.withdrawalTakesEffect = withdrawalTakesEffect
        self.sources = sources
    }
}
