import Foundation

/// Lets `perf record` sample one phase only: with `ACCORD_BENCH_PERF_CTL` set to
/// the control FIFO of `perf record --control fifo:CTL -D -1` and
/// `ACCORD_BENCH_PERF_PHASE` to a phase name (`append`, `import`, `rebuild` …),
/// the benchmark writes `enable` before that phase and `disable` after it.
///
///     mkfifo /tmp/ctl
///     ACCORD_BENCH_PERF_CTL=/tmp/ctl ACCORD_BENCH_PERF_PHASE=append \
///       perf record -g --control fifo:/tmp/ctl -D -1 .build/release/accord-bench --events 10000 --no-processes
enum PerfControl {
    private static let environment = ProcessInfo.processInfo.environment
    private static let phase = environment["ACCORD_BENCH_PERF_PHASE"]
    private static let fifo = environment["ACCORD_BENCH_PERF_CTL"]

    static func begin(_ name: String) { if name == phase { send("enable\n") } }
    static func end(_ name: String) { if name == phase { send("disable\n") } }

    private static func send(_ command: String) {
        guard let fifo else { return }
        let fd = open(fifo, O_WRONLY)
        guard fd >= 0 else { return }
        _ = command.withCString { write(fd, $0, strlen($0)) }
        close(fd)
    }
}
