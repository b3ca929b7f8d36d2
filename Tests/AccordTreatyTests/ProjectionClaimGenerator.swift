import AccordLog
@testable import AccordTreaty

/// Random claim sequences for the projection properties: treaties with random
/// rules, deposits, signatures, withdrawals, partial dates and intervals,
/// stage votes with tallies, statements, corrections, resolutions that
/// supersede the heads an analyst saw (possibly a stale view, as two replicas
/// resolving concurrently would), and retractions.
///
/// Dates are drawn around a few base days per sequence, at random precisions,
/// so heads often corroborate (a month containing a day) and often dispute.
struct ProjectionClaimGenerator {
    /// A claim already in the log, as the generator remembers it.
    struct Known {
        var id: EventID
        var claim: Claim
    }

    static let treaties = ["CCM", "APM"]
    static let states = ["LTU", "AFG"]
    static let actions: [TreatyAction] = [
        .signature, .ratification, .ratification, .accession, .acceptance, .succession,
        .withdrawalNotification, .withdrawalNotification, .withdrawalEffective, .entryIntoForce,
        .parliamentVote, .parliamentVote, .decree, .suspensionNotification,
    ]

    /// Whether resolutions may name claims of another fact (only imports can carry those).
    var crossFactSupersession = false
    /// Half the sequences are "disputed": one treaty and one state, the status-bearing actions only, and dates
    /// spread over fifteen days, so most facts have many heads that disagree (as a messy scrape
    /// or a hostile peer makes) and statuses have many possible readings.
    let disputed: Bool
    private let baseDays: [Int]
    private let states: [String]
    private let treaties: [String]
    private let actions: [TreatyAction]
    private var serial = 0

    init(using rng: inout ProjectionRandom) {
        let low = CivilCalendar.days(year: 2008, month: 1, day: 1)
        let high = CivilCalendar.days(year: 2026, month: 12, day: 31)
        disputed = rng.chance(0.5)
        baseDays = (0..<(disputed ? 15 : 3)).map { _ in Int.random(in: low...high, using: &rng) }
        states = disputed ? ["LTU"] : Self.states
        treaties = disputed ? ["CCM"] : Self.treaties
        actions = disputed
            ? [.signature, .ratification, .accession, .succession, .withdrawalNotification, .withdrawalEffective, .entryIntoForce]
            : Self.actions
    }

    // MARK: - Values

    mutating func date(_ rng: inout ProjectionRandom) -> DateSpan {
        let base = PartialDate(dayNumber: rng.chance(0.9) ? rng.pick(baseDays) : Int.random(in: 13_000...21_000, using: &rng))
        let month = PartialDate.parse(String(base.description.prefix(7)))
        let year = PartialDate.parse(String(base.description.prefix(4)))
        guard case .success(let m) = month, case .success(let y) = year else { fatalError("unreachable") }
        switch Int.random(in: 0..<20, using: &rng) {
        case 0..<10: return DateSpan(base)
        case 10..<13: return DateSpan(m)
        case 13..<15: return DateSpan(y)
        case 15..<18:
            // An interval of months around the base: "2024-09/2024-11".
            let first = PartialDate(dayNumber: base.firstDay - Int.random(in: 0...60, using: &rng))
            let last = PartialDate(dayNumber: base.firstDay + Int.random(in: 0...60, using: &rng))
            guard case .success(let a) = PartialDate.parse(String(first.description.prefix(7))),
                  case .success(let b) = PartialDate.parse(String(last.description.prefix(7)))
            else { fatalError("unreachable") }
            return DateSpan(start: a, end: b)
        default:
            // Mixed precision: "2024-09-06/2024-11".
            let last = PartialDate(dayNumber: base.firstDay + Int.random(in: 0...90, using: &rng))
            guard case .success(let b) = PartialDate.parse(String(last.description.prefix(7))) else { fatalError("unreachable") }
            return DateSpan(start: base, end: b)
        }
    }

    func tally(_ rng: inout ProjectionRandom) -> Tally? {
        guard rng.chance(0.6) else { return nil }
        var tally = Tally()
        while tally.inFavour == nil && tally.against == nil && tally.abstaining == nil {
            if rng.chance(0.7) { tally.inFavour = rng.pick([99, 103]) }
            if rng.chance(0.4) { tally.against = rng.pick([0, 1]) }
            if rng.chance(0.4) { tally.abstaining = rng.pick([3, 4]) }
        }
        return tally
    }

