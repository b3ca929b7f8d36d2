import AccordLog

/// One claim: the content of an event in a treaty store. Mirrors
/// `Schemas/append-line.schema.json`; each case has its own schema.
public struct Claim: Hashable, Sendable {
    public enum Body: Hashable, Sendable {
        case treaty(TreatyClaim)
        case action(ActionClaim)
        case statement(StatementClaim)
        case retraction(RetractionClaim)
    }

    public var body: Body
    /// The analyst's remark: how a source was read, why a dispute was resolved so.
    public var note: String?
    /// The claims of the same fact this one replaces (a correction, resolution or retraction).
    public var supersedes: [EventID]

    public init(_ body: Body, note: String? = nil, supersedes: [EventID] = []) {
        self.body = body
        self.note = note
        self.supersedes = supersedes
    }

    /// The `type` word of this claim.
    public var type: String {
        switch body {
        case .treaty: return "treaty"
        case .action: return "action"
        case .statement: return "statement"
        case .retraction: return "retraction"
        }
    }

    /// The fact this claim asserts the value of (or, for a retraction, withdraws claims of).
    public var fact: FactKey {
        switch body {
        case .treaty(let t): return .treaty(t.treaty)
        case .action(let a): return .action(treaty: a.treaty, state: a.state, action: a.action.rawValue, stage: a.stage)
        case .statement(let s): return .statement(subject: s.subject, property: s.property)
        case .retraction(let r): return r.fact
        }
    }

    public var sources: [Source] {
        switch body {
        case .treaty(let t): return t.sources
        case .action(let a): return a.sources
        case .statement(let s): return s.sources
        case .retraction(let r): return r.sources
        }
    }

    /// The most event ids one claim may supersede. A resolution supersedes every head of a
    /// fact; ten thousand heads is far past any real dispute, and bounds the work of checking one claim.
    public static let maximumSupersedes = 10_000

    /// The claim types this version knows.
    public static let knownTypes = ["treaty", "action", "statement", "retraction"]
}
