/// Timings of a repeated single operation.
struct LatencySummary: Sendable {
    var runs: Int
    var p50: Double
    var p99: Double
    /// Microseconds, summed over the runs.
    var total: Double

    init(_ latencies: Latencies) {
        runs = latencies.count
        p50 = latencies.median
        p99 = latencies.percentile(0.99)
        total = latencies.total
    }
}

/// What an Accord phase is compared with.
struct Baseline: Sendable {
    var name: String
    var events: Int
    var seconds: Double
    var memory: MemoryUse?
    var latency: LatencySummary?

    var rate: Double { seconds > 0 ? Double(events) / seconds : 0 }
}

/// One measured phase of a run.
struct PhaseResult: Sendable {
    /// How the ratio to the baseline is formed.
    enum Ratio: String, Sendable {
        /// Accord's events/s over the baseline's: higher is better, 1 is the floor's speed.
        case throughput = "× baseline events/s"
        /// Accord's median latency over the baseline's: lower is better.
        case latency = "× baseline median"
    }

    var name: String
    /// Events (or operations) processed.
    var events: Int
    var seconds: Double
    var memory: MemoryUse?
    var latency: LatencySummary?
    var baseline: Baseline?
    var ratioKind: Ratio = .throughput
    /// The size of the store the phase left (appends and imports), bytes.
    var storeBytes: Int?
    var note: String?

    var rate: Double { seconds > 0 ? Double(events) / seconds : 0 }

    var ratio: Double? {
        guard let baseline else { return nil }
        switch ratioKind {
        case .throughput: return baseline.rate > 0 ? rate / baseline.rate : nil
        case .latency:
            guard let mine = latency?.p50, let theirs = baseline.latency?.p50, theirs > 0 else { return nil }
            return mine / theirs
        }
    }
}

/// Everything measured at one N on one data set.
struct RunResult: Sendable {
    var events: Int
    var data: DataSet
    var treaties: Int
    /// Mean envelope size in the store, bytes.
    var meanEnvelope: Double
    /// Mean claim line size in the input, bytes.
    var meanClaimLine: Double
    var storeBytes: Int
    /// The size of the full bundle of the N events (`ana.bundle`), bytes.
    var bundleBytes: Int
    var pragmas: String
    var phases: [PhaseResult]
    /// What the run could not measure, and why.
    var notes: [String] = []

    func phase(_ name: String) -> PhaseResult? { phases.first { $0.name == name } }

    /// A phase's store over the bundle of the same events.
    func storeOverBundle(_ phase: PhaseResult) -> Double? {
        guard let stored = phase.storeBytes, bundleBytes > 0 else { return nil }
        return Double(stored) / Double(bundleBytes)
    }

    /// `10^4, realistic`: how tables and targets name the run.
    var label: String { "\(Report.count(events)), \(data.rawValue)" }
}
