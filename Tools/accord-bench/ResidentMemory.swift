import Foundation

/// Peak resident memory of this process, per phase.
///
/// How it is measured (Linux): before a phase, `malloc_trim(0)` hands freed
/// heap back to the kernel and writing `5` to `/proc/self/clear_refs` resets
/// the high-water mark `VmHWM` to the current resident size; after the phase,
/// `VmHWM` in `/proc/self/status` is the phase's peak. The peak includes what
/// the process already held (code, earlier runs' caches), so the growth over
/// the phase's starting `VmRSS` is reported beside it.
enum ResidentMemory {
    static let method = "peak = VmHWM from /proc/self/status after the phase; reset before it by malloc_trim(0) and writing 5 to /proc/self/clear_refs; Δ = peak − VmRSS at the start of the phase"

    /// Starts a phase: returns the resident size now, in bytes.
    static func startPhase() -> Int {
        trimHeap()
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        if fd >= 0 {
            _ = write(fd, "5", 1)
            close(fd)
        }
        return status().rss
    }

    /// glibc's `malloc_trim(0)`, looked up at run time (Swift's Glibc module does not import `malloc.h`).
    private static func trimHeap() {
        typealias Trim = @convention(c) (Int) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }

    /// `VmRSS` and `VmHWM` in bytes (0 where the system does not say).
    static func status() -> (rss: Int, peak: Int) {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        var rss = 0, peak = 0
        for line in text.split(separator: "\n") {
            if line.hasPrefix("VmRSS:") { rss = kilobytes(line) * 1024 }
            if line.hasPrefix("VmHWM:") { peak = kilobytes(line) * 1024 }
        }
        return (rss, peak)
    }

    private static func kilobytes(_ line: Substring) -> Int {
        Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
}

/// The memory a phase used.
struct MemoryUse: Sendable {
    /// Peak resident bytes during the phase.
    var peak: Int
    /// Resident bytes when the phase started.
    var start: Int
    /// CPU seconds (user + system, all threads) the process spent in the phase; with the
    /// wall time it says whether a phase computes or waits (fsync, page reads).
    var cpuSeconds: Double = 0
    /// Bytes the process handed to write(2)/pwrite(2) in the phase (`wchar` of `/proc/self/io`):
    /// the WAL frames and checkpoints SQLite writes, bundle files; page-cache hits included, so
    /// it measures what the phase asks of the file system, not what reaches the disk.
    var writtenBytes: Int = 0

    var growth: Int { max(0, peak - start) }
}

/// One timed phase: how long it took and the memory it used.
struct Measured<T> {
    var value: T
    var seconds: Double
    var memory: MemoryUse
}

/// Runs `body` as the phase `name`, timing it and taking its peak resident memory.
func measurePhase<T>(_ name: String, _ body: () throws -> T) rethrows -> Measured<T> {
    let start = ResidentMemory.startPhase()
    let cpuBefore = cpuTime()
    let writtenBefore = bytesWritten()
    PerfControl.begin(name)
    defer { PerfControl.end(name) }
    let (value, seconds) = try Stopwatch.time(body)
    let peak = max(ResidentMemory.status().peak, start)
    return Measured(value: value, seconds: seconds, memory: MemoryUse(
        peak: peak, start: start, cpuSeconds: cpuTime() - cpuBefore, writtenBytes: bytesWritten() - writtenBefore))
}

/// Bytes this process has passed to write(2) and its kin so far (`wchar` in `/proc/self/io`; 0 where there is none).
func bytesWritten() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/io", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("wchar:") {
        return Int(line.dropFirst("wchar:".count).trimmingCharacters(in: .whitespaces)) ?? 0
    }
    return 0
}

/// User plus system CPU seconds of this process so far.
func cpuTime() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
