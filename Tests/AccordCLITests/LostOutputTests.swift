import AccordTestSupport
import Foundation
import Testing

/// Issue 13, item 9: output that cannot be written is a failure, said on one
/// line with exit status 1 — except a closed pipe, which ends quietly (see
/// `LogCommandTests`).
@Suite("Output that cannot be written is not reported as success")
struct LostOutputTests {
    @Test(arguments: [["log"], ["log", "--json"], ["export", "--format", "csv"], ["disputes"], ["disputes", "--json"]])
    func writingToAFullDeviceExitsOneWithOneLine(_ command: [String]) async throws {
        // Given a replica with claims, some disputed
        let replica = try await CLIReplica.seeded()
        // When a command's stdout is /dev/full
        let result = try await replica.run([command[0]], Array(command.dropFirst()), timeLimit: 60, stdout: "/dev/full")
        // Then it exits 1 with one line saying the output was not written
        #expect(result.status == 1, "\(result)")
        #expect(result.stderrLines.count == 1, "\(result)")
        #expect(result.stderr.contains("stdout") && result.stderr.contains("No space left on device"), "\(result)")
    }
}
