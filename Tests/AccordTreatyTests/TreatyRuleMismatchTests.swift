import AccordLog
import AccordTestSupport
@testable import AccordTreaty
import Testing

/// `accord check` reports a stated date that contradicts the treaty's rule
/// (a rule mismatch, naming both facts); the stated date still wins.
@Suite("Rule mismatches")
struct TreatyRuleMismatchTests {
    typealias T = ProjectionTesting

    static func mismatches(_ lines: [String]) throws -> [RuleMismatch] {
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try replica.append(lines.map(T.claim))
        return try replica.store.read { db in try RuleMismatch.all(in: db) }
    }

    @Test("stated dates that agree with the rule are not mismatches")
    func agreeingDatesAreNotMismatches() throws {
        let found = try Self.mismatches(T.lithuania + [T.action("entry-into-force", "2011-09-01"), T.action("withdrawal-effective", "2025-03-06")])
        #expect(found.isEmpty, "\(found)")
    }

    @Test("a stated withdrawal date the rule does not give is a mismatch naming both facts and both dates")
    func contradictingWithdrawal() throws {
        let found = try Self.mismatches(T.lithuania + [T.action("withdrawal-effective", "2024-07")])
        let mismatch = try #require(found.first)
        #expect(found.count == 1)
        #expect(mismatch.stated.fact.description == "action/CCM/LTU/withdrawal-effective")
        #expect(mismatch.stated.date == "2024-07")
        #expect(mismatch.computed.from.description == "action/CCM/LTU/withdrawal-notification")
        #expect(mismatch.computed.date == "2025-03-06")
        #expect(mismatch.description.contains("action/CCM/LTU/withdrawal-effective"))
        #expect(mismatch.description.contains("action/CCM/LTU/withdrawal-notification"))
    }

    @Test("a stated date contained in a partial stated date is not a mismatch")
    func partialStatedDateContainingTheRuleIsNotAMismatch() throws {
        let found = try Self.mismatches(T.lithuania + [T.action("withdrawal-effective", "2025-03")])
        #expect(found.isEmpty, "\(found)")
    }

    /// DOMAIN.md's articles: "documents submitted in the autumn" (2024-09/2024-11) and
    /// "the withdrawal, effective March 6th". Any notice in the interval gives an effective date in
    /// 2025-03-01…2025-05-30, and 2025-03-06 is the one a notice on 2024-09-06 gives: the stated
    /// date does not contradict the rule. Likewise a ratification known only as "2011" and a stated
    /// entry into force on 2011-09-01 (a deposit in March 2011 gives it).
    @Test(
        "a stated date the rule gives from some day of a partial instrument date is not a mismatch",
        arguments: [
            [T.action("withdrawal-notification", "2024-09/2024-11"), T.action("withdrawal-effective", "2025-03-06")],
            [T.action("ratification", "2011"), T.action("entry-into-force", "2011-09-01")],
        ])
    func partialInstrumentDatesDoNotContradict(lines: [String]) throws {
        // Given the CCM, a partial instrument date and a stated effective date some day of it gives
        let found = try Self.mismatches([T.ccm] + lines)
        // Then check reports no mismatch
        #expect(found.isEmpty, "\(found.map(\.description))")
    }

    @Test("a stated date the rule cannot give from any day of a partial instrument date is still a mismatch")
    func partialInstrumentDateStillContradicted() throws {
        // A notice in September to November 2024 takes effect between 2025-03-01 and 2025-05-30, never in July 2024
        let found = try Self.mismatches([
            T.ccm, T.action("ratification", "2011-03-24"), T.action("withdrawal-notification", "2024-09/2024-11"),
            T.action("withdrawal-effective", "2024-07"),
        ])
        #expect(found.count == 1, "\(found)")
    }
}
