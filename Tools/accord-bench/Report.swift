import Foundation

/// The results as Markdown tables for people (pasted as is into the README).
enum Report {
    static func render(_ results: BenchResults) -> String {
        let (machine, runs, extra, command) = (results.machine, results.runs, results.independent, results.command)
        var out: [String] = []
        out.append("accord-bench (\(machine.build) build): `\(command)`")
        out.append("")
        out.append("- machine: \(machine.processors) × \(machine.cpu), \(mebibytes(machine.memoryBytes)) RAM; \(machine.system); load average at start \(machine.load), at end \(Machine.loadAverage())")
        out.append("- Swift \(machine.swift), SQLite \(machine.sqlite); code measured: \(results.revision)")
        if let pragmas = runs.first?.pragmas { out.append("- store and baseline pragmas: \(pragmas)") }
        out.append("- events/s: events (or operations) over wall time; ratio: Accord over its baseline in the same run")
        out.append("- memory: \(ResidentMemory.method)")
        out.append("- written/event: bytes the process passed to write(2)/pwrite(2) in the phase (`wchar` of /proc/self/io: WAL frames, checkpoints, files), over its events")
        out.append("- CPU: user + system CPU time of the process over the phase's wall time (below 100 %: waiting on fsync or page reads; above: GRDB or SQLite threads)")
        out.append("- store/event: the size of the store the phase left (page count × page size) over its events, and that store over the bundle of the same events")
        for run in runs {
            out.append("")
            out.append("**N = \(count(run.events)), \(run.data.summary)** — \(run.treaties) treaties, mean claim line \(Int(run.meanClaimLine.rounded())) B, mean envelope \(Int(run.meanEnvelope.rounded())) B, bundle \(size(run.bundleBytes)) (\(bytes(run.bundleBytes / max(run.events, 1)))/event), store at the end \(size(run.storeBytes))")
            out.append("")
            out.append(contentsOf: table(run.phases, run: run))
            for note in run.notes { out.append(""); out.append("Note: \(note)") }
        }
        if !extra.isEmpty {
            out.append("")
            out.append("**Independent of N**")
            out.append("")
            out.append(contentsOf: table(extra, run: nil))
        }
        for note in results.notes { out.append(""); out.append("Note: \(note)") }
        let checks = Targets.check(runs, judged: machine.build == "release")
        if !checks.isEmpty {
            out.append("")
            out.append("**Targets (issue 11; the big-store and memory targets of issue 6)**")
            out.append("")
            out.append("| target | measured | |")
            out.append("|---|---|---|")
            for check in checks {
                out.append("| \(check.target) | \(check.measured) | \(check.met.map { $0 ? "met" : "**missed**" } ?? (machine.build == "release" ? "n/a: judged at \(check.judgedAt)" : "n/a: debug build")) |")
            }
        }
        return out.joined(separator: "\n")
    }

    /// - Parameter run: the run the phases belong to (its data set and bundle); nil for the phases independent of N.
    static func table(_ phases: [PhaseResult], run: RunResult?) -> [String] {
        var rows = [
            "| phase | events/s | store/event (÷ bundle) | p50 | p99 | time | CPU | written/event | peak RSS (Δ) | baseline | baseline events/s | ratio | target |",
            "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|---|",
        ]
        for p in phases {
            let memory = p.memory.map { m in m.start > 0 ? "\(mebibytes(m.peak)) (+\(mebibytes(m.growth)))" : mebibytes(m.peak) } ?? ""
            let baselineRate = p.baseline.map { b in b.latency.map { "p50 \(micros($0.p50))" } ?? rate(b.rate) } ?? ""
            let ratioText = p.ratio.map { "\(ratio($0))×" } ?? ""
            let written = p.memory.map { m in m.writtenBytes > 0 && p.events > 0 ? bytes(m.writtenBytes / p.events) : "" } ?? ""
            let stored = p.storeBytes.map { b in
                bytes(b / max(p.events, 1)) + (run?.storeOverBundle(p).map { " (\(ratio($0))×)" } ?? "")
            } ?? ""
            let target = run.flatMap { Targets.label(for: p.name, data: $0.data) } ?? ""
            rows.append("| \(p.name) | \(rate(p.rate)) | \(stored) | \(p.latency.map { micros($0.p50) } ?? "") | \(p.latency.map { micros($0.p99) } ?? "") | \(seconds(p.seconds)) | \(p.memory.map { m in m.cpuSeconds > 0 && p.seconds > 0 ? "\(Int((100 * m.cpuSeconds / p.seconds).rounded())) %" : "" } ?? "") | \(written) | \(memory) | \(p.baseline?.name ?? "") | \(baselineRate) | \(ratioText) | \(target) |")
        }
        return rows
    }

    // MARK: - Numbers

    static func count(_ n: Int) -> String {
        var exponent = 0, rest = n
        while rest >= 10, rest % 10 == 0 { rest /= 10; exponent += 1 }
        return rest == 1 && exponent >= 3 ? "10^\(exponent)" : grouped(n)
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    static func rate(_ r: Double) -> String {
        r >= 100 ? grouped(Int(r.rounded())) : String(format: "%.1f", r)
    }

    /// Two decimals, none from 10 up, and two significant digits below 0.01 (`0.0013`) so that a
    /// small ratio still says how far it is from its target.
    static func ratio(_ r: Double) -> String {
        if r >= 10 { return String(format: "%.0f", r) }
        if r >= 0.01 || r <= 0 { return String(format: "%.2f", r) }
        var decimals = 2
        while r * pow(10, Double(decimals)) < 10, decimals < 8 { decimals += 1 }
        return String(format: "%.\(decimals)f", r)
    }

    static func micros(_ us: Double) -> String {
        us >= 10_000 ? String(format: "%.1f ms", us / 1000) : us >= 100 ? "\(Int(us.rounded())) µs" : String(format: "%.1f µs", us)
    }

    static func seconds(_ s: Double) -> String { s >= 10 ? String(format: "%.1f s", s) : String(format: "%.2f s", s) }

    static func bytes(_ n: Int) -> String {
        n >= 1_048_576 ? mebibytes(n) : n >= 10_240 ? "\(n / 1024) KiB" : "\(n) B"
    }

    /// A file or store size with two or three significant digits: `820 KiB`, `1.4 MiB`, `37 MiB`, `1.1 GiB`.
    static func size(_ n: Int) -> String {
        let mib = Double(n) / 1_048_576
        if mib >= 1024 { return String(format: "%.1f GiB", mib / 1024) }
        if mib >= 10 { return String(format: "%.0f MiB", mib) }
        if mib >= 1 { return String(format: "%.1f MiB", mib) }
        return "\(n / 1024) KiB"
    }

    static func mebibytes(_ bytes: Int) -> String {
        let mib = Double(bytes) / 1_048_576
        return mib >= 10_240 ? String(format: "%.1f GiB", mib / 1024) : String(format: "%.0f MiB", mib)
    }
}
