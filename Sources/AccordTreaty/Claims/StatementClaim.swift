/// Any other sourced fact: who said what, a promise, a figure. Mirrors `Schemas/statement.schema.json`.
public struct StatementClaim: Hashable, Sendable {
    /// Who or what the statement is about; a country given by name is stored as its code.
    public var subject: String
    /// What about it, in kebab-case: `uxo-mitigation`.
    public var property: String
    public var value: String
    /// When the statement held, if the source says.
    public var date: DateSpan?
    public var sources: [Source]

    public init(subject: String, property: String, value: String, date: DateSpan? = nil, sources: [Source]) {
        self.subject = subject
        self.property = property
        self.value = value
        self.date = date
        self.sources = sources
    }
}
