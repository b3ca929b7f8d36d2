import AccordLog
import AccordTreaty
import ArgumentParser
import Foundation

extension AccordCommand {
    /// `accord disputes`: facts whose sources disagree.
    struct Disputes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List disputed facts with each head: value, sources, author, time, id.",
            discussion: """
                A fact is disputed when its heads (the claims nothing supersedes) disagree. Heads that agree corroborate each other: a less precise date that contains a more precise one agrees with it. Settle a dispute with `accord resolve`.

                Examples:
                  accord disputes
                  accord disputes --treaty CCM --state Lithuania
                  accord disputes --json | jq '.disputes[].fact'
                """)

        @OptionGroup var options: StoreOptions
        @Option(help: "Only facts of this treaty, e.g. CCM.") var treaty: String?
        @Option(help: "Only facts about this state: ISO 3166-1 alpha-3 code or English name.") var state: String?
        @Option(name: .customLong("known-at"), help: ArgumentHelp("List disputes as known at this RFC 3339 time.", valueName: "time")) var knownAt: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try runReporting {
                let knownAtMs = try TimeOptions(on: nil, knownAt: knownAt).knownAtMilliseconds()
                let replica = try options.open()
                let answer = try replica.disputes(treaty: treaty, state: try state.map(stateCode), knownAt: knownAtMs)
                if json {
                    var w = JSONWriter()
                    answer.write(to: &w)
                    Terminal.line(w.string)
                    return
                }
                if answer.disputes.isEmpty { Terminal.line("no disputes"); return }
                Terminal.line("\(answer.disputes.count) disputed fact\(answer.disputes.count == 1 ? "" : "s")")
                for d in answer.disputes {
                    Terminal.line("")
                    // Claim text may hold control characters (a peer's ESC sequences): shown escaped.
                    Terminal.line(TerminalText.escaped(d.fact.description))
                    for h in d.heads {
                        let source = h.sources.first.map { s in [s.outlet, s.published?.description].compactMap { $0 }.joined(separator: ", ").isEmpty ? s.url : [s.outlet, s.published?.description].compactMap { $0 }.joined(separator: ", ") } ?? ""
                        let value = TerminalText.escaped(h.value.summary).padding(toLength: 30, withPad: " ", startingAt: 0)
                        Terminal.line("  \(h.id.short)  \(value)  \(TerminalText.escaped("\(h.replica), \(source)"))")
                    }
                }
                Terminal.line("")
                Terminal.line("resolve one with: accord resolve FACT --pick ID --note TEXT   (or --value VALUE)")
            }
        }
    }

    /// `accord resolve`: settles a dispute.
    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle a disputed fact: a claim that supersedes every head.",
            discussion: """
                --pick keeps one head's value and sources; --value states the value (a date for an action, the text for a statement, or a JSON object such as {"date":"2024-07-18","tally":{"for":103}}), with the sources of the heads that agree with it unless --source is given. The resolution syncs like any claim.

                Examples:
                  accord resolve action/CCM/LTU/parliament-vote/final \\
                      --pick 3fa1c2d4 --note "Seimas record"
                  accord resolve statement/LTU/uxo-mitigation \\
                      --value "algorithms for rapid collection" \\
                      --note "matches the 2024 promise"
                """)

        @OptionGroup var options: StoreOptions
        @Argument(help: "The fact, e.g. action/CCM/LTU/parliament-vote/final (see `accord disputes`).") var fact: String
        @Option(help: ArgumentHelp("Keep this head (its id or a prefix of 8+ hex digits).", valueName: "event-id")) var pick: String?
        @Option(help: "The value to settle on.") var value: String?
        @Option(help: "Why: the note goes into the claim.") var note: String?
        @Option(help: "Source URL for --value (repeatable).") var source: [String] = []
        @Flag(help: "Print the new event as JSON.") var json = false

        func run() throws {
            try runReporting {
                guard let key = FactKey(fact) else {
                    throw AccordError(.invalidInput, "\"\(fact)\" is not a fact key (like action/CCM/LTU/ratification; see `accord disputes`)")
                }
                let resolution: TreatyReplica.Resolution
                switch (pick, value) {
                case let (p?, nil): resolution = .pick(p)
                case let (nil, v?): resolution = .value(v)
                default: throw UsageError("give exactly one of --pick EVENT_ID or --value VALUE")
                }
                let replica = try options.open()
                let (envelope, claim) = try replica.resolve(key, by: resolution, note: note, sources: source.map { Source(url: $0) })
                printRecorded(envelope, claim: claim, json: json, verb: "resolved \(key)")
            }
        }
    }

    /// `accord retract`: withdraws a claim.
    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw a claim: a retraction that supersedes it.",
            discussion: """
                Nothing is deleted: the retraction is a new event, and the claim stops being a head of its fact.

                A retraction cannot itself be retracted. To bring a retracted claim back, append it again: a new claim of the same fact, with its sources (`accord append`); it becomes a head beside any others, and `accord resolve` settles the fact if they disagree.

                Example:
                  accord retract 3fa1c2d4 --note "misread the article: this was the first vote"
                """)

        @OptionGroup var options: StoreOptions
        @Argument(help: "The claim's event id (or a prefix of 8+ hex digits).") var eventID: String
        @Option(help: "Why it is withdrawn (required).") var note: String
        @Flag(help: "Print the new event as JSON.") var json = false

        func run() throws {
            try runReporting {
                let replica = try options.open()
                let (envelope, claim) = try replica.retract(eventID, note: note)
                printRecorded(envelope, claim: claim, json: json, verb: "retracted \(claim.supersedes[0].short)… from \(claim.fact)")
            }
        }
    }
}

/// `{"id":…,"seq":…,"fact":…}`: a recorded event as `--json` prints it.
func recordedJSON(_ envelope: Envelope, claim: Claim) -> String {
    var w = JSONWriter()
    w.beginObject()
    w.key("id"); w.string(envelope.id.hex)
    w.key("seq"); w.integer(envelope.seq)
    w.key("fact"); w.string(claim.fact.description)
    w.endObject()
    return w.string
}

func printRecorded(_ envelope: Envelope, claim: Claim, json: Bool, verb: String) {
    if json {
        Terminal.line(recordedJSON(envelope, claim: claim))
    } else {
        Terminal.line(envelope.id.hex)
        Terminal.diagnostic("\(verb) (seq \(envelope.seq))")
    }
}
