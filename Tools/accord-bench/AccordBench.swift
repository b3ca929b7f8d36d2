import ArgumentParser
import Foundation

/// `accord-bench`: every phase of Accord against the raw-SQLite floor, on realistic and disputed claims, in one run (issues 6 and 11).
@main
struct AccordBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accord-bench",
        abstract: "Measure Accord's phases against raw SQLite on this machine.",
        discussion: """
            Generates claims in a temporary directory — realistic ones, or disputed ones where
            sources disagree a lot (--data) — and measures, for each N and data set: append
            --file (one TreatyReplica.append call, one transaction) against a raw C-API insert
            of the same envelopes; append per batch; export, import and re-import of a full
            bundle; rebuild against a raw scan; the store's size per event and over the
            bundle's; status and parties queries; one-claim appends on the big store against
            an empty one; with Python's eventsourcing 9.5.6 at hand (--eventsourcing installs
            it), its batched append of the same claims. Once, independent of N: `accord
            append` run once per claim. Judged against the targets of issue 11.

            Examples:
              swift run -c release accord-bench                      # N = 10^4 and 10^5, realistic data
              swift run -c release accord-bench --events 10000 --data all --eventsourcing
              swift run -c release accord-bench --events 1000000 --data disputed --json
              swift run accord-bench --quick --data all              # smoke run, N = 10^3
            """)

    @Option(name: .customLong("events"), help: ArgumentHelp("Events per run; repeat for several runs (default: 10000 and 100000).", valueName: "n"))
    var events: [Int] = []

    @Option(name: .customLong("data"), help: ArgumentHelp("Claims to run on: realistic, disputed or all; repeat for several (default: realistic).", valueName: "set"))
    var data: [DataChoice] = []

    @Flag(help: "Compare with Python's eventsourcing 9.5.6, installing it into .build/bench-venv first if needed (without this flag it runs only where it is already installed).")
    var eventsourcing = false

    @Flag(name: .customLong("no-eventsourcing"), help: "Skip the eventsourcing comparison even where it is installed.")
    var noEventsourcing = false

    @Flag(help: "Print one JSON object instead of the tables.")
    var json = false

    @Option(name: .customLong("save-json"), help: ArgumentHelp("Also write the JSON object to this file.", valueName: "file"))
    var saveJSON: String?

    @Flag(help: "Smoke run: N = 1000, no processes, fewer repetitions (10 on disputed data).")
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
        guard !(eventsourcing && noEventsourcing) else { throw ValidationError("give --eventsourcing or --no-eventsourcing, not both") }
    }

    func run() throws {
        let sizes = quick ? [1_000] : (events.isEmpty ? [10_000, 100_000] : events)
        var dataSets: [DataSet] = []
        for set in data.flatMap(\.sets) where !dataSets.contains(set) { dataSets.append(set) }
        if dataSets.isEmpty { dataSets = [.realistic] }
        var settings = BenchSettings(directory: directory ?? ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp")
        settings.batch = batch
        settings.seed = seed
        settings.keep = keep
        settings.pragmas = pragmas
        settings.singleAppends = singleAppends ?? (quick ? 50 : 200)
        settings.queryRuns = queryRuns ?? (quick ? 50 : 200)
        if quick { settings.disputedRepetitions = 10 }
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
        if !noEventsourcing {
            settings.eventsourcingPython = try EventsourcingBaseline.python(install: eventsourcing, progress: progress)
            if settings.eventsourcingPython == nil {
                results.notes.append("eventsourcing \(EventsourcingBaseline.version): skipped, not installed (--eventsourcing installs it into .build/bench-venv)")
            }
        }
        for n in sizes {
            for set in dataSets {
                progress("N = \(Report.count(n)), \(set.rawValue) data")
                results.runs.append(try BenchRun(events: n, data: set, settings: settings, progress: progress).run())
            }
        }
        let object = ReportJSON.render(results)
        if let saveJSON { try Data((object + "\n").utf8).write(to: URL(fileURLWithPath: saveJSON)) }
        print(json ? object : Report.render(results))
    }
}
