import AccordTestSupport
import Foundation
import Testing

/// Issue 16's errors and guesses, on the built binary.
@Suite("The first hour: misspelled commands and a missing replica")
struct FirstHourTests {
    @Test("a misspelled command is named, with the nearest command, exit 2", arguments: [
        ("dispute", "disputes"), ("statsu", "status"), ("parites", "parties"), ("sycn", "sync"),
    ])
    func misspelledCommand(typed: String, meant: String) async throws {
        // Given a word that is not a command, followed by an option
        let accord = try AccordBinary.locate()
        // When it is run
        let result = try await accord.run([typed, "--store", "x"])
        // Then the word is blamed, not the option, with a guess
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == ["error: unknown command '\(typed)' — did you mean '\(meant)'? (see `accord help`)"], "\(result)")
    }

    @Test func aWordFarFromEveryCommandGetsNoGuess() async throws {
        let result = try await AccordBinary.locate().run(["frobnicate"])
        #expect(result.status == 2)
        #expect(result.stderrLines == ["error: unknown command 'frobnicate' (see `accord help`)"], "\(result)")
    }

    @Test("a command on a directory with no replica names --store and $ACCORD_STORE before init", arguments: [false, true])
    func missingReplica(fromEnvironment: Bool) async throws {
        // Given a directory with no replica, named by --store or by ACCORD_STORE
        let directory = try TemporaryDirectory()
        let store = directory.path("nothing-here")
        let accord = try AccordBinary.locate()
        // When a query runs on it
        let result = fromEnvironment
            ? try await accord.run(["log"], environment: ["ACCORD_STORE": store])
            : try await accord.run(["log", "--store", store])
        // Then one line says where the directory came from, both ways to name another, then init
        expectRefusal(result, mentioning: [store, fromEnvironment ? "given by $ACCORD_STORE" : "given by --store", "--store DIR or $ACCORD_STORE", "accord init"])
        let line = result.stderr
        let ways = try #require(line.range(of: "--store DIR or $ACCORD_STORE"))
        let initHint = try #require(line.range(of: "accord init"))
        #expect(ways.lowerBound < initHint.lowerBound, "the ways to name a replica come before init: \(line)")
    }
}

/// `accord disputes --treaty T --state S`.
@Suite("disputes filtered by treaty and state")
struct DisputesFilterTests {
    @Test func disputesAreFilteredByTreatyAndState() async throws {
        // Given disputes about two states under the CCM and one under another treaty
        let a = "https://example.org/a", b = "https://example.org/b"
        let apm = #"{"type":"treaty","treaty":"APM","title":"Anti-Personnel Mine Ban Convention","entry_into_force":"1999-03-01","consent_takes_effect":{"rule":"first-day-of-month-after","months":6},"withdrawal_takes_effect":{"rule":"months-after","months":6}}"#
        let replica = try await CLIReplica.make(claims: [
            QueryCommandTests.ccm, apm,
            QueryCommandTests.action("ratification", "2011-03-24", state: "LTU", url: a),
            QueryCommandTests.action("ratification", "2011-03-25", state: "LTU", url: b),
            QueryCommandTests.action("ratification", "2009-05-03", state: "NOR", url: a),
            QueryCommandTests.action("ratification", "2008-12-03", state: "NOR", url: b),
            #"{"type":"action","treaty":"APM","state":"LTU","action":"ratification","date":"2003-05-12","sources":[{"url":"https://example.org/a"}]}"#,
            #"{"type":"action","treaty":"APM","state":"LTU","action":"ratification","date":"2003-05-13","sources":[{"url":"https://example.org/b"}]}"#,
        ])
        func facts(_ arguments: [String]) async throws -> [String] {
            let result = try await replica.run("disputes", arguments + ["--json"])
            try #require(result.status == 0, "\(result)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            return try #require(json["disputes"] as? [[String: Any]]).compactMap { $0["fact"] as? String }
        }
        // When listed with and without filters, then each filter keeps exactly its facts
        #expect(try await facts([]) == ["action/APM/LTU/ratification", "action/CCM/LTU/ratification", "action/CCM/NOR/ratification"])
        #expect(try await facts(["--treaty", "CCM"]) == ["action/CCM/LTU/ratification", "action/CCM/NOR/ratification"])
        #expect(try await facts(["--state", "Lithuania"]) == ["action/APM/LTU/ratification", "action/CCM/LTU/ratification"])
        #expect(try await facts(["--treaty", "CCM", "--state", "NOR"]) == ["action/CCM/NOR/ratification"])
        #expect(try await facts(["--treaty", "CCM", "--state", "FRA"]).isEmpty)
    }
}

