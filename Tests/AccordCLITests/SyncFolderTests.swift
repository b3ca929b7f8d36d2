import AccordTestSupport
import Foundation
import Testing

/// Two analysts' replicas, made with `accord init`, syncing through a shared
/// folder as CONTRACT.md's "Sync" section describes.
@Suite("accord sync through a shared folder")
struct SyncFolderTests {
    /// ana and ben with the demo's claims, trusting each other, and an empty shared folder.
    struct Pair {
        let ana: CLIReplica
        let ben: CLIReplica
        let shared: TemporaryDirectory

        init() async throws {
            let claims = try Fixtures.demoClaims()
            ana = try await CLIReplica.make(name: "ana", claims: try #require(claims["ana"]))
            ben = try await CLIReplica.make(name: "ben", claims: try #require(claims["ben"]))
            shared = try TemporaryDirectory(prefix: "accord-shared")
            for (replica, other, name) in [(ana, ben, "ben"), (ben, ana, "ana")] {
                let trusted = try await replica.run(["trust", "add"], [other.feed, "--name", name])
                try #require(trusted.status == 0, "\(trusted)")
            }
        }

        /// `accord sync folder <shared>` on a replica.
        func sync(_ replica: CLIReplica) async throws -> ProcessResult {
            try await replica.run(["sync", "folder"], [shared.path])
        }

        /// The folder's directory of a replica's feed.
        func directory(of replica: CLIReplica) -> String { shared.path(replica.feed) }

        /// The segment files in a replica's feed directory, sorted.
        func segments(of replica: CLIReplica) throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: directory(of: replica)).sorted()
        }
    }

    @Test func twoReplicasSyncedTwiceThroughAFolderShowTheSameDisputesAndStatus() async throws {
        // Given ana and ben, who recorded different dates for the same facts offline
        let pair = try await Pair()
        // When each runs `sync folder` on the shared folder, twice, in turn
        for replica in [pair.ana, pair.ben, pair.ana, pair.ben] {
            let result = try await pair.sync(replica)
            #expect(result.status == 0, "\(result)")
        }
        // Then both hold every claim
        let anaLog = try await pair.ana.logEntries().compactMap { $0["id"] as? String }
        let benLog = try await pair.ben.logEntries().compactMap { $0["id"] as? String }
        let claims = try Fixtures.demoClaims()
        #expect(anaLog.count == claims.values.map(\.count).reduce(0, +))
        #expect(Set(anaLog) == Set(benLog))
        // And both see the same disputes, and some
        let anaDisputes = try await pair.ana.run("disputes", ["--json"])
        let benDisputes = try await pair.ben.run("disputes", ["--json"])
        #expect(anaDisputes.status == 0 && benDisputes.status == 0, "\(anaDisputes)\n\(benDisputes)")
        #expect(anaDisputes.stdout == benDisputes.stdout)
        let disputes = try JSONSerialization.jsonObject(with: Data(anaDisputes.stdout.utf8)) as? [String: Any]
        #expect((disputes?["disputes"] as? [Any])?.isEmpty == false, "\(anaDisputes)")
        // And the same status of Lithuania under the CCM, either side of 2025-03-06
        for date in ["2025-03-05", "2025-03-06"] {
            let arguments = ["--treaty", "CCM", "--state", "LTU", "--on", date, "--json"]
            let anaStatus = try await pair.ana.run("status", arguments)
            let benStatus = try await pair.ben.run("status", arguments)
            #expect(anaStatus.status == 0, "\(anaStatus)")
            #expect(anaStatus.stdout == benStatus.stdout, "on \(date)")
        }
        // And each replica's feed is a directory in the folder, and nothing else
        let files = try FileManager.default.contentsOfDirectory(atPath: pair.shared.path).sorted()
        #expect(files == [pair.ana.feed, pair.ben.feed].sorted())
        // And each holds one segment: the second syncs had nothing new to write
        for (replica, name) in [(pair.ana, "ana"), (pair.ben, "ben")] {
            let count = claims[name]?.count ?? 0
            #expect(try pair.segments(of: replica) == [segmentFileName(1, count)])
        }
    }

