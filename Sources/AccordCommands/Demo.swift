import AccordLog
import AccordSync
import AccordTreaty
import ArgumentParser
import Foundation

extension AccordCommand {
    /// `accord demo`: the articles' scenario, end to end, with real replicas and files.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Play the articles' scenario: two analysts, conflicting claims, sync, resolution.",
            discussion: """
                Ana and Ben each record claims from different news articles about Lithuania leaving the Convention on Cluster Munitions, on replicas of their own. They trust each other, sync through a shared folder, see where their sources disagree, Ana resolves each dispute, they sync again and agree; then status and parties answer either side of 2025-03-06. Everything is real: SQLite stores, keys and bundle files in DIR, to explore afterwards (e.g. accord disputes --store DIR/ben).

                Example:
                  accord demo --dir /tmp/accord-demo
                """)

        @Option(help: "Where to create the replicas and the shared folder (default: a new temporary directory).")
        var dir: String?
        @Flag(help: "Print only a JSON summary of the outcome.") var json = false
        @Flag(help: "Log what accord does to stderr.") var verbose = false

        func run() throws {
            try runReporting {
                Diagnostics.bootstrap(verbose: verbose)
                let base = try dir ?? makeTemporaryDirectory()
                let outcome = try DemoScenario(base: base, narrate: !json).play()
                if json {
                    var w = JSONWriter()
                    w.beginObject()
                    w.key("dir"); w.string(base)
                    w.key("disputes_before"); w.integer(Int64(outcome.disputesBefore))
                    w.key("disputes_after"); w.integer(Int64(outcome.disputesAfter))
                    w.key("projections_identical"); w.bool(outcome.identical)
                    w.key("status")
                    w.beginObject()
                    for (day, status) in outcome.statuses { w.key(day); w.string(status) }
                    w.endObject()
                    w.endObject()
                    Terminal.line(w.string)
                }
            }
        }

        private func makeTemporaryDirectory() throws -> String {
            let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("accord-demo-\(UUID().uuidString.prefix(8).lowercased())")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }
    }
}

/// The scenario itself, step by step, printing what each step did.
struct DemoScenario {
    let base: String
    let narrate: Bool

    struct Outcome {
        var disputesBefore: Int
        var disputesAfter: Int
        var identical: Bool
        var statuses: [(String, String)]
    }

    private func say(_ text: String = "") { if narrate { Terminal.line(text) } }
    private func step(_ text: String) { say(); say("== \(text)") }

    func play() throws -> Outcome {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: base), !existing.isEmpty {
            throw AccordError(.invalidInput, "the demo needs an empty directory; this one has files", place: base)
        }
        let shared = (base as NSString).appendingPathComponent("shared")
        try fm.createDirectory(atPath: shared, withIntermediateDirectories: true)

        step("Two analysts, two replicas (in \(base))")
        let ana = try TreatyReplica.create(at: (base as NSString).appendingPathComponent("ana"), name: "ana")
        let ben = try TreatyReplica.create(at: (base as NSString).appendingPathComponent("ben"), name: "ben")
        say("ana  feed \(ana.store.feed.short)…  \(ana.store.directory)")
        say("ben  feed \(ben.store.feed.short)…  \(ben.store.directory)")

        step("Working offline, each records claims from the articles they read")
        for (replica, file, articles) in [(ana, "ana", "Global Economic Times, Kyiv Independent, a July 2024 report"), (ben, "ben", "two March 2025 reports, the UN depositary and the Seimas record")] {
            let (claims, places) = try DemoData.claims(file)
            try replica.append(claims, places: places)
            say("\(replica.store.name) records \(claims.count) claims from \(articles)")
        }
        say("ana alone already sees \(try disputes(ana).disputes.count) disputes: her own sources disagree with each other")

        step("They trust each other's feeds and sync through a shared folder")
        _ = try Trust.add(ben.store.feed.hex, name: "ben", store: ana.store)
        _ = try Trust.add(ana.store.feed.hex, name: "ana", store: ben.store)
        try sync(ana, shared); try sync(ben, shared); try sync(ana, shared)

        step("Both now see where the sources disagree")
        let before = try disputes(ana)
        let benBefore = try disputes(ben)
        say("ana sees \(before.disputes.count) disputed facts, ben sees \(benBefore.disputes.count):")
        for d in before.disputes {
            say("  \(d.fact)")
            for alt in d.alternatives {
                let who = d.heads.filter { alt.heads.contains($0.id) }.map { h in "\(h.replica): \(h.sources.first?.outlet ?? h.sources.first.map { Self.shortened($0.url) } ?? "?")" }
                say("      \(alt.value.summary)  ← \(who.joined(separator: "; "))")
            }
        }
        let autumn = try ana.fact(.action(treaty: "CCM", state: "LTU", action: "withdrawal-notification", stage: nil))
        if let autumn, let value = autumn.value {
            say("  not a dispute: the withdrawal notice, \"autumn\" and \"early autumn\" agree with the depositary's \(value.summary) (\(autumn.heads.count) sources)")
        }

