import AccordTestSupport
import Foundation
import Testing

/// CONTRACT.md "Exit status and errors" and issue 3, "Bad input gets a clear
/// error and loses nothing": each bad input exits 1 (2 for usage) with one
/// line on stderr naming the place and the cause, and the store's events and
/// file digests are exactly as they were.
@Suite("Bad input gets a clear error and loses nothing")
struct BadInputTests {
    static let good = ClaimLines.actions(count: 3, tag: "good")
    static let sources = #""sources":[{"url":"https://example.org/x"}]"#
    static func action(state: String = "LTU", action: String = "ratification", date: String = "2011-03-24") -> String {
        #"{"type":"action","treaty":"CCM","state":"\#(state)","action":"\#(action)","date":"\#(date)",\#(sources)}"#
    }

    /// A JSON Lines file with a bad line at `line`, and what its error must mention besides that place.
    struct BadFile: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let lines: [String]
        let badLine: Int
        let cause: [String]

        init(_ what: String, bad: String, at line: Int, cause: [String]) {
            testDescription = what
            var lines = Array(BadInputTests.good.prefix(line - 1))
            lines.append(bad)
            lines += BadInputTests.good.dropFirst(line - 1)
            self.lines = lines
            badLine = line
            self.cause = cause
        }
    }

    static let badFiles: [BadFile] = [
        BadFile("malformed JSON", bad: #"{"type":"action","treaty":"CCM","#, at: 3, cause: ["JSON"]),
        BadFile("valid JSON that is no claim", bad: "[1,2,3]", at: 2, cause: ["not a claim"]),
        BadFile("valid JSON object without a type", bad: #"{"treaty":"CCM"}"#, at: 2, cause: ["type"]),
        BadFile("an unknown type", bad: #"{"type":"rumour","subject":"LTU",\#(sources)}"#, at: 1, cause: ["unknown type", "rumour", "statement"]),
        BadFile("an unknown action", bad: action(action: "ratified"), at: 4, cause: ["unknown action", "ratified", "ratification"]),
        BadFile("an impossible day", bad: action(date: "2024-02-30"), at: 2, cause: ["2024-02-30", "calendar"]),
        BadFile("an impossible month", bad: action(date: "2024-13"), at: 2, cause: ["2024-13", "calendar"]),
        BadFile("a two-digit year", bad: action(date: "24-07-18"), at: 2, cause: ["24-07-18", "ISO 8601"]),
        BadFile("an unknown state", bad: action(state: "Lithuana"), at: 3, cause: ["unknown state", "Lithuana", "Lithuania"]),
        BadFile("a missing sources", bad: #"{"type":"action","treaty":"CCM","state":"LTU","action":"signature","date":"2008-12-03"}"#, at: 2, cause: ["sources"]),
        BadFile("an empty sources", bad: #"{"type":"statement","subject":"LTU","property":"p","value":"v","sources":[]}"#, at: 1, cause: ["sources"]),
    ]

    @Test(arguments: badFiles)
    func aBadLineInAFileIsRefusedNamingTheFileAndLine(_ bad: BadFile) async throws {
        // Given a replica that already holds claims
        let replica = try await CLIReplica.seeded()
        let before = try replica.snapshot()
        // When a file with one bad line is appended
        let result = try await replica.append(bad.lines, file: "bad.jsonl")
        // Then it exits 1 with one line naming the file, the line and the cause, and the store is as it was
        expectRefusal(result, mentioning: ["bad.jsonl:\(bad.badLine):"] + bad.cause)
        #expect(try replica.snapshot() == before)
    }

    @Test func aBadLineOnStdinIsRefusedNamingStdinAndTheLine() async throws {
        // Given a replica that already holds claims
        let replica = try await CLIReplica.seeded()
        let before = try replica.snapshot()
        // When claims with a bad second line come on stdin
        let input = ClaimLines.document([Self.good[0], Self.action(date: "2024-02-30"), Self.good[1]])
        let result = try await replica.run("append", ["--file", "-"], input: Array(input.utf8))
        // Then the error names stdin and the line, and the store is as it was
        expectRefusal(result, mentioning: ["stdin:2:", "2024-02-30"])
        #expect(try replica.snapshot() == before)
    }

    @Test func aLineThatIsBadInTheMiddleOfAFileAppendsNothing() async throws {
        // Given a replica holding claims and a file of six claims whose fifth is bad
        let replica = try await CLIReplica.seeded()
        let entriesBefore = try await replica.logEntries()
        let before = try replica.snapshot()
        var lines = ClaimLines.actions(count: 6, tag: "batch")
        lines[4] = Self.action(state: "Atlantis")
        // When it is appended
        let result = try await replica.append(lines, file: "six.jsonl")
        // Then nothing of it is recorded: not the four good lines before the bad one, nor the one after
        expectRefusal(result, mentioning: ["six.jsonl:5:", "Atlantis"])
        #expect(try replica.snapshot() == before)
        #expect(try await replica.logEntries().count == entriesBefore.count)
        // And the same file with the fifth line fixed is recorded whole
        lines[4] = Self.action()
        let fixed = try await replica.append(lines, file: "six.jsonl")
        #expect(fixed.status == 0, "\(fixed)")
        #expect(try await replica.logEntries().count == entriesBefore.count + 6)
    }

    @Test(arguments: [("", "the input is empty"), ("\n  \n\t\n", "only blank lines")])
    func anEmptyFileIsRefused(_ content: String, _ cause: String) async throws {
        // Given a replica that already holds claims
        let replica = try await CLIReplica.seeded()
        let before = try replica.snapshot()
        // When an empty file is appended
        let file = try replica.directory.write(content, to: "empty.jsonl")
        let result = try await replica.run("append", ["--file", file])
        // Then it is refused, naming the file
        expectRefusal(result, mentioning: ["empty.jsonl", cause])
        #expect(try replica.snapshot() == before)
    }

    @Test func aMissingFileIsRefused() async throws {
        let replica = try await CLIReplica.seeded()
        let before = try replica.snapshot()
        let result = try await replica.run("append", ["--file", replica.directory.path("nowhere.jsonl")])
        expectRefusal(result, mentioning: ["nowhere.jsonl", "no such file"])
        #expect(try replica.snapshot() == before)
    }

    @Test func aMissingStoreDirectoryIsRefusedNamingAccordInit() async throws {
        // Given a path where no directory exists, and a good file of claims
        let directory = try TemporaryDirectory()
        let accord = try AccordBinary.locate()
        let store = directory.path("no-such-replica")
        let file = try directory.write(ClaimLines.document(Self.good), to: "good.jsonl")
        // When claims are appended there, or its log or id asked for
        for arguments in [["append", "--file", file], ["log"], ["id"]] {
            let result = try await accord.run([arguments[0], "--store", store] + arguments.dropFirst())
            // Then each exits 1 with one line naming the directory and `accord init`
            expectRefusal(result, mentioning: ["no-such-replica", "accord init"])
        }
        // And nothing was created
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func aDirectoryWithoutAReplicaIsRefusedNamingAccordInit() async throws {
        // Given an existing, empty directory
        let directory = try TemporaryDirectory()
        let accord = try AccordBinary.locate()
        let store = directory.path("empty")
        try FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: false)
        let file = try directory.write(ClaimLines.document(Self.good), to: "good.jsonl")
        // When claims are appended there
        let result = try await accord.run(["append", "--store", store, "--file", file])
        // Then it is refused naming `accord init`, and the directory stays empty
        expectRefusal(result, mentioning: ["accord init"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: store).isEmpty)
    }

    @Test func theDefaultStoreComesFromTheEnvironment() async throws {
        // Given ACCORD_STORE naming a directory with no replica, and no --store
        let directory = try TemporaryDirectory()
        let accord = try AccordBinary.locate()
        // When the log is asked for
        let result = try await accord.run(["log"], environment: ["ACCORD_STORE": directory.path("from-env")])
        // Then the refusal names that directory
        expectRefusal(result, mentioning: ["from-env", "accord init"])
    }

    @Test func aStoreWhoseWriteLockIsHeldPastTheBusyTimeoutIsRefused() async throws {
        // Given a replica holding claims, whose write lock another process holds
        let replica = try await CLIReplica.seeded()
        let before = try replica.snapshot()
        let result = try await StoreWriteLock.whileHeld(databasePath: (replica.store as NSString).appendingPathComponent("store.sqlite")) {
            // When claims are appended with a short busy timeout
            try await replica.append(Self.good, file: "good.jsonl", environment: ["ACCORD_BUSY_TIMEOUT": "0.2"])
        }
        // Then it gives up with one line saying the store is locked, and the store is as it was
        expectRefusal(result, mentioning: ["replica", "locked"])
        #expect(try replica.snapshot() == before)
        // And once the lock is released, the same append succeeds
        let retried = try await replica.append(Self.good, file: "good.jsonl")
        #expect(retried.status == 0, "\(retried)")
    }

    @Test(arguments: [
        ["append"],
        ["append", "--file", "x.jsonl", "--treaty", "CCM"],
        ["append", "--outlet", "Monitor", "--treaty", "CCM", "--state", "LTU", "--action", "signature", "--date", "2008"],
    ])
    func aMistakeInTheCommandLineExitsTwo(_ arguments: [String]) async throws {
        // Given a replica that already holds claims
        let replica = try await CLIReplica.seeded()
        let before = try replica.snapshot()
        // When append is called wrongly
        let result = try await replica.run(arguments[0], Array(arguments.dropFirst()))
        // Then it exits 2 with one line, and the store is as it was
        expectRefusal(result, status: 2, mentioning: ["error:"])
        #expect(try replica.snapshot() == before)
    }

    @Test(arguments: [["log", "--limit", "0"], ["log", "--no-such-option"], ["append", "--file"]])
    func aMistakeTheArgumentParserFindsExitsTwoWithOneLine(_ arguments: [String]) async throws {
        let replica = try await CLIReplica.seeded()
        let before = try replica.snapshot()
        let result = try await replica.run(arguments[0], Array(arguments.dropFirst()))
        expectRefusal(result, status: 2, mentioning: [])
        #expect(result.status != 0 && result.stdout.isEmpty, "\(result)")
        #expect(try replica.snapshot() == before)
    }

    @Test func aValueHoldingANewlineStillGivesOneLine() async throws {
        // Given a claim whose date holds an escaped newline
        let replica = try await CLIReplica.seeded()
        let before = try replica.snapshot()
        let result = try await replica.append([Self.action(date: #"2024\n"#)], file: "newline.jsonl")
        // Then the error is still one line (the value quoted, escaped) and the store is as it was
        expectRefusal(result, mentioning: ["newline.jsonl:1:"])
        #expect(result.status == 1 && result.stdout.isEmpty, "\(result)")
        #expect(try replica.snapshot() == before)
    }
}

extension CLIReplica {
    /// `append` of `lines` with extra environment variables.
    func append(_ lines: [String], file name: String, environment: [String: String]) async throws -> ProcessResult {
        let file = try directory.write(ClaimLines.document(lines), to: name)
        return try await run("append", ["--file", file], environment: environment)
    }
}
