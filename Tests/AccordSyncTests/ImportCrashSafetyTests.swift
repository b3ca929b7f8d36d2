import AccordLog
import AccordSync
import AccordTestSupport
import AccordTreaty
import Foundation
import Testing

/// An import killed with SIGKILL at any point leaves the store as it was
/// before or as it is after the whole bundle, and `accord check` passes.
///
/// The built `accord sync import` runs as a child process on a copy of the same
/// replica each time and is killed at a different point. The points are not
/// times but things the test sees happen to the files:
/// - inside the transaction: the store's write-ahead log has grown past a
///   threshold (SQLite spills the open transaction into it), a different one
///   each run, spread up to the size the log reaches when the import commits;
/// - after the commit, during the checkpoint on close: `store.sqlite` has grown
///   past a threshold.
/// The watching loop naps 0.1 ms between looks; its deadline is only a bound for a hung child.
@Suite("Crash safety of import")
struct ImportCrashSafetyTests {
    /// Events in the bundle: enough that the transaction spills into the log for most of the import.
    static let bundleEvents = 3_000
    /// Kill points inside the transaction.
    static let transactionPoints = 18

    @Test func anImportKilledAtAnyPointLeavesTheStoreBeforeOrAfterAndCheckPasses() async throws {
        let binary = try AccordBinary.locate()
        let directory = try TemporaryDirectory(prefix: "accord-crash")
        // Given a large bundle from a trusted sender, and a receiver with claims of its own
        let peers = try SyncTesting.makePeers(["big", "rcv"], in: directory)
        let (big, template) = (peers[0], peers[1])
        try SyncTesting.append(template, [
            SyncTesting.action(state: "LTU", action: "ratification", date: "2011-03-24", url: "https://example.org/rcv/1"),
            SyncTesting.action(state: "LTU", action: "withdrawal-notification", date: "2024-09-06", url: "https://example.org/rcv/2"),
        ])
        do {
            let sender = try SyncTesting.open(big)
            let lines = ClaimLines.actions(count: Self.bundleEvents, tag: "crash")
            for start in stride(from: 0, to: lines.count, by: 1_000) {
                try sender.append(lines[start..<min(start + 1_000, lines.count)].map(SyncTesting.claim))
            }
        }
        let bundle = directory.path("big.bundle")
        try SyncTesting.export(big, to: bundle)
        let before = try StoreSnapshot.events(database: template.databasePath)

        // And the import run to completion once, watching how large the log and the database grow
        let complete = try SyncTesting.copyReplica(template, to: directory.path("complete"))
        let calibration = try ImportChild.start(binary, bundle: bundle, store: complete, log: directory.path("complete.log"))
        var largest = ImportChild.Sizes()
        let status = try calibration.watch { sizes in
            largest = ImportChild.Sizes(wal: max(largest.wal, sizes.wal), database: max(largest.database, sizes.database))
            return false
        }
        try #require(status == .exited(0), "the uninterrupted import failed: \(status), \(ImportChild.log(directory.path("complete.log")))")
        let after = try StoreSnapshot.events(database: complete.databasePath)
        try #require(after.count == before.count + Self.bundleEvents)
        try #require(largest.wal > 1 << 20, "the log stayed at \(largest.wal) bytes: the import no longer spills, choose another observable")
        let initialDatabase = try #require(try FileManager.default.attributesOfItem(atPath: template.databasePath)[.size] as? Int)
        let growth = largest.database - initialDatabase

        var points: [(String, (ImportChild.Sizes) -> Bool)] = (1...Self.transactionPoints).map { i in
            let threshold = largest.wal * i / Self.transactionPoints
            return ("log at \(threshold) bytes", { $0.wal >= threshold })
        }
        for fraction in [0, 1, 2, 3] {
            let threshold = initialDatabase + 1 + growth * fraction / 4
            points.append(("checkpoint: store.sqlite at \(threshold) bytes", { $0.database >= threshold }))
        }
        var killed = 0
        var outcomes: [String] = []
        for (n, (point, reached)) in points.enumerated() {
            // When an import is killed at that point
            let run = try SyncTesting.copyReplica(template, to: directory.path("run-\(n)"))
            let child = try ImportChild.start(binary, bundle: bundle, store: run, log: directory.path("run-\(n).log"))
            let status = try child.watch(until: reached)
            if status == .signaled(SIGKILL) { killed += 1 }
            // Then `accord check` passes on the store it left
            let check = try await binary.run(["check", "--store", run.directory])
            #expect(check.status == 0, "killed at \(point): \(check)")
            // And the store holds exactly the events of before, or of after
            let events = try StoreSnapshot.events(database: run.databasePath)
            let state = events == before ? "before" : events == after ? "after" : "neither (\(events.count) events)"
            #expect(events == before || events == after, "killed at \(point) (\(status)): the store holds \(state)")
            outcomes.append("\(point): \(status) → \(state)")
        }
        #expect(killed >= 20, "only \(killed) imports were killed before they ended: \(outcomes)")
        #expect(outcomes.contains { $0.hasSuffix("signal 9 → after") }, "no kill landed after the commit: \(outcomes)")

        // And an import killed midway can simply be run again
        let last = SyncTesting.Peer(name: "rcv", directory: directory.path("run-\(Self.transactionPoints / 2)"), feed: template.feed)
        let retry = try await binary.run(["sync", "import", bundle, "--store", last.directory])
        #expect(retry.status == 0, "\(retry)")
        #expect(try StoreSnapshot.events(database: last.databasePath) == after)
    }
}

