import Foundation

/// `accord append` run once per claim, as a person or a script would: each run
/// starts the binary, opens the store, appends one claim from a one-line file
/// and exits. Independent of N, so run once.
struct ProcessPhase {
    let accord: String
    let runs: Int
    let settings: BenchSettings
    let progress: (String) -> Void

    /// The built `accord` next to this executable (both are products of the package).
    static func locateAccord() -> String? {
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let candidate = ((me as NSString).deletingLastPathComponent as NSString).appendingPathComponent("accord")
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    func run() throws -> PhaseResult {
        let directory = try TemporaryDirectory.make(prefix: "accord-bench-processes", in: settings.directory)
        defer { if !settings.keep { try? FileManager.default.removeItem(atPath: directory) } }
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

        progress("append, one process per claim: \(runs) runs of \(accord) append")
        let store = path("store"), stderr = path("stderr.txt")
        let created = try ChildProcess.run(accord, ["init", "--store", store, "--name", "solo"], stderrPath: stderr)
        guard created.status == 0 else { throw failure("accord init", stderr) }
        var generator = ClaimGenerator(treatyCount: ClaimVocabulary.realTreaties.count, seed: settings.seed &+ 2)
        for i in 0..<runs {
            let file = try BufferedFile(path: path("claim-\(i).jsonl"))
            try file.append(generator.next())
            try file.append(byte: 0x0a)
            try file.finish(sync: false)
        }
        var times: [UInt64] = []
        var childPeak = 0
        let (_, seconds) = try Stopwatch.time {
            for i in 0..<runs {
                let outcome = try ChildProcess.run(accord, ["append", "--store", store, "--file", path("claim-\(i).jsonl")], stderrPath: stderr)
                guard outcome.status == 0 else { throw failure("accord append (run \(i + 1))", stderr) }
                times.append(outcome.nanoseconds)
                childPeak = max(childPeak, outcome.peakMemory)
            }
        }
        let latency = LatencySummary(Latencies(nanoseconds: times))
        return PhaseResult(
            name: "append, 1 process per claim", events: runs, seconds: seconds,
            memory: MemoryUse(peak: childPeak, start: 0), latency: latency,
            note: "wall time per run of `accord append --file` (start, open, append, exit); peak RSS is the largest child's ru_maxrss")
    }

    private func failure(_ what: String, _ stderrPath: String) -> BenchError {
        let text = (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
        return BenchError("\(what) failed: \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
}
