import AccordTestSupport
import Foundation
import Testing

/// The query commands on the built binary: the JSON shapes of CONTRACT.md
/// ("Queries", "Facts, disputes, resolution"), one-line errors with the
/// contract's exit statuses, and `check` / `rebuild` on a tampered projection.
@Suite("Query commands on the built binary")
struct QueryCommandTests {
    /// A replica made by `accord init` and `accord append --file`, in its own temporary directory.
    struct Store {
        let directory: TemporaryDirectory
        let path: String
        let accord: AccordBinary

        /// Runs `accord <arguments> --store <this store>`.
        func run(_ arguments: String...) async throws -> ProcessResult {
            try await accord.run(arguments + ["--store", path])
        }

        /// Appends claims, expecting success.
        func append(_ lines: [String]) async throws {
            let file = try directory.write(lines.map { $0 + "\n" }.joined(), to: "claims-\(UUID().uuidString).jsonl")
            let result = try await run("append", "--file", file)
            try #require(result.status == 0, "\(result)")
        }

        static func make(_ lines: [String] = QueryCommandTests.lithuania) async throws -> Store {
            let directory = try TemporaryDirectory()
            let store = Store(directory: directory, path: directory.path("ana"), accord: try AccordBinary.locate())
            let initialised = try await store.run("init", "--name", "ana")
            try #require(initialised.status == 0, "\(initialised)")
            if !lines.isEmpty { try await store.append(lines) }
            return store
        }
    }

    static func action(_ action: String, _ date: String, state: String = "LTU", extra: String = "", url: String = "https://example.org/a") -> String {
        #"{"type":"action","treaty":"CCM","state":"\#(state)","action":"\#(action)"\#(extra),"date":"\#(date)","sources":[{"url":"\#(url)"}]}"#
    }

    static let ccm = #"{"type":"treaty","treaty":"CCM","title":"Convention on Cluster Munitions","entry_into_force":"2010-08-01","consent_takes_effect":{"rule":"first-day-of-month-after","months":6},"withdrawal_takes_effect":{"rule":"months-after","months":6}}"#

    /// Lithuania (DOMAIN.md, with the withdrawal's effect stated) and Afghanistan (CONTRACT.md's parties example).
    static let lithuania = [
        ccm,
        action("signature", "2008-12-03"),
        action("ratification", "2011-03-24"),
        action("withdrawal-notification", "2024-09-06"),
        action("withdrawal-effective", "2025-03-06"),
        action("accession", "2011-09-08", state: "Afghanistan"),
    ]

    static func json(_ result: ProcessResult) throws -> [String: Any] {
        let line = try #require(result.stdoutLines.only, "expected one line of JSON: \(result)")
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(result)")
    }

