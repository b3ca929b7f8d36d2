import AccordLog
import AccordTreaty
import ArgumentParser
import Foundation

extension AccordCommand {
    /// `accord status`: a state's standing under a treaty on a date.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A state's status under a treaty on a date.",
            discussion: """
                Status is one of not-party, signatory, consented (instrument deposited, not yet in force), party (in force) or withdrawn. Dates computed from the treaty's rules are marked computed. When the heads of a disputed fact lead to different answers on the date, the answer is disputed and lists each alternative with its event ids.

                Examples:
                  accord status --treaty CCM --state LTU --on 2025-03-05
                  accord status --treaty CCM --state Lithuania --on 2025-03-06 --json
                  accord status --treaty CCM --state LTU --on 2025-03-06 \\
                      --known-at 2026-01-01T00:00:00Z
                """)

        @OptionGroup var options: StoreOptions
        @Option(help: "Treaty code, e.g. CCM.") var treaty: String
        @Option(help: "State: ISO 3166-1 alpha-3 code or English short name.") var state: String
        @OptionGroup var time: TimeOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try runReporting {
                let day = try time.day()
                let knownAt = try time.knownAtMilliseconds()
                let code = try stateCode(state)
                let replica = try options.open()
                let answer = try replica.status(treaty: treaty, state: code, onDay: day, knownAt: knownAt)
                if json {
                    var w = JSONWriter()
                    answer.write(to: &w)
                    Terminal.line(w.string)
                    return
                }
                let name = CountryRegistry.shared.name(of: code) ?? code
                func since(_ mark: StatusMark?) -> String {
                    guard let mark else { return "" }
                    return " since \(mark.date)\(mark.computed ? " (computed)" : "")"
                }
                if answer.disputed {
                    Terminal.line("\(name) (\(code)) under \(treaty) on \(answer.on): DISPUTED")
                    for a in answer.alternatives {
                        Terminal.line("  \(a.status.rawValue)\(since(a.since))  ← \(a.events.map(\.short).joined(separator: ", "))")
                    }
                    Terminal.line("see `accord disputes`")
                } else {
                    Terminal.line("\(name) (\(code)) under \(treaty) on \(answer.on): \(answer.status.rawValue)\(since(answer.since))")
                }
            }
        }
    }

    /// `accord parties`: who is bound by a treaty on a date.
    struct Parties: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The states bound by a treaty on a date.",
            discussion: """
                --by in-force (default) counts a state from the treaty's entry into force for it ("party on date D"); --by deposit counts from the deposit of its instrument (the campaign count). States that have withdrawn by the date are not counted.

                Examples:
                  accord parties --treaty CCM --on 2025-03-06
                  accord parties --treaty CCM --on 2025-03-05 --by deposit --json
                """)

        @OptionGroup var options: StoreOptions
        @Option(help: "Treaty code, e.g. CCM.") var treaty: String
        @OptionGroup var time: TimeOptions
        @Option(help: "in-force or deposit.") var by: String = "in-force"
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try runReporting {
                guard let basis = PartiesAnswer.Basis(rawValue: by) else {
                    throw UsageError("--by \(by): expected in-force or deposit")
                }
                let day = try time.day()
                let knownAt = try time.knownAtMilliseconds()
                let replica = try options.open()
                let answer = try replica.parties(treaty: treaty, onDay: day, by: basis, knownAt: knownAt)
                if json {
                    var w = JSONWriter()
                    answer.write(to: &w)
                    Terminal.line(w.string)
                    return
                }
                Terminal.line("\(answer.parties.count) \(basis == .inForce ? "parties" : "states with instruments deposited") to \(treaty) on \(answer.on)")
                for p in answer.parties {
                    let name = CountryRegistry.shared.name(of: p.state) ?? p.state
                    Terminal.line("  \(p.state)  \(name.padding(toLength: 28, withPad: " ", startingAt: 0))  since \(p.since.date)\(p.since.computed ? " (computed)" : "")\(p.disputed ? "  DISPUTED" : "")")
                }
            }
        }
    }

    /// `accord timeline`: a state's story.
    struct Timeline: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A state's actions in date order, computed dates marked.",
            discussion: """
                --svg draws it as a picture: stated dates filled, computed dates hollow, disputed facts in red with every alternative. With --treaty alone, --svg draws the treaty's membership over time.

                Examples:
                  accord timeline --state LTU
                  accord timeline --state LTU --treaty CCM --json
                  accord timeline --state LTU --svg ltu.svg
                  accord timeline --treaty CCM --svg ccm.svg
                """)

        @OptionGroup var options: StoreOptions
        @Option(help: "State: ISO 3166-1 alpha-3 code or English short name.") var state: String?
        @Option(help: "Only this treaty.") var treaty: String?
        @Option(help: ArgumentHelp("Write the timeline as an SVG picture to this file.", valueName: "file")) var svg: String?
        @Option(name: .customLong("known-at"), help: ArgumentHelp("Answer as known at this RFC 3339 time.", valueName: "time")) var knownAt: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try runReporting {
                let knownAtMs = try TimeOptions(on: nil, knownAt: knownAt).knownAtMilliseconds()
                guard let state else {
                    guard let treaty, let svg else { throw UsageError("give --state S (or --treaty T with --svg FILE for a treaty's membership)") }
                    let replica = try options.open()
                    let rows = try replica.membership(treaty: treaty, knownAt: knownAtMs)
                    let today = try TimeOptions(on: nil, knownAt: nil).day()
                    try AtomicFile.write(Array(TimelineSVG.render(membership: rows, treaty: treaty, today: today).utf8), to: svg)
                    Terminal.line("wrote \(svg): membership of \(treaty), \(rows.count) states")
                    return
                }
                let code = try stateCode(state)
                let replica = try options.open()
                let answer = try replica.timeline(state: code, treaty: treaty, knownAt: knownAtMs)
                if let svg {
                    let title = "\(CountryRegistry.shared.name(of: code) ?? code) (\(code))\(treaty.map { " under \($0)" } ?? "")"
                    try AtomicFile.write(Array(TimelineSVG.render(answer, title: title).utf8), to: svg)
                    Terminal.line("wrote \(svg): \(answer.entries.count) entries")
                    return
                }
                if json {
                    var w = JSONWriter()
                    answer.write(to: &w)
                    Terminal.line(w.string)
                    return
                }
                Terminal.line("\(CountryRegistry.shared.name(of: code) ?? code) (\(code))\(treaty.map { " under \($0)" } ?? "")")
                if answer.entries.isEmpty { Terminal.line("  (no actions recorded)") }
                for e in answer.entries {
                    let what = e.stage.map { "\(e.action) (\($0))" } ?? e.action
                    let tally = e.tally.map { "  \($0.description)" } ?? ""
                    let mark = e.computed ? "  [computed]" : ""
                    if e.disputed {
                        let alts = e.alternatives.map { a in a.tally.map { "\(a.date) \($0.description)" } ?? a.date }.joined(separator: " | ")
                        Terminal.line("  \(e.date.padding(toLength: 23, withPad: " ", startingAt: 0)) \(e.treaty)  \(what)\(mark)  DISPUTED: \(alts)")
                    } else {
                        Terminal.line("  \(e.date.padding(toLength: 23, withPad: " ", startingAt: 0)) \(e.treaty)  \(what)\(tally)\(mark)")
                    }
                }
            }
        }
    }
}

extension TimeOptions {
    init(on: String?, knownAt: String?) {
        self.init()
        self.on = on
        self.knownAt = knownAt
    }
}
