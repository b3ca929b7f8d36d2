/// The knobs of one benchmark run, from the command line.
struct BenchSettings: Sendable {
    /// Claims per `TreatyReplica.append` call (and per transaction) in the append phase.
    var batch = 1_000
    /// One-claim appends timed on the big and on the empty store.
    var singleAppends = 200
    /// Repetitions of each query.
    var queryRuns = 200
    /// At most this many one-claim appends and query repetitions on disputed data, where
    /// each can take a large part of a second (the smoke run keeps itself short so).
    var disputedRepetitions: Int?
    var seed: UInt64 = 1
    /// Where the temporary directories go.
    var directory: String
    var keep = false
    /// An experiment: `NAME=VALUE` pragmas set on every connection the benchmark
    /// opens, Accord's and the baselines' (`cache_size=-65536`, `synchronous=NORMAL`).
    var pragmas: [String] = []
    /// The Python interpreter with `eventsourcing` 9.5.6 for the comparison; nil skips it.
    var eventsourcingPython: String?
}
