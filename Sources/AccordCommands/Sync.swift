import AccordLog
import AccordSync
import AccordTreaty
import ArgumentParser
import Foundation

extension AccordCommand {
    /// `accord sync`: exchange events with other replicas through files.
    struct SyncCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Exchange events with other replicas through files.",
            discussion: """
                A bundle is a signed, self-verifying file of events. Import verifies everything and
                applies all of it or nothing. The simplest set-up is a shared folder, or an
                S3-compatible bucket:

                  accord trust add <ben's feed id> --name ben
                  accord sync folder /media/usb/accord
                  accord sync s3://team-bucket/accord --endpoint https://s3.example.org
                """,
            subcommands: [Export.self, Import.self, Folder.self, Bucket.self],
            defaultSubcommand: Bucket.self)

        struct Export: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Write a bundle of events.",
                discussion: """
                    Without --for, every event this replica holds (its own and its peers'); with --for, only what that peer lacks, judged from the last bundle received from it.

                    Examples:
                      accord sync export --out ana-to-ben.bundle --for ben
                      accord sync export --out everything.bundle
                    """)
            @OptionGroup var options: StoreOptions
            @Option(help: "The bundle file to write.") var out: String
            @Option(name: .customLong("for"), help: "Only what this trusted peer lacks.") var peer: String?

            func run() throws {
                try runReporting {
                    try OutputPath.checkWritable(out)
                    let replica = try options.open()
                    let vector = try peer.map { name in try replica.store.peerVector(named: name) } ?? VersionVector()
                    let progress = Progress(label: "exporting")
                    let summary = try BundleWriter.write(store: replica.store, to: out, peer: vector) { progress.update($0) }
                    progress.finish()
                    Terminal.line("wrote \(out): \(summary.events) event\(summary.events == 1 ? "" : "s") of \(summary.feeds) feed\(summary.feeds == 1 ? "" : "s")\(peer.map { " (what \($0) lacks)" } ?? "")")
                }
            }
        }

        struct Import: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Verify and apply bundles, each all or nothing.",
                discussion: """
                    Every feed in a bundle must be trusted (`accord trust add`). Importing a bundle twice changes nothing.

                    Example:
                      accord sync import ana-to-ben.bundle
                    """)
            @OptionGroup var options: StoreOptions
            @Argument(help: "Bundle files.") var files: [String]

            func validate() throws {
                if files.isEmpty { throw ValidationError("give at least one bundle file") }
            }

            func run() throws {
                try runReporting {
                    let replica = try options.open()
                    for file in files {
                        let before = try disputedFacts(replica)
                        let progress = Progress(label: "importing \(file)")
                        let report = try BundleImporter.importBundle(
                            at: file, into: replica.store, domain: replica.domain, followSymlinks: true) { progress.update($0) }
                        progress.finish()
                        printImport(report, replica: replica, newDisputes: try disputedFacts(replica).subtracting(before))
                    }
                }
            }
        }
    }
}

func disputedFacts(_ replica: TreatyReplica) throws -> Set<String> {
    try replica.disputedFacts()
}

private func printImport(_ report: ImportReport, replica: TreatyReplica, newDisputes: Set<String>) {
    let names = (try? replica.feedNames()) ?? [:]
    let file = (report.path as NSString).lastPathComponent
    if report.newEvents == 0 {
        Terminal.line("\(file): nothing new (\(report.events) event\(report.events == 1 ? "" : "s") already held)")
    } else {
        let feeds = report.newByFeed.sorted { $0.key < $1.key }.map { "\($0.value) from \(names[$0.key] ?? "\($0.key.short)…")" }.joined(separator: ", ")
        Terminal.line("\(file): \(report.newEvents) new event\(report.newEvents == 1 ? "" : "s") (\(feeds))")
    }
    for (type, count) in report.unknownTypes.sorted(by: { $0.key < $1.key }) {
        // The type word is a peer's text: shown with control characters escaped.
        Terminal.line("  \(count) claim\(count == 1 ? "" : "s") of type \"\(TerminalText.escaped(type))\", unknown to this version: stored, left out of projections (upgrade accord to see them)")
    }
    if report.aheadOfClock > 0, let latest = report.latestAheadOfClock {
        let n = report.aheadOfClock
        Terminal.line("  \(n) event\(n == 1 ? " was" : "s were") recorded more than \(HybridLogicalClock.maximumDrift / 3_600_000) h ahead of this machine's clock (the latest at \(latest.rfc3339)): kept as recorded, but this replica's clock did not follow \(n == 1 ? "it" : "them")")
    }
    if !newDisputes.isEmpty { Terminal.line("  new disputes: \(newDisputes.sorted().joined(separator: ", "))") }
}
