import Foundation

/// Monotonic time in nanoseconds, for timing phases and single operations.
enum Stopwatch {
    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Seconds taken by `body`, and what it returned.
    static func time<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double) {
        let start = now()
        let value = try body()
        return (value, Double(now() - start) / 1e9)
    }
}

/// Order statistics of repeated timings.
struct Latencies: Sendable {
    /// Sorted, in microseconds.
    let microseconds: [Double]

    init(nanoseconds: [UInt64]) { microseconds = nanoseconds.map { Double($0) / 1000 }.sorted() }

    var count: Int { microseconds.count }

    /// The `q`-quantile (nearest rank): `percentile(0.5)` is the median.
    func percentile(_ q: Double) -> Double {
        guard !microseconds.isEmpty else { return 0 }
        let rank = Int((q * Double(microseconds.count)).rounded(.up)) - 1
        return microseconds[min(max(rank, 0), microseconds.count - 1)]
    }

    var median: Double { percentile(0.5) }
    var total: Double { microseconds.reduce(0, +) }
}