    @Test func aResolutionOnOneReplicaClearsTheDisputeOnBothAfterTheNextSync() async throws {
        // Given ana and ben synced, both seeing the dispute over the Seimas' final vote
        let pair = try await Pair()
        for replica in [pair.ana, pair.ben, pair.ana] { _ = try await pair.sync(replica) }
        let fact = "action/CCM/LTU/parliament-vote/final"
        let before = try await pair.ben.run("disputes", ["--json"])
        try #require(before.stdout.contains(fact), "\(before)")
        // When ana resolves it, and both sync
        let resolved = try await pair.ana.run("resolve", [fact, "--value", "2024-07-18", "--note", "the Seimas voted on 18 July 2024"])
        #expect(resolved.status == 0, "\(resolved)")
        for replica in [pair.ana, pair.ben] { _ = try await pair.sync(replica) }
        // Then neither lists it any more, and they agree
        let anaDisputes = try await pair.ana.run("disputes", ["--json"])
        let benDisputes = try await pair.ben.run("disputes", ["--json"])
        #expect(!benDisputes.stdout.contains("\"\(fact)\""), "\(benDisputes)")
        #expect(anaDisputes.stdout == benDisputes.stdout)
    }

    @Test func twoConcurrentResolutionsThatDisagreeAreADisputeAgainOnBoth() async throws {
        // Given ana and ben synced, both seeing the dispute over the Seimas' final vote
        let pair = try await Pair()
        for replica in [pair.ana, pair.ben, pair.ana] { _ = try await pair.sync(replica) }
        let fact = "action/CCM/LTU/parliament-vote/final"
        // When each resolves it differently before syncing again
        let byAna = try await pair.ana.run("resolve", [fact, "--value", "2024-07-18", "--note", "Seimas record"])
        let byBen = try await pair.ben.run("resolve", [fact, "--value", "2023-07", "--note", "the earlier article"])
        #expect(byAna.status == 0 && byBen.status == 0, "\(byAna)\n\(byBen)")
        for replica in [pair.ana, pair.ben, pair.ana] { _ = try await pair.sync(replica) }
        // Then both list the fact as disputed again, between the two resolutions, and agree
        let anaDisputes = try await pair.ana.run("disputes", ["--json"])
        let benDisputes = try await pair.ben.run("disputes", ["--json"])
        #expect(anaDisputes.stdout == benDisputes.stdout)
        let disputes = try JSONSerialization.jsonObject(with: Data(anaDisputes.stdout.utf8)) as? [String: Any]
        let entry = (disputes?["disputes"] as? [[String: Any]])?.first { $0["fact"] as? String == fact }
        let notes = (entry?["heads"] as? [[String: Any]])?.compactMap { $0["note"] as? String }.sorted()
        #expect(notes == ["Seimas record", "the earlier article"], "\(anaDisputes)")
    }

    @Test func exportForAPeerSendsOnlyWhatThatPeerLacks() async throws {
        // Given ana and ben synced through the folder, and two more claims recorded by ana
        let pair = try await Pair()
        for replica in [pair.ana, pair.ben, pair.ana] { _ = try await pair.sync(replica) }
        let appended = try await pair.ana.append(ClaimLines.actions(count: 2, tag: "later"), file: "later.jsonl")
        try #require(appended.status == 0, "\(appended)")
        // When ana exports for ben
        let delta = pair.ana.directory.path("for-ben.bundle")
        let exported = try await pair.ana.run(["sync", "export"], ["--out", delta, "--for", "ben"])
        // Then the bundle carries those two claims only, and says so
        #expect(exported.status == 0, "\(exported)")
        #expect(exported.stdout.contains("2 events"), "\(exported)")
        #expect(try Self.headerEvents(delta) == 2)
        // And ben imports exactly two new events
        let imported = try await pair.ben.run(["sync", "import"], [delta])
        #expect(imported.status == 0, "\(imported)")
        #expect(imported.stdout.contains("2 new events"), "\(imported)")
        // While an export without --for carries everything
        let full = pair.ana.directory.path("full.bundle")
        #expect(try await pair.ana.run(["sync", "export"], ["--out", full]).status == 0)
        let total = try Fixtures.demoClaims().values.map(\.count).reduce(0, +) + 2
        #expect(try Self.headerEvents(full) == total)
    }