    /// JSON booleans, not numbers: Foundation's decoder refuses 0 and 1 for a `Bool`.
    static func decode<T: Decodable>(_ type: T.Type, _ result: ProcessResult) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(result.stdout.utf8))
    }

    /// One line on stderr, nothing on stdout.
    static func expectOneLineError(_ result: ProcessResult, statuses: Set<Int32> = [1], naming words: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(statuses.contains(result.status), "\(result)", sourceLocation: sourceLocation)
        #expect(result.stderrLines.count == 1, "\(result)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
        for word in words {
            #expect(result.stderr.contains(word), "stderr should name \(word): \(result)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - JSON shapes

    struct StatusJSON: Decodable {
        struct Alternative: Decodable {
            var status: String
            var since: String?
            var computed: Bool
            var events: [String]
        }
        var treaty: String
        var state: String
        var on: String
        var status: String
        var since: String?
        var computed: Bool
        var disputed: Bool
        var alternatives: [Alternative]
    }

    @Test("status --json prints CONTRACT.md's example byte for byte")
    func statusJSONIsTheContractsExample() async throws {
        // Given Lithuania's record with the withdrawal's effect stated
        let store = try await Store.make()
        // When asked for its status on 2025-03-06 by name and by code
        let byCode = try await store.run("status", "--treaty", "CCM", "--state", "LTU", "--on", "2025-03-06", "--json")
        let byName = try await store.run("status", "--treaty", "CCM", "--state", "Lithuania", "--on", "2025-03-06", "--json")
        // Then the line is the contract's
        let contract = #"{"treaty":"CCM","state":"LTU","on":"2025-03-06","status":"withdrawn","since":"2025-03-06","computed":false,"disputed":false,"alternatives":[]}"#
        #expect(byCode.status == 0, "\(byCode)")
        #expect(byCode.stdout == contract + "\n")
        #expect(byName.stdout == contract + "\n")
        #expect(byCode.stderr.isEmpty)
    }

    @Test("status --json has exactly the contract's keys and types, since null for not-party", arguments: [
        ("2008-01-01", "not-party", nil as String?, false),
        ("2009-01-01", "signatory", "2008-12-03", false),
        ("2011-05-01", "consented", "2011-03-24", false),
        ("2025-03-05", "party", "2011-09-01", true),
    ])
    func statusJSONShape(on: String, status: String, since: String?, computed: Bool) async throws {
        let store = try await Store.make()
        let result = try await store.run("status", "--treaty", "CCM", "--state", "LTU", "--on", on, "--json")
        #expect(result.status == 0, "\(result)")
        let object = try Self.json(result)
        #expect(Set(object.keys) == ["treaty", "state", "on", "status", "since", "computed", "disputed", "alternatives"])
        let decoded = try Self.decode(StatusJSON.self, result)
        #expect(decoded.treaty == "CCM")
        #expect(decoded.state == "LTU")
        #expect(decoded.on == on)
        #expect(decoded.status == status)
        #expect(decoded.since == since)
        #expect(decoded.computed == computed)
        #expect(!decoded.disputed)
        #expect(decoded.alternatives.isEmpty)
        if since == nil { #expect(result.stdout.contains(#""since":null"#)) }
    }

    @Test("a disputed status lists each alternative with its event ids")
    func disputedStatusJSON() async throws {
        // Given two instruments of withdrawal on different days, without a stated effect
        let store = try await Store.make(Array(Self.lithuania.prefix(4)) + [Self.action("withdrawal-notification", "2024-09-10", url: "https://example.org/b")])
        let log = try await store.run("log", "--json")
        let ids = log.stdoutLines.compactMap { line -> (String, String)? in
            guard let o = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = o["id"] as? String, let claim = o["claim"] as? [String: Any], claim["action"] as? String == "withdrawal-notification",
                  let date = claim["date"] as? String
            else { return nil }
            return (date, id)
        }
        let idOf = Dictionary(uniqueKeysWithValues: ids)
        // When asked on 2025-03-07
        let result = try await store.run("status", "--treaty", "CCM", "--state", "LTU", "--on", "2025-03-07", "--json")
        // Then disputed: withdrawn (computed, from 2024-09-06) or party
        let decoded = try Self.decode(StatusJSON.self, result)
        #expect(decoded.disputed)
        #expect(decoded.alternatives.count == 2)
        let withdrawn = try #require(decoded.alternatives.first { $0.status == "withdrawn" })
        #expect(withdrawn.since == "2025-03-06")
        #expect(withdrawn.computed)
        #expect(withdrawn.events == [try #require(idOf["2024-09-06"])])
        #expect(decoded.alternatives.first { $0.status == "party" }?.events == [try #require(idOf["2024-09-10"])])
        #expect(decoded.status == decoded.alternatives[0].status)
    }

    struct PartiesJSON: Decodable {
        struct Party: Decodable {
            var state: String
            var since: String
            var computed: Bool
        }
        var treaty: String
        var on: String
        var by: String
        var count: Int
        var parties: [Party]
    }

    @Test("parties --json has the contract's shape, counting at entry into force or at deposit")
    func partiesJSONShape() async throws {
        let store = try await Store.make()
        let result = try await store.run("parties", "--treaty", "CCM", "--on", "2025-03-06", "--json")
        #expect(result.status == 0, "\(result)")
        let object = try Self.json(result)
        #expect(Set(object.keys) == ["treaty", "on", "by", "count", "parties"])
        let party = try #require((object["parties"] as? [[String: Any]])?.first)
        #expect(Set(party.keys).isSuperset(of: ["state", "since", "computed"]), "\(party.keys)")
        let decoded = try Self.decode(PartiesJSON.self, result)
        #expect(decoded.treaty == "CCM")
        #expect(decoded.on == "2025-03-06")
        #expect(decoded.by == "in-force")
        #expect(decoded.count == 1)
        #expect(decoded.parties.map(\.state) == ["AFG"])
        #expect(decoded.parties.first?.since == "2012-03-01")
        #expect(decoded.parties.first?.computed == true)

        let before = try Self.decode(PartiesJSON.self, try await store.run("parties", "--treaty", "CCM", "--on", "2025-03-05", "--json"))
        #expect(before.count == 2)
        #expect(before.parties.map(\.state) == ["AFG", "LTU"])

        let deposit = try Self.decode(PartiesJSON.self, try await store.run("parties", "--treaty", "CCM", "--on", "2011-10-01", "--by", "deposit", "--json"))
        #expect(deposit.by == "deposit")
        #expect(deposit.parties.map(\.state) == ["AFG", "LTU"])
        #expect(deposit.parties.map(\.since) == ["2011-09-08", "2011-03-24"])
        #expect(deposit.parties.map(\.computed) == [false, false])
    }

    struct TimelineJSON: Decodable {
        struct Entry: Decodable {
            var date: String
            var treaty: String
            var action: String
            var computed: Bool
        }
        var state: String
        var entries: [Entry]
    }

    @Test("timeline --json lists the state's actions in date order, computed entries marked")
    func timelineJSONShape() async throws {
        let store = try await Store.make(Array(Self.lithuania.prefix(4)))
        let result = try await store.run("timeline", "--state", "LTU", "--json")
        #expect(result.status == 0, "\(result)")
        let object = try Self.json(result)
        #expect(Set(object.keys) == ["state", "entries"])
        let decoded = try Self.decode(TimelineJSON.self, result)
        #expect(decoded.state == "LTU")
        #expect(decoded.entries.map { "\($0.date) \($0.treaty) \($0.action) \($0.computed)" } == [
            "2008-12-03 CCM signature false",
            "2011-03-24 CCM ratification false",
            "2011-09-01 CCM entry-into-force true",
            "2024-09-06 CCM withdrawal-notification false",
            "2025-03-06 CCM withdrawal-effective true",
        ])
        let filtered = try await store.run("timeline", "--state", "Lithuania", "--treaty", "CCM", "--json")
        #expect(try Self.decode(TimelineJSON.self, filtered).entries.count == 5, "\(filtered)")
    }

    struct DisputesJSON: Decodable {
        struct Dispute: Decodable {
            var fact: String
            var heads: [Head]
        }
        struct Head: Decodable {
            struct Value: Decodable { var date: String }
            struct Source: Decodable { var url: String }
            var id: String
            var value: Value
            var sources: [Source]
            var replica: String
            var recorded: String
        }
        var disputes: [Dispute]
    }

    @Test("disputes --json lists each disputed fact with every head's value, sources, replica, recorded time and id")
    func disputesJSONShape() async throws {
        // Given the final vote claimed in July 2023 and July 2024
        let store = try await Store.make(Self.lithuania + [
            Self.action("parliament-vote", "2023-07", extra: #","stage":"final""#, url: "https://example.org/000"),
            Self.action("parliament-vote", "2024-07", extra: #","stage":"final""#, url: "https://example.org/001"),
        ])
        // When disputes are listed
        let result = try await store.run("disputes", "--json")
        // Then one dispute with two heads, as CONTRACT.md shows
        #expect(result.status == 0, "\(result)")
        let object = try Self.json(result)
        #expect(Set(object.keys) == ["disputes"])
        let dispute = try #require((object["disputes"] as? [[String: Any]])?.first)
        #expect(Set(dispute.keys) == ["fact", "heads"])
        let head = try #require((dispute["heads"] as? [[String: Any]])?.first)
        #expect(Set(head.keys).isSuperset(of: ["id", "value", "sources", "replica", "recorded"]), "\(head.keys)")
        let decoded = try Self.decode(DisputesJSON.self, result)
        #expect(decoded.disputes.map(\.fact) == ["action/CCM/LTU/parliament-vote/final"])
        let heads = decoded.disputes[0].heads
        #expect(Set(heads.map(\.value.date)) == ["2023-07", "2024-07"])
        #expect(Set(heads.map { $0.sources.map(\.url) }) == [["https://example.org/000"], ["https://example.org/001"]])
        #expect(heads.allSatisfy { $0.replica == "ana" })
        #expect(heads.allSatisfy { $0.id.count == 64 && $0.id.allSatisfy { "0123456789abcdef".contains($0) } })
        #expect(heads.allSatisfy { $0.recorded.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil }, "\(heads.map(\.recorded))")
    }

    // MARK: - Resolve and retract on the command line

    @Test("resolve --pick and --value clear a dispute; a retract of the last head removes the fact")
    func resolveOnTheCommandLine() async throws {
        let fact = "action/CCM/LTU/parliament-vote/final"
        let store = try await Store.make(Self.lithuania + [
            Self.action("parliament-vote", "2023-07", extra: #","stage":"final""#, url: "https://example.org/000"),
            Self.action("parliament-vote", "2024-07", extra: #","stage":"final""#, url: "https://example.org/001"),
        ])
        let heads = try Self.decode(DisputesJSON.self, try await store.run("disputes", "--json")).disputes[0].heads
        let right = try #require(heads.first { $0.value.date == "2024-07" })
        // When resolved by picking the 2024 head
        let picked = try await store.run("resolve", fact, "--pick", String(right.id.prefix(12)), "--note", "2024; 000 has the wrong year", "--json")
        #expect(picked.status == 0, "\(picked)")
        // Then no disputes remain
        #expect(try Self.decode(DisputesJSON.self, try await store.run("disputes", "--json")).disputes.isEmpty)
        // And resolving again is refused: the fact is not disputed
        let again = try await store.run("resolve", fact, "--value", "2024-07-18")
        Self.expectOneLineError(again, naming: [fact])
        // When the resolution is retracted, the fact is gone and so is the timeline entry
        let resolution = try #require(try Self.json(picked)["id"] as? String)
        let retracted = try await store.run("retract", resolution, "--note", "undo")
        #expect(retracted.status == 0, "\(retracted)")
        let timeline = try Self.decode(TimelineJSON.self, try await store.run("timeline", "--state", "LTU", "--json"))
        #expect(!timeline.entries.contains { $0.action == "parliament-vote" })
        let check = try await store.run("check")
        #expect(check.status == 0, "\(check)")
    }

    // MARK: - Bad query input

    @Test("an unknown treaty is one line and exit 1, naming the treaty", arguments: [
        ["status", "--treaty", "XYZ", "--state", "LTU", "--on", "2025-03-06"],
        ["status", "--treaty", "XYZ", "--state", "LTU", "--on", "2025-03-06", "--json"],
        ["parties", "--treaty", "XYZ", "--on", "2025-03-06"],
        ["timeline", "--state", "LTU", "--treaty", "XYZ"],
    ])
    func unknownTreaty(arguments: [String]) async throws {
        let store = try await Store.make()
        let result = try await store.accord.run(arguments + ["--store", store.path])
        Self.expectOneLineError(result, naming: ["XYZ"])
    }

    @Test("an impossible or malformed date is one line and exit 1 or 2, naming it", arguments: [
        (["status", "--treaty", "CCM", "--state", "LTU", "--on", "2024-13-01"], "2024-13-01"),
        (["status", "--treaty", "CCM", "--state", "LTU", "--on", "2024-02-30"], "2024-02-30"),
        (["status", "--treaty", "CCM", "--state", "LTU", "--on", "yesterday"], "yesterday"),
        (["parties", "--treaty", "CCM", "--on", "2024-13-01"], "2024-13-01"),
        (["status", "--treaty", "CCM", "--state", "LTU", "--known-at", "2024-13-01T00:00:00Z"], "2024-13-01T00:00:00Z"),
        (["disputes", "--known-at", "soon"], "soon"),
    ])
    func badDate(arguments: [String], bad: String) async throws {
        let store = try await Store.make()
        let result = try await store.accord.run(arguments + ["--store", store.path])
        Self.expectOneLineError(result, statuses: [1, 2], naming: [bad])
    }

    @Test("an unknown state is one line and exit 1, suggesting the nearest")
    func unknownState() async throws {
        let store = try await Store.make()
        let result = try await store.run("status", "--treaty", "CCM", "--state", "Lithuana", "--on", "2025-03-06")
        Self.expectOneLineError(result, naming: ["Lithuana", "Lithuania"])
    }

    @Test("resolve of an unknown fact, a malformed fact and an undisputed fact is one line and exit 1", arguments: [
        (["resolve", "action/CCM/LTU/decree", "--value", "2024"], "action/CCM/LTU/decree"),
        (["resolve", "action/XYZ/LTU/ratification", "--pick", "0123456789ab"], "action/XYZ/LTU/ratification"),
        (["resolve", "not a fact", "--value", "2024"], "not a fact"),
        (["resolve", "action/CCM/LTU/ratification", "--value", "2011-03-24"], "action/CCM/LTU/ratification"),
        (["retract", "0123456789abcdef", "--note", "x"], "0123456789abcdef"),
    ])
    func badResolve(arguments: [String], named: String) async throws {
        let store = try await Store.make()
        let before = try await store.run("log", "--json")
        let result = try await store.accord.run(arguments + ["--store", store.path])
        Self.expectOneLineError(result, naming: [named])
        // And nothing was appended
        #expect(try await store.run("log", "--json").stdout == before.stdout)
    }

    @Test("resolve needs exactly one of --pick and --value: usage, exit 2")
    func resolveUsage() async throws {
        let store = try await Store.make()
        let neither = try await store.run("resolve", "action/CCM/LTU/ratification")
        let both = try await store.run("resolve", "action/CCM/LTU/ratification", "--pick", "0123456789", "--value", "2011")
        Self.expectOneLineError(neither, statuses: [2], naming: ["--pick"])
        Self.expectOneLineError(both, statuses: [2], naming: ["--pick"])
    }

    @Test("parties --by takes in-force or deposit: anything else is usage, exit 2")
    func partiesByUsage() async throws {
        let store = try await Store.make()
        let result = try await store.run("parties", "--treaty", "CCM", "--on", "2025-03-06", "--by", "sideways")
        Self.expectOneLineError(result, statuses: [2], naming: ["sideways"])
    }

    // MARK: - Known at

    @Test("status --known-at T ignores claims recorded after T")
    func knownAtOnTheCommandLine() async throws {
        // Given the record, then the withdrawal recorded later
        let store = try await Store.make(Array(Self.lithuania.prefix(3)))
        try await store.append([Self.action("withdrawal-notification", "2024-09-06")])
        let log = try await store.run("log", "--json")
        let recorded = log.stdoutLines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["recorded"] as? String
        }
        try #require(recorded.count == 4, "\(log)")
        // The two appends ran in separate processes, so the withdrawal's millisecond is later
        try #require(recorded[2] < recorded[3], "\(recorded)")
        // When asked as known when the ratification was recorded, and now
        let then = try await store.run("status", "--treaty", "CCM", "--state", "LTU", "--on", "2025-03-06", "--known-at", recorded[2], "--json")
        let now = try await store.run("status", "--treaty", "CCM", "--state", "LTU", "--on", "2025-03-06", "--known-at", recorded[3], "--json")
        // Then the later claim counts only from its recorded time
        #expect(try Self.decode(StatusJSON.self, then).status == "party", "\(then)")
        #expect(try Self.decode(StatusJSON.self, now).status == "withdrawn", "\(now)")
    }

    // MARK: - check and rebuild

    /// Runs SQL on a store's database in another process: the sqlite3 shell, or Python's sqlite3 module.
    static func sql(_ statement: String, on store: Store) async throws {
        let database = (store.path as NSString).appendingPathComponent("store.sqlite")
        let result: ProcessResult
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            result = try await ChildProcess.run("/usr/bin/sqlite3", arguments: [database, statement])
        } else {
            result = try await ChildProcess.run(
                "python3", arguments: ["-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", database, statement])
        }
        try #require(result.status == 0, "\(result)")
    }

    @Test("check exits 0 on a healthy store")
    func checkHealthy() async throws {
        let store = try await Store.make()
        let result = try await store.run("check")
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty)
    }

    @Test("check exits 1 naming a tampered fact; rebuild repairs it", arguments: [
        ("UPDATE facts SET date='1999-01-01' WHERE fact='action/CCM/LTU/ratification'", "action/CCM/LTU/ratification"),
        ("UPDATE facts SET first_day=0 WHERE fact='action/CCM/LTU/ratification'", "action/CCM/LTU/ratification"),
        // Every fact's heads wrong: the first in key order is named.
        ("UPDATE facts SET heads=x'00'", "action/CCM/AFG/accession"),
        ("DELETE FROM facts WHERE fact='action/CCM/LTU/signature'", "action/CCM/LTU/signature"),
        ("UPDATE facts SET disputed=1 WHERE fact='treaty/CCM'", "treaty/CCM"),
        ("UPDATE status_periods SET since_date='1999-01-01' WHERE state='LTU' AND status='party'", "LTU"),
    ])
    func checkFindsTamperingAndRebuildRepairs(statement: String, named: String) async throws {
        // Given a healthy store whose projection is then tampered with behind accord's back
        let store = try await Store.make()
        let contract = #"{"treaty":"CCM","state":"LTU","on":"2025-03-06","status":"withdrawn","since":"2025-03-06","computed":false,"disputed":false,"alternatives":[]}"#
        try await Self.sql(statement, on: store)
        // When checked
        let check = try await store.run("check")
        // Then exit 1, one line naming what differs
        Self.expectOneLineError(check, naming: [named])
        // When rebuilt
        let rebuild = try await store.run("rebuild")
        #expect(rebuild.status == 0, "\(rebuild)")
        // Then check passes and the answers are right again
        let again = try await store.run("check")
        #expect(again.status == 0, "\(again)")
        let status = try await store.run("status", "--treaty", "CCM", "--state", "LTU", "--on", "2025-03-06", "--json")
        #expect(status.stdout == contract + "\n", "\(status)")
    }
}

extension Array {
    fileprivate var only: Element? { count == 1 ? first : nil }
}
