import AccordLog

extension StatusFold {
    /// The claims of disputed facts that a status answer rests on, on `day`: the side of each
    /// dispute that leads to this answer rather than another. Shown with each alternative of a
    /// disputed `status`, so that a person sees which claim to check.
    ///
    /// They are the heads, among disputed facts, of the alternatives that date the answer
    /// (from the period row), of the treaty's alternatives under which it is possible, and of
    /// the alternatives that must fall after `day` for it to hold (a withdrawal not yet in
    /// effect for `party`, say). Computed on demand for one (treaty, state): they change from
    /// day to day, so they are not stored.
    ///
    /// - Complexity: O(a) in the alternatives, plus one fold per alternative of a disputed treaty.
    public static func witnesses(of period: StatusPeriod, onDay day: Int, treaty: FactState?, actions: [FactState]) -> [EventID] {
        guard let status = period.status else { return [] }
        var facts: [String: FactState] = [:]
        for fact in actions where isRelevant(fact.key) {
            if case .action(_, _, let action, _) = fact.key { facts[action] = fact }
        }
        let disputedHeads = Set(facts.values.filter(\.isDisputed).flatMap(\.heads) + (treaty?.isDisputed == true ? treaty!.heads : []))
        var ids = Set(period.events).intersection(disputedHeads)
        if let treaty, treaty.isDisputed {
            for alternative in treaty.alternatives {
                let readings = periods(treaty: FactState(key: treaty.key, alternatives: [alternative]), actions: actions)
                if readings.statuses(onDay: day).contains(where: { $0.status == status && $0.since == period.since }) {
                    ids.formUnion(alternative.heads)
                }
            }
        }
        /// Heads of a disputed fact's alternatives that take effect after `day`.
        func late(_ action: String, effective: (Int) -> Int = { $0 }) {
            guard let fact = facts[action], fact.isDisputed else { return }
            for alternative in fact.alternatives {
                if let date = alternative.value.date, effective(date.firstDay) > day { ids.formUnion(alternative.heads) }
            }
        }
        func lateWithdrawal() {
            if facts["withdrawal-effective"] != nil {
                late("withdrawal-effective")
            } else if let terms = termsChoices(treaty).first?.terms {
                late("withdrawal-notification") { terms.withdrawalEffectiveDay(noticeDay: $0) }
            }
        }
        func lateConsent() {
            for action in TreatyAction.allCases where action.isConsent { late(action.rawValue) }
        }
        switch status {
        case .withdrawn: break
        case .party: lateWithdrawal()
        case .consented: late("entry-into-force"); lateWithdrawal()
        case .signatory: lateConsent(); late("entry-into-force"); lateWithdrawal()
        case .notParty: late("signature"); lateConsent(); late("entry-into-force"); lateWithdrawal()
        }
        return ids.sorted()
    }
}
