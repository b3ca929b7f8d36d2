import Foundation

/// Runs a program to completion with posix_spawn and wait4, timing it and
/// taking its peak resident memory from the kernel's rusage.
enum ChildProcess {
    struct Outcome {
        var status: Int32
        var nanoseconds: UInt64
        /// The child's peak resident memory, bytes (`ru_maxrss`).
        var peakMemory: Int
    }

    /// - Parameters:
    ///   - stderrPath: where the child's stderr goes.
    ///   - stdoutPath: where its stdout goes (default: /dev/null).
    static func run(_ executable: String, _ arguments: [String], stderrPath: String, stdoutPath: String = "/dev/null") throws -> Outcome {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let start = Stopwatch.now()
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard rc == 0 else { throw BenchError("cannot run \(executable): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4: \(String(cString: strerror(errno)))") }
        }
        let elapsed = Stopwatch.now() - start
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: exitStatus, nanoseconds: elapsed, peakMemory: usage.ru_maxrss * 1024)
    }
}
