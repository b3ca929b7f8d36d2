import AccordTestSupport
import Foundation
import Testing

/// Issue 13, item 7: `init`s racing on one directory leave one whole replica:
/// exactly one succeeds, the others refuse, and the one that succeeded is the
/// replica found there (its key and its store).
@Suite("Concurrent init leaves one whole replica")
struct ConcurrentInitTests {
    @Test func racingInitsLeaveExactlyTheReplicaOfTheOneThatSucceeded() async throws {
        let accord = try AccordBinary.locate()
        let directory = try TemporaryDirectory()
        for round in 0..<10 {
            // Given one directory and eight `accord init`s started at once
            let store = directory.path("replica-\(round)")
            let results = try await withThrowingTaskGroup(of: ProcessResult.self) { group in
                for i in 0..<8 {
                    group.addTask { try await accord.run(["init", "--store", store, "--name", "r\(i)"], timeLimit: 120) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // Then exactly one succeeded, and each other refused on one line
            let winners = results.filter { $0.status == 0 }
            #expect(winners.count == 1, "round \(round): \(results)")
            for loser in results where loser.status != 0 {
                #expect(loser.status == 1 && loser.stderrLines.count == 1 && loser.stderr.contains("already exists"), "\(loser)")
            }
            // And the replica there is the winner's, whole
            let id = try await accord.run(["id", "--store", store])
            #expect(id.status == 0, "round \(round): \(id)")
            if let winner = winners.first {
                #expect(id.stdout.hasPrefix(winner.stdout.trimmingCharacters(in: .newlines)), "round \(round): \(id) vs \(winner)")
            }
        }
    }
}
