import AccordLog
import GRDB

extension TreatyReplica {
    /// Compares a table's claims with the current heads of their facts.
    ///
    /// A head is "from the same source" when one of its sources has the URL of
    /// `source`. Values are compared as facts compare them (a date and, for votes,
    /// a tally); quotes, notes and retrieval dates are not, so a later copy of a
    /// table whose row changed elsewhere leaves the unchanged facts alone.
    ///
    /// - A head from the same source says the same value: unchanged.
    /// - Heads from the same source say another value: a correction that supersedes them.
    /// - A claim the heads supersede (a person resolved or corrected it) is from the same
    ///   source and says the same value: unchanged, so a re-import does not undo the person.
    /// - Otherwise new when every head agrees with the value (or there is none), else disagreeing.
    ///
    /// A claim that was retracted leaves no head to start from: importing its table again records it again.
    ///
    /// - Throws: `.notFound` when the treaty is not registered (the error names the known ones).
    /// - Complexity: one read of the action facts per (treaty, state) and one event read per head.
    public func review(_ plan: TablePlan, treaty: String, source url: String) throws(AccordError) -> TableImportReview {
        try store.read { db in
            let reader = ProjectionReader(db: db, knownAt: nil)
            _ = try reader.requireTreaty(treaty)
            var factsByState: [String: [FactKey: FactState]] = [:]
            var items: [TableImportReview.Item] = []
            for planned in plan.claims {
                let key = planned.claim.fact
                guard let state = key.state, let value = FactValue(planned.claim) else { continue }
                if factsByState[state] == nil {
                    let facts = try reader.actionFacts(StatusKey(treaty: treaty, state: state))
                    factsByState[state] = Dictionary(facts.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
                }
                let heads: [(id: EventID, claim: Claim)] = try (factsByState[state]?[key]?.heads ?? []).compactMap { id in
                    guard let event = try LogTables.event(id, in: db), let claim = claim(of: event) else { return nil }
                    return (id, claim)
                }
                let sameSource = heads.filter { $0.claim.sources.contains { $0.url == url } }
                if sameSource.contains(where: { FactValue($0.claim) == value }) {
                    items.append(.init(planned: planned, outcome: .unchanged, claim: nil))
                } else if !sameSource.isEmpty {
                    items.append(.init(planned: planned, outcome: .correction, claim: correction(planned.claim, of: sameSource)))
                } else if try said(value, from: url, before: heads, in: db) {
                    // A person superseded this source's claim (a resolution, a correction): importing
                    // the same table again must not bring it back.
                    items.append(.init(planned: planned, outcome: .unchanged, claim: nil))
                } else if heads.allSatisfy({ FactValue($0.claim)?.agrees(with: value) ?? true }) {
                    items.append(.init(planned: planned, outcome: .new, claim: planned.claim))
                } else {
                    items.append(.init(planned: planned, outcome: .disagreeing, claim: planned.claim))
                }
            }
            return TableImportReview(items: items)
        }
    }

    /// The claim as a correction superseding the same source's heads, with a note that says what they said.
    private func correction(_ planned: Claim, of sameSource: [(id: EventID, claim: Claim)]) -> Claim {
        var claim = planned
        claim.supersedes = sameSource.map(\.id).sorted()
        let earlier = sameSource.compactMap { FactValue($0.claim)?.summary }.joined(separator: ", ")
        let correction = "correction by the same source: it said \(earlier) before"
        claim.note = claim.note.map { "\($0); \(correction)" } ?? correction
        return claim
    }

    /// Whether a claim that the heads supersede, directly or through other claims, is from
    /// the source `url` and says `value`.
    ///
    /// - Complexity: one event read per claim reached; most facts have no superseded claims.
    private func said(_ value: FactValue, from url: String, before heads: [(id: EventID, claim: Claim)], in db: Database) throws -> Bool {
        var seen = Set(heads.map(\.id))
        var queue = heads.flatMap(\.claim.supersedes).filter { seen.insert($0).inserted }
        while let id = queue.popLast() {
            guard let event = try LogTables.event(id, in: db), let claim = claim(of: event) else { continue }
            if claim.sources.contains(where: { $0.url == url }), FactValue(claim) == value { return true }
            queue += claim.supersedes.filter { seen.insert($0).inserted }
        }
        return false
    }
}