/// `accord trust remove NAME`.
@Suite("trust remove")
struct TrustRemoveTests {
    @Test func removingTrustKeepsWhatIsHeldAndRefusesWhatComes() async throws {
        // Given ana, who trusts ben and holds his first claim
        let ben = try await CLIReplica.make(name: "ben", claims: [QueryCommandTests.ccm])
        let ana = try await CLIReplica.make(name: "ana")
        #expect(try await ana.run(["trust", "add"], [ben.feed, "--name", "ben"], timeLimit: 120).status == 0)
        let first = ben.directory.path("first.bundle")
        #expect(try await ben.run(["sync", "export"], ["--out", first], timeLimit: 120).status == 0)
        #expect(try await ana.run(["sync", "import"], [first], timeLimit: 120).status == 0)
        // When ana stops trusting ben
        let removed = try await ana.run(["trust", "remove"], ["ben"], timeLimit: 120)
        // Then she is told, the claim she held stays, and ben is no longer listed
        #expect(removed.status == 0, "\(removed)")
        #expect(removed.stdout.contains("no longer trusted: ben"), "\(removed)")
        #expect(try await ana.logEntries().count == 1)
        #expect(try await ana.run(["trust", "list"], [], timeLimit: 120).stdout.contains("no trusted peers yet"))
        // And ben's next bundle is refused, naming the command that would accept it
        try #require(try await ben.append([QueryCommandTests.action("signature", "2008-12-03")], file: "more.jsonl").status == 0)
        let second = ben.directory.path("second.bundle")
        #expect(try await ben.run(["sync", "export"], ["--out", second], timeLimit: 120).status == 0)
        let before = try ana.snapshot()
        let refused = try await ana.run(["sync", "import"], [second], timeLimit: 120)
        expectRefusal(refused, mentioning: ["accord trust add"])
        #expect(try ana.snapshot() == before)
        // And removing a name nobody has is refused in one line
        expectRefusal(try await ana.run(["trust", "remove"], ["carol"], timeLimit: 120), mentioning: ["carol"])
    }
}

/// A retraction cannot be retracted; the refusal says how to bring the claim back, and that works.
@Suite("retracting a retraction")
struct RetractRetractionTests {
    @Test func theRefusalSaysToAppendAgainAndThatBringsTheClaimBack() async throws {
        // Given a claim, retracted
        let claim = QueryCommandTests.action("ratification", "2011-03-24")
        let replica = try await CLIReplica.make(claims: [QueryCommandTests.ccm, claim])
        let ratification = try #require(try await replica.logEntries().last?["id"] as? String)
        let retracted = try await replica.run("retract", [ratification, "--note", "misread"])
        try #require(retracted.status == 0, "\(retracted)")
        let retraction = try #require(try await replica.logEntries().last?["id"] as? String)
        let before = try replica.snapshot()
        // When the retraction is retracted
        let refused = try await replica.run("retract", [retraction, "--note", "undo"])
        // Then one line refuses it and says what to do; nothing is written
        expectRefusal(refused, mentioning: ["cannot be retracted", "append it again"])
        #expect(try replica.snapshot() == before)
        // And doing what it says brings the claim back as a head
        #expect(try await replica.append([claim], file: "again.jsonl").status == 0)
        let status = try await replica.run("status", ["--treaty", "CCM", "--state", "LTU", "--on", "2012-01-01", "--json"])
        #expect(status.stdout.contains(#""status":"party""#), "\(status)")
        // And the help says so too
        let help = try await replica.accord.run(["retract", "--help"])
        #expect(help.stdout.contains("append it again"), "\(help)")
    }
}

