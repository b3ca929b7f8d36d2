import AccordLog
import AccordTestSupport
import Testing

@testable import AccordTreaty

/// The status fold against its definition: over random facts with many disagreeing
/// alternatives, the statuses (and deposit dates) the periods say are possible on a day
/// are exactly those some choice of one alternative per fact gives (``StatusReading``),
/// found by enumerating every choice.
@Suite("Status periods equal a brute-force enumeration of every choice of alternatives")
struct StatusPeriodBruteForceTests {
    typealias T = ProjectionTesting
    static let actions = ["signature", "ratification", "accession", "succession", "entry-into-force", "withdrawal-notification", "withdrawal-effective"]

    /// A random fact set: the treaty with one to three alternative terms (or none), and a few
    /// status-bearing facts, each with one to five alternatives on dates 2008–2016, some partial.
    struct World {
        var treaty: FactState?
        var facts: [FactState]
    }

    static func world(seed: UInt64) -> World {
        var random = SeededGenerator(seed: seed)
        var nextID: UInt8 = 0
        func heads() -> [EventID] {
            nextID &+= 1
            return [EventID(bytes: Array(repeating: nextID, count: 32))!]
        }
        func date() -> DateSpan {
            let day = CivilCalendar.days(year: 2008, month: 1, day: 1) + Int.random(in: 0..<3_000, using: &random)
            let full = PartialDate(dayNumber: day)
            switch Int.random(in: 0..<6, using: &random) {
            case 0: return DateSpan(try! PartialDate.parse(String(full.description.prefix(7))).get())
            case 1: return DateSpan(try! PartialDate.parse(String(full.description.prefix(4))).get())
            default: return DateSpan(full)
            }
        }
        let rules: [TreatyRule] = [.firstDayOfMonthAfter(months: 6), .daysAfter(days: 30), .onDeposit, .monthsAfter(months: 6)]
        var treaty: FactState? = nil
        let termsCount = Int.random(in: 0...3, using: &random)
        if termsCount > 0 {
            let alternatives = (0..<termsCount).map { _ in
                let entry = Bool.random(using: &random) ? PartialDate(dayNumber: CivilCalendar.days(year: 2010, month: 8, day: 1) + Int.random(in: -400...400, using: &random)) : nil
                let terms = TreatyClaim(
                    treaty: "CCM", title: "Convention on Cluster Munitions", entryIntoForce: entry,
                    consentTakesEffect: rules.randomElement(using: &random)!, withdrawalTakesEffect: rules.randomElement(using: &random)!)
                return FactState.Alternative(value: .treaty(terms), heads: heads())
            }
            treaty = FactState(key: .treaty("CCM"), alternatives: alternatives)
        }
        var facts: [FactState] = []
        for action in actions where Int.random(in: 0..<3, using: &random) > 0 {
            let count = Int.random(in: 1...5, using: &random)
            let alternatives = (0..<count).map { _ in FactState.Alternative(value: .action(date: date(), tally: nil), heads: heads()) }
            facts.append(FactState(key: .action(treaty: "CCM", state: "LTU", action: action, stage: nil), alternatives: alternatives))
        }
        return World(treaty: treaty, facts: facts)
    }

    /// Every choice's reading, enumerated like an odometer (the treaty's terms included).
    static func everyReading(_ world: World) -> [StatusReading] {
        let termsChoices: [TreatyClaim?] = (world.treaty?.alternatives ?? []).map { alt -> TreatyClaim? in
            if case .treaty(let t) = alt.value { return t }
            return nil
        }
        var readings: [StatusReading] = []
        for terms in termsChoices.isEmpty ? [nil] : termsChoices {
            var choice = Array(repeating: 0, count: world.facts.count)
            while true {
                var dates: [String: DateSpan] = [:]
                for (i, fact) in world.facts.enumerated() {
                    if case .action(_, _, let action, _) = fact.key { dates[action] = fact.alternatives[choice[i]].value.date }
                }
                readings.append(StatusReading(terms: terms, dates: dates))
                var i = 0
                while i < choice.count {
                    choice[i] += 1
                    if choice[i] < world.facts[i].alternatives.count { break }
                    choice[i] = 0
                    i += 1
                }
                if i == choice.count { break }
            }
        }
        return readings
    }

