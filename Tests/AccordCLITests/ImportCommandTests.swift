import AccordTestSupport
import Foundation
import Testing

/// Issue 15: `accord import` reads UN Treaty Collection status tables and any
/// CSV with a mapping, cites the table on every claim, re-imports idempotently,
/// records what a later copy of the same source changed, and refuses bad rows
/// with their place, leaving the store exactly as it was.
@Suite("accord import: status tables and CSV, with sources")
struct ImportCommandTests {
    static let unSource = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-6&chapter=26&clang=_en"
    static let ccmTable = "tables/un-ccm-status.csv"

    /// A replica with the CCM registered as the demo registers it (Ana's first claim).
    static func ccmReplica() async throws -> CLIReplica {
        let treaty = try #require(try Fixtures.demoClaims()["ana"]?.first { $0.contains(#""type":"treaty""#) })
        return try await CLIReplica.make(claims: [treaty])
    }

    /// Runs `accord import FILE --treaty T --source URL --retrieved 2025-03-05 <extra…>`.
    static func importTable(
        _ replica: CLIReplica, _ file: String, treaty: String = "CCM", source: String = unSource, _ extra: [String] = []
    ) async throws -> ProcessResult {
        try await replica.run("import", [file, "--treaty", treaty, "--source", source, "--retrieved", "2025-03-05"] + extra)
    }

