import AccordLog
import AccordTreaty
import ArgumentParser
import Foundation

extension AccordCommand {
    /// `accord log`: the events, in the order this replica recorded or received them.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List events, newest last.",
            discussion: """
                Events are listed in the order this replica recorded or received them. With --json, one object per line: id, feed, seq, recorded (RFC 3339) and the claim exactly as stored.

                Examples:
                  accord log --limit 5
                  accord log --json | jq -r .id
                """)

        @OptionGroup var options: StoreOptions
        @Flag(help: "One JSON object per line: id, feed, seq, recorded, claim.") var json = false
        @Option(help: "Show only the newest N events.") var limit: Int?

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be 1 or more") }
        }

        func run() throws {
            try runReporting {
                let replica = try options.open()
                let names = try replica.feedNames()
                try replica.log(limit: limit) { envelope in
                    json ? printJSON(envelope) : printLine(envelope, names: names, replica: replica)
                }
            }
        }

        private func printJSON(_ envelope: Envelope) {
            var w = JSONWriter(capacity: envelope.bytes.count + 128)
            w.beginObject()
            w.key("id"); w.string(envelope.id.hex)
            w.key("feed"); w.string(envelope.feed.hex)
            w.key("seq"); w.integer(envelope.seq)
            w.key("recorded"); w.string(envelope.recorded.rfc3339)
            w.key("claim"); w.raw(envelope.claimBytes)
            w.endObject()
            Terminal.write(bytes: w.bytes + [0x0a])
        }

        private func printLine(_ envelope: Envelope, names: [FeedID: String], replica: TreatyReplica) {
            let author = names[envelope.feed] ?? envelope.feed.short
            let summary: String
            if let claim = replica.claim(of: envelope) {
                // A retraction, or a claim that supersedes others (a resolution or a correction), says so
                // with the ids it replaces and its note, so it does not read as one more repeated claim.
                let replaced = claim.supersedes.map { "\($0.short)…" }.joined(separator: ", ")
                let note = claim.note.map { "  — note: \($0)" } ?? ""
                if let value = FactValue(claim) {
                    summary = claim.supersedes.isEmpty
                        ? "\(claim.fact)  \(value.summary)"
                        : "\(claim.fact)  \(value.summary)  [resolution: supersedes \(replaced)]\(note)"
                } else {
                    summary = "\(claim.fact)  [retraction of \(replaced)]\(note)"
                }
            } else {
                summary = "(a claim type this version does not know)"
            }
            // Claim text and names may hold control characters (a peer's ESC sequences): shown escaped.
            Terminal.line(TerminalText.escaped("\(envelope.recorded.rfc3339)  \(envelope.id.short)  \(author)#\(envelope.seq)  \(summary)"))
        }
    }
}
