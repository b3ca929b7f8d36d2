import AccordLog

/// What a claim says a fact's value is — the part two claims can agree or
/// disagree on. Sources, notes and supersessions are not part of it.
///
/// - action: the date and, when present, the tally;
/// - statement: the value text;
/// - treaty: the whole claim without its sources.
public enum FactValue: Hashable, Sendable {
    case action(date: DateSpan, tally: Tally?)
    case statement(String)
    case treaty(TreatyClaim)

    /// The value a claim asserts; nil for a retraction, which asserts none.
    public init?(_ claim: Claim) {
        switch claim.body {
        case .action(let a): self = .action(date: a.date, tally: a.tally)
        case .statement(let s): self = .statement(s.value)
        case .treaty(var t):
            t.sources = []
            self = .treaty(t)
        case .retraction: return nil
        }
    }

    /// Whether the two values agree: equal, or (for actions) dates one of
    /// which contains the other and tallies with no count that differs.
    public func agrees(with other: FactValue) -> Bool {
        switch (self, other) {
        case let (.action(d1, t1), .action(d2, t2)):
            guard d1.agrees(with: d2) else { return false }
            if let t1, let t2 { return t1.agrees(with: t2) }
            return true
        default:
            return self == other
        }
    }

    /// The most precise value both say: the narrower date, the tallies' counts together.
    /// - Precondition: the values agree.
    public func merged(with other: FactValue) -> FactValue {
        switch (self, other) {
        case let (.action(d1, t1), .action(d2, t2)):
            let date = (d1.width, d1.description) <= (d2.width, d2.description) ? d1 : d2
            let tally: Tally? = switch (t1, t2) {
            case let (a?, b?): a.merged(with: b)
            case let (a, b): a ?? b
            }
            return .action(date: date, tally: tally)
        default:
            return self
        }
    }

    /// The date this value places the fact on, if it has one.
    public var date: DateSpan? {
        if case .action(let date, _) = self { return date }
        return nil
    }

    /// Canonical JSON: `{"date":"2024-07","tally":{"for":99}}`, `{"value":"…"}`, or the treaty's terms.
    public func write(to w: inout JSONWriter) {
        switch self {
        case let .action(date, tally):
            w.beginObject()
            w.key("date"); w.string(date.description)
            if let tally { w.key("tally"); tally.write(to: &w) }
            w.endObject()
        case .statement(let text):
            w.beginObject()
            w.key("value"); w.string(text)
            w.endObject()
        case .treaty(let t):
            w.beginObject()
            w.key("treaty"); w.string(t.treaty)
            w.key("title"); w.string(t.title)
            if let e = t.entryIntoForce { w.key("entry_into_force"); w.string(e.description) }
            w.key("consent_takes_effect"); t.consentTakesEffect.write(to: &w)
            w.key("withdrawal_takes_effect"); t.withdrawalTakesEffect.write(to: &w)
            w.endObject()
        }
    }

    public var json: String {
        var w = JSONWriter()
        write(to: &w)
        return w.string
    }

    /// A short text for tables: `2024-07-18 (103–?–?)`, the statement's value, the treaty's rules.
    public var summary: String {
        switch self {
        case let .action(date, tally): return tally.map { "\(date) (\($0.description))" } ?? date.description
        case .statement(let text): return text
        case .treaty(let t):
            return "\(t.title); in force \(t.entryIntoForce?.description ?? "not yet"); consent: \(t.consentTakesEffect.summary); withdrawal: \(t.withdrawalTakesEffect.summary)"
        }
    }

    /// Reads back the JSON of ``write(to:)`` for a fact of the given kind.
    static func parse(_ value: JSONValue, kind: FactKind) -> FactValue? {
        switch kind {
        case .action:
            guard let text = value["date"]?.stringValue, case .success(let date) = DateSpan.parse(text) else { return nil }
            var tally: Tally? = nil
            if let t = value["tally"] {
                tally = Tally(inFavour: t["for"]?.integerValue, against: t["against"]?.integerValue, abstaining: t["abstain"]?.integerValue)
            }
            return .action(date: date, tally: tally)
        case .statement:
            return value["value"]?.stringValue.map(FactValue.statement)
        case .treaty:
            guard case .object(var members) = value else { return nil }
            members.insert((key: "type", value: .string("treaty")), at: 0)
            guard let claim = try? ClaimDecoder().decode(.object(members)), case .treaty(let t) = claim.body else { return nil }
            return .treaty(t)
        }
    }
}

/// The three kinds of fact, as the first part of a fact key.
public enum FactKind: String, Sendable {
    case treaty, action, statement

    init(_ key: FactKey) {
        switch key {
        case .treaty: self = .treaty
        case .action: self = .action
        case .statement: self = .statement
        }
    }
}
