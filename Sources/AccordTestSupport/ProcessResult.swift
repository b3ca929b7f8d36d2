/// How a child process ended and what it wrote.
public struct ProcessResult: Sendable, CustomStringConvertible {
    /// The exit status; for a process killed by a signal, 128 plus the signal number (as shells report it).
    public let status: Int32
    /// The signal that killed the process, if one did.
    public let signal: Int32?
    public let stdout: String
    public let stderr: String

    public init(status: Int32, signal: Int32? = nil, stdout: String, stderr: String) {
        self.status = status
        self.signal = signal
        self.stdout = stdout
        self.stderr = stderr
    }

    /// The lines of stderr, without the final newline's empty remainder.
    public var stderrLines: [Substring] { Self.lines(stderr) }
    /// The lines of stdout, without the final newline's empty remainder.
    public var stdoutLines: [Substring] { Self.lines(stdout) }

    private static func lines(_ text: String) -> [Substring] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Status and both streams, for failure messages.
    public var description: String {
        let how = signal.map { "killed by signal \($0)" } ?? "exit \(status)"
        return "\(how)\n--- stdout (\(stdout.utf8.count) bytes):\n\(stdout.prefix(2000))\n--- stderr:\n\(stderr.prefix(2000))"
    }
}
