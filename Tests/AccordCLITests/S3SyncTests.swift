import AccordTestSupport
import Foundation
import Testing

/// `accord sync s3://BUCKET/PREFIX` against a real SeaweedFS started for each
/// test (`weed server -s3` on free loopback ports, with an access key and
/// secret, so every request is signed with Signature V4 and checked), stopped
/// with SIGTERM, a grace period and SIGKILL whatever the test does.
@Suite("accord sync through an S3 bucket (a real SeaweedFS)", .serialized)
struct S3SyncTests {
    static let url = "s3://\(SeaweedServer.bucket)/team"

    /// Replicas trusting each other under their names.
    static func team(_ claims: [String: [String]]) async throws -> [String: CLIReplica] {
        var replicas: [String: CLIReplica] = [:]
        for (name, lines) in claims { replicas[name] = try await CLIReplica.make(name: name, claims: lines) }
        for (name, replica) in replicas {
            for (otherName, other) in replicas where otherName != name {
                let trusted = try await replica.run(["trust", "add"], [other.feed, "--name", otherName])
                try #require(trusted.status == 0, "\(trusted)")
            }
        }
        return replicas
    }

    static func sync(_ replica: CLIReplica, _ server: SeaweedServer, endpoint: String? = nil, environment: [String: String] = [:]) async throws -> ProcessResult {
        var variables = server.environment
        if let endpoint { variables["ACCORD_S3_ENDPOINT"] = endpoint }
        for (key, value) in environment { variables[key] = value }
        return try await replica.accord.run(["sync", url, "--store", replica.store], environment: variables)
    }

