/// How each claim of a table stands against what the replica already holds.
public struct TableImportReview: Sendable {
    /// What appending one planned claim would do.
    public enum Outcome: String, Sendable, CaseIterable {
        /// The fact has no head yet, or only heads that agree with the claim.
        case new
        /// The same source already says this value: nothing is appended.
        case unchanged
        /// The same source said another value: the claim supersedes that source's earlier claim.
        case correction
        /// Other sources say another value: appended, the fact becomes disputed.
        case disagreeing
    }

    public struct Item: Sendable {
        public let planned: TablePlan.PlannedClaim
        public let outcome: Outcome
        /// The claim to append (with `supersedes` for a correction); nil when unchanged.
        public let claim: Claim?
    }

    /// Per planned claim, in the plan's order.
    public let items: [Item]

    /// The claims to append, in table order.
    public var claimsToAppend: [Claim] { items.compactMap(\.claim) }
    /// Their places (`file:line:column`).
    public var placesToAppend: [String] { items.filter { $0.claim != nil }.map(\.planned.place) }

    /// How many claims of each action have each outcome, actions in the order of ``TreatyAction``.
    public var counts: [(action: TreatyAction, outcomes: [Outcome: Int])] {
        var byAction: [TreatyAction: [Outcome: Int]] = [:]
        for item in items {
            guard case .action(let a) = item.planned.claim.body else { continue }
            byAction[a.action, default: [:]][item.outcome, default: 0] += 1
        }
        return TreatyAction.allCases.compactMap { action in byAction[action].map { (action, $0) } }
    }

    /// How many claims have `outcome`.
    public func count(_ outcome: Outcome) -> Int { items.filter { $0.outcome == outcome }.count }
}