/// Appending an action under a treaty nobody registered warns, and says how to register it.
@Suite("append under an unregistered treaty")
struct UnregisteredTreatyTests {
    @Test func theWarningNamesTheTreatyAndItsCommandWorks() async throws {
        // Given a replica that knows no treaty
        let replica = try await CLIReplica.make()
        // When a ratification under ATT is appended
        let result = try await replica.run("append", ["--treaty", "ATT", "--state", "FRA", "--action", "ratification", "--date", "2014-04-02", "--source", "https://example.org/a"])
        // Then it is recorded (exit 0), with one warning line on stderr naming ATT and a command
        #expect(result.status == 0, "\(result)")
        let warning = try #require(result.stderrLines.first { $0.hasPrefix("warning: ATT is not registered") }, "\(result)")
        let command = try #require(warning.split(separator: "`").dropFirst().first.map(String.init))
        // And that command, filled in, registers the treaty so that the date is computed
        var words = command.split(separator: " ").map(String.init).dropFirst(2).map { word -> String in
            switch word {
            case "TITLE": return "Arms Trade Treaty"
            case "YYYY-MM-DD": return "2014-12-24"
            case "URL": return "https://example.org/att"
            default: return word
            }
        }
        words = Array(words)
        let registered = try await replica.run("append", words)
        #expect(registered.status == 0, "\(registered)")
        #expect(!registered.stderr.contains("warning:"), "\(registered)")
        let status = try await replica.run("status", ["--treaty", "ATT", "--state", "FRA", "--on", "2015-01-01", "--json"])
        #expect(status.stdout.contains(#""status":"party""#), "\(status)")
        // And a claim under a registered treaty brings no warning
        let quiet = try await replica.run("append", ["--treaty", "ATT", "--state", "NOR", "--action", "signature", "--date", "2013-06-03", "--source", "https://example.org/b"])
        #expect(quiet.status == 0 && !quiet.stderr.contains("warning:"), "\(quiet)")
    }
}

/// Plain `accord log` shows resolutions and retractions as such, with their notes.
@Suite("log marks resolutions and retractions")
struct LogMarksTests {
    @Test func resolutionsAndRetractionsAreMarkedWithTheirNotes() async throws {
        // Given a disputed ratification, resolved with a note, and a signature retracted with a note
        let replica = try await CLIReplica.make(claims: [
            QueryCommandTests.ccm,
            QueryCommandTests.action("ratification", "2011-03-24", url: "https://example.org/a"),
            QueryCommandTests.action("ratification", "2011-03-25", url: "https://example.org/b"),
            QueryCommandTests.action("signature", "2008-12-03"),
        ])
        let ids = try await replica.logEntries().compactMap { $0["id"] as? String }
        let resolved = try await replica.run("resolve", ["action/CCM/LTU/ratification", "--pick", String(ids[1].prefix(12)), "--note", "the depositary's date"])
        try #require(resolved.status == 0, "\(resolved)")
        let retracted = try await replica.run("retract", [ids[3], "--note", "misread the article"])
        try #require(retracted.status == 0, "\(retracted)")
        // When the log is printed as text
        let log = try await replica.run("log")
        let lines = log.stdoutLines
        // Then the plain claims read as claims, the resolution and the retraction as such, with their notes
        #expect(lines.count == 6, "\(log)")
        #expect(lines[1].hasSuffix("action/CCM/LTU/ratification  2011-03-24"), "\(lines[1])")
        #expect(lines[4].contains("[resolution: supersedes ") && lines[4].hasSuffix("— note: the depositary's date"), "\(lines[4])")
        #expect(lines[5].contains("action/CCM/LTU/signature  [retraction of \(ids[3].prefix(12))…]"), "\(lines[5])")
        #expect(lines[5].hasSuffix("— note: misread the article"), "\(lines[5])")
    }
}

