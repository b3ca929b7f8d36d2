/// The targets of issue 6, checked against a set of runs.
struct TargetCheck: Sendable {
    var target: String
    var measured: String
    var met: Bool?
}

enum Targets {
    /// `(phase, minimum ratio)`: throughput ratios to the baseline in the same run.
    static let throughput: [(String, Double)] = [
        ("append", 0.7), ("import", 0.5), ("rebuild", 0.25), ("rebuild --reindex", 0.25),
    ]
    /// The largest ratio of one-claim append latency, big store over empty.
    static let bigStoreRatio = 2.0
    /// The largest growth of export and import peak memory from N/10 to N.
    static let memoryGrowth = 1.5

    /// The target a phase is held to, for the table.
    static func label(for phase: String) -> String? {
        if let t = throughput.first(where: { $0.0 == phase }) { return "≥ \(Report.ratio(t.1))" }
        if phase == "append 1 claim, big store" { return "≤ \(Report.ratio(bigStoreRatio)) at 10^6" }
        return nil
    }

    /// - Parameter judged: false for a debug build, whose ratios say nothing about the targets.
    static func check(_ runs: [RunResult], judged: Bool = true) -> [TargetCheck] {
        judged ? check(runs) : check(runs).map { TargetCheck(target: $0.target, measured: $0.measured, met: nil) }
    }

    /// A target the issue sets at one size only: met wherever it holds, missed only where
    /// it is judged, and not applicable (nil) where it fails below that size.
    private static func onlyAtScale(_ holds: Bool, judged: Bool) -> Bool? {
        holds ? true : judged ? false : nil
    }

    private static func check(_ runs: [RunResult]) -> [TargetCheck] {
        var checks: [TargetCheck] = []
        for run in runs {
            for (name, minimum) in throughput {
                guard let ratio = run.phase(name)?.ratio else { continue }
                checks.append(TargetCheck(
                    target: "\(name) ≥ \(Report.ratio(minimum))× baseline (N = \(Report.count(run.events)))",
                    measured: "\(Report.ratio(ratio))×", met: ratio >= minimum))
            }
            if let phase = run.phase("append 1 claim, big store"), let ratio = phase.ratio {
                checks.append(TargetCheck(
                    target: "one-claim append on N = \(Report.count(run.events)) within \(Report.ratio(bigStoreRatio))× of empty",
                    measured: "\(Report.ratio(ratio))× (\(Report.micros(phase.latency!.p50)) vs \(Report.micros(phase.baseline!.latency!.p50)))",
                    met: onlyAtScale(ratio <= bigStoreRatio, judged: run.events >= 1_000_000)))
            }
        }
        // Memory flat in N: each run against a run with a tenth of its events. The issue judges
        // 10^5 → 10^6; below 10^5 the store's page cache (64 MiB) is still filling, so growth there is not a miss.
        for large in runs {
            guard let small = runs.first(where: { $0.events * 10 == large.events }) else { continue }
            for name in ["export", "import"] {
                guard let a = small.phase(name)?.memory, let b = large.phase(name)?.memory, a.peak > 0 else { continue }
                let growth = Double(b.peak) / Double(a.peak)
                checks.append(TargetCheck(
                    target: "\(name) peak RSS from N = \(Report.count(small.events)) to \(Report.count(large.events)) ≤ \(Report.ratio(memoryGrowth))×",
                    measured: "\(Report.ratio(growth))× (\(Report.mebibytes(a.peak)) → \(Report.mebibytes(b.peak)); Δ \(Report.mebibytes(a.growth)) → \(Report.mebibytes(b.growth)))",
                    met: onlyAtScale(growth <= memoryGrowth, judged: small.events >= 100_000)))
            }
        }
        return checks
    }
}
