import AccordLog
import AccordTestSupport
@testable import AccordTreaty
import Testing

/// Lithuania and the CCM (DOMAIN.md), loaded from claims into a real store:
/// each status on the days either side of each step.
@Suite("Status of Lithuania under the CCM")
struct StatusLithuaniaTests {
    typealias T = ProjectionTesting

    struct Expected: Sendable, CustomTestStringConvertible {
        var on: String
        var status: TreatyStatus
        var since: String?
        var computed: Bool
        var testDescription: String { "\(on) → \(status.rawValue)\(since.map { " since \($0)" } ?? "")" }
    }

    static let depositaryRecord: [Expected] = [
        Expected(on: "2008-12-02", status: .notParty, since: nil, computed: false),
        Expected(on: "2008-12-03", status: .signatory, since: "2008-12-03", computed: false),
        Expected(on: "2011-03-23", status: .signatory, since: "2008-12-03", computed: false),
        Expected(on: "2011-03-24", status: .consented, since: "2011-03-24", computed: false),
        Expected(on: "2011-08-31", status: .consented, since: "2011-03-24", computed: false),
        Expected(on: "2011-09-01", status: .party, since: "2011-09-01", computed: true),
        Expected(on: "2024-09-06", status: .party, since: "2011-09-01", computed: true),
        Expected(on: "2025-03-05", status: .party, since: "2011-09-01", computed: true),
        Expected(on: "2025-03-06", status: .withdrawn, since: "2025-03-06", computed: true),
        Expected(on: "2030-01-01", status: .withdrawn, since: "2025-03-06", computed: true),
    ]

    @Test("from the depositary's record, the withdrawal date is computed", arguments: depositaryRecord)
    func computedFromTheRecord(_ expected: Expected) throws {
        // Given the CCM, Lithuania's signature, ratification and instrument of withdrawal
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try replica.append(T.lithuania.map(T.claim))
        // When asked for its status on the date
        let answer = try T.status(replica, on: expected.on)
        // Then it is the expected one, undisputed
        #expect(answer.status == expected.status)
        #expect(answer.since?.date == expected.since)
        #expect((answer.since?.computed ?? false) == expected.computed)
        #expect(answer.since.map { $0.day == T.day(String($0.date.prefix(10))) } ?? true)
        #expect(!answer.disputed)
        #expect(answer.alternatives.isEmpty)
    }

    @Test("a stated withdrawal-effective date wins and is not marked computed")
    func statedWithdrawalIsNotComputed() throws {
        // Given the record and a source stating the date the withdrawal took effect
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try replica.append((T.lithuania + [T.action("withdrawal-effective", "2025-03-06")]).map(T.claim))
        // When asked on 2025-03-05 and 2025-03-06
        let before = try T.status(replica, on: "2025-03-05")
        let after = try T.status(replica, on: "2025-03-06")
        // Then party the day before, withdrawn since 2025-03-06 as stated
        #expect(before.status == .party)
        #expect(after.status == .withdrawn)
        #expect(after.since == StatusMark(day: T.day("2025-03-06"), date: "2025-03-06", computed: false))
        #expect(!after.disputed)
    }

    @Test("a stated entry into force wins over the computed one; check reports the contradiction")
    func statedEntryIntoForceWins() throws {
        // Given a deposit on 2011-03-24 and a source that says in force on 2011-10-01 (the rule gives 2011-09-01)
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try T.append(replica, T.ccm, T.action("ratification", "2011-03-24"), T.action("entry-into-force", "2011-10-01"))
        // When asked on 2011-09-15
        let answer = try T.status(replica, on: "2011-09-15")
        // Then the stated date wins: still consented
        #expect(answer.status == .consented)
        #expect(try T.status(replica, on: "2011-10-01").since == StatusMark(day: T.day("2011-10-01"), date: "2011-10-01", computed: false))
        // And the rule mismatch names both facts
        let mismatches = try replica.store.read { db in try RuleMismatch.all(in: db) }
        let mismatch = try #require(mismatches.first)
        #expect(mismatches.count == 1)
        #expect(mismatch.stated.fact.description == "action/CCM/LTU/entry-into-force")
        #expect(mismatch.computed.from.description == "action/CCM/LTU/ratification")
        #expect(mismatch.computed.date == "2011-09-01")
    }

