import Foundation

/// The built `accord` executable, run as a child process the way a user runs it.
///
/// Found at `$ACCORD_BINARY` if set, else at `.build/debug/accord` under the
/// package root: the tests drive the binary `swift build` produced, so run
/// `swift build` before `swift test` (the README's test command does).
public struct AccordBinary: Sendable {
    /// The executable's absolute path.
    public let path: String

    /// Variables removed from the inherited environment so a developer's own
    /// settings cannot change what a test sees.
    public static let isolatedVariables = [
        "ACCORD_STORE", "ACCORD_BUSY_TIMEOUT", "ACCORD_SEGMENT_EVENTS", "ACCORD_S3_ENDPOINT", "ACCORD_S3_TIMEOUT",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
        "AWS_SHARED_CREDENTIALS_FILE",
    ]

    /// Locates the binary.
    ///
    /// - Throws: ``SupportError`` saying how to build it when it is missing.
    public static func locate() throws -> AccordBinary {
        if let path = ProcessInfo.processInfo.environment["ACCORD_BINARY"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw SupportError("ACCORD_BINARY is \(path), which is not an executable file")
            }
            return AccordBinary(path: path)
        }
        let path = PackageRoot.path(".build/debug/accord")
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw SupportError(
                "the accord binary is not built at \(path): run `swift build` before `swift test` (or set ACCORD_BINARY)")
        }
        return AccordBinary(path: path)
    }

    public init(path: String) { self.path = path }

    /// Runs `accord` with `arguments` to completion.
    ///
    /// - Parameters:
    ///   - input: bytes for stdin (then closed); nil for none.
    ///   - environment: extra variables, e.g. `["ACCORD_BUSY_TIMEOUT": "0.2"]`.
    public func run(
        _ arguments: [String], input: [UInt8]? = nil, environment: [String: String] = [:],
        workingDirectory: String? = nil
    ) async throws -> ProcessResult {
        try await ChildProcess.run(
            path, arguments: arguments, input: input, environment: Self.environment(environment),
            workingDirectory: workingDirectory)
    }

    /// Runs `accord` with `arguments` under a time limit, for inputs that could make it hang:
    /// past the limit it is killed (by coreutils' `timeout`) and this throws, failing the test.
    ///
    /// - Parameter stdout: a file to send stdout to (as `> FILE` does, e.g. `/dev/full`);
    ///   nil to collect it.
    /// - Throws: ``SupportError`` when the limit passed.
    public func run(
        _ arguments: [String], timeLimit seconds: Int, stdout: String? = nil, environment: [String: String] = [:]
    ) async throws -> ProcessResult {
        // `timeout` exits 124 when the limit passed (137 when the kill that follows was needed).
        var command = ["timeout", "--kill-after=5", String(seconds)]
        if let stdout {
            command = ["sh", "-c", #"out="$1"; shift; exec "$@" > "$out""#, "sh", stdout] + command
        }
        let result = try await ChildProcess.run(
            command[0], arguments: Array(command.dropFirst()) + [path] + arguments, environment: Self.environment(environment))
        if result.status == 124 || result.status == 137 {
            throw SupportError("accord \(arguments.joined(separator: " ")) did not finish within \(seconds) s: it hangs")
        }
        return result
    }

    /// Runs `accord` with `arguments`, reads the first line of its stdout and
    /// then closes the pipe, as `accord … | head -1` does.
    ///
    /// - Returns: the first line (nil if there was none) and how the process ended.
    public func runReadingFirstLine(
        _ arguments: [String], environment: [String: String] = [:]
    ) async throws -> (firstLine: String?, result: ProcessResult) {
        let (line, result) = try await ChildProcess.withRunning(
            path, arguments: arguments, environment: Self.environment(environment)
        ) { process in
            try await process.nextLine()
        }
        return (line, result)
    }

    static func environment(_ extra: [String: String]) -> [String: String?] {
        var changes: [String: String?] = [:]
        for name in isolatedVariables { changes[name] = .some(nil) }
        for (name, value) in extra { changes[name] = value }
        return changes
    }
}