    @Test func threeReplicasSyncingThroughTheBucketInRandomOrdersConverge() async throws {
        try await SeaweedServer.with { server in
            // Given ana and ben with the demo's claims (which disagree), and cy with claims of her own
            let demo = try Fixtures.demoClaims()
            let team = try await Self.team([
                "ana": try #require(demo["ana"]), "ben": try #require(demo["ben"]), "cy": ClaimLines.actions(count: 5, tag: "cy"),
            ])
            let names = team.keys.sorted()
            var generator = SeededGenerator(seed: 14)
            // When they sync in a random order, now and then recording more claims between syncs
            for step in 0..<9 {
                let name = names[Int.random(in: 0..<names.count, using: &generator)]
                let replica = try #require(team[name])
                if Bool.random(using: &generator) {
                    let appended = try await replica.append(ClaimLines.actions(count: 2, tag: "\(name)-\(step)"), file: "step\(step).jsonl")
                    try #require(appended.status == 0, "\(appended)")
                }
                let result = try await Self.sync(replica, server)
                #expect(result.status == 0, "step \(step), \(name): \(result)")
            }
            // And then each syncs twice more, in turn
            for name in names + names {
                let result = try await Self.sync(try #require(team[name]), server)
                #expect(result.status == 0, "\(name): \(result)")
            }
            // Then they hold the same events, see the same disputes (some), and each store checks out
            var eventSets: [Set<String>] = []
            var disputes: [String] = []
            for name in names {
                let replica = try #require(team[name])
                eventSets.append(Set(try await replica.logEntries().compactMap { $0["id"] as? String }))
                disputes.append(try await replica.run("disputes", ["--json"]).stdout)
                let checked = try await replica.run("check")
                #expect(checked.status == 0, "\(name): \(checked)")
            }
            #expect(Set(eventSets).count == 1)
            #expect(Set(disputes).count == 1)
            #expect(disputes[0].contains("parliament-vote"), "\(disputes[0])")
            // When ana resolves the dispute over the Seimas' final vote and the bucket carries it
            let ana = try #require(team["ana"])
            let fact = "action/CCM/LTU/parliament-vote/final"
            #expect(try await ana.run("resolve", [fact, "--value", "2024-07-18", "--note", "Seimas record"]).status == 0)
            let sent = try await Self.sync(ana, server)
            #expect(sent.stdout.contains("wrote 1 segment"), "\(sent)")
            // Then ben and cy, syncing, no longer list it
            for name in ["ben", "cy"] {
                let replica = try #require(team[name])
                let result = try await Self.sync(replica, server)
                #expect(result.status == 0, "\(result)")
                let now = try await replica.run("disputes", ["--json"])
                #expect(!now.stdout.contains("\"\(fact)\""), "\(name): \(now)")
            }
        }
    }

    @Test func wrongCredentialsAMissingBucketAndAnUnreachableEndpointExit1InOneLineAndChangeNothing() async throws {
        try await SeaweedServer.with { server in
            // Given ana, with a claim, and ben's segment in the bucket for her to read
            let team = try await Self.team(["ana": ClaimLines.actions(count: 1, tag: "ana"), "ben": ClaimLines.actions(count: 2, tag: "ben")])
            let ana = try #require(team["ana"]), ben = try #require(team["ben"])
            #expect(try await Self.sync(ben, server).status == 0)
            let before = try ana.snapshot()
            let nothing = try FreePorts.pick(1)[0]
            let cases: [(String, [String], [String: String], [String])] = [
                ("a wrong secret", [Self.url], ["AWS_SECRET_ACCESS_KEY": "not-the-secret"], [server.endpoint, "credentials", "SignatureDoesNotMatch"]),
                ("an unknown key", [Self.url], ["AWS_ACCESS_KEY_ID": "AKIDNOBODY"], [server.endpoint, "credentials"]),
                ("a missing bucket", ["s3://no-such-bucket/team"], [:], [server.endpoint, "no-such-bucket", "does not exist"]),
                ("an unreachable endpoint", [Self.url], ["ACCORD_S3_ENDPOINT": "http://127.0.0.1:\(nothing)"], ["127.0.0.1:\(nothing)", "cannot reach"]),
            ]
            for (what, arguments, changes, words) in cases {
                var environment = server.environment
                for (key, value) in changes { environment[key] = value }
                // When ana syncs with it
                let result = try await ana.accord.run(["sync"] + arguments + ["--store", ana.store], environment: environment)
                // Then exit 1, one line naming the endpoint and the cause, and her store exactly as it was
                #expect(result.status == 1, "\(what): \(result)")
                #expect(result.stderrLines.count == 1, "\(what): \(result)")
                for word in words { #expect(result.stderr.contains(word), "\(what): no \(word) in \(result)") }
                #expect(try ana.snapshot() == before, "\(what) changed the store")
            }
            // And with everything right, the next sync completes
            let fine = try await Self.sync(ana, server)
            #expect(fine.status == 0, "\(fine)")
            #expect(try await ana.logEntries().count == 3)
        }
    }

    @Test func theServerKilledInTheMiddleOfAnUploadLeavesNothingHalfWrittenAndTheNextSyncCompletes() async throws {
        try await SeaweedServer.with { server in
            // Given ana with 3,000 claims (a segment of about 1.7 MB), ben, and a proxy in front of the
            // server that SIGKILLs it once 256 KiB of an upload have gone through
            let team = try await Self.team(["ana": ClaimLines.actions(count: 3_000, tag: "ana"), "ben": []])
            let ana = try #require(team["ana"]), ben = try #require(team["ben"])
            let upstream = try #require(Int(server.endpoint.split(separator: ":").last ?? ""))
            let listen = try FreePorts.pick(1)[0]
            let proxyOut = ana.directory.path("proxy.out")
            let proxy = try SpawnedProcess.spawn("/usr/bin/env", [
                "python3", PackageRoot.path("Tools/s3-fault-proxy/s3-fault-proxy.py"), "--listen", "\(listen)", "--upstream", "\(upstream)",
                "--kill-pid", "\(server.pid)", "--after-bytes", "\(256 << 10)",
            ], output: proxyOut)
            defer { proxy.stop(grace: 1) }
            try await Deadline.poll("the proxy to listen", within: 20) {
                (try? String(contentsOfFile: proxyOut, encoding: .utf8))?.contains("ready") == true
            }
            let before = try ana.snapshot()
            // When ana syncs through the proxy
            let cut = try await Self.sync(ana, server, endpoint: "http://127.0.0.1:\(listen)")
            // Then the server was killed mid-upload, and she exits 1 in one line naming the endpoint and the cause
            #expect((try? String(contentsOfFile: proxyOut, encoding: .utf8))?.contains("killed") == true)
            #expect(cut.status == 1, "\(cut)")
            #expect(cut.stderrLines.count == 1, "\(cut)")
            #expect(cut.stderr.contains("127.0.0.1:\(listen)"), "\(cut)")
            #expect(try ana.snapshot() == before)
            // When the server comes back and ana syncs again
            server.kill()
            try await server.restart()
            let again = try await Self.sync(ana, server)
            // Then her segment is written, and ben reads all 3,000 events from it
            #expect(again.status == 0, "\(again)")
            #expect(again.stdout.contains("3000 events"), "\(again)")
            let read = try await Self.sync(ben, server)
            #expect(read.status == 0, "\(read)")
            #expect(try await ben.logEntries().count == 3_000)
            #expect((try await ben.run("check")).status == 0)
        }
    }
}