    @Test("possible statuses, their since and the disputed flags equal brute force", arguments: 0..<300)
    func periodsEqualBruteForce(seed: Int) throws {
        // Given random facts with disagreeing alternatives
        let world = Self.world(seed: UInt64(seed))
        // When folded into periods
        let periods = StatusFold.periods(treaty: world.treaty, actions: world.facts)
        guard !world.facts.isEmpty else {
            #expect(periods.isEmpty)
            return
        }
        let readings = Self.everyReading(world)
        // Then on every day where something can change, and the days either side, the answers agree
        var days: Set<Int> = []
        for p in periods { for d in [p.from, p.to].compactMap({ $0 }) { days.formUnion([d - 1, d, d + 1]) } }
        for r in readings {
            for m in [r.signatory, r.consented, r.party, r.withdrawn].compactMap({ $0 }) { days.formUnion([m.day - 1, m.day, m.day + 1]) }
        }
        days.insert(CivilCalendar.days(year: 2000, month: 1, day: 1))
        for day in days.sorted() {
            struct Answer: Hashable { var status: TreatyStatus; var since: StatusMark? }
            let expected = Set(readings.map { r in let (s, m) = r.status(onDay: day); return Answer(status: s, since: m) })
            let rows = periods.statuses(onDay: day)
            let actual = Set(rows.map { Answer(status: $0.status!, since: $0.since) })
            #expect(actual == expected, "seed \(seed), day \(PartialDate(dayNumber: day))")
            #expect(rows.count == actual.count, "seed \(seed): one row per answer on a day")
            #expect(rows.allSatisfy { $0.disputed == (expected.count > 1) }, "seed \(seed), day \(PartialDate(dayNumber: day)): disputed flags")

            let expectedDeposits = Set(readings.map { $0.deposit(onDay: day) })
            let deposits = periods.deposits(onDay: day)
            #expect(Set(deposits.map(\.since)) == expectedDeposits.subtracting([nil]), "seed \(seed), day \(PartialDate(dayNumber: day)): deposits")
            #expect(deposits.allSatisfy { $0.disputed == (expectedDeposits.count > 1) }, "seed \(seed): deposit disputed flags")
        }
    }

    @Test("a state with 40 disagreeing dates on each of five facts folds exactly into rows linear in the alternatives")
    func manyAlternativesStaySmall() throws {
        // Given 40 alternatives for each of five facts: 40^5 ≈ 10^8 choices, too many to enumerate
        let terms = TreatyRuleTests.ccmTerms
        var id: UInt16 = 0
        func alternatives(from start: String) -> [FactState.Alternative] {
            (0..<40).map { i in
                id += 1
                let bytes: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xff)] + Array(repeating: UInt8(0), count: 30)
                return FactState.Alternative(value: .action(date: DateSpan(PartialDate(dayNumber: T.day(start) + 17 * i)), tally: nil), heads: [EventID(bytes: bytes)!])
            }
        }
        let facts = [("signature", "2008-12-03"), ("ratification", "2010-01-01"), ("accession", "2011-06-01"), ("withdrawal-notification", "2024-01-01"), ("withdrawal-effective", "2024-09-01")].map { action, start in
            FactState(key: .action(treaty: "CCM", state: "LTU", action: action, stage: nil), alternatives: alternatives(from: start))
        }
        let treaty = FactState(key: .treaty("CCM"), alternatives: [.init(value: .treaty(terms), heads: [EventID(bytes: Array(repeating: 0xff, count: 32))!])])
        // When folded
        let periods = StatusFold.periods(treaty: treaty, actions: facts)
        // Then the rows grow with the alternatives (200), not with their product
        #expect(periods.count < 1_000)
        // And after the last ratification every reading has consented: consented (in force later) or party
        let answers = Set(periods.statuses(onDay: T.day("2012-01-01")).map(\.status))
        #expect(answers == [TreatyStatus.consented, .party])
    }
}