/// `accord sync import` running as a child process whose store's write-ahead log can be watched.
private struct ImportChild {
    enum Status: Equatable, CustomStringConvertible {
        case exited(Int32), signaled(Int32)

        var description: String {
            switch self {
            case .exited(let code): "exit \(code)"
            case .signaled(let signal): "signal \(signal)"
            }
        }
    }

    /// What the test watches: the sizes of the store's log and database files.
    struct Sizes {
        var wal = 0, database = 0
    }

    let pid: pid_t
    let databasePath: String

    /// Starts `accord sync import BUNDLE --store STORE`, its stdout and stderr going to `log`.
    static func start(_ binary: AccordBinary, bundle: String, store: SyncTesting.Peer, log: String) throws -> ImportChild {
        let arguments = [binary.path, "sync", "import", bundle, "--store", store.directory]
        var environment = ProcessInfo.processInfo.environment
        for name in AccordBinary.isolatedVariables { environment[name] = nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, binary.path, &actions, nil, argv, envp)
        guard rc == 0 else { throw SupportError("cannot start \(binary.path): \(String(cString: strerror(rc)))") }
        return ImportChild(pid: pid, databasePath: store.databasePath)
    }

    /// Looks at the files until `kill` says so (then sends SIGKILL) or the child
    /// ends by itself, and returns how it ended.
    ///
    /// - Parameter kill: called with the sizes in bytes (0 for a file that is not there).
    func watch(until kill: (Sizes) -> Bool) throws -> Status {
        let deadline = ContinuousClock.now + .seconds(180)
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { return Self.status(status) }
            let sizes = Sizes(wal: Self.size(databasePath + "-wal"), database: Self.size(databasePath))
            if kill(sizes) || ContinuousClock.now > deadline {
                Glibc.kill(pid, SIGKILL)
                break
            }
            var nap = timespec(tv_sec: 0, tv_nsec: 100_000)
            nanosleep(&nap, nil)
        }
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw SupportError("waitpid: \(String(cString: strerror(errno)))") }
        }
        return Self.status(status)
    }

    static func size(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    static func status(_ raw: Int32) -> Status {
        raw & 0x7f == 0 ? .exited((raw >> 8) & 0xff) : .signaled(raw & 0x7f)
    }

    static func log(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}
