import AccordLog
import AccordTreaty
import ArgumentParser

extension AccordCommand {
    /// `accord show`: who said what about one fact.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a fact's whole story: every claim, its sources, notes, corrections and where it stands now.",
            discussion: """
                Name the fact by its key, as `accord disputes` and `accord log` print it, or by the id of one of its claims (8 or more hex digits).

                Examples:
                  accord show action/CCM/LTU/parliament-vote/final
                  accord show 3fa1c2d4
                  accord show action/CCM/LTU/ratification --json
                """)

        @OptionGroup var options: StoreOptions
        @Argument(help: ArgumentHelp("A fact key, or a claim's event id (or a prefix of 8+ hex digits).", valueName: "fact-or-id"))
        var fact: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try runReporting {
                let replica = try options.open()
                let story = try replica.story(of: fact)
                if json {
                    var w = JSONWriter()
                    story.write(to: &w)
                    Terminal.line(w.string)
                    return
                }
                Terminal.line(TerminalText.escaped(story.fact.description))
                for e in story.entries {
                    let what = e.value?.summary ?? "withdrawn"
                    Terminal.line(TerminalText.escaped("  \(e.recorded.rfc3339)  \(e.replica)  \(e.id.short)…  \(e.kind.rawValue): \(what)"))
                    for s in e.sources {
                        let parts = [s.outlet, s.published.map { "published \($0)" }, s.url].compactMap { $0 }
                        Terminal.line(TerminalText.escaped("      source: \(parts.joined(separator: ", "))\(s.quote.map { " — \"\($0)\"" } ?? "")"))
                    }
                    if let note = e.note { Terminal.line(TerminalText.escaped("      note: \(note)")) }
                    if !e.supersedes.isEmpty {
                        Terminal.line("      supersedes: \(e.supersedes.map { "\($0.short)…" }.joined(separator: ", "))")
                    }
                }
                guard let now = story.now, !now.alternatives.isEmpty else {
                    Terminal.line("now: no claim stands (every claim was retracted)")
                    return
                }
                if now.isDisputed {
                    Terminal.line("now: DISPUTED — the heads disagree:")
                    for a in now.alternatives {
                        Terminal.line(TerminalText.escaped("  \(a.value.summary)  ← \(a.heads.map { "\($0.short)…" }.joined(separator: ", "))"))
                    }
                } else {
                    let heads = now.heads.count
                    Terminal.line(TerminalText.escaped("now: \(now.alternatives[0].value.summary) (\(heads) head\(heads == 1 ? "" : "s") agree\(heads == 1 ? "s" : ""))"))
                }
            }
        }
    }
}
