import AccordLog

/// Folds a state's facts under a treaty into its status periods: for every answer
/// that some choice of the facts' alternatives gives (see ``StatusReading``), the
/// days on which it is possible. Exact, with no cap, and without enumerating the
/// product of the alternatives.
///
/// Why this is exact and small: the marks depend on independent groups of facts —
/// the signature (S), the consents with entry into force (C, P) and the withdrawal
/// (W) — given the treaty's terms (T). Each answer is a conjunction of conditions
/// `mark ≤ d` or "some choice of another group has its mark after d", so for one T the
/// days it is possible on form one interval, computed from the groups' outcomes
/// (their possible marks) and their latest days. The fold is linear in the number of
/// alternatives (times T's, which are almost always one), and so is its output; rows
/// are split only where an answer stops or starts being the only possible one.
public enum StatusFold {
    /// The action facts that bear on status.
    static let relevantActions: Set<String> = Set(
        TreatyAction.allCases.filter { $0.isConsent }.map(\.rawValue)
            + ["signature", "entry-into-force", "withdrawal-notification", "withdrawal-effective"])

    /// Whether a fact bears on status.
    static func isRelevant(_ key: FactKey) -> Bool {
        if case .action(_, _, let action, nil) = key { return relevantActions.contains(action) }
        return false
    }

    /// - Parameters:
    ///   - treaty: the treaty's fact, if registered.
    ///   - actions: the state's action facts under the treaty (any order; others are ignored).
    /// - Returns: the state's status and deposited rows in canonical order; empty when no fact bears on status.
    /// - Complexity: O(a log a) in the a alternatives of the facts, times the treaty's alternatives.
    public static func periods(treaty: FactState?, actions: [FactState]) -> [StatusPeriod] {
        var facts: [String: [FactState.Alternative]] = [:]
        for fact in actions where isRelevant(fact.key) && !fact.alternatives.isEmpty {
            if case .action(_, _, let action, _) = fact.key { facts[action] = fact.alternatives }
        }
        guard !facts.isEmpty else { return [] }
        var spans = OutcomeSpans()
        for (terms, heads) in termsChoices(treaty) {
            collect(terms: terms, termsHeads: heads, facts: facts, into: &spans)
        }
        return spans.rows()
    }

    /// The treaty's alternatives as terms with their heads; one "no terms" choice when it has none.
    static func termsChoices(_ treaty: FactState?) -> [(terms: TreatyClaim?, heads: [EventID])] {
        let terms = (treaty?.alternatives ?? []).compactMap { alt -> (TreatyClaim?, [EventID])? in
            if case .treaty(let t) = alt.value { return (t, alt.heads) }
            return nil
        }
        return terms.isEmpty ? [(nil, [])] : terms
    }

    /// A possible mark of one group of facts, with the heads it rests on.
    struct Candidate {
        var mark: StatusMark
        var events: [EventID]
    }

    /// What `- ∞` and `+ ∞` are in day arithmetic here.
    static let never = Int.max, always = Int.min