    @Test func aRefusedFileMakesSyncFolderExit1WhileTheOtherFilesAreImported() async throws {
        // Given ana and ben's segments in the folder, and carl's file in the old layout; ana does not trust carl
        let pair = try await Pair()
        let carl = try await CLIReplica.make(name: "carl", claims: ClaimLines.actions(count: 1, tag: "carl"))
        #expect(try await pair.sync(pair.ben).status == 0)
        #expect(try await carl.run(["sync", "export"], ["--out", pair.shared.path("\(carl.feed).bundle")]).status == 0)
        // When ana syncs
        let result = try await pair.sync(pair.ana)
        // Then she exits 1, naming carl's file and the command that would trust it
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("\(carl.feed).bundle"), "\(result)")
        #expect(result.stderr.contains("accord trust add \(carl.feed)"), "\(result)")
        // And ben's claims were still imported, and her own file written
        let benClaims = try Fixtures.demoClaims()["ben"]?.count ?? 0
        let anaClaims = try Fixtures.demoClaims()["ana"]?.count ?? 0
        #expect(try await pair.ana.logEntries().count == anaClaims + benClaims)
        #expect(try pair.segments(of: pair.ana).count == 1)
        // And once ana trusts carl, the next sync takes his file too and exits 0
        #expect(try await pair.ana.run(["trust", "add"], [carl.feed, "--name", "carl"]).status == 0)
        let again = try await pair.sync(pair.ana)
        #expect(again.status == 0, "\(again)")
        #expect(try await pair.ana.logEntries().count == anaClaims + benClaims + 1)
    }

    @Test func temporaryAndPartialFilesInTheFolderAreIgnored() async throws {
        // Given ben's segment in the folder, beside temporary, partial and conflict files of every usual shape,
        // in his feed's directory and at the top (the old layout's names)
        let pair = try await Pair()
        #expect(try await pair.sync(pair.ben).status == 0)
        let segment = try #require(try pair.segments(of: pair.ben).first)
        let benFile = try Data(contentsOf: URL(fileURLWithPath: pair.directory(of: pair.ben) + "/" + segment))
        let partial = benFile.prefix(benFile.count / 2)
        let inBen = pair.ben.feed + "/"
        let strays: [(String, Data)] = [
            (".x.tmp-123", Data("garbage".utf8)),
            ("abc.bundle.part", Data("garbage".utf8)),
            ("\(pair.ben.feed).bundle.part", partial),
            ("\(pair.ben.feed).bundle.tmp-4242", partial),
            (".\(pair.ben.feed).bundle.tmp", partial),
            (".syncthing.\(pair.ben.feed).bundle.tmp", partial),
            ("~\(pair.ben.feed).bundle", partial),
            (inBen + "\(segment).part", partial),
            (inBen + ".syncthing.\(segment).tmp", partial),
            (inBen + "~\(segment)", partial),
            (inBen + ".\(segment).Xa81Qz", partial),
            (inBen + "\(segment).sync-conflict-20261203-101010-ABCDEFG", partial),
            (inBen + String(segment.dropLast(".bundle".count)) + ".sync-conflict-20261203-101010-ABCDEFG.bundle", partial),
            (inBen + ".accord-0123456789abcdef0123456789abcdef.tmp", partial),
            (inBen + "00000000000000000001-00000000000000000099.bundle.partial", partial),
        ]
        for (name, bytes) in strays { try bytes.write(to: URL(fileURLWithPath: pair.shared.path(name))) }
        // When ana syncs
        let result = try await pair.sync(pair.ana)
        // Then she exits 0, having imported ben's file and no complaint about the others
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty, "\(result)")
        let total = try Fixtures.demoClaims().values.map(\.count).reduce(0, +)
        #expect(try await pair.ana.logEntries().count == total)
        // And the strays are left as they were
        for (name, bytes) in strays {
            #expect(FileManager.default.contents(atPath: pair.shared.path(name)) == bytes, "\(name) changed")
        }
    }

    @Test func syncFolderWithAMissingFolderExits1InOneLine() async throws {
        // Given a replica
        let replica = try await CLIReplica.make()
        // When it syncs with a folder that does not exist
        let missing = replica.directory.path("no-such-folder")
        let result = try await replica.run(["sync", "folder"], [missing])
        // Then it exits 1 with one line naming the folder, and creates nothing
        expectRefusal(result, mentioning: [missing])
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    /// The `events` count in a bundle's header line.
    static func headerEvents(_ path: String) throws -> Int? {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let header = data.prefix { $0 != 0x0a }
        let object = try JSONSerialization.jsonObject(with: Data(header)) as? [String: Any]
        return object?["events"] as? Int
    }
}

extension CLIReplica {
    /// Runs `accord <subcommand path…> --store <store> <arguments…>`, for commands
    /// such as `trust add` and `sync folder` whose options follow the last subcommand.
    func run(_ subcommand: [String], _ arguments: [String]) async throws -> ProcessResult {
        try await accord.run(subcommand + ["--store", store] + arguments)
    }
}

/// A segment's file name as the folder holds it: both seqs zero-padded to 20 digits.
func segmentFileName(_ first: Int, _ last: Int) -> String {
    func pad(_ n: Int) -> String { String(repeating: "0", count: 20 - String(n).count) + String(n) }
    return "\(pad(first))-\(pad(last)).bundle"
}
