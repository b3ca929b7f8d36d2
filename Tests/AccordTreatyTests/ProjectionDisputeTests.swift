import AccordLog
import AccordTestSupport
@testable import AccordTreaty
import Testing

/// Facts, heads and disputes (CONTRACT.md "Facts, disputes, resolution"):
/// which heads corroborate, which dispute, and how resolving and retracting
/// change that — on a real store, checked against a rebuild each time.
@Suite("Disputes, resolutions and retractions")
struct ProjectionDisputeTests {
    typealias T = ProjectionTesting

    static let finalVote = "action/CCM/LTU/parliament-vote/final"
    static let notice = "action/CCM/LTU/withdrawal-notification"

    /// The projections equal a rebuild (every test ends with this).
    static func expectConsistent(_ replica: TreatyReplica, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: Never.self, sourceLocation: sourceLocation) { try replica.store.read { db in try ProjectionVerifier.verify(in: db) } }
    }

    static func vote(_ date: String, tally: String? = nil, url: String = "https://example.org/a") -> String {
        T.action("parliament-vote", date, stage: "final", tally: tally, url: url)
    }

    // MARK: - Agreement and dispute

    @Test("two heads with different years are disputed, and disputes lists both heads")
    func differentYearsDispute() throws {
        // Given two claims of the final vote, July 2023 and July 2024
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        let ids = try T.append(replica, T.ccm, Self.vote("2023-07", url: "https://example.org/000"), Self.vote("2024-07", url: "https://example.org/001"))
        // When the fact is read
        let fact = try #require(try T.fact(replica, Self.finalVote))
        // Then it is disputed, one alternative per year, each resting on its head
        #expect(fact.isDisputed)
        #expect(fact.alternatives.map(\.value.date?.description) == ["2023-07", "2024-07"])
        #expect(fact.alternatives.map(\.heads) == [[ids[1]], [ids[2]]])
        // And `disputes` lists it with each head's value, source and author
        let disputes = try T.disputes(replica)
        let dispute = try #require(disputes.disputes.only)
        #expect(dispute.fact.description == Self.finalVote)
        #expect(Set(dispute.heads.map(\.id)) == [ids[1], ids[2]])
        #expect(Set(dispute.heads.map { $0.sources.first?.url }) == ["https://example.org/000", "https://example.org/001"])
        #expect(dispute.heads.allSatisfy { $0.replica == "ana" })
        Self.expectConsistent(replica)
    }

    @Test(
        "a less precise date that contains a more precise one corroborates it; the merged value is the precise one",
        arguments: [
            ("2024-09/2024-11", "2024-09-06", "2024-09-06"),
            ("2024-09", "2024-09-06", "2024-09-06"),
            ("2024", "2024-09/2024-10", "2024-09/2024-10"),
            ("2024-09-06", "2024-09-06", "2024-09-06"),
        ])
    func containmentCorroborates(_ wide: String, _ narrow: String, _ merged: String) throws {
        // Given two claims of the instrument of withdrawal, one containing the other
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        let ids = try T.append(replica, T.ccm, T.action("withdrawal-notification", wide), T.action("withdrawal-notification", narrow, url: "https://example.org/b"))
        // When the fact is read
        let fact = try #require(try T.fact(replica, Self.notice))
        // Then one alternative, both heads, the precise date
        #expect(!fact.isDisputed)
        #expect(fact.value?.date?.description == merged)
        #expect(fact.heads == [ids[1], ids[2]].sorted())
        #expect(try T.disputes(replica).disputes.isEmpty)
        Self.expectConsistent(replica)
    }

    @Test("dates that overlap without one containing the other dispute", arguments: [
        ("2024-09/2024-11", "2024-10/2024-12"),
        ("2024-09/2024-11", "2024-12-01"),
        ("2024-01", "2024-02"),
    ])
    func overlapWithoutContainmentDisputes(_ a: String, _ b: String) throws {
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try T.append(replica, T.ccm, T.action("withdrawal-notification", a), T.action("withdrawal-notification", b))
        #expect(try T.fact(replica, Self.notice)?.isDisputed == true)
        Self.expectConsistent(replica)
    }

    @Test("a date agreeing with two heads that disagree with each other sits in both alternatives")
    func agreementIsNotTransitive() throws {
        // Given 2024 (year), 2024-01 and 2024-12
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        let ids = try T.append(replica, T.ccm, Self.vote("2024"), Self.vote("2024-01"), Self.vote("2024-12"))
        let fact = try #require(try T.fact(replica, Self.finalVote))
        // Then two alternatives, January and December, each also resting on the year
        #expect(fact.alternatives.map(\.value.date?.description) == ["2024-01", "2024-12"])
        #expect(fact.alternatives.map(\.heads) == [[ids[1], ids[2]].sorted(), [ids[1], ids[3]].sorted()])
        Self.expectConsistent(replica)
    }

    @Test("tallies differing in one count dispute", arguments: [
        (#"{"for":103,"against":1,"abstain":3}"#, #"{"for":103,"against":0,"abstain":4}"#),
        (#"{"for":103}"#, #"{"for":102}"#),
        (#"{"for":103,"abstain":3}"#, #"{"against":1,"abstain":4}"#),
    ])
    func talliesThatDifferDispute(_ a: String, _ b: String) throws {
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try T.append(replica, T.ccm, Self.vote("2024-07-18", tally: a), Self.vote("2024-07-18", tally: b))
        let fact = try #require(try T.fact(replica, Self.finalVote))
        #expect(fact.isDisputed)
        #expect(fact.alternatives.count == 2)
        Self.expectConsistent(replica)
    }

    @Test("a missing tally, or one missing a count, agrees; the merged value has every count given")
    func missingTallyAgrees() throws {
        // Given the vote with no tally, with only "for", and with "against" and "abstain"
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try T.append(
            replica, T.ccm, Self.vote("2024-07"), Self.vote("2024-07-18", tally: #"{"for":103}"#),
            Self.vote("2024-07-18", tally: #"{"against":1,"abstain":3}"#))
        // When the fact is read
        let fact = try #require(try T.fact(replica, Self.finalVote))
        // Then one value: the day and all three counts
        #expect(!fact.isDisputed)
        #expect(fact.value == .action(date: DateSpan(PartialDate(year: 2024, month: 7, day: 18)), tally: Tally(inFavour: 103, against: 1, abstaining: 3)))
        #expect(fact.heads.count == 3)
        Self.expectConsistent(replica)
    }

    @Test("the same date from two sources is one alternative resting on both heads")
    func sameValueTwoSources() throws {
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try T.append(replica, T.statement("LTU", "uxo-mitigation", "algorithms", url: "https://example.org/1"), T.statement("LTU", "uxo-mitigation", "algorithms", url: "https://example.org/2"))
        let fact = try #require(try T.fact(replica, "statement/LTU/uxo-mitigation"))
        #expect(!fact.isDisputed)
        #expect(fact.alternatives.only?.heads.count == 2)
        Self.expectConsistent(replica)
    }

    @Test("statements with different values dispute")
    func statementsDispute() throws {
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try T.append(
            replica, T.statement("LTU", "uxo-mitigation", "algorithms to prevent munitions from failing to detonate"),
            T.statement("LTU", "uxo-mitigation", "algorithms for rapid collection of unexploded munitions"))
        #expect(try T.fact(replica, "statement/LTU/uxo-mitigation")?.isDisputed == true)
        Self.expectConsistent(replica)
    }

    // MARK: - Resolution

    /// A replica with the final vote disputed between 2023-07 and 2024-07-18; returns the heads' ids.
    static func disputedVote(_ directory: TemporaryDirectory) throws -> (TreatyReplica, wrong: EventID, right: EventID) {
        let replica = try T.replica(in: directory)
        let ids = try T.append(replica, T.ccm, vote("2023-07", url: "https://example.org/000"), vote("2024-07-18", tally: #"{"for":103}"#, url: "https://www.lrs.lt"))
        return (replica, ids[1], ids[2])
    }

    @Test("resolve --pick clears the dispute, keeping the picked head's value and sources")
    func resolveByPick() throws {
        // Given the disputed final vote
        let directory = try TemporaryDirectory()
        let (replica, wrong, right) = try Self.disputedVote(directory)
        // When it is resolved by picking the right head (by a prefix of its id)
        let (envelope, claim) = try replica.resolve(FactKey(Self.finalVote)!, by: .pick(String(right.hex.prefix(10))), note: "Seimas record")
        // Then the resolution supersedes both heads and is the only head
        #expect(Set(claim.supersedes) == [wrong, right])
        #expect(claim.sources.map(\.url) == ["https://www.lrs.lt"])
        let fact = try #require(try T.fact(replica, Self.finalVote))
        #expect(!fact.isDisputed)
        #expect(fact.heads == [envelope.id])
        #expect(fact.value == .action(date: DateSpan(PartialDate(year: 2024, month: 7, day: 18)), tally: Tally(inFavour: 103)))
        #expect(try T.disputes(replica).disputes.isEmpty)
        Self.expectConsistent(replica)
    }

    @Test("resolve --value clears the dispute with the value given and the sources of the heads that agree")
    func resolveByValue() throws {
        let directory = try TemporaryDirectory()
        let (replica, _, _) = try Self.disputedVote(directory)
        let (envelope, claim) = try replica.resolve(FactKey(Self.finalVote)!, by: .value("2024-07"), note: "month only")
        let fact = try #require(try T.fact(replica, Self.finalVote))
        #expect(!fact.isDisputed)
        #expect(fact.heads == [envelope.id])
        #expect(fact.value?.date?.description == "2024-07")
        // 2024-07 contains 2024-07-18, so that head's source is carried over
        #expect(claim.sources.map(\.url) == ["https://www.lrs.lt"])
        Self.expectConsistent(replica)
    }

    @Test("resolve --value with a JSON object sets date and tally")
    func resolveByJSONValue() throws {
        let directory = try TemporaryDirectory()
        let (replica, _, _) = try Self.disputedVote(directory)
        _ = try replica.resolve(FactKey(Self.finalVote)!, by: .value(#"{"date":"2024-07-18","tally":{"for":103,"against":1,"abstain":3}}"#), note: nil)
        let fact = try #require(try T.fact(replica, Self.finalVote))
        #expect(fact.value == .action(date: DateSpan(PartialDate(year: 2024, month: 7, day: 18)), tally: Tally(inFavour: 103, against: 1, abstaining: 3)))
        Self.expectConsistent(replica)
    }

    @Test("resolve refuses an undisputed fact, an unknown fact, and a pick that is not a head")
    func resolveRefusals() throws {
        let directory = try TemporaryDirectory()
        let (replica, _, _) = try Self.disputedVote(directory)
        try T.append(replica, T.action("ratification", "2011-03-24"))
        let undisputed = try #require(throws: AccordError.self) {
            _ = try replica.resolve(FactKey("action/CCM/LTU/ratification")!, by: .value("2011-03-24"), note: nil)
        }
        #expect(undisputed.code == .invalidInput)
        #expect(undisputed.description.contains("not disputed"))
        let unknown = try #require(throws: AccordError.self) {
            _ = try replica.resolve(FactKey("action/CCM/LTU/decree")!, by: .value("2011-03-24"), note: nil)
        }
        #expect(unknown.code == .notFound)
        #expect(unknown.description.contains("action/CCM/LTU/decree"))
        let badPick = try #require(throws: AccordError.self) {
            _ = try replica.resolve(FactKey(Self.finalVote)!, by: .pick("00000000"), note: nil)
        }
        #expect(badPick.code == .invalidInput)
        // Nothing was appended by the refusals: the vote is still disputed
        #expect(try T.fact(replica, Self.finalVote)?.isDisputed == true)
    }

    @Test("two concurrent resolutions that disagree are a dispute again, between the resolutions only")
    func concurrentResolutionsDispute() throws {
        // Given the disputed vote
        let directory = try TemporaryDirectory()
        let (replica, wrong, right) = try Self.disputedVote(directory)
        // When two analysts each supersede both heads, with different values
        let a = try T.append(replica, Self.vote("2024-07-18", url: "https://example.org/ana"), superseding: [wrong, right])
        let b = try T.append(replica, Self.vote("2024-07-11", url: "https://example.org/ben"), superseding: [wrong, right])
        // Then the fact is disputed between the two resolutions
        let fact = try #require(try T.fact(replica, Self.finalVote))
        #expect(fact.isDisputed)
        #expect(fact.heads == [a, b].sorted())
        #expect(try T.disputes(replica).disputes.map(\.fact.description) == [Self.finalVote])
        // And two agreeing resolutions are not
        let c = try T.append(replica, Self.vote("2024-07-18"), superseding: [a, b])
        let d = try T.append(replica, Self.vote("2024-07"), superseding: [a, b])
        let settled = try #require(try T.fact(replica, Self.finalVote))
        #expect(!settled.isDisputed)
        #expect(settled.heads == [c, d].sorted())
        #expect(settled.value?.date?.description == "2024-07-18")
        Self.expectConsistent(replica)
    }

    // MARK: - Retraction

    @Test("retract removes a head: the other head stands alone and the dispute is gone")
    func retractRemovesHead() throws {
        let directory = try TemporaryDirectory()
        let (replica, wrong, right) = try Self.disputedVote(directory)
        _ = try replica.retract(String(wrong.hex.prefix(12)), note: "000 has the wrong year")
        let fact = try #require(try T.fact(replica, Self.finalVote))
        #expect(!fact.isDisputed)
        #expect(fact.heads == [right])
        #expect(try T.disputes(replica).disputes.isEmpty)
        Self.expectConsistent(replica)
    }

    @Test("retracting every head removes the fact, and the status that rested on it")
    func retractLastHead() throws {
        // Given Lithuania's record
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        let ids = try replica.append(T.lithuania.map(T.claim)).map(\.id)
        #expect(try T.status(replica, on: "2025-03-06").status == .withdrawn)
        // When the instrument of withdrawal is retracted
        _ = try replica.retract(ids[3].hex, note: "wrong state")
        // Then the fact is gone and Lithuania is party again
        #expect(try T.fact(replica, Self.notice) == nil)
        #expect(try T.status(replica, on: "2025-03-06").status == .party)
        // And retracting the ratification and signature leaves nothing to project for Lithuania
        _ = try replica.retract(ids[2].hex, note: "x")
        _ = try replica.retract(ids[1].hex, note: "x")
        #expect(try T.status(replica, on: "2025-03-06").status == .notParty)
        let statuses = try replica.store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM status_periods") }
        #expect(statuses == 0)
        Self.expectConsistent(replica)
    }

    @Test("retract refuses an already superseded claim and a retraction")
    func retractRefusals() throws {
        let directory = try TemporaryDirectory()
        let (replica, wrong, _) = try Self.disputedVote(directory)
        let (retraction, _) = try replica.retract(wrong.hex, note: "wrong year")
        #expect(throws: AccordError.self) { try replica.retract(wrong.hex, note: "again") }
        #expect(throws: AccordError.self) { try replica.retract(retraction.id.hex, note: "undo") }
    }

    // MARK: - Disputes and status

    /// Lithuania's record with the instrument of withdrawal disputed: 2024-09-06 and 2024-09-10.
    static func disputedNotice(_ directory: TemporaryDirectory) throws -> (TreatyReplica, sixth: EventID, tenth: EventID) {
        let replica = try T.replica(in: directory)
        let ids = try replica.append((T.lithuania + [T.action("withdrawal-notification", "2024-09-10", url: "https://example.org/b")]).map(T.claim)).map(\.id)
        return (replica, ids[3], ids[4])
    }

    @Test("a disputed fact whose heads give the same status and since on the date does not taint it", arguments: [
        "2011-09-01", "2025-03-05", "2010-01-01",
    ])
    func disputeThatAgreesOnTheDate(on: String) throws {
        // Given the disputed instrument of withdrawal
        let directory = try TemporaryDirectory()
        let (replica, _, _) = try Self.disputedNotice(directory)
        #expect(try T.fact(replica, Self.notice)?.isDisputed == true)
        // When asked on a date where both readings give the same answer
        let answer = try T.status(replica, on: on)
        // Then the answer is not disputed
        #expect(!answer.disputed)
        #expect(answer.alternatives.isEmpty)
    }

    @Test("a disputed parliament vote never taints a status")
    func irrelevantDisputeDoesNotTaint() throws {
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        try replica.append((T.lithuania + [Self.vote("2023-07"), Self.vote("2024-07")]).map(T.claim))
        let answer = try T.status(replica, on: "2025-03-06")
        #expect(answer.status == .withdrawn)
        #expect(!answer.disputed)
    }

    @Test("a disputed fact whose heads give different answers on the date sets disputed, listing each answer's events")
    func disputeThatDisagreesOnTheDate() throws {
        // Given the disputed instrument of withdrawal: 2024-09-06 (effective 2025-03-06) and 2024-09-10 (2025-03-10)
        let directory = try TemporaryDirectory()
        let (replica, sixth, tenth) = try Self.disputedNotice(directory)
        // When asked on 2025-03-07: withdrawn by one reading, party by the other
        let answer = try T.status(replica, on: "2025-03-07")
        // Then disputed, with each answer and the event it rests on
        #expect(answer.disputed)
        #expect(answer.alternatives.count == 2)
        let withdrawn = try #require(answer.alternatives.first { $0.status == .withdrawn })
        let party = try #require(answer.alternatives.first { $0.status == .party })
        #expect(withdrawn.since == StatusMark(day: T.day("2025-03-06"), date: "2025-03-06", computed: true))
        #expect(withdrawn.events == [sixth])
        #expect(party.since?.date == "2011-09-01")
        #expect(party.events == [tenth])
        #expect(answer.status == answer.alternatives[0].status)
        #expect(answer.since == answer.alternatives[0].since)
        // And on 2025-03-12 both say withdrawn, but since different days: still disputed
        let later = try T.status(replica, on: "2025-03-12")
        #expect(later.disputed)
        #expect(Set(later.alternatives.map(\.since?.date)) == ["2025-03-06", "2025-03-10"])
        #expect(later.alternatives.allSatisfy { $0.status == .withdrawn })
    }

    @Test("resolving the disputed notice untaints the status")
    func resolvingUntaints() throws {
        let directory = try TemporaryDirectory()
        let (replica, sixth, _) = try Self.disputedNotice(directory)
        #expect(try T.status(replica, on: "2025-03-07").disputed)
        _ = try replica.resolve(FactKey(Self.notice)!, by: .pick(sixth.hex), note: "depositary")
        let answer = try T.status(replica, on: "2025-03-07")
        #expect(!answer.disputed)
        #expect(answer.status == .withdrawn)
        #expect(answer.since?.date == "2025-03-06")
        Self.expectConsistent(replica)
    }

    @Test("a disputed treaty rule splits every state's status where the readings differ")
    func disputedTreatyRule() throws {
        // Given two treaty claims of the CCM that disagree about the consent rule
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory)
        let other = #"{"type":"treaty","treaty":"CCM","title":"Convention on Cluster Munitions","entry_into_force":"2010-08-01","consent_takes_effect":{"rule":"days-after","days":30},"withdrawal_takes_effect":{"rule":"months-after","months":6}}"#
        let ids = try T.append(replica, T.ccm, other, T.action("ratification", "2011-03-24"))
        // When asked on 2011-05-01 (in force by 30 days, not by six months)
        let answer = try T.status(replica, on: "2011-05-01")
        // Then disputed between party and consented, each resting on one treaty claim
        #expect(answer.disputed)
        #expect(Set(answer.alternatives.map(\.status)) == [.party, .consented])
        let party = try #require(answer.alternatives.first { $0.status == .party })
        let consented = try #require(answer.alternatives.first { $0.status == .consented })
        #expect(party.events == [ids[1]].sorted())
        #expect(consented.events == [ids[0]].sorted())
        Self.expectConsistent(replica)
    }
}

extension Array {
    fileprivate var only: Element? { count == 1 ? first : nil }
}
