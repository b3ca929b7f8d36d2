import ArgumentParser
import Foundation

/// `accord-bench`: every phase of Accord against the raw-SQLite floor, in one run (issue 6).
@main
struct AccordBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accord-bench",
        abstract: "Measure Accord's phases against raw SQLite on this machine.",
        discussion: """
            Generates realistic claims in a temporary directory and measures, for each N:
            append (batches through TreatyReplica.append) against a raw C-API insert of the
            same envelopes; export, import and re-import of a full bundle; rebuild against a
            raw scan; status and parties queries; one-claim appends on the big store against
            an empty one. Once, independent of N: `accord append` run once per claim.

            Examples:
              swift run -c release accord-bench                      # N = 10^4 and 10^5
              swift run -c release accord-bench --events 1000000 --json
              swift run accord-bench --quick                         # smoke run, N = 10^3
            """)

    @Option(name: .customLong("events"), help: ArgumentHelp("Events per run; repeat for several runs (default: 10000 and 100000).", valueName: "n"))
    var events: [Int] = []

    @Flag(help: "Print one JSON object instead of the tables.")
    var json = false

    @Option(name: .customLong("save-json"), help: ArgumentHelp("Also write the JSON object to this file.", valueName: "file"))
    var saveJSON: String?

    @Flag(help: "Smoke run: N = 1000, no processes, fewer repetitions.")
    var quick = false

    @Flag(name: .customLong("no-processes"), help: "Skip the one-process-per-claim phase.")
    var noProcesses = false

    @Option(name: .customLong("process-runs"), help: "Runs of `accord append` in the one-process-per-claim phase.")
    var processRuns = 1_000

    @Option(name: .customLong("single-appends"), help: "One-claim appends timed on the big and on the empty store (default 200).")
    var singleAppends: Int?

    @Option(name: .customLong("query-runs"), help: "Repetitions of each query (default 200).")
    var queryRuns: Int?

    @Option(help: "Claims per append call in the append phase.")
    var batch = 1_000

    @Option(help: "Seed of the claim generator.")
    var seed: UInt64 = 1

    @Option(name: .customLong("dir"), help: ArgumentHelp("Where to make the temporary directories (default: $TMPDIR or /tmp).", valueName: "dir"))
    var directory: String?

    @Flag(help: "Keep the temporary directories.")
    var keep = false

    @Option(name: .customLong("pragma"), help: ArgumentHelp("Experiment: set this pragma on every connection, Accord's and the baselines' (repeatable), e.g. cache_size=-65536 or synchronous=NORMAL.", valueName: "name=value"))
    var pragmas: [String] = []

    @Option(help: ArgumentHelp("The accord binary for the process phase (default: the one next to this binary).", valueName: "path"))
    var accord: String?

    mutating func validate() throws {
        guard events.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--events must be at least 1") }
        guard pragmas.allSatisfy({ $0.range(of: #"^[a-z_]+=[-A-Za-z0-9]+$"#, options: .regularExpression) != nil }) else {
            throw ValidationError("--pragma takes NAME=VALUE, e.g. cache_size=-65536")
        }
        guard batch >= 1, processRuns >= 1 else { throw ValidationError("--batch and --process-runs must be at least 1") }
    }

    func run() throws {
        let sizes = quick ? [1_000] : (events.isEmpty ? [10_000, 100_000] : events)
        var settings = BenchSettings(directory: directory ?? ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp")
        settings.batch = batch
        settings.seed = seed
        settings.keep = keep
        settings.pragmas = pragmas
        settings.singleAppends = singleAppends ?? (quick ? 50 : 200)
        settings.queryRuns = queryRuns ?? (quick ? 50 : 200)
        let started = Stopwatch.now()
        let progress: (String) -> Void = { message in
            let elapsed = Double(Stopwatch.now() - started) / 1e9
            FileHandle.standardError.write(Data((String(format: "[%7.1f s] ", elapsed) + message + "\n").utf8))
        }
        var results = BenchResults(
            command: (["accord-bench"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
            revision: SourceRevision.describe(),
            machine: .current(), runs: [], independent: [], notes: [])

        if !quick, !noProcesses, sizes.contains(where: { $0 >= 10_000 }) {
            if let binary = accord ?? ProcessPhase.locateAccord() {
                results.independent.append(try ProcessPhase(accord: binary, runs: processRuns, settings: settings, progress: progress).run())
            } else {
                let note = "append, 1 process per claim: skipped, no accord binary next to accord-bench (build it: swift build -c release --product accord)"
                progress(note)
                results.notes.append(note)
            }
        }
        for n in sizes {
            progress("N = \(Report.count(n))")
            results.runs.append(try BenchRun(events: n, settings: settings, progress: progress).run())
        }
        let object = ReportJSON.render(results)
        if let saveJSON { try Data((object + "\n").utf8).write(to: URL(fileURLWithPath: saveJSON)) }
        print(json ? object : Report.render(results))
    }
}
