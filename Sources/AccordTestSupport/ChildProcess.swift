import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs programs as child processes with swift-subprocess, reading stdout and
/// stderr concurrently while they run (reading a pipe only after exit
/// deadlocks once the output passes the pipe's buffer).
public enum ChildProcess {
    /// The most output collected from one stream.
    public static let outputLimit = 64 << 20

    /// Runs `executable` to completion.
    ///
    /// - Parameters:
    ///   - executable: an absolute path, or a name looked up in `PATH`.
    ///   - input: bytes for stdin, which is then closed; nil for no stdin (`/dev/null`).
    ///   - environment: variables set (or, with nil, removed) on top of this process's environment.
    /// - Throws: when the program cannot be started; a non-zero exit is a result, not an error.
    public static func run(
        _ executable: String, arguments: [String] = [], input: [UInt8]? = nil,
        environment: [String: String?] = [:], workingDirectory: String? = nil
    ) async throws -> ProcessResult {
        let configuration = Subprocess.Configuration(
            executable: Self.executable(executable), arguments: Arguments(arguments),
            environment: Self.environment(environment),
            workingDirectory: workingDirectory.map { FilePath($0) })
        if let input {
            let result = try await Subprocess.run(
                configuration, input: .array(input), output: .bytes(limit: outputLimit),
                error: .bytes(limit: outputLimit))
            return ProcessResult(result.terminationStatus, result.standardOutput, result.standardError)
        }
        let result = try await Subprocess.run(
            configuration, input: .none, output: .bytes(limit: outputLimit), error: .bytes(limit: outputLimit))
        return ProcessResult(result.terminationStatus, result.standardOutput, result.standardError)
    }

    /// Starts `executable` and lets `body` talk to it while it runs: read its
    /// stdout line by line, write to its stdin, close stdin. stderr is
    /// collected concurrently. When `body` returns (or throws), stdin and the
    /// reading end of stdout are closed, and the process is awaited.
    ///
    /// Closing stdout's reading end early is how a test plays `| head -1`:
    /// the child's next write finds the pipe closed.
    ///
    /// - Returns: what `body` returned, and how the process ended.
    public static func withRunning<T: Sendable>(
        _ executable: String, arguments: [String] = [], environment: [String: String?] = [:],
        _ body: (RunningProcess) async throws -> T
    ) async throws -> (value: T, result: ProcessResult) {
        let configuration = Subprocess.Configuration(
            executable: Self.executable(executable), arguments: Arguments(arguments),
            environment: Self.environment(environment))
        let outcome = try await Subprocess.run(
            configuration, input: .inputWriter, output: .sequence, error: .bytes(limit: outputLimit)
        ) { execution in
            let process = RunningProcess(
                lines: execution.standardOutput.strings().makeAsyncIterator(), input: execution.standardInputWriter)
            return try await body(process)
        }
        return (outcome.closureResult, ProcessResult(outcome.terminationStatus, [], outcome.standardError))
    }

    static func executable(_ text: String) -> Executable {
        text.contains("/") ? .path(FilePath(text)) : .name(text)
    }

    static func environment(_ changes: [String: String?]) -> Environment {
        var updates: [Environment.Key: String?] = [:]
        for (key, value) in changes { updates[Environment.Key(rawValue: key)!] = value }
        return .inherit.updating(updates)
    }
}

/// A child process that is still running, as ``ChildProcess/withRunning(_:arguments:environment:_:)`` hands it out.
/// Valid only inside that call's body.
public final class RunningProcess {
    private var lines: SubprocessOutputSequence.StringSequence<UTF8>.AsyncIterator
    private let input: StandardInputWriter

    init(lines: SubprocessOutputSequence.StringSequence<UTF8>.AsyncIterator, input: StandardInputWriter) {
        self.lines = lines
        self.input = input
    }

    /// The next line the process writes on stdout (without its newline), or nil at end of output.
    public func nextLine() async throws -> String? { try await lines.next() }

    /// Writes `text` to the process's stdin.
    public func write(_ text: String) async throws { _ = try await input.write(Array(text.utf8)) }

    /// Closes the process's stdin: it reads end of file.
    public func closeInput() async throws { try await input.finish() }
}

extension ProcessResult {
    init(_ status: TerminationStatus, _ stdout: [UInt8], _ stderr: [UInt8]) {
        let out = String(decoding: stdout, as: UTF8.self)
        let err = String(decoding: stderr, as: UTF8.self)
        switch status {
        case .exited(let code): self.init(status: code, stdout: out, stderr: err)
        case .signaled(let signal): self.init(status: 128 + signal, signal: signal, stdout: out, stderr: err)
        }
    }
}
