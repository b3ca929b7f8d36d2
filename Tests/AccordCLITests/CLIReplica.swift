import AccordTestSupport
import Foundation
import Testing

/// A replica made with the built `accord` binary in its own temporary directory.
struct CLIReplica {
    let directory: TemporaryDirectory
    let accord: AccordBinary
    /// The replica directory (`--store`).
    let store: String
    /// The feed id `accord init` printed.
    let feed: String

    /// Runs `accord init` in a new temporary directory and, if given, appends `claims` (JSON Lines).
    static func make(name: String = "ana", claims: [String] = []) async throws -> CLIReplica {
        let directory = try TemporaryDirectory()
        let accord = try AccordBinary.locate()
        let store = directory.path("replica")
        let initialised = try await accord.run(["init", "--store", store, "--name", name])
        try #require(initialised.status == 0, "accord init failed: \(initialised)")
        let replica = CLIReplica(
            directory: directory, accord: accord, store: store,
            feed: initialised.stdout.trimmingCharacters(in: .newlines))
        if !claims.isEmpty {
            let appended = try await replica.append(claims, file: "seed.jsonl")
            try #require(appended.status == 0, "seeding the replica failed: \(appended)")
        }
        return replica
    }

    /// A replica holding analyst Ana's claims from the demo.
    static func seeded() async throws -> CLIReplica {
        try await make(claims: try #require(try Fixtures.demoClaims()["ana"]))
    }

    /// Runs `accord <command> --store <store> <arguments…>`.
    func run(
        _ command: String, _ arguments: [String] = [], input: [UInt8]? = nil, environment: [String: String] = [:]
    ) async throws -> ProcessResult {
        try await accord.run([command, "--store", store] + arguments, input: input, environment: environment)
    }

    /// Runs `accord <subcommand path…> --store <store> <arguments…>` under a time limit
    /// (see ``AccordBinary/run(_:timeLimit:stdout:environment:)``).
    func run(_ subcommand: [String], _ arguments: [String] = [], timeLimit: Int, stdout: String? = nil) async throws -> ProcessResult {
        try await accord.run(subcommand + ["--store", store] + arguments, timeLimit: timeLimit, stdout: stdout)
    }

    /// Writes `lines` to a file in the test's directory and appends it with `--file`.
    func append(_ lines: [String], file name: String) async throws -> ProcessResult {
        let file = try directory.write(ClaimLines.document(lines), to: name)
        return try await run("append", ["--file", file])
    }

    /// The store as it is now (call only while no accord command runs on it).
    func snapshot() throws -> StoreSnapshot { try StoreSnapshot.capture(replica: store) }

    /// `accord log --json`, each line parsed.
    func logEntries(_ arguments: [String] = []) async throws -> [[String: Any]] {
        let log = try await run("log", ["--json"] + arguments)
        try #require(log.status == 0, "\(log)")
        return try log.stdoutLines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not an object: \(line)")
        }
    }
}

/// Checks a refusal the way the contract states it: the exit status, nothing
/// on stdout, and exactly one line on stderr that names the place and the cause.
func expectRefusal(
    _ result: ProcessResult, status: Int32 = 1, mentioning words: [String],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(result.status == status, "\(result)", sourceLocation: sourceLocation)
    #expect(result.stdout.isEmpty, "\(result)", sourceLocation: sourceLocation)
    #expect(result.stderrLines.count == 1, "stderr is not one line: \(result)", sourceLocation: sourceLocation)
    for word in words {
        #expect(result.stderr.contains(word), "stderr does not mention \(word): \(result)", sourceLocation: sourceLocation)
    }
}