    func rule(_ rng: inout ProjectionRandom) -> TreatyRule {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return .onDeposit
        case 1: return .firstDayOfMonthAfter(months: rng.pick([1, 6]))
        case 2: return .monthsAfter(months: rng.pick([6, 12]))
        default: return .daysAfter(days: rng.pick([30, 90]))
        }
    }

    mutating func sources(_ rng: inout ProjectionRandom) -> [Source] {
        serial += 1
        return [Source(url: "https://example.org/\(Int.random(in: 0..<3, using: &rng))", outlet: rng.chance(0.3) ? "Outlet \(serial)" : nil)]
    }

    mutating func treatyTerms(_ code: String, _ rng: inout ProjectionRandom) -> TreatyClaim {
        let entry: PartialDate? = rng.chance(0.85)
            ? rng.pick([PartialDate(year: 2010, month: 8, day: 1), PartialDate(year: 1999, month: 3, day: 1), PartialDate(year: 2014, month: 12, day: 24)])
            : nil
        return TreatyClaim(
            treaty: code, title: rng.chance(0.9) ? "Treaty \(code)" : "The \(code) treaty", entryIntoForce: entry,
            consentTakesEffect: rule(&rng), withdrawalTakesEffect: rule(&rng), sources: rng.chance(0.5) ? sources(&rng) : [])
    }

    // MARK: - Claims

    mutating func freshClaim(_ rng: inout ProjectionRandom) -> Claim {
        switch Int.random(in: 0..<20, using: &rng) {
        case 0..<3:
            return Claim(.treaty(treatyTerms(rng.pick(Self.treaties), &rng)))
        case 3..<6:
            return Claim(.statement(StatementClaim(
                subject: rng.pick(states + ["NATO"]), property: rng.pick(["uxo-mitigation", "deputy-minister"]),
                value: rng.pick(["algorithms", "rapid collection", "Renius Pleškys"]),
                date: rng.chance(0.3) ? date(&rng) : nil, sources: sources(&rng))))
        default:
            let action = rng.pick(actions)
            let stage = action == .parliamentVote ? rng.pick(["first-reading", "final"]) : nil
            return Claim(.action(ActionClaim(
                treaty: rng.pick(treaties), state: rng.pick(states), action: action, stage: stage, date: date(&rng),
                tally: action == .parliamentVote ? tally(&rng) : nil, sources: sources(&rng))),
                note: rng.chance(0.1) ? "note \(serial)" : nil)
        }
    }

    /// A claim of the same fact as `template` with a new random value.
    mutating func variation(of template: Claim, _ rng: inout ProjectionRandom) -> Claim {
        var claim = template
        claim.supersedes = []
        claim.note = nil
        switch template.body {
        case .action(var a):
            a.date = date(&rng)
            if a.action == .parliamentVote { a.tally = tally(&rng) }
            a.sources = sources(&rng)
            claim.body = .action(a)
        case .statement(var s):
            s.value = rng.pick(["algorithms", "rapid collection", "Renius Pleškys", "Karolis Aleksa"])
            s.sources = sources(&rng)
            claim.body = .statement(s)
        case .treaty(let t):
            claim.body = .treaty(treatyTerms(t.treaty, &rng))
        case .retraction:
            break
        }
        return claim
    }

    /// The heads of every fact as `known` makes them: claims that no known claim supersedes.
    static func heads(_ known: ArraySlice<Known>) -> [FactKey: [Known]] {
        let superseded = Set(known.flatMap(\.claim.supersedes))
        var heads: [FactKey: [Known]] = [:]
        for k in known where !superseded.contains(k.id) {
            if case .retraction = k.claim.body { continue }
            heads[k.claim.fact, default: []].append(k)
        }
        return heads
    }

    /// The next claim an analyst who has seen `seen` might write.
    mutating func next(seen: ArraySlice<Known>, _ rng: inout ProjectionRandom) -> Claim {
        let heads = Self.heads(seen)
        let facts = heads.keys.sorted()
        let roll = Int.random(in: 0..<20, using: &rng)
        if roll < 4, let fact = facts.isEmpty ? nil : rng.pick(facts) {
            // A resolution: supersedes every head the analyst sees.
            let current = heads[fact]!
            var claim = variation(of: rng.pick(current).claim, &rng)
            if rng.chance(0.3) { claim = rng.pick(current).claim }  // a --pick
            claim.supersedes = current.map(\.id)
            claim.note = rng.chance(0.5) ? "resolved" : nil
            return claim
        }
        if roll < 6, let target = seen.isEmpty ? nil : rng.pick(Array(seen)) {
            // A correction of one claim (which may already be superseded).
            if case .retraction = target.claim.body { return freshClaim(&rng) }
            var claim = variation(of: target.claim, &rng)
            claim.supersedes = [target.id]
            if crossFactSupersession, rng.chance(0.2), let other = seen.randomElement(using: &rng), other.id != target.id {
                claim.supersedes.append(other.id)
            }
            return claim
        }
        if roll < 8, let target = seen.isEmpty ? nil : rng.pick(Array(seen)) {
            // A retraction.
            if case .retraction = target.claim.body { return freshClaim(&rng) }
            return Claim(.retraction(RetractionClaim(fact: target.claim.fact)), note: "retracted", supersedes: [target.id])
        }
        return freshClaim(&rng)
    }
}
