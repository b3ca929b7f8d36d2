import AccordLog
import AccordTestSupport
@testable import AccordTreaty
import Testing

/// `--known-at T`: only claims recorded at or before T count (CONTRACT.md
/// "Queries"). The scripted clock fixes every claim's recorded time.
@Suite("Queries as known at a recorded time")
struct QueryKnownAtTests {
    typealias T = ProjectionTesting

    /// Lithuania's record in three steps, recorded 2026-01-10, -11 and -12 at 09:00Z.
    static func stepwise(_ directory: TemporaryDirectory) throws -> (TreatyReplica, [EventID]) {
        let clock = T.ScriptedClock("2026-01-10T09:00:00Z")
        let replica = try T.replica(in: directory, clock: clock)
        var ids = try T.append(replica, T.ccm, T.action("signature", "2008-12-03"), T.action("ratification", "2011-03-24"))
        clock.set("2026-01-11T09:00:00Z")
        ids += try T.append(replica, T.action("withdrawal-notification", "2024-09-06"))
        clock.set("2026-01-12T09:00:00Z")
        ids += try T.append(replica, T.action("withdrawal-notification", "2024-09-10"))
        return (replica, ids)
    }

    @Test("the scripted clock decides the recorded times")
    func recordedTimesAreScripted() throws {
        let directory = try TemporaryDirectory()
        let (replica, ids) = try Self.stepwise(directory)
        let recorded = try ids.map { id in try replica.store.read { db in try LogTables.event(id, in: db)!.envelope.recorded } }
        #expect(recorded.map(\.milliseconds) == [
            "2026-01-10T09:00:00Z", "2026-01-10T09:00:00Z", "2026-01-10T09:00:00Z", "2026-01-11T09:00:00Z", "2026-01-12T09:00:00Z",
        ].map(T.milliseconds))
    }

    @Test("a claim recorded after T does not count for --known-at T", arguments: [
        // (known at, status on 2025-03-07, disputed)
        ("2026-01-10T09:00:00Z", TreatyStatus.party, false),
        ("2026-01-11T08:59:59.999Z", .party, false),
        ("2026-01-11T09:00:00Z", .withdrawn, false),
        ("2026-01-12T08:59:59Z", .withdrawn, false),
        ("2026-01-12T09:00:00Z", .withdrawn, true),
        ("2026-01-12T10:00:00+01:00", .withdrawn, true),
        ("2026-01-12T09:59:59+01:00", .withdrawn, false),
    ])
    func knownAtStatus(knownAt: String, status: TreatyStatus, disputed: Bool) throws {
        // Given claims recorded on three days
        let directory = try TemporaryDirectory()
        let (replica, _) = try Self.stepwise(directory)
        // When asked as known at T
        let answer = try T.status(replica, on: "2025-03-07", knownAt: knownAt)
        // Then only claims recorded by T count
        #expect(answer.status == status)
        #expect(answer.disputed == disputed)
    }

    @Test("before the treaty was recorded, it is unknown")
    func treatyNotYetKnown() throws {
        let directory = try TemporaryDirectory()
        let (replica, _) = try Self.stepwise(directory)
        let error = try #require(throws: AccordError.self) { try T.status(replica, on: "2025-03-07", knownAt: "2026-01-10T08:59:59Z") }
        #expect(error.code == .notFound)
        #expect(error.description.contains("CCM"))
    }

    @Test("without --known-at, and with a T after every claim, the answer is the projection's")
    func latestEqualsFarFuture() throws {
        let directory = try TemporaryDirectory()
        let (replica, _) = try Self.stepwise(directory)
        for on in ["2008-12-03", "2011-03-24", "2011-09-01", "2025-03-06", "2025-03-07", "2025-03-10"] {
            #expect(try T.status(replica, on: on) == T.status(replica, on: on, knownAt: "2030-01-01T00:00:00Z"), "on \(on)")
        }
    }

    @Test("a resolution or retraction recorded after T does not count: the dispute is still seen at T")
    func supersessionAfterTDoesNotCount() throws {
        // Given the disputed notice (known from 2026-01-12), resolved on 2026-01-13 and the resolution retracted on 2026-01-14
        let clock = T.ScriptedClock("2026-01-10T09:00:00Z")
        let directory = try TemporaryDirectory()
        let replica = try T.replica(in: directory, clock: clock)
        let ids = try replica.append((T.lithuania + [T.action("withdrawal-notification", "2024-09-10")]).map(T.claim)).map(\.id)
        clock.set("2026-01-13T09:00:00Z")
        let (resolution, _) = try replica.resolve(FactKey("action/CCM/LTU/withdrawal-notification")!, by: .pick(ids[3].hex), note: nil)
        clock.set("2026-01-14T09:00:00Z")
        _ = try replica.retract(resolution.id.hex, note: "too hasty")
        let key = "action/CCM/LTU/withdrawal-notification"
        // Then: disputed at 2026-01-12; resolved at 2026-01-13; gone at 2026-01-14 (the retraction supersedes the resolution, the old heads stay superseded)
        #expect(try T.fact(replica, key, knownAt: "2026-01-12T00:00:00Z")?.isDisputed == true)
        #expect(try T.disputes(replica, knownAt: "2026-01-13T08:59:59Z").disputes.map(\.fact.description) == [key])
        #expect(try T.fact(replica, key, knownAt: "2026-01-13T09:00:00Z")?.heads == [resolution.id])
        #expect(try T.disputes(replica, knownAt: "2026-01-13T09:00:00Z").disputes.isEmpty)
        #expect(try T.fact(replica, key, knownAt: "2026-01-14T09:00:00Z") == nil)
        #expect(try T.fact(replica, key) == nil)
        #expect(try T.status(replica, on: "2025-03-07", knownAt: "2026-01-13T12:00:00Z").status == .withdrawn)
        #expect(try T.status(replica, on: "2025-03-07").status == .party)
    }

    @Test("parties and timeline also answer as known at T")
    func partiesAndTimelineKnownAt() throws {
        let directory = try TemporaryDirectory()
        let (replica, _) = try Self.stepwise(directory)
        let (before, after, timeline) = try replica.store.read { db in
            let reader = ProjectionReader(db: db, knownAt: T.milliseconds("2026-01-10T12:00:00Z"))
            return (
                try PartiesAnswer.answer(treaty: "CCM", on: T.day("2025-03-11"), by: .inForce, reader: reader).parties.map(\.state),
                try PartiesAnswer.answer(treaty: "CCM", on: T.day("2025-03-11"), by: .inForce, reader: ProjectionReader(db: db, knownAt: nil)).parties.map(\.state),
                try TimelineAnswer.answer(state: "LTU", treaty: "CCM", reader: reader).entries.map(\.action))
        }
        #expect(before == ["LTU"])
        #expect(after == [])
        #expect(timeline == ["signature", "ratification", "entry-into-force"])
    }
}
