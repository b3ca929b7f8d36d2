import AccordTestSupport
import Foundation
import GRDB
import Testing

/// The projection tables as people read them: a store made by the landed build upgrades
/// in place and answers as that build did, and the documented `sqlite3` query of
/// `status_periods` gives what `accord parties` gives.
@Suite("Projection tables: migration of a landed store, and SQL people can run")
struct ProjectionTablesTests {
    /// The replicas `accord demo` made with the build landed at 83a4351 (README of Tests/Fixtures).
    static func landedReplicas() async throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        let untar = try await ChildProcess.run(
            "tar", arguments: ["xzf", Fixtures.path("landed-2026-11-demo.tar.gz"), "-C", directory.path])
        try #require(untar.status == 0, "\(untar)")
        return directory
    }

    @Test("a store made by the landed build opens in place, passes check and answers as that build did")
    func landedStoreUpgrades() async throws {
        // Given Ana's store from the landed build (statuses held as JSON variants)
        let directory = try await Self.landedReplicas()
        let accord = try AccordBinary.locate()
        let store = directory.path("ana")
        // When the new build answers from it (the first open migrates it)
        // Then Lithuania's status on each date is what the landed build's stored variant says:
        // signed 2008-12-03, deposited 2011-03-24, in force 2011-09-01 (computed), withdrawn 2025-03-06
        for (day, status, since, computed) in [
            ("2008-12-02", "not-party", nil, false), ("2008-12-03", "signatory", "2008-12-03", false),
            ("2011-03-24", "consented", "2011-03-24", false), ("2011-09-01", "party", "2011-09-01", true),
            ("2025-03-05", "party", "2011-09-01", true), ("2025-03-06", "withdrawn", "2025-03-06", false),
        ] as [(String, String, String?, Bool)] {
            let result = try await accord.run(["status", "--store", store, "--treaty", "CCM", "--state", "LTU", "--on", day, "--json"])
            try #require(result.status == 0, "\(result)")
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            #expect(answer["status"] as? String == status, "on \(day)")
            #expect(answer["since"] as? String == since, "on \(day)")
            #expect(answer["computed"] as? Bool == computed, "on \(day)")
            #expect(answer["disputed"] as? Bool == false, "on \(day)")
        }
        // And the upgraded store verifies, and the old table is gone
        let check = try await accord.run(["check", "--store", store])
        #expect(check.status == 0, "\(check)")
        let tables = try await DatabaseQueue(path: directory.path("ana/store.sqlite"), configuration: Self.readOnly).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('statuses', 'status_periods')")
        }
        #expect(tables == ["status_periods"])
    }

    static var readOnly: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        return configuration
    }

    /// The query the README documents for "parties on D".
    static func partiesSQL(_ treaty: String, _ day: String, status: String) -> String {
        """
        SELECT DISTINCT state FROM status_periods
        WHERE treaty = '\(treaty)' AND status = '\(status)'
          AND from_date <= '\(day)' AND (to_date IS NULL OR to_date > '\(day)')
        ORDER BY state
        """
    }

    @Test("the README's SELECT on status_periods gives the states `accord parties` gives", arguments: [
        ("2011-08-31", "party", "in-force"), ("2011-09-01", "party", "in-force"), ("2025-03-05", "party", "in-force"),
        ("2025-03-06", "party", "in-force"), ("2010-08-01", "party", "in-force"), ("2010-11-01", "party", "in-force"),
        ("2009-01-01", "deposited", "deposit"), ("2011-03-24", "deposited", "deposit"), ("2025-03-06", "deposited", "deposit"),
    ])
    func sqlMatchesParties(day: String, status: String, basis: String) async throws {
        // Given the demo's claims from both analysts, and states that deposited before and after the
        // convention's entry into force, one of them with two sources that disagree on the date
        func ratification(_ state: String, _ date: String, _ url: String = "https://example.org/a") -> String {
            QueryCommandTests.action("ratification", date, state: state, url: url)
        }
        let others = [
            ratification("BFA", "2010-02-16"), ratification("ECU", "2010-05-11"), ratification("AFG", "2011-09-08"),
            ratification("NOR", "2008-12-03"), ratification("NOR", "2009-05-03", "https://example.org/b"),
            QueryCommandTests.action("accession", "2011-02-11", state: "ZMB"),
        ]
        let demo = try Fixtures.demoClaims()
        let replica = try await CLIReplica.make(claims: try #require(demo["ana"]) + (try #require(demo["ben"])) + others)
        // When asked through the command and through SQL
        let result = try await replica.run("parties", ["--treaty", "CCM", "--on", day, "--by", basis, "--json"])
        try #require(result.status == 0, "\(result)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let states = try #require(answer["parties"] as? [[String: Any]]).compactMap { $0["state"] as? String }
        let selected = try await DatabaseQueue(path: replica.store + "/store.sqlite", configuration: Self.readOnly).read { db in
            try String.fetchAll(db, sql: Self.partiesSQL("CCM", day, status: status))
        }
        // Then they name the same states
        #expect(selected == states.sorted())
        #expect(answer["count"] as? Int == selected.count)
    }
}
