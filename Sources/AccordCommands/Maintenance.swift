import AccordLog
import AccordTreaty
import ArgumentParser
import Foundation

extension AccordCommand {
    /// `accord rebuild`: recomputes the projections.
    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute every projection from the log.",
            discussion: """
                Facts and statuses are refolded from the claims index (columns taken from each envelope when it was written). --reindex first re-derives that index by decoding every envelope.

                Example:
                  accord rebuild --reindex
                """)

        @OptionGroup var options: StoreOptions
        @Flag(help: "Also re-derive the claims index from the envelopes.") var reindex = false

        func run() throws {
            try runReporting {
                let replica = try options.open()
                let progress = Progress(label: reindex ? "reindexing and rebuilding" : "rebuilding")
                defer { progress.finish() }
                let summary = try replica.rebuild(reindex: reindex) { progress.update(Int64($0)) }
                Terminal.line("rebuilt \(summary.facts) facts and \(summary.statuses) statuses from \(summary.events) events")
            }
        }
    }

    /// `accord check`: verifies the whole store.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the store: hash chains, signatures, projections equal to a rebuild.",
            discussion: """
                Exits 1 naming the first problem. Also lists rule mismatches: stated dates that contradict the treaty's rule (the stated date still wins); --strict makes them fail too.

                Example:
                  accord check
                """)

        @OptionGroup var options: StoreOptions
        @Flag(help: "Exit 1 on rule mismatches too.") var strict = false

        func run() throws {
            try runReporting {
                let replica = try options.open()
                let progress = Progress(label: "verifying")
                defer { progress.finish() }
                let report = try replica.check { progress.update(Int64($0)) }
                let (events, mismatches) = (report.events, report.mismatches)
                for m in mismatches { Terminal.line(m.description) }
                if strict, let first = mismatches.first {
                    throw AccordError(.invalidInput, first.description)
                }
                Terminal.line("ok: \(events) events, hash chains and signatures verify, projections equal a rebuild\(mismatches.isEmpty ? "" : "; \(mismatches.count) rule mismatch\(mismatches.count == 1 ? "" : "es")")")
            }
        }
    }

    /// `accord export`: the current facts as CSV or JSON Lines.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the current facts as CSV or JSON Lines.",
            discussion: """
                One row per fact and alternative (a disputed fact has several), with the event ids of its heads.

                Examples:
                  accord export --format csv > facts.csv
                  accord export --format jsonl --out facts.jsonl
                """)

        @OptionGroup var options: StoreOptions
        @Option(help: "csv or jsonl.") var format: String
        @Option(help: "Write to this file instead of stdout.") var out: String?

        func run() throws {
            try runReporting {
                guard let format = FactExport.Format(rawValue: format) else { throw UsageError("--format \(format): expected csv or jsonl") }
                if let out { try OutputPath.checkWritable(out) }
                let replica = try options.open()
                let text = try replica.export(format)
                if let out {
                    do { try AtomicFile.write(Array(text.utf8), to: out) } catch {
                        throw AccordError(.io, "cannot write: \(error)", place: out)
                    }
                } else {
                    Terminal.write(text)
                }
            }
        }
    }
}
