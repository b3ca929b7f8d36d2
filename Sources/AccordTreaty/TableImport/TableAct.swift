/// What a cell of a table says a participant did: a claim action, or an act
/// the claim format has no action for.
public enum TableAct: Hashable, Sendable {
    /// Recorded as this action. `note` says how the table's word was read when
    /// it is not the action's own name (a definitive signature, a formal confirmation).
    case action(TreatyAction, note: String?)
    /// Not recorded: the claim format has no action for it (provisional application).
    case unrecorded(String)

    /// The act a UN Treaty Collection header word names (`Ratification`,
    /// `Succession to signature`, `Provisional application`), or nil.
    ///
    /// Format decision: acts the claim format has no action for are read as the
    /// action with the same legal effect, and the claim's note says so:
    /// a definitive signature (s) and an international organization's formal
    /// confirmation (c) are consent to be bound, recorded as `ratification`;
    /// a succession to a signature (d) is recorded as `signature`. Provisional
    /// application (n) changes no status and is not recorded; the import counts it.
    public init?(unHeaderWord word: String) {
        switch word.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") {
        case "signature": self = .action(.signature, note: nil)
        case "succession to signature":
            self = .action(.signature, note: "the table records a succession to signature (d), recorded as signature")
        case "definitive signature":
            self = .action(.ratification, note: "the table records a definitive signature (s): consent to be bound by signature, recorded as ratification")
        case "ratification": self = .action(.ratification, note: nil)
        case "acceptance": self = .action(.acceptance, note: nil)
        case "approval": self = .action(.approval, note: nil)
        case "accession": self = .action(.accession, note: nil)
        case "succession": self = .action(.succession, note: nil)
        case "formal confirmation":
            self = .action(.ratification, note: "the table records a formal confirmation (c): an international organization's act of consent, recorded as ratification")
        case "withdrawal", "denunciation", "notification of withdrawal":
            self = .action(.withdrawalNotification, note: nil)
        case "provisional application": self = .unrecorded("provisional application")
        default: return nil
        }
    }

    /// The action a long table's action cell names: a claim action
    /// (`ratification`, `withdrawal-notification`) or a UN header word (`Accession`).
    public init?(cell text: String) {
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "_" })
        if let action = TreatyAction(rawValue: words.joined(separator: "-")) {
            self = .action(action, note: nil)
        } else if let act = TableAct(unHeaderWord: words.joined(separator: " ")) {
            self = act
        } else {
            return nil
        }
    }

    /// The claim action, if this act is recorded.
    public var action: TreatyAction? {
        if case .action(let action, _) = self { return action }
        return nil
    }

    /// A short name for output: the action's name, or what is not recorded.
    public var label: String {
        switch self {
        case .action(let action, _): return action.rawValue
        case .unrecorded(let what): return what
        }
    }
}