        step("Ana resolves each dispute, with a note")
        for resolution in DemoData.resolutions {
            guard let dispute = before.disputes.first(where: { $0.fact.description == resolution.fact }) else { continue }
            let how: TreatyReplica.Resolution
            if let outlet = resolution.pickOutlet, let head = dispute.heads.first(where: { $0.sources.contains { $0.outlet?.contains(outlet) ?? false } }) {
                how = .pick(head.id.hex)
            } else {
                how = .value(resolution.value ?? "")
            }
            let (envelope, claim) = try ana.resolve(dispute.fact, by: how, note: resolution.note)
            say("  \(dispute.fact) → \(FactValue(claim)?.summary ?? "")  (\(envelope.id.short)…)")
            say("      note: \(resolution.note)")
        }

        step("They sync again")
        try sync(ben, shared); try sync(ana, shared); try sync(ben, shared)
        let after = try disputes(ana).disputes.count
        let benAfter = try disputes(ben).disputes.count
        let (anaDigest, benDigest) = (try projectionDigest(ana), try projectionDigest(ben))
        say("disputes left: ana \(after), ben \(benAfter)")
        say("projections: ana \(anaDigest.prefix(16))…, ben \(benDigest.prefix(16))… — \(anaDigest == benDigest ? "identical, byte for byte" : "DIFFERENT")")

        step("What the replicas now answer")
        var statuses: [(String, String)] = []
        for date in ["2025-03-05", "2025-03-06"] {
            let day = try PartialDate.parse(date).get().firstDay
            let answer = try ben.status(treaty: "CCM", state: "LTU", onDay: day)
            let since = answer.since.map { " since \($0.date)\($0.computed ? " (computed)" : "")" } ?? ""
            say("accord status --treaty CCM --state LTU --on \(date)   → \(answer.status.rawValue)\(since)\(answer.disputed ? " (disputed)" : "")")
            statuses.append((date, answer.status.rawValue))
            let parties = try ben.parties(treaty: "CCM", onDay: day, by: .inForce)
            let members = parties.parties.isEmpty ? "none of the states recorded here" : "\(parties.parties.count) of the states recorded here (\(parties.parties.map(\.state).joined(separator: ", ")))"
            say("accord parties --treaty CCM --on \(date)               → \(members)")
        }
        say()
        say("accord timeline --state LTU --store \(ben.store.directory)")
        let timeline = try ben.timeline(state: "LTU", treaty: "CCM")
        for e in timeline.entries {
            let what = e.stage.map { "\(e.action) (\($0))" } ?? e.action
            say("  \(e.date.padding(toLength: 11, withPad: " ", startingAt: 0)) \(what)\(e.tally.map { "  \($0.description)" } ?? "")\(e.computed ? "  [computed]" : "")\(e.disputed ? "  DISPUTED" : "")")
        }
        say()
        say("Explore: accord disputes --store \(ben.store.directory) · accord log --store \(ana.store.directory) · ls \(shared)")
        return Outcome(disputesBefore: before.disputes.count, disputesAfter: max(after, benAfter), identical: anaDigest == benDigest, statuses: statuses)
    }

    private func sync(_ replica: TreatyReplica, _ shared: String) throws {
        let outcome = try SegmentSync.sync(store: replica.store, domain: replica.domain, remote: FolderRemote(path: shared))
        let new = outcome.newEvents
        say("\(replica.store.name): sync folder → imported \(new) new event\(new == 1 ? "" : "s"), wrote \(outcome.eventsWritten) of its own")
        if let refused = outcome.refused.first { throw refused.error }
    }

    private func disputes(_ replica: TreatyReplica) throws -> DisputesAnswer {
        try replica.disputes()
    }

    /// A source label for one line: whole when short, else cut at a word and marked with "…".
    static func shortened(_ text: String, to limit: Int = 40) -> String {
        guard text.count > limit else { return text }
        let head = text.prefix(limit)
        let cut = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return cut.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:(")) + "…"
    }

    /// SHA-256 over the projection tables, in key order.
    private func projectionDigest(_ replica: TreatyReplica) throws -> String {
        try replica.projectionDigest()
    }
}

/// The demo's claims (copied from the articles into Resources/demo) and Ana's resolutions.
enum DemoData {
    static func claims(_ name: String) throws -> ([Claim], [String]) {
        guard let url = Bundle.module.url(forResource: "demo/\(name)", withExtension: "jsonl") else {
            throw AccordError(.io, "accord was built without its demo data (Resources/demo/\(name).jsonl)")
        }
        return try ClaimInput.readAll(path: url.path)
    }

    struct Resolution {
        var fact: String
        var pickOutlet: String?
        var value: String?
        var note: String
    }

    static let resolutions = [
        Resolution(
            fact: "action/CCM/LTU/parliament-vote/final", pickOutlet: "Seimas", value: nil,
            note: "The Seimas record: final vote on 18 July 2024, 103 for. 2023 (Global Economic Times) is the wrong year; 99-1-3 was the first vote of 11 July."),
        Resolution(
            fact: "statement/LTU/uxo-mitigation", pickOutlet: nil, value: "algorithms for rapid collection of unexploded munitions",
            note: "Matches the 2024 promise to destroy unexploded munitions promptly; 'prevent failing to detonate' misreads it."),
        Resolution(
            fact: "action/CCM/LTU/withdrawal-effective", pickOutlet: nil, value: "2025-03-06",
            note: "Six months after the depositary received the instrument on 2024-09-06 (CCM Art. 20); a July 2024 vote is not the international act."),
    ]
}