    /// Adds every answer possible under one choice of the treaty's terms, with its interval of days.
    ///
    /// A computed mark rests on the claims of the instrument and on the treaty's claims that give the rule.
    static func collect(terms: TreatyClaim?, termsHeads: [EventID], facts: [String: [FactState.Alternative]], into spans: inout OutcomeSpans) {
        func stated(_ alternatives: [FactState.Alternative]?) -> [Candidate] {
            (alternatives ?? []).compactMap { alt in alt.value.date.map { Candidate(mark: .stated($0), events: alt.heads) } }
        }
        let signatures = stated(facts["signature"])
        let entries = stated(facts["entry-into-force"])
        var withdrawals = stated(facts["withdrawal-effective"])
        if withdrawals.isEmpty, let terms {
            withdrawals = stated(facts["withdrawal-notification"]).map {
                Candidate(mark: .computed(terms.withdrawalEffectiveDay(noticeDay: $0.mark.day)), events: $0.events + termsHeads)
            }
        }

        // The consent group: which (action, alternative) can be the earliest consent. The earliest
        // is the first in action order among those on the earliest day, so an alternative of
        // action i on day v is possible when every other consent fact j has one later than v
        // (or on v, when j comes after i).
        let consentFacts = TreatyAction.allCases.filter(\.isConsent).compactMap { action in
            facts[action.rawValue].map { (action: action, candidates: stated($0)) }
        }
        let latestConsent = consentFacts.map { $0.candidates.map(\.mark.day).max() ?? always }
        var consents: [(action: TreatyAction, candidate: Candidate)] = []
        for (i, fact) in consentFacts.enumerated() {
            for candidate in fact.candidates {
                let day = candidate.mark.day
                let earliest = consentFacts.indices.allSatisfy { j in
                    j == i || latestConsent[j] > day || (latestConsent[j] == day && j > i)
                }
                if earliest { consents.append((fact.action, candidate)) }
            }
        }

        let withdrawnFrom = withdrawals.isEmpty ? never : withdrawals.map(\.mark.day).max()!
        for w in withdrawals {
            spans.add(.status(.withdrawn), w.mark, from: w.mark.day, to: never, events: w.events)
        }

        /// The last day + 1 on which the state can still be before consent and before entry into force.
        let preEnd: Int
        if !entries.isEmpty {
            // Entry into force stated: P is its own group, independent of the consents.
            let latestEntry = entries.map(\.mark.day).max()!
            let earliestEntry = entries.map(\.mark.day).min()!
            for e in entries {
                spans.add(.status(.party), e.mark, from: e.mark.day, to: withdrawnFrom, events: e.events)
            }
            for (_, c) in consents {
                spans.add(.status(.consented), c.mark, from: c.mark.day, to: min(latestEntry, withdrawnFrom), events: c.events)
                spans.add(.deposited, c.mark, from: min(c.mark.day, earliestEntry), to: withdrawnFrom, events: c.events)
            }
            if consents.isEmpty {
                for e in entries { spans.add(.deposited, e.mark, from: e.mark.day, to: withdrawnFrom, events: e.events) }
            }
            preEnd = min(consents.isEmpty ? never : consents.map(\.candidate.mark.day).max()!, latestEntry)
        } else if !consents.isEmpty {
            // P follows from the earliest consent.
            var latestPre = always
            for (action, c) in consents {
                var party: StatusMark? = nil
                if action == .succession {
                    party = c.mark
                } else if let day = terms?.consentEffectiveDay(depositDay: c.mark.day) {
                    party = .computed(day)
                }
                if let party {
                    spans.add(.status(.party), party, from: party.day, to: withdrawnFrom, events: party.computed ? c.events + termsHeads : c.events)
                }
                spans.add(.status(.consented), c.mark, from: c.mark.day, to: min(party?.day ?? never, withdrawnFrom), events: c.events)
                spans.add(.deposited, c.mark, from: min(c.mark.day, party?.day ?? never), to: withdrawnFrom, events: c.events)
                latestPre = max(latestPre, min(c.mark.day, party?.day ?? never))
            }
            preEnd = latestPre
        } else {
            preEnd = never
        }

        let beforeAnything = min(preEnd, withdrawnFrom)
        for s in signatures {
            spans.add(.status(.signatory), s.mark, from: s.mark.day, to: beforeAnything, events: s.events)
        }
        let latestSignature = signatures.isEmpty ? never : signatures.map(\.mark.day).max()!
        spans.add(.status(.notParty), nil, from: always, to: min(beforeAnything, latestSignature), events: [])
        // Not counted at deposit: withdrawn, or before consent and entry into force.
        if let earliestWithdrawal = withdrawals.map(\.mark.day).min() {
            spans.addUncounted(from: earliestWithdrawal, to: never)
        }
        spans.addUncounted(from: always, to: beforeAnything)
    }
}

/// The answers found possible, each with the days it is possible on (a union of
/// intervals, one per choice of the treaty's terms) and the heads it rests on.
struct OutcomeSpans {
    struct Outcome: Hashable {
        var reading: StatusPeriod.Reading
        var since: StatusMark?
    }

