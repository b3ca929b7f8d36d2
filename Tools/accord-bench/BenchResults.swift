/// Everything one invocation measured, as the reports render it.
struct BenchResults: Sendable {
    var command: String
    /// The commit measured (see ``SourceRevision``).
    var revision: String
    var machine: Machine
    var runs: [RunResult]
    /// Phases independent of N (one process per claim).
    var independent: [PhaseResult]
    /// Phases skipped and why.
    var notes: [String]
}