    @Test("a state joining late is consented between deposit and entry into force", arguments: [
        ("2023-02-28", "2023-05-01", "2023-08-01"),
        ("2023-08-03", "2024-01-31", "2024-02-01"),
    ])
    func lateJoinerIsConsentedThenParty(deposit: String, between: String, inForce: String) throws {
        // Given the CCM and an accession after 2010-08-01
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try T.append(replica, T.ccm, T.action("accession", deposit, state: "NGA"))
        // When asked between deposit and entry into force, and on entry into force
        let consented = try T.status(replica, "NGA", on: between)
        let party = try T.status(replica, "NGA", on: inForce)
        let before = try T.status(replica, "NGA", on: TreatyRuleTests.date(T.day(deposit) - 1))
        // Then consented since the deposit, then party since the computed date; not-party before
        #expect(consented.status == .consented)
        #expect(consented.since == StatusMark(day: T.day(deposit), date: deposit, computed: false))
        #expect(party.status == .party)
        #expect(party.since == StatusMark(day: T.day(inForce), date: inForce, computed: true))
        #expect(before.status == .notParty)
        #expect(before.since == nil)
    }

    @Test("a state the store knows nothing about is not-party, since null")
    func unknownStateIsNotParty() throws {
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try replica.append(T.lithuania.map(T.claim))
        let answer = try T.status(replica, "FRA", on: "2025-03-06")
        #expect(answer.status == .notParty)
        #expect(answer.since == nil)
        #expect(!answer.disputed)
    }

    @Test("an unknown treaty is refused naming it and the known treaties")
    func unknownTreaty() throws {
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try replica.append(T.lithuania.map(T.claim))
        let error = try #require(throws: AccordError.self) { try T.status(replica, treaty: "XYZ", on: "2025-03-06") }
        #expect(error.code == .notFound)
        #expect(error.description.contains("XYZ"))
        #expect(error.description.contains("CCM"))
    }

    @Test("parties counts Lithuania on 2025-03-05 and not on 2025-03-06; by deposit counts a late joiner before it is in force")
    func partiesEitherSideOfWithdrawal() throws {
        // Given Lithuania's record and Nigeria's accession on 2023-02-28
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try replica.append((T.lithuania + [T.action("accession", "2023-02-28", state: "NGA")]).map(T.claim))
        func parties(_ on: String, _ by: PartiesAnswer.Basis) throws -> [String: StatusMark] {
            try replica.store.read { db in
                let answer = try PartiesAnswer.answer(treaty: "CCM", on: T.day(on), by: by, reader: ProjectionReader(db: db, knownAt: nil))
                return Dictionary(uniqueKeysWithValues: answer.parties.map { ($0.state, $0.since) })
            }
        }
        // Then in force: LTU on 2025-03-05 only; NGA from 2023-08-01
        #expect(try parties("2025-03-05", .inForce).mapValues(\.date) == ["LTU": "2011-09-01", "NGA": "2023-08-01"])
        #expect(try parties("2025-03-06", .inForce).mapValues(\.date) == ["NGA": "2023-08-01"])
        #expect(try parties("2023-05-01", .inForce).mapValues(\.date) == ["LTU": "2011-09-01"])
        // And by deposit: NGA counts from 2023-02-28, LTU from 2011-03-24 until it withdrew
        #expect(try parties("2023-05-01", .deposit).mapValues(\.date) == ["LTU": "2011-03-24", "NGA": "2023-02-28"])
        #expect(try parties("2025-03-06", .deposit).mapValues(\.date) == ["NGA": "2023-02-28"])
        #expect(try parties("2011-03-24", .deposit).mapValues(\.date) == ["LTU": "2011-03-24"])
        #expect(try parties("2011-03-24", .inForce).isEmpty)
    }

    @Test("the timeline lists Lithuania's actions in date order with the computed dates marked")
    func timelineInDateOrder() throws {
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try replica.append((T.lithuania + [
            T.action("parliament-vote", "2024-07-18", stage: "final", tally: #"{"for":103}"#),
            T.action("parliament-vote", "2024-07-11", stage: "first-reading", tally: #"{"for":99,"against":1,"abstain":3}"#),
        ]).map(T.claim))
        let answer = try replica.store.read { db in
            try TimelineAnswer.answer(state: "LTU", treaty: "CCM", reader: ProjectionReader(db: db, knownAt: nil))
        }
        let rows = answer.entries.map { "\($0.date) \($0.action)\($0.stage.map { "/\($0)" } ?? "")\($0.computed ? " computed" : "")" }
        #expect(rows == [
            "2008-12-03 signature",
            "2011-03-24 ratification",
            "2011-09-01 entry-into-force computed",
            "2024-07-11 parliament-vote/first-reading",
            "2024-07-18 parliament-vote/final",
            "2024-09-06 withdrawal-notification",
            "2025-03-06 withdrawal-effective computed",
        ])
    }
}