    private var intervals: [Outcome: [(from: Int, to: Int)]] = [:]
    private var events: [Outcome: Set<EventID>] = [:]
    /// Days on which the state may not be counted at deposit (the deposited family's "none").
    private var uncounted: [(from: Int, to: Int)] = []

    mutating func add(_ reading: StatusPeriod.Reading, _ since: StatusMark?, from: Int, to: Int, events ids: [EventID]) {
        guard from < to else { return }
        let outcome = Outcome(reading: reading, since: since)
        intervals[outcome, default: []].append((from, to))
        events[outcome, default: []].formUnion(ids)
    }

    mutating func addUncounted(from: Int, to: Int) {
        if from < to { uncounted.append((from, to)) }
    }

    /// The rows: each outcome's merged intervals, split where it stops or starts being
    /// the only answer of its family, in canonical order.
    func rows() -> [StatusPeriod] {
        var pieces: [(outcome: Outcome, from: Int, to: Int)] = []
        for (outcome, list) in intervals {
            for span in Self.merged(list) { pieces.append((outcome, span.from, span.to)) }
        }
        var rows: [StatusPeriod] = []
        for family in [false, true] {
            let members = pieces.filter { ($0.outcome.reading == .deposited) == family }
            let others = family ? Self.merged(uncounted) : []
            let all = members.map { ($0.from, $0.to) } + others
            let coverage = Coverage(all)
            for piece in members {
                for (from, to, shared) in coverage.split(from: piece.from, to: piece.to) {
                    rows.append(StatusPeriod(
                        reading: piece.outcome.reading, since: piece.outcome.since,
                        from: from == StatusFold.always ? nil : from, to: to == StatusFold.never ? nil : to,
                        disputed: shared, events: events[piece.outcome, default: []].sorted()))
                }
            }
        }
        return rows.sorted(by: Self.canonicalOrder)
    }

    static func canonicalOrder(_ a: StatusPeriod, _ b: StatusPeriod) -> Bool {
        if a.reading != b.reading { return a.reading < b.reading }
        if a.since != b.since {
            guard let x = a.since else { return true }
            guard let y = b.since else { return false }
            return x < y
        }
        return (a.from ?? StatusFold.always) < (b.from ?? StatusFold.always)
    }

    /// Sorted, disjoint, non-adjacent intervals covering the same days.
    static func merged(_ list: [(from: Int, to: Int)]) -> [(from: Int, to: Int)] {
        var result: [(from: Int, to: Int)] = []
        for span in list.sorted(by: { $0.from < $1.from }) {
            if let last = result.last, span.from <= last.to {
                result[result.count - 1].to = max(last.to, span.to)
            } else {
                result.append(span)
            }
        }
        return result
    }
}

/// How many of a family's intervals cover each day, as a step function.
struct Coverage {
    /// Boundaries in order, with how many intervals cover the days from each to the next.
    private let steps: [(day: Int, count: Int)]

    init(_ intervals: [(Int, Int)]) {
        var delta: [Int: Int] = [:]
        for (from, to) in intervals {
            delta[from, default: 0] += 1
            delta[to, default: 0] -= 1
        }
        var count = 0
        steps = delta.keys.sorted().map { day in
            count += delta[day]!
            return (day, count)
        }
    }

    /// `[from, to)` cut into runs over which "another interval covers these days too" is constant.
    func split(from: Int, to: Int) -> [(from: Int, to: Int, shared: Bool)] {
        // The first step at or before `from`.
        var low = 0, high = steps.count
        while low < high {
            let mid = (low + high) / 2
            if steps[mid].day <= from { low = mid + 1 } else { high = mid }
        }
        var i = max(low - 1, 0)
        var runs: [(from: Int, to: Int, shared: Bool)] = []
        while i < steps.count, steps[i].day < to {
            let next = i + 1 < steps.count ? min(steps[i + 1].day, to) : to
            let shared = steps[i].count > 1
            let segmentStart = max(steps[i].day, from)
            if segmentStart < next {
                if let last = runs.last, last.shared == shared, last.to == segmentStart {
                    runs[runs.count - 1].to = next
                } else {
                    runs.append((segmentStart, next, shared))
                }
            }
            i += 1
        }
        return runs
    }
}
