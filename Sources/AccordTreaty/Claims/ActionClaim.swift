/// Something a state did with a treaty, on a date. Mirrors `Schemas/action.schema.json`.
public struct ActionClaim: Hashable, Sendable {
    public var treaty: String
    /// ISO 3166-1 alpha-3 code (names given on input are stored as codes).
    public var state: String
    public var action: TreatyAction
    /// For parliament votes: `first-reading`, `final` …; part of the fact key.
    public var stage: String?
    public var date: DateSpan
    public var tally: Tally?
    public var sources: [Source]

    public init(
        treaty: String, state: String, action: TreatyAction, stage: String? = nil, date: DateSpan, tally: Tally? = nil,
        sources: [Source]
    ) {
        self.treaty = treaty
        self.state = state
        self.action = action
        self.stage = stage
        self.date = date
        self.tally = tally
        self.sources = sources
    }
}

/// The kinds of treaty action, with the depositary's meaning of their dates
/// (see DOMAIN.md): consent dates are deposit dates, a withdrawal
/// notification's date is the day the depositary received it.
public enum TreatyAction: String, CaseIterable, Hashable, Sendable {
    case signature, ratification, acceptance, approval, accession, succession
    case withdrawalNotification = "withdrawal-notification"
    case withdrawalEffective = "withdrawal-effective"
    case entryIntoForce = "entry-into-force"
    case suspensionNotification = "suspension-notification"
    case parliamentVote = "parliament-vote"
    case decree, announcement

    /// Actions by which a state consents to be bound (an instrument deposited).
    public var isConsent: Bool {
        switch self {
        case .ratification, .acceptance, .approval, .accession, .succession: return true
        default: return false
        }
    }

    public static var validValues: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A parliament's vote count. Two tallies agree unless a count both give differs.
public struct Tally: Hashable, Sendable {
    public var inFavour: Int64?
    public var against: Int64?
    public var abstaining: Int64?

    public init(inFavour: Int64? = nil, against: Int64? = nil, abstaining: Int64? = nil) {
        self.inFavour = inFavour
        self.against = against
        self.abstaining = abstaining
    }

    public func agrees(with other: Tally) -> Bool {
        func same(_ a: Int64?, _ b: Int64?) -> Bool { a == nil || b == nil || a == b }
        return same(inFavour, other.inFavour) && same(against, other.against) && same(abstaining, other.abstaining)
    }

    /// Both tallies' counts together (they must agree).
    public func merged(with other: Tally) -> Tally {
        Tally(
            inFavour: inFavour ?? other.inFavour, against: against ?? other.against,
            abstaining: abstaining ?? other.abstaining)
    }

    /// `103–1–3` style text for tables, `?` where a count is not given.
    public var description: String {
        [inFavour, against, abstaining].map { $0.map(String.init) ?? "?" }.joined(separator: "–")
    }
}