    static func json(_ result: ProcessResult) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result)")
    }

    static func partiesCount(_ replica: CLIReplica, treaty: String = "CCM", on date: String, by: String = "deposit") async throws -> Int? {
        let result = try await replica.run("parties", ["--treaty", treaty, "--on", date, "--by", by, "--json"])
        try #require(result.status == 0, "\(result)")
        return try json(result)["count"] as? Int
    }

    static func status(_ replica: CLIReplica, treaty: String = "CCM", _ state: String, on date: String, knownAt: String? = nil) async throws -> String? {
        let result = try await replica.run(
            "status", ["--treaty", treaty, "--state", state, "--on", date, "--json"] + (knownAt.map { ["--known-at", $0] } ?? []))
        try #require(result.status == 0, "\(result)")
        return try json(result)["status"] as? String
    }

    /// The fixture's text, with `edit` applied to its lines.
    static func editedTable(_ edit: (inout [String]) -> Void) throws -> String {
        let text = String(decoding: try Fixtures.bytes(ccmTable), as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        edit(&lines)
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: - UN tables

    @Test func theCCMTableCountsThePartiesTheConventionPublishes() async throws {
        // Given a replica with the CCM registered
        let replica = try await Self.ccmReplica()
        // When the UN status table is imported
        let imported = try await Self.importTable(replica, Fixtures.path(Self.ccmTable))
        try #require(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("UN Treaty Collection status table, 124 rows"), "\(imported)")
        #expect(imported.stdout.contains("recorded 218 claims"), "\(imported)")
        #expect(imported.stdout.contains("not recorded: 1 provisional application date"), "\(imported)")
        // Then the parties by deposit are the convention's own figures
        #expect(try await Self.partiesCount(replica, on: "2025-03-05") == 112)
        #expect(try await Self.partiesCount(replica, on: "2022-08-01") == 110)
        #expect(try await Self.partiesCount(replica, on: "2010-02-16") == 30)
        // And names with footnotes and UN long names resolve to their codes
        #expect(try await Self.status(replica, "LTU", on: "2011-09-02") == "party")
        #expect(try await Self.status(replica, "GBR", on: "2011-01-01") == "party")
        #expect(try await Self.status(replica, "BLZ", on: "2015-06-01") == "party")
        #expect(try await Self.status(replica, "AGO", on: "2025-03-05") == "signatory")
    }

    @Test func everyClaimCitesTheTableAndQuotesItsRow() async throws {
        let replica = try await Self.ccmReplica()
        let imported = try await Self.importTable(replica, Fixtures.path(Self.ccmTable))
        try #require(imported.status == 0, "\(imported)")
        let claims = try await replica.logEntries().compactMap { $0["claim"] as? [String: Any] }.filter { $0["type"] as? String == "action" }
        #expect(claims.count == 218)
        for claim in claims {
            let sources = try #require(claim["sources"] as? [[String: Any]])
            #expect(sources.count == 1)
            #expect(sources[0]["url"] as? String == Self.unSource)
            #expect(sources[0]["outlet"] as? String == "UN Treaty Collection")
            #expect(sources[0]["retrieved"] as? String == "2025-03-05")
        }
        let andorra = try #require(claims.first { $0["state"] as? String == "AND" })
        #expect(andorra["action"] as? String == "accession")
        #expect((andorra["sources"] as? [[String: Any]])?.first?["quote"] as? String == "Andorra,,,9 Apr 2013 a")
    }

    @Test func theSameTableCopiedAsTextIsRecognizedAndAddsNothing() async throws {
        // Given the CSV imported
        let replica = try await Self.ccmReplica()
        let first = try await Self.importTable(replica, Fixtures.path(Self.ccmTable))
        try #require(first.status == 0, "\(first)")
        let before = try replica.snapshot()
        // When the page's table copied as text (titles, tabs, superscript footnotes, notes) is imported from the same source
        let copied = try await Self.importTable(replica, Fixtures.path("tables/un-ccm-status-copied.txt"))
        // Then it is read as the same 124 rows and nothing is recorded
        #expect(copied.status == 0, "\(copied)")
        #expect(copied.stdout.contains("124 rows"), "\(copied)")
        #expect(copied.stdout.contains("nothing to record"), "\(copied)")
        #expect(try replica.snapshot() == before)
    }

    @Test func claimsTypedFromTheSamePageAreNotRecordedTwice() async throws {
        // Given the demo's claims: Ben typed Lithuania's signature and ratification from the UN page
        let demo = try Fixtures.demoClaims()
        let replica = try await CLIReplica.make(claims: try #require(demo["ana"]) + (try #require(demo["ben"])))
        let disputesBefore = try Self.json(try await replica.run("disputes", ["--json"]))["disputes"] as? [Any]
        // When the UN table is imported with the page's address as its source
        let result = try await Self.importTable(replica, Fixtures.path(Self.ccmTable))
        // Then those two are unchanged, and no dispute is added
        #expect(result.status == 0, "\(result)")
        let totals = try #require(result.stdoutLines.first { $0.hasPrefix("total") })
        #expect(totals.split(separator: " ") == ["total", "216", "2", "0", "0"], "\(result)")
        let disputesAfter = try Self.json(try await replica.run("disputes", ["--json"]))["disputes"] as? [Any]
        #expect(disputesAfter?.count == disputesBefore?.count)
    }

    @Test func reimportingAppendsNothing() async throws {
        let replica = try await Self.ccmReplica()
        let first = try await Self.importTable(replica, Fixtures.path(Self.ccmTable))
        try #require(first.status == 0, "\(first)")
        let before = try replica.snapshot()
        let again = try await Self.importTable(replica, Fixtures.path(Self.ccmTable))
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("nothing to record"), "\(again)")
        #expect(try replica.snapshot() == before)
    }

    @Test func aLaterSnapshotAppendsExactlyWhatChangedAndKnownAtGivesTheEarlierAnswer() async throws {
        // Given the table imported
        let replica = try await Self.ccmReplica()
        let first = try await Self.importTable(replica, Fixtures.path(Self.ccmTable))
        try #require(first.status == 0, "\(first)")
        let firstEntries = try await replica.logEntries()
        let betweenImports = try #require(firstEntries.last?["recorded"] as? String)
        let botswanaClaim = try #require(firstEntries.first {
            let claim = $0["claim"] as? [String: Any]
            return claim?["state"] as? String == "BWA" && claim?["action"] as? String == "ratification"
        })
        // When a later copy of the same source adds one participant and corrects one date
        let later = try replica.directory.write(try Self.editedTable { lines in
            let i = lines.firstIndex { $0.hasPrefix("Botswana,") }!
            lines[i] = "Botswana,3 Dec 2008,,27 Jul 2011"
            lines.insert("Tuvalu,,,15 Jan 2025 a", at: lines.firstIndex { $0.hasPrefix("Uganda,") }!)
        }, to: "un-ccm-status-later.csv")
        let dryRun = try await Self.importTable(replica, later, ["--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun)")
        #expect(dryRun.stdout.contains("dry run: nothing recorded"), "\(dryRun)")
        let totals = try #require(dryRun.stdoutLines.first { $0.hasPrefix("total") })
        #expect(totals.split(separator: " ") == ["total", "1", "217", "1", "0"], "\(dryRun)")
        let imported = try await Self.importTable(replica, later)
        try #require(imported.status == 0, "\(imported)")
        // Then exactly two claims are appended, the corrected one superseding the source's earlier claim
        let entries = try await replica.logEntries()
        #expect(entries.count == firstEntries.count + 2)
        let appended = entries.suffix(2).compactMap { $0["claim"] as? [String: Any] }
        let correction = try #require(appended.first { $0["state"] as? String == "BWA" })
        #expect(correction["date"] as? String == "2011-07-27")
        #expect(correction["supersedes"] as? [String] == [botswanaClaim["id"] as? String].compactMap { $0 })
        #expect(appended.contains { $0["state"] as? String == "TUV" && $0["action"] as? String == "accession" })
        // And the fact is not disputed: the source corrected itself
        let disputes = try await replica.run("disputes", ["--json"])
        #expect((try Self.json(disputes)["disputes"] as? [Any])?.isEmpty == true, "\(disputes)")
        // And --known-at between the imports answers as the first copy said
        #expect(try await Self.status(replica, "BWA", on: "2011-12-15", knownAt: betweenImports) == "party")
        #expect(try await Self.status(replica, "BWA", on: "2011-12-15") == "consented")
        #expect(try await Self.partiesCount(replica, on: "2025-03-05") == 113)
    }

    // MARK: - Bad rows

    /// A table with one bad row, and what the error must say.
    struct BadTable: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let text: String
        let mapping: [String]
        let place: String
        let cause: [String]
    }

    static let badTables: [BadTable] = {
        func un(_ what: String, replacing prefix: String, with row: String, place: String, cause: [String]) -> BadTable {
            let text = try! editedTable { lines in lines[lines.firstIndex { $0.hasPrefix(prefix) }!] = row }
            return BadTable(testDescription: what, text: text, mapping: [], place: place, cause: cause)
        }
        let mapped = ["--participant", "state", "--act", "ratification=ratified"]
        func iso(_ what: String, _ row: String, place: String, cause: [String]) -> BadTable {
            BadTable(
                testDescription: what, text: "state,ratified\nLithuania,2011-03-24\n\(row)\nNorway,2008-12-03\n",
                mapping: mapped, place: place, cause: cause)
        }
        return [
            un("a date not on the calendar (UN form)", replacing: "Burkina Faso,", with: "Burkina Faso,3 Dec 2008,,30 Feb 2010",
               place: "table.csv:16:4", cause: ["30 Feb 2010", "not a calendar date"]),
            iso("a date not on the calendar (ISO)", "Latvia,2010-02-29", place: "table.csv:3:2", cause: ["2010-02-29", "not a calendar date"]),
            iso("the year 0001", "Latvia,0001-01-01", place: "table.csv:3:2", cause: ["0001", "outside"]),
            iso("a date that is not a date", "Latvia,1971-0706", place: "table.csv:3:2", cause: ["1971-0706", "not a date", "yyyy-mm-dd"]),
            un("an unknown participant", replacing: "Lithuania 3,", with: "Lithuana,3 Dec 2008,,24 Mar 2011",
               place: "table.csv:68:1", cause: ["unknown participant", "Lithuana", "Lithuania (LTU)"]),
            un("an act letter the header does not allow", replacing: "Angola,", with: "Angola,3 Dec 2008 a,,",
               place: "table.csv:5:2", cause: ["act letter", "\"a\"", "Signature"]),
        ]
    }()

    @Test(arguments: badTables)
    func aBadRowRefusesTheWholeTableNamingItsPlace(_ bad: BadTable) async throws {
        // Given a replica with the CCM registered
        let replica = try await Self.ccmReplica()
        let file = try replica.directory.write(bad.text, to: "table.csv")
        let before = try replica.snapshot()
        // When the table with one bad row is imported
        let result = try await Self.importTable(replica, file, bad.mapping)
        // Then it exits 1 with one line that names the row's place and the cause
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result)")
        #expect(result.stderr.contains("\(replica.directory.path)/\(bad.place):"), "\(result)")
        for word in bad.cause { #expect(result.stderr.contains(word), "stderr should say \(word): \(result)") }
        // And the store is byte-identical
        #expect(try replica.snapshot() == before)
    }

    @Test func skipBadRowsRecordsExactlyTheGoodRowsAndWritesTheBadOnes() async throws {
        let replica = try await Self.ccmReplica()
        let file = try replica.directory.write(
            "state,signed,ratified\nLithuania,2008-12-03,2011-03-24\nAtlantis,2008-12-03,2011-01-01\nNorway,2008-12-03,2008-12-03\nLatvia,,2010-02-29\nPeru,2008-12-03,\n",
            to: "acts.csv")
        let result = try await Self.importTable(
            replica, file, ["--participant", "state", "--act", "signature=signed", "--act", "ratification=ratified", "--skip-bad-rows"])
        #expect(result.status == 0, "\(result)")
        // Then the good rows' five claims are recorded, nothing of the bad rows
        let claims = try await replica.logEntries().compactMap { $0["claim"] as? [String: Any] }.filter { $0["type"] as? String == "action" }
        let recorded = Set(claims.map { "\($0["state"] as? String ?? "")/\($0["action"] as? String ?? "")" })
        #expect(recorded == ["LTU/signature", "LTU/ratification", "NOR/signature", "NOR/ratification", "PER/signature"])
        // And the bad rows, with their causes, are in the file the output names
        let rejectedPath = replica.directory.path("acts.rejected.csv")
        #expect(result.stdout.contains(rejectedPath), "\(result)")
        let rejected = try String(contentsOfFile: rejectedPath, encoding: .utf8).split(separator: "\n")
        #expect(rejected.count == 3)
        #expect(rejected[0] == #"state,signed,ratified,"rejected because""#)
        #expect(rejected[1].hasPrefix("Atlantis,2008-12-03,2011-01-01,\"line 3, column 1: unknown participant"))
        #expect(rejected[2].hasPrefix("Latvia,,2010-02-29,\"line 5, column 3:"))
    }

    @Test func dryRunCountsPerActionAndRecordsNothing() async throws {
        let replica = try await Self.ccmReplica()
        let before = try replica.snapshot()
        let result = try await Self.importTable(replica, Fixtures.path(Self.ccmTable), ["--dry-run"])
        #expect(result.status == 0, "\(result)")
        let rows = Dictionary(result.stdoutLines.map { line in
            let words = line.split(separator: " ")
            return (String(words.first ?? ""), words.dropFirst().map(String.init))
        }, uniquingKeysWith: { a, _ in a })
        #expect(rows["signature"] == ["106", "0", "0", "0"], "\(result)")
        #expect(rows["ratification"] == ["92", "0", "0", "0"], "\(result)")
        #expect(rows["acceptance"] == ["2", "0", "0", "0"], "\(result)")
        #expect(rows["accession"] == ["18", "0", "0", "0"], "\(result)")
        #expect(result.stdout.contains("dry run: nothing recorded"))
        #expect(try replica.snapshot() == before)
    }

    @Test func jsonOutputCountsForScripts() async throws {
        let replica = try await Self.ccmReplica()
        let file = try replica.directory.write("state,ratified\nLithuania,2011-03-24\nAtlantis,2011-01-01\n", to: "acts.csv")
        let result = try await Self.importTable(
            replica, file, ["--participant", "state", "--act", "ratification=ratified", "--skip-bad-rows", "--json"])
        #expect(result.status == 0, "\(result)")
        let object = try Self.json(result)
        #expect(object["table"] as? String == "wide")
        #expect(object["recorded"] as? Int == 1)
        #expect(object["rejected_file"] as? String == replica.directory.path("acts.rejected.csv"))
        let actions = try #require(object["actions"] as? [[String: Any]])
        #expect(actions.count == 1 && actions[0]["action"] as? String == "ratification" && actions[0]["new"] as? Int == 1)
        let bad = try #require((object["bad_rows"] as? [[String: Any]])?.first)
        #expect(bad["line"] as? Int == 3 && bad["column"] as? Int == 1)
    }

    @Test func aDateThatDisagreesWithAnotherSourceIsCountedAndRecordedAsADispute() async throws {
        let replica = try await Self.ccmReplica()
        let other = #"{"type":"action","treaty":"CCM","state":"LTU","action":"ratification","date":"2011-03-25","sources":[{"url":"https://example.org/news"}]}"#
        let seeded = try await replica.append([other], file: "news.jsonl")
        try #require(seeded.status == 0, "\(seeded)")
        let result = try await Self.importTable(replica, Fixtures.path(Self.ccmTable))
        #expect(result.status == 0, "\(result)")
        let ratification = try #require(result.stdoutLines.first { $0.hasPrefix("ratification") })
        #expect(ratification.split(separator: " ") == ["ratification", "91", "0", "0", "1"], "\(result)")
        let disputes = try await replica.run("disputes", ["--json"])
        let facts = (try Self.json(disputes)["disputes"] as? [[String: Any]])?.compactMap { $0["fact"] as? String }
        #expect(facts == ["action/CCM/LTU/ratification"], "\(disputes)")
    }

    @Test func reimportingDoesNotUndoAResolutionAgainstTheTable() async throws {
        // Given a table date disputed by another source, resolved for the other source
        let replica = try await Self.ccmReplica()
        let other = #"{"type":"action","treaty":"CCM","state":"LTU","action":"ratification","date":"2011-03-25","sources":[{"url":"https://example.org/news"}]}"#
        let seeded = try await replica.append([other], file: "news.jsonl")
        try #require(seeded.status == 0, "\(seeded)")
        let first = try await Self.importTable(replica, Fixtures.path(Self.ccmTable))
        try #require(first.status == 0, "\(first)")
        let news = try #require(try await replica.logEntries().first { ($0["claim"] as? [String: Any])?["date"] as? String == "2011-03-25" }?["id"] as? String)
        let resolved = try await replica.run("resolve", ["action/CCM/LTU/ratification", "--pick", news, "--note", "test"])
        try #require(resolved.status == 0, "\(resolved)")
        let before = try replica.snapshot()
        // When the same table is imported again
        let again = try await Self.importTable(replica, Fixtures.path(Self.ccmTable))
        // Then nothing is recorded and the fact stays resolved
        #expect(again.status == 0, "\(again)")
        #expect(again.stdout.contains("nothing to record"), "\(again)")
        #expect(try replica.snapshot() == before)
    }

    @Test func anUnregisteredTreatyIsRefusedNamingTheKnownOnes() async throws {
        let replica = try await Self.ccmReplica()
        let before = try replica.snapshot()
        let result = try await Self.importTable(replica, Fixtures.path(Self.ccmTable), treaty: "CMM")
        expectRefusal(result, mentioning: ["CMM", "CCM"])
        #expect(try replica.snapshot() == before)
    }

    @Test func aTableThatIsNotAUNTableNeedsAMapping() async throws {
        let replica = try await Self.ccmReplica()
        let file = try replica.directory.write("state,ratified\nLithuania,2011-03-24\n", to: "plain.csv")
        let result = try await Self.importTable(replica, file)
        expectRefusal(result, mentioning: ["plain.csv", "Participant", "--participant"])
    }

    // MARK: - Other tables

    @Test func theParisAgreementExcerptKeepsTheEuropeanUnionAndUNNames() async throws {
        let treaty = #"{"type":"treaty","treaty":"PA","title":"Paris Agreement","entry_into_force":"2016-11-04","consent_takes_effect":{"rule":"days-after","days":30},"withdrawal_takes_effect":{"rule":"months-after","months":12}}"#
        let replica = try await CLIReplica.make(claims: [treaty])
        let result = try await Self.importTable(
            replica, Fixtures.path("tables/un-paris-agreement-excerpt.tsv"), treaty: "PA",
            source: "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVII-7-d&chapter=27&clang=_en")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("17 rows"), "\(result)")
        #expect(try await Self.status(replica, treaty: "PA", "EUU", on: "2017-01-01") == "party")
        #expect(try await Self.status(replica, treaty: "PA", "European Union", on: "2017-01-01") == "party")
        #expect(try await Self.status(replica, treaty: "PA", "TUR", on: "2022-01-01") == "party")
        #expect(try await Self.status(replica, treaty: "PA", "PSE", on: "2017-01-01") == "party")
        #expect(try await Self.status(replica, treaty: "PA", "IRN", on: "2017-01-01") == "signatory")
        let claims = try await replica.logEntries().compactMap { $0["claim"] as? [String: Any] }
        #expect(claims.contains { $0["state"] as? String == "EUU" && $0["action"] as? String == "approval" })
        #expect(claims.contains { $0["state"] as? String == "JPN" && $0["action"] as? String == "acceptance" })
    }

    @Test func aTableSavedAsUnicodeTextIsReadAsUTF16() async throws {
        let treaty = #"{"type":"treaty","treaty":"PA","title":"Paris Agreement","entry_into_force":"2016-11-04","consent_takes_effect":{"rule":"days-after","days":30},"withdrawal_takes_effect":{"rule":"months-after","months":12}}"#
        let replica = try await CLIReplica.make(claims: [treaty])
        let text = String(decoding: try Fixtures.bytes("tables/un-paris-agreement-excerpt.tsv"), as: UTF8.self)
        let file = replica.directory.path("paris-unicode.txt")
        try Data([0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: URL(fileURLWithPath: file))
        let result = try await Self.importTable(replica, file, treaty: "PA", source: "https://example.org/paris", ["--dry-run"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("17 rows"), "\(result)")
        #expect(result.stdoutLines.contains { $0.split(separator: " ") == ["approval", "1", "0", "0", "0"] }, "\(result)")
    }

    @Test func aWideResearchDatasetWithSentinelsAndFormerStates() async throws {
        let treaty = #"{"type":"treaty","treaty":"NPT","title":"Treaty on the Non-Proliferation of Nuclear Weapons","entry_into_force":"1970-03-05","consent_takes_effect":{"rule":"on-deposit"},"withdrawal_takes_effect":{"rule":"months-after","months":3}}"#
        let replica = try await CLIReplica.make(claims: [treaty])
        let mapping = [
            "--participant", "stateName", "--act", "signature=stateSig", "--act", "ratification=stateRat",
            "--act", "withdrawal-effective=stateWithdrawal", "--date-format", "dd.mm.yyyy", "--treaty-column", "treatyID", "--none", "NA", "--none", "31.12.9999",
        ]
        // Without --none for the sentinel, the year 9999 is refused and the error says how to declare it
        let withoutSentinel = try await Self.importTable(
            replica, Fixtures.path("tables/research-npt-wide.csv"), treaty: "NPT", source: "https://example.org/npt-dataset",
            Array(mapping.dropLast(2)))
        expectRefusal(withoutSentinel, mentioning: ["research-npt-wide.csv:2:6", "9999", "--none \"31.12.9999\""])
        // With it, every row is read, former states under their ISO 3166-3 codes
        let result = try await Self.importTable(
            replica, Fixtures.path("tables/research-npt-wide.csv"), treaty: "NPT", source: "https://example.org/npt-dataset", mapping)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("table with a column per act (wide), 19 rows"), "\(result)")
        for code in ["SUHH", "DDDE", "CSHH", "YUCS"] {
            #expect(try await Self.status(replica, treaty: "NPT", code, on: "1980-01-01") == "party", "\(code)")
        }
        #expect(try await Self.status(replica, treaty: "NPT", "USSR", on: "1980-01-01") == "party")
        #expect(try await Self.status(replica, treaty: "NPT", "PRK", on: "2010-01-01") == "withdrawn")
        #expect(try await Self.status(replica, treaty: "NPT", "IND", on: "2010-01-01") == "not-party")
    }

    @Test func aLongTableHasARowPerAct() async throws {
        let replica = try await Self.ccmReplica()
        let file = try replica.directory.write(
            "country;act;when\nLTU;signature;2008-12-03\nLTU;ratification;2011-03-24\nLTU;withdrawal-notification;2024-09-06\nNorway;Ratification;2008-12-03\n",
            to: "long.csv")
        let result = try await Self.importTable(
            replica, file, ["--participant", "country", "--action-column", "act", "--date-column", "when"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("recorded 4 claims"), "\(result)")
        #expect(try await Self.status(replica, "LTU", on: "2025-03-07") == "withdrawn")
        #expect(try await Self.status(replica, "NOR", on: "2025-03-07") == "party")
    }

    @Test func helpTeachesBothKindsOfTable() async throws {
        let result = try await AccordBinary.locate().run(["import", "--help"])
        #expect(result.status == 0)
        for word in ["Participant", "--participant", "--act", "--date-format", "--none", "--dry-run", "--skip-bad-rows", "--known-at", "Examples"] {
            #expect(result.stdout.contains(word), "help should mention \(word)")
        }
    }
}