/// `accord show FACT` and `accord show EVENT_ID`.
@Suite("show: who said what")
struct ShowTests {
    @Test func aFactsWholeStoryByKeyAndByClaimID() async throws {
        // Given two sources that disagree on a ratification, one with a quote and a note, then a resolution
        let a = #"{"type":"action","treaty":"CCM","state":"LTU","action":"ratification","date":"2011-03-24","note":"the depositary's page","sources":[{"url":"https://example.org/a","outlet":"UN","published":"2011-03-25","quote":"deposited on 24 March"}]}"#
        let replica = try await CLIReplica.make(claims: [QueryCommandTests.ccm, a, QueryCommandTests.action("ratification", "2011-03-25", url: "https://example.org/b")])
        let ids = try await replica.logEntries().compactMap { $0["id"] as? String }
        func story(_ name: String) async throws -> [String: Any] {
            let result = try await replica.run("show", [name, "--json"])
            try #require(result.status == 0, "\(result)")
            return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }
        // When shown by its key, while disputed
        let disputed = try await story("action/CCM/LTU/ratification")
        // Then both claims are there with their sources, quote and note, and the fact is disputed
        let entries = try #require(disputed["entries"] as? [[String: Any]])
        #expect(entries.count == 2)
        #expect(entries.map { $0["kind"] as? String } == ["claim", "claim"])
        #expect(entries[0]["note"] as? String == "the depositary's page")
        #expect(((entries[0]["sources"] as? [[String: Any]])?.first?["quote"]) as? String == "deposited on 24 March")
        #expect(disputed["disputed"] as? Bool == true)
        #expect((disputed["alternatives"] as? [Any])?.count == 2)
        // And once resolved, shown by a claim's id prefix: the resolution with its note, and one head
        let resolved = try await replica.run("resolve", ["action/CCM/LTU/ratification", "--pick", String(ids[1].prefix(12)), "--note", "UN record"])
        try #require(resolved.status == 0, "\(resolved)")
        let settled = try await story(String(ids[2].prefix(10)))
        let after = try #require(settled["entries"] as? [[String: Any]])
        #expect(after.count == 3)
        #expect(after[2]["kind"] as? String == "resolution")
        #expect(after[2]["note"] as? String == "UN record")
        #expect(Set(after[2]["supersedes"] as? [String] ?? []) == Set([ids[1], ids[2]]))
        #expect(settled["disputed"] as? Bool == false)
        // And the text says where the fact stands now
        let text = try await replica.run("show", ["action/CCM/LTU/ratification"])
        #expect(text.stdoutLines.last == "now: 2011-03-24 (1 head agrees)", "\(text)")
        // And an unknown fact is refused in one line
        expectRefusal(try await replica.run("show", ["action/CCM/FRA/ratification"]), mentioning: ["action/CCM/FRA/ratification"])
    }
}

/// `--help` never breaks an example in the middle of a command line.
@Suite("help examples")
struct HelpExampleTests {
    static let commands: [[String]] = [
        [], ["demo"], ["init"], ["id"], ["append"], ["import"], ["log"], ["status"], ["parties"], ["timeline"],
        ["disputes"], ["show"], ["resolve"], ["retract"], ["trust"], ["trust", "add"], ["trust", "list"], ["trust", "remove"],
        ["sync"], ["sync", "export"], ["sync", "import"], ["sync", "folder"], ["rebuild"], ["check"], ["export"],
    ]

