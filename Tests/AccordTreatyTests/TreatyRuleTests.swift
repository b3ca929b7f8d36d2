import AccordLog
import AccordTestSupport
@testable import AccordTreaty
import Testing

/// The treaty rules give DOMAIN.md's worked dates: as pure functions, through
/// the status fold, and through a real store loaded from claims.
@Suite("Treaty rules")
struct TreatyRuleTests {
    typealias T = ProjectionTesting

    static func date(_ day: Int) -> String { PartialDate(dayNumber: day).description }

    // MARK: - The rules as functions

    @Test(
        "first-day-of-month-after 6 gives the first day of the sixth month after the month of deposit (CCM Art. 17(2))",
        arguments: [
            ("2011-03-24", "2011-09-01"), ("2023-02-28", "2023-08-01"), ("2023-08-03", "2024-02-01"),
            // Crossing a year end, and the last and first day of a month.
            ("2023-12-31", "2024-06-01"), ("2024-07-01", "2025-01-01"),
        ])
    func firstDayOfMonthAfter(deposit: String, inForce: String) {
        // Given the CCM's consent rule
        let rule = TreatyRule.firstDayOfMonthAfter(months: 6)
        // When a state deposits on `deposit`
        let effective = rule.effectiveDay(from: T.day(deposit))
        // Then the treaty is in force for it on `inForce`
        #expect(Self.date(effective) == inForce)
    }

    @Test(
        "months-after 6 keeps the day number, or takes the last day of a shorter month (CCM Art. 20(3))",
        arguments: [
            ("2024-09-06", "2025-03-06"), ("2024-08-31", "2025-02-28"), ("2023-08-31", "2024-02-29"),
            ("2024-12-31", "2025-06-30"), ("2024-07-15", "2025-01-15"),
        ])
    func monthsAfter(notice: String, effective: String) {
        // Given the CCM's withdrawal rule
        let rule = TreatyRule.monthsAfter(months: 6)
        // When the depositary receives the instrument on `notice`
        let day = rule.effectiveDay(from: T.day(notice))
        // Then the withdrawal takes effect on `effective`
        #expect(Self.date(day) == effective)
    }

    @Test("days-after counts calendar days across month and leap-year ends; on-deposit is the same day")
    func daysAfterAndOnDeposit() {
        #expect(Self.date(TreatyRule.daysAfter(days: 90).effectiveDay(from: T.day("2013-04-02"))) == "2013-07-01")
        #expect(Self.date(TreatyRule.daysAfter(days: 1).effectiveDay(from: T.day("2024-02-28"))) == "2024-02-29")
        #expect(Self.date(TreatyRule.daysAfter(days: 1).effectiveDay(from: T.day("2023-02-28"))) == "2023-03-01")
        #expect(Self.date(TreatyRule.onDeposit.effectiveDay(from: T.day("2024-02-29"))) == "2024-02-29")
    }

    @Test("months-after 1 from the 29th, 30th and 31st of January lands on the last day of February")
    func monthsAfterClampsToMonthEnd() {
        for day in ["2023-01-29", "2023-01-30", "2023-01-31"] {
            #expect(Self.date(TreatyRule.monthsAfter(months: 1).effectiveDay(from: T.day(day))) == "2023-02-28")
        }
        #expect(Self.date(TreatyRule.monthsAfter(months: 1).effectiveDay(from: T.day("2024-01-30"))) == "2024-02-29")
        #expect(Self.date(TreatyRule.monthsAfter(months: 12).effectiveDay(from: T.day("2024-02-29"))) == "2025-02-28")
    }

    // MARK: - Through the status fold

    /// The one reading undisputed periods describe: each status's since, read off its row.
    static func reading(_ periods: [StatusPeriod]) throws -> (consented: StatusMark?, party: StatusMark?, withdrawn: StatusMark?) {
        let disputed = periods.contains { $0.disputed }
        #expect(!disputed, "nothing is disputed here")
        func mark(_ status: TreatyStatus) -> StatusMark? { periods.first { $0.status == status }?.since }
        return (mark(.consented), mark(.party), mark(.withdrawn))
    }

