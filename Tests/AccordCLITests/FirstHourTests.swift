import AccordTestSupport
import Foundation
import Testing

/// Issue 16's errors and guesses, on the built binary.
@Suite("The first hour: misspelled commands and a missing replica")
struct FirstHourTests {
    @Test("a misspelled command is named, with the nearest command, exit 2", arguments: [
        ("dispute", "disputes"), ("statsu", "status"), ("parites", "parties"), ("sycn", "sync"),
    ])
    func misspelledCommand(typed: String, meant: String) async throws {
        // Given a word that is not a command, followed by an option
        let accord = try AccordBinary.locate()
        // When it is run
        let result = try await accord.run([typed, "--store", "x"])
        // Then the word is blamed, not the option, with a guess
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == ["error: unknown command '\(typed)' — did you mean '\(meant)'? (see `accord help`)"], "\(result)")
    }

    @Test func aWordFarFromEveryCommandGetsNoGuess() async throws {
        let result = try await AccordBinary.locate().run(["frobnicate"])
        #expect(result.status == 2)
        #expect(result.stderrLines == ["error: unknown command 'frobnicate' (see `accord help`)"], "\(result)")
    }

    @Test("a command on a directory with no replica names --store and $ACCORD_STORE before init", arguments: [false, true])
    func missingReplica(fromEnvironment: Bool) async throws {
        // Given a directory with no replica, named by --store or by ACCORD_STORE
        let directory = try TemporaryDirectory()
        let store = directory.path("nothing-here")
        let accord = try AccordBinary.locate()
        // When a query runs on it
        let result = fromEnvironment
            ? try await accord.run(["log"], environment: ["ACCORD_STORE": store])
            : try await accord.run(["log", "--store", store])
        // Then one line says where the directory came from, both ways to name another, then init
        expectRefusal(result, mentioning: [store, fromEnvironment ? "given by $ACCORD_STORE" : "given by --store", "--store DIR or $ACCORD_STORE", "accord init"])
        let line = result.stderr
        let ways = try #require(line.range(of: "--store DIR or $ACCORD_STORE"))
        let initHint = try #require(line.range(of: "accord init"))
        #expect(ways.lowerBound < initHint.lowerBound, "the ways to name a replica come before init: \(line)")
    }
}