    @Test("every line of an Examples block is an indented example", arguments: commands)
    func examplesAreWhole(command: [String]) async throws {
        // Given the raw help of a command, as printed to a pipe (80 columns)
        let result = try await AccordBinary.locate().run(command + ["--help"])
        #expect(result.status == 0, "\(result)")
        var inExamples = false
        for line in result.stdoutLines {
            if line.hasSuffix("Examples:") || line.hasSuffix("Example:") { inExamples = true; continue }
            if line.isEmpty || line.hasPrefix("USAGE:") { inExamples = false; continue }
            // Then no line of an example block starts at the margin: a wrapped command would
            if inExamples { #expect(line.hasPrefix("  "), "`accord \(command.joined(separator: " ")) --help` breaks an example: \"\(line)\"") }
        }
    }
}

/// `accord export --format csv` carries who said what, read back with Python's csv module.
@Suite("export csv with provenance")
struct ExportProvenanceTests {
    @Test func everySourceOfEveryHeadIsARowAndComputedDatesAreMarked() async throws {
        // Given the CCM, a ratification with a quoted, noted source and a second source, and a statement
        let ratification = #"{"type":"action","treaty":"CCM","state":"LTU","action":"ratification","date":"2011-03-24","note":"from the depositary","sources":[{"url":"https://example.org/a","outlet":"UN","published":"2011-03-25","quote":"deposited, \"24 March\""},{"url":"https://example.org/b"}]}"#
        let statement = #"{"type":"statement","subject":"LTU","property":"uxo-mitigation","value":"algorithms, for collection","sources":[{"url":"https://example.org/c"}]}"#
        let replica = try await CLIReplica.make(claims: [QueryCommandTests.ccm, ratification, statement])
        let file = replica.directory.path("facts.csv")
        #expect(try await replica.run("export", ["--format", "csv", "--out", file]).status == 0)
        // When the file is read by a CSV reader that is not ours
        let read = try await ChildProcess.run("python3", arguments: ["-c", "import csv, json, sys; print(json.dumps(list(csv.DictReader(open(sys.argv[1], newline='')))))", file])
        try #require(read.status == 0, "\(read)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [[String: String]])
        // Then the ratification has a row per source, with the note, replica, recorded time and quote
        let ratified = rows.filter { $0["fact"] == "action/CCM/LTU/ratification" }
        #expect(ratified.map { $0["source_url"] } == ["https://example.org/a", "https://example.org/b"])
        #expect(ratified[0]["quote"] == #"deposited, "24 March""#)
        #expect(ratified[0]["outlet"] == "UN" && ratified[0]["published"] == "2011-03-25")
        #expect(ratified.allSatisfy { $0["note"] == "from the depositary" && $0["replica"] == "ana" && $0["computed"] == "false" && !($0["recorded"] ?? "").isEmpty })
        // And the computed entry into force is a row of its own, marked, with no source
        let computed = try #require(rows.first { $0["fact"] == "action/CCM/LTU/entry-into-force" })
        #expect(computed["date"] == "2011-09-01" && computed["computed"] == "true" && computed["source_url"] == "")
        // And the treaty's terms are readable columns, the statement's text its value
        let treaty = try #require(rows.first { $0["fact"] == "treaty/CCM" })
        #expect(treaty["entry_into_force"] == "2010-08-01" && treaty["title"] == "Convention on Cluster Munitions")
        #expect(!(treaty["consent_rule"] ?? "").isEmpty && !(treaty["withdrawal_rule"] ?? "").isEmpty)
        #expect(rows.first { $0["fact"] == "statement/LTU/uxo-mitigation" }?["value"] == "algorithms, for collection")
    }
}

/// The timeline SVG: legend entries apart, labels inside the picture.
@Suite("timeline SVG layout")
struct TimelineSVGLayoutTests {
    @Test func legendEntriesDoNotRunTogetherAndEveryLabelFits() async throws {
        // Given Lithuania's story under the CCM
        let replica = try await CLIReplica.make(claims: QueryCommandTests.lithuania)
        let file = replica.directory.path("ltu.svg")
        // When its timeline is drawn
        let result = try await replica.run("timeline", ["--state", "LTU", "--svg", file])
        try #require(result.status == 0, "\(result)")
        let svg = try String(contentsOfFile: file, encoding: .utf8)
        func number(_ name: String, in tag: Substring) -> Int? {
            guard let r = tag.range(of: "\(name)=\"") else { return nil }
            return Int(tag[r.upperBound...].prefix { $0.isNumber })
        }
        let width = try #require(svg.range(of: "width=\"").map { Int(svg[$0.upperBound...].prefix { $0.isNumber }) } ?? nil)
        // Then the legend is separate text elements, each starting after the previous one's text
        let legend = svg.components(separatedBy: "<text class=\"legend\" ").dropFirst().map { Substring($0) }
        #expect(legend.count == 3, "\(svg.prefix(600))")
        for (a, b) in zip(legend, legend.dropFirst()) {
            let text = a[a.index(after: a.firstIndex(of: ">")!)..<a.range(of: "</text>")!.lowerBound]
            let (x1, x2) = (try #require(number("x", in: a)), try #require(number("x", in: b)))
            #expect(x2 >= x1 + text.count * 7, "legend entries overlap: \(text)")
        }
        // And every mark's label (drawn 12 px right of its dot) ends inside the picture
        for tag in svg.components(separatedBy: "<text ").dropFirst() where tag.contains("fill=\"#1f4e79\"") || tag.contains("fill=\"#c62828\"") {
            let x = try #require(number("x", in: Substring(tag)))
            let label = tag[tag.index(after: tag.firstIndex(of: ">")!)..<tag.range(of: "</text>")!.lowerBound]
            #expect(x + label.count * 7 <= width, "label runs off the picture: \(label)")
        }
    }
}