    static func fact(_ key: FactKey, _ value: FactValue, id byte: UInt8) -> FactState {
        FactState(key: key, heads: [(EventID(bytes: Array(repeating: byte, count: 32))!, value)])
    }

    static let ccmTerms = TreatyClaim(
        treaty: "CCM", title: "Convention on Cluster Munitions",
        entryIntoForce: PartialDate(year: 2010, month: 8, day: 1),
        consentTakesEffect: .firstDayOfMonthAfter(months: 6), withdrawalTakesEffect: .monthsAfter(months: 6))

    static func span(_ text: String) -> DateSpan {
        guard case .success(let span) = DateSpan.parse(text) else { fatalError(text) }
        return span
    }

    @Test(
        "the status fold computes entry into force from a deposit by the treaty's rule",
        arguments: [
            // Before the treaty's own entry into force: max(its entry into force, the rule) (DOMAIN.md:
            // Burkina Faso, up to the 30th instrument, on it; Ecuador, after the 30th, by the rule).
            ("2008-12-03", "2010-08-01"), ("2009-07-08", "2010-08-01"), ("2010-02-16", "2010-08-01"),
            ("2010-05-11", "2010-11-01"), ("2010-07-31", "2011-01-01"),
            // On or after it: the rule.
            ("2010-08-01", "2011-02-01"), ("2011-03-24", "2011-09-01"), ("2023-02-28", "2023-08-01"),
            ("2023-08-03", "2024-02-01"),
        ])
    func foldComputesEntryIntoForce(deposit: String, inForce: String) throws {
        // Given the CCM's terms and one ratification
        let treaty = Self.fact(.treaty("CCM"), .treaty(Self.ccmTerms), id: 1)
        let ratification = Self.fact(
            .action(treaty: "CCM", state: "LTU", action: "ratification", stage: nil),
            .action(date: Self.span(deposit), tally: nil), id: 2)
        // When the fold runs
        let variant = try Self.reading(StatusFold.periods(treaty: treaty, actions: [ratification]))
        // Then one reading: consented on the deposit, party on the computed date
        #expect(variant.consented == StatusMark(day: T.day(deposit), date: deposit, computed: false))
        #expect(variant.party == StatusMark(day: T.day(inForce), date: inForce, computed: true))
    }

    @Test("a withdrawal received on 31 August takes effect on the last day of February, through the fold")
    func foldComputesWithdrawal() throws {
        for (notice, effective) in [("2024-08-31", "2025-02-28"), ("2023-08-31", "2024-02-29"), ("2024-09-06", "2025-03-06")] {
            let treaty = Self.fact(.treaty("CCM"), .treaty(Self.ccmTerms), id: 1)
            let ratification = Self.fact(
                .action(treaty: "CCM", state: "LTU", action: "ratification", stage: nil),
                .action(date: Self.span("2011-03-24"), tally: nil), id: 2)
            let withdrawal = Self.fact(
                .action(treaty: "CCM", state: "LTU", action: "withdrawal-notification", stage: nil),
                .action(date: Self.span(notice), tally: nil), id: 3)
            let variant = try Self.reading(StatusFold.periods(treaty: treaty, actions: [ratification, withdrawal]))
            #expect(variant.withdrawn == StatusMark(day: T.day(effective), date: effective, computed: true), "notice \(notice)")
        }
    }

    @Test("a rule starts from the first day a partial date covers")
    func partialDatesStartOnTheirFirstDay() throws {
        // Given a deposit known only to the month and a notice known only as an interval
        let treaty = Self.fact(.treaty("CCM"), .treaty(Self.ccmTerms), id: 1)
        let ratification = Self.fact(
            .action(treaty: "CCM", state: "LTU", action: "ratification", stage: nil),
            .action(date: Self.span("2011-03"), tally: nil), id: 2)
        let withdrawal = Self.fact(
            .action(treaty: "CCM", state: "LTU", action: "withdrawal-notification", stage: nil),
            .action(date: Self.span("2024-09/2024-11"), tally: nil), id: 3)
        // When the fold runs
        let variant = try Self.reading(StatusFold.periods(treaty: treaty, actions: [ratification, withdrawal]))
        // Then the rules count from 2011-03-01 and 2024-09-01
        #expect(variant.consented == StatusMark(day: T.day("2011-03-01"), date: "2011-03", computed: false))
        #expect(variant.party?.date == "2011-09-01")
        #expect(variant.withdrawn == StatusMark(day: T.day("2025-03-01"), date: "2025-03-01", computed: true))
    }

