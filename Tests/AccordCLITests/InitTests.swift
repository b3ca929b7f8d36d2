import AccordTestSupport
import Foundation
import Testing

@Suite("accord init and accord id")
struct InitTests {
    @Test func initPrintsTheFeedIdAsSixtyFourLowercaseHexDigits() async throws {
        // Given an empty temporary directory
        let directory = try TemporaryDirectory()
        let accord = try AccordBinary.locate()
        // When a replica is created
        let result = try await accord.run(["init", "--store", directory.path("ana"), "--name", "ana"])
        // Then stdout is exactly the feed id
        #expect(result.status == 0, "\(result)")
        let lines = result.stdoutLines
        #expect(lines.count == 1)
        let feed = String(lines.first ?? "")
        #expect(feed.count == 64 && feed.allSatisfy { "0123456789abcdef".contains($0) }, "\(feed)")
        // And the replica holds a store and a key
        #expect(FileManager.default.fileExists(atPath: directory.path("ana/store.sqlite")))
        #expect(FileManager.default.fileExists(atPath: directory.path("ana/replica.key")))
    }

    @Test(arguments: ["0", "022", "077"])
    func theKeyFileIsReadableByItsOwnerOnlyWhateverTheUmask(_ umask: String) async throws {
        // Given a shell whose umask is permissive (or not)
        let directory = try TemporaryDirectory()
        let accord = try AccordBinary.locate()
        // When it runs accord init
        let result = try await ChildProcess.run(
            "/bin/sh", arguments: ["-c", #"umask "$1" && exec "$2" init --store "$3" --name ana"#, "sh", umask, accord.path, directory.path("r")])
        #expect(result.status == 0, "\(result)")
        // Then the key file's mode is exactly 0600
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path("r/replica.key"))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test func idPrintsTheFeedAndTheName() async throws {
        // Given a replica named ben
        let replica = try await CLIReplica.make(name: "ben")
        // When its id is asked for, as JSON and as text
        let json = try await replica.run("id", ["--json"])
        let text = try await replica.run("id")
        // Then the JSON is exactly {"feed","name"} with init's feed id, and the text shows both
        #expect(json.status == 0, "\(json)")
        #expect(json.stdoutLines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["feed", "name"])
        #expect(object["feed"] as? String == replica.feed)
        #expect(object["name"] as? String == "ben")
        #expect(json.stdout == #"{"feed":"\#(replica.feed)","name":"ben"}"# + "\n")
        #expect(text.status == 0 && text.stdout.contains(replica.feed) && text.stdout.contains("ben"), "\(text)")
    }

    @Test func initOnAnExistingReplicaIsRefusedAndChangesNothing() async throws {
        // Given a replica holding claims
        let replica = try await CLIReplica.seeded()
        let before = try replica.snapshot()
        let key = try Data(contentsOf: URL(fileURLWithPath: replica.store + "/replica.key"))
        // When init runs on it again
        let result = try await replica.run("init", ["--name", "intruder"])
        // Then it exits 1 with one line naming the place, and neither the store nor the key changed
        expectRefusal(result, mentioning: ["replica", "already exists"])
        #expect(try replica.snapshot() == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: replica.store + "/replica.key")) == key)
        let id = try await replica.run("id", ["--json"])
        #expect(id.stdout.contains(replica.feed) && id.stdout.contains(#""name":"ana""#), "\(id)")
    }
}
