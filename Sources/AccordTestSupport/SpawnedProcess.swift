import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long-running child (a server, a proxy) started with `posix_spawn`, its output
/// going to a file, and reaped with `waitpid` on its own pid.
///
/// Not Foundation's `Process`: with swift-subprocess reaping children in the same test
/// process, `Process.waitUntilExit()` can wait forever for an exit it never sees.
/// Here a child another reaper took (`ECHILD`) counts as ended.
public final class SpawnedProcess: @unchecked Sendable {
    public let pid: pid_t
    private let lock = NSLock()
    private var ended = false

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `executable` (an absolute path) with `arguments`, stdin from /dev/null and
    /// stdout and stderr appended to `output`.
    public static func spawn(_ executable: String, _ arguments: [String], output: String) throws -> SpawnedProcess {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        #else
        var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard result == 0 else { throw SupportError("cannot start \(executable): \(String(cString: strerror(result)))") }
        return SpawnedProcess(pid: pid)
    }

    /// Whether the child is still running (reaping it if it has ended).
    public var isRunning: Bool {
        lock.withLock {
            if ended { return false }
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == 0 { return true }
            if result < 0 && errno == EINTR { return true }
            ended = true
            return false
        }
    }

    /// Sends `signal` to the child, if it still runs.
    public func send(_ signal: Int32) {
        #if canImport(Glibc)
        if isRunning { _ = Glibc.kill(pid, signal) }
        #else
        if isRunning { _ = Darwin.kill(pid, signal) }
        #endif
    }

    /// SIGTERM, up to `grace` seconds for the child to end, then SIGKILL and up to 10 s more.
    ///
    /// - Returns: whether it ended.
    @discardableResult
    public func stop(grace: Double = 3) -> Bool {
        send(SIGTERM)
        if waitForEnd(seconds: grace) { return true }
        send(SIGKILL)
        return waitForEnd(seconds: 10)
    }

    /// SIGKILL, then up to 10 s for the child to end.
    @discardableResult
    public func kill() -> Bool {
        send(SIGKILL)
        return waitForEnd(seconds: 10)
    }

    /// Polls until the child has ended or `seconds` pass.
    public func waitForEnd(seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while isRunning {
            guard Date() < end else { return false }
            usleep(10_000)
        }
        return true
    }

    deinit { if isRunning { stop() } }
}