    @Test("without the treaty's terms nothing is computed: the state is consented, never party by rule")
    func noTermsNoComputation() throws {
        let ratification = Self.fact(
            .action(treaty: "CCM", state: "LTU", action: "ratification", stage: nil),
            .action(date: Self.span("2011-03-24"), tally: nil), id: 2)
        let withdrawal = Self.fact(
            .action(treaty: "CCM", state: "LTU", action: "withdrawal-notification", stage: nil),
            .action(date: Self.span("2024-09-06"), tally: nil), id: 3)
        let variant = try Self.reading(StatusFold.periods(treaty: nil, actions: [ratification, withdrawal]))
        #expect(variant.consented?.date == "2011-03-24")
        #expect(variant.party == nil)
        #expect(variant.withdrawn == nil)
    }

    // MARK: - Through a store loaded from claims

    @Test(
        "a real store computes the CCM's worked dates from deposit claims",
        arguments: [
            ("2011-03-24", "2011-09-01"), ("2023-02-28", "2023-08-01"), ("2023-08-03", "2024-02-01"),
            ("2009-07-08", "2010-08-01"), ("2008-12-03", "2010-08-01"),
        ])
    func storeComputesEntryIntoForce(deposit: String, inForce: String) throws {
        // Given a replica that knows the CCM and one deposit
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try T.append(replica, T.ccm, T.action("ratification", deposit, state: "NOR"))
        // When asked on the computed day and the day before
        let on = try T.status(replica, "NOR", on: inForce)
        let dayBefore = try T.status(replica, "NOR", on: Self.date(T.day(inForce) - 1))
        // Then party since the computed day, marked computed; the day before not yet (or consented)
        #expect(on.status == .party)
        #expect(on.since == StatusMark(day: T.day(inForce), date: inForce, computed: true))
        #expect(dayBefore.status != .party)
    }

    @Test(
        "a real store computes when a withdrawal takes effect, down to the end of February",
        arguments: [("2024-09-06", "2025-03-06"), ("2024-08-31", "2025-02-28"), ("2023-08-31", "2024-02-29")])
    func storeComputesWithdrawal(notice: String, effective: String) throws {
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try T.append(replica, T.ccm, T.action("ratification", "2011-03-24"), T.action("withdrawal-notification", notice))
        let on = try T.status(replica, on: effective)
        let dayBefore = try T.status(replica, on: Self.date(T.day(effective) - 1))
        #expect(on.status == .withdrawn)
        #expect(on.since == StatusMark(day: T.day(effective), date: effective, computed: true))
        #expect(dayBefore.status == .party)
    }

    @Test("changing the treaty's rule by a superseding treaty claim recomputes every state's dates")
    func ruleIsData() throws {
        // Given the CCM and a deposit, then a corrected treaty claim with a days-after rule
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        let ids = try T.append(replica, T.ccm, T.action("ratification", "2011-03-24"))
        #expect(try T.status(replica, on: "2011-09-01").since?.date == "2011-09-01")
        let corrected = #"{"type":"treaty","treaty":"CCM","title":"Convention on Cluster Munitions","entry_into_force":"2010-08-01","consent_takes_effect":{"rule":"days-after","days":30},"withdrawal_takes_effect":{"rule":"months-after","months":6}}"#
        // When the treaty claim is superseded
        try T.append(replica, corrected, superseding: [ids[0]])
        // Then the status follows the new rule: 30 days after 2011-03-24
        let answer = try T.status(replica, on: "2011-05-01")
        #expect(answer.status == .party)
        #expect(answer.since == StatusMark(day: T.day("2011-04-23"), date: "2011-04-23", computed: true))
        try replica.store.read { db in try ProjectionVerifier.verify(in: db) }
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    fileprivate var only: Element? { count == 1 ? first : nil }
}
