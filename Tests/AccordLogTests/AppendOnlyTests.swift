import AccordLog
import AccordTestSupport
import Foundation
import GRDB
import Testing

@Suite("The store keeps the log append-only")
struct AppendOnlyTests {
    /// A replica with three events, closed again.
    static func replicaWithEvents(in directory: TemporaryDirectory) throws -> String {
        let path = directory.path("r")
        let store = try ReplicaStore.create(at: path, name: "ana", schema: [])
        try store.append(claims: (1...3).map { Array(#"{"n":\#($0)}"#.utf8) })
        return store.databasePath
    }

    @Test(arguments: [
        "UPDATE events SET seq = seq + 100",
        "UPDATE events SET body = x'00' WHERE seq = 2",
        "DELETE FROM events",
        "DELETE FROM events WHERE seq = 3",
    ])
    func theTriggersRefuseUpdateAndDeleteThroughGRDB(_ sql: String) throws {
        let directory = try TemporaryDirectory()
        // Given a store holding events
        let database = try Self.replicaWithEvents(in: directory)
        let before = try StoreSnapshot.events(database: database)
        // When a plain GRDB connection (no Accord code) tries to change or remove one
        let queue = try DatabaseQueue(path: database)
        let error = #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: sql) } }
        try queue.close()
        // Then SQLite's own trigger refuses it, and the events are as they were
        #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER)
        #expect(error?.message?.contains("append-only") == true)
        #expect(try StoreSnapshot.events(database: database) == before)
        #expect(before.count == 3)
    }

    @Test func theStoreReportsARefusedUpdateAsAnAccordError() throws {
        let directory = try TemporaryDirectory()
        // Given an open store with events
        let store = try ReplicaStore.create(at: directory.path("r"), name: "ana", schema: [])
        try store.append(claims: [Array(#"{"n":1}"#.utf8)])
        // When a write transaction tries to delete them
        let error = #expect(throws: AccordError.self) {
            try store.write { db in try db.execute(sql: "DELETE FROM events") }
        }
        // Then the error carries the trigger's message and the event is still there
        #expect(error?.message.contains("append-only") == true)
        #expect(try store.read { try LogTables.eventCount(in: $0) } == 1)
    }
}

@Suite("The replica key file")
struct KeyFileTests {
    @Test func theKeyFileIsReadableByItsOwnerOnly() throws {
        let directory = try TemporaryDirectory()
        // Given a new replica
        let store = try ReplicaStore.create(at: directory.path("r"), name: "ana", schema: [])
        // When the key file's permissions are read
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path("r/replica.key"))
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        // Then they are exactly 0600
        #expect(mode == 0o600)
        // And the file holds the key whose public half is the feed id
        let text = try String(contentsOfFile: directory.path("r/replica.key"), encoding: .utf8)
        let key = try ReplicaKey(rawRepresentation: Array(hexBytes: text.trimmingCharacters(in: .newlines)))
        #expect(key.feed == store.feed)
    }

    @Test func creatingAReplicaWhereOneExistsIsRefusedAndKeepsTheKey() throws {
        let directory = try TemporaryDirectory()
        // Given a replica
        let first = try ReplicaStore.create(at: directory.path("r"), name: "ana", schema: [])
        let key = try Data(contentsOf: URL(fileURLWithPath: directory.path("r/replica.key")))
        // When another is created in the same directory
        let error = #expect(throws: AccordError.self) {
            try ReplicaStore.create(at: directory.path("r"), name: "ben", schema: [])
        }
        // Then it is refused, naming the existing feed, and the key file is untouched
        #expect(error?.code == .replicaExists)
        #expect(error?.message.contains(first.feed.hex) == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path("r/replica.key"))) == key)
    }

    @Test func openingADirectoryWithoutAReplicaNamesAccordInit() throws {
        let directory = try TemporaryDirectory()
        for path in [directory.path("missing"), directory.path] {
            let error = #expect(throws: AccordError.self) { try ReplicaStore.open(at: path, schema: []) }
            #expect(error?.code == .noReplica)
            #expect(error?.message.contains("accord init") == true)
        }
    }
}

extension Array where Element == UInt8 {
    /// Bytes from lowercase hex text (test helper; traps on bad input).
    init(hexBytes text: String) {
        let digits = Array(text.utf8)
        precondition(digits.count % 2 == 0)
        self = stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }
}
