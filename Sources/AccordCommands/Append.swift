import AccordLog
import AccordTreaty
import ArgumentParser
import Foundation

extension AccordCommand {
    /// `accord append`: records claims, from flags or JSON Lines.
    struct Append: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record claims: one from flags, or many from a JSON Lines file.",
            discussion: """
                With --file, each line is one claim (see Schemas/append-line.schema.json). All or nothing: if any line is wrong, nothing is recorded and the error names the line. States may be ISO 3166-1 alpha-3 codes or English names; dates are YYYY, YYYY-MM, YYYY-MM-DD or an interval A/B.

                Examples:
                  accord append --file claims.jsonl
                  cat claims.jsonl | accord append --file -
                  accord append --treaty CCM --state Lithuania \\
                      --action ratification --date 2011-03-24 \\
                      --source https://treaties.un.org --outlet "UN depositary"
                  accord append --subject LTU --property uxo-mitigation \\
                      --value "algorithms for rapid collection of UXO" \\
                      --source https://example.org/c
                """)

        @OptionGroup var options: StoreOptions

        @Option(name: .shortAndLong, help: ArgumentHelp("Read claims as JSON Lines from this file ('-' for stdin).", valueName: "file"))
        var file: String?

        @Option(help: "Claim type: treaty, action or statement (inferred from the other flags when omitted).") var type: String?
        @Option(help: "Treaty code, e.g. CCM.") var treaty: String?
        @Option(help: "State: ISO 3166-1 alpha-3 code or English short name.") var state: String?
        @Option(help: "Action: \(TreatyAction.validValues).") var action: String?
        @Option(help: "Stage of a parliament-vote: first-reading, final, …") var stage: String?
        @Option(help: "Date: YYYY, YYYY-MM, YYYY-MM-DD or an interval A/B.") var date: String?
        @Option(help: ArgumentHelp("Tally of a parliament-vote: FOR,AGAINST,ABSTAIN (blank for unknown, e.g. 103,,).", valueName: "for,against,abstain")) var tally: String?
        @Option(help: "Statement subject, e.g. LTU.") var subject: String?
        @Option(help: "Statement property, e.g. uxo-mitigation.") var property: String?
        @Option(help: "Statement value.") var value: String?
        @Option(help: "Treaty title.") var title: String?
        @Option(name: .customLong("entry-into-force"), help: "Treaty's own entry into force, YYYY-MM-DD.") var entryIntoForce: String?
        @Option(name: .customLong("consent-rule"), help: ArgumentHelp("When consent takes effect: RULE[:N], e.g. first-day-of-month-after:6.", valueName: "rule")) var consentRule: String?
        @Option(name: .customLong("withdrawal-rule"), help: ArgumentHelp("When withdrawal takes effect: RULE[:N], e.g. months-after:6.", valueName: "rule")) var withdrawalRule: String?
        @Option(help: "Source URL (or a citation where there is none).") var source: String?
        @Option(help: "Source's outlet.") var outlet: String?
        @Option(help: "Source's publication date.") var published: String?
        @Option(help: "A short verbatim quote from the source.") var quote: String?
        @Option(help: "Your note on this claim.") var note: String?
        @Option(parsing: .upToNextOption, help: "Ids of claims of the same fact that this claim corrects.") var supersedes: [String] = []
        @Flag(help: "Print the recorded events as JSON Lines.") var json = false

        func run() throws {
            try runReporting {
                let flagsGiven = [type, treaty, state, action, stage, date, tally, subject, property, value, title, entryIntoForce, consentRule, withdrawalRule, source, outlet, published, quote].contains { $0 != nil }
                if let file {
                    if flagsGiven { throw UsageError("give claims either with --file or with flags, not both") }
                    let input = try ClaimInput(path: file)
                    let replica = try options.open()
                    guard let seqs = try replica.append(streaming: input.next) else { throw input.noClaims }
                    try report(seqs, replica: replica)
                    return
                }
                guard flagsGiven else {
                    throw UsageError("nothing to append: give a claim with flags (see `accord append --help`) or --file FILE")
                }
                let claims = [try ClaimDecoder().decode(claimFromFlags())]
                let replica = try options.open()
                let envelopes = try replica.append(claims, places: ["flags"])
                try report(envelopes[0].seq...envelopes[envelopes.count - 1].seq, replica: replica)
            }
        }

        private func claimFromFlags() throws -> JSONValue {
            let kind = try type ?? {
                if action != nil { return "action" }
                if subject != nil || property != nil || value != nil { return "statement" }
                if title != nil || consentRule != nil { return "treaty" }
                throw UsageError("cannot tell the claim type from the flags: add --type treaty|action|statement")
            }()
            var members: [(key: String, value: JSONValue)] = [("type", .string(kind))]
            func add(_ key: String, _ text: String?) { if let text { members.append((key, .string(text))) } }
            add("treaty", treaty); add("state", state); add("action", action); add("stage", stage); add("date", date)
            add("subject", subject); add("property", property); add("value", value); add("title", title)
            add("entry_into_force", entryIntoForce)
            if let consentRule { members.append(("consent_takes_effect", try rule(consentRule, flag: "--consent-rule"))) }
            if let withdrawalRule { members.append(("withdrawal_takes_effect", try rule(withdrawalRule, flag: "--withdrawal-rule"))) }
            if let tally { members.append(("tally", try tallyValue(tally))) }
            if let source {
                var s: [(key: String, value: JSONValue)] = [("url", .string(source))]
                if let outlet { s.append(("outlet", .string(outlet))) }
                if let published { s.append(("published", .string(published))) }
                if let quote { s.append(("quote", .string(quote))) }
                members.append(("sources", .array([.object(s)])))
            } else if outlet != nil || published != nil || quote != nil {
                throw UsageError("--outlet, --published and --quote describe a --source: add --source URL")
            }
            add("note", note)
            if !supersedes.isEmpty { members.append(("supersedes", .array(supersedes.map { .string($0) }))) }
            return .object(members)
        }

        private func rule(_ text: String, flag: String) throws -> JSONValue {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            var members: [(key: String, value: JSONValue)] = [("rule", .string(parts[0]))]
            if parts.count == 2 {
                guard let n = Int64(parts[1]) else { throw UsageError("\(flag) \(text): expected RULE:N with a whole number N") }
                members.append((parts[0] == "days-after" ? "days" : "months", .integer(n)))
            }
            return .object(members)
        }

        private func tallyValue(_ text: String) throws -> JSONValue {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3 else { throw UsageError("--tally \(text): expected FOR,AGAINST,ABSTAIN, e.g. 103,1,3 or 103,,") }
            var members: [(key: String, value: JSONValue)] = []
            for (key, part) in zip(["for", "against", "abstain"], parts) where !part.isEmpty {
                guard let n = Int64(part) else { throw UsageError("--tally \(text): \"\(part)\" is not a whole number") }
                members.append((key, .integer(n)))
            }
            return .object(members)
        }

        /// Prints what was recorded (read back from the store after the commit, so a huge append
        /// needs no memory for it): every event with --json, each id and fact for a few, then a summary.
        private func report(_ seqs: ClosedRange<Int64>, replica: TreatyReplica) throws {
            let count = seqs.count
            if json || count <= 20 {
                try replica.ownEvents(seqs) { event in
                    guard let claim = replica.claim(of: event) else { return }
                    Terminal.line(json ? recordedJSON(event.envelope, claim: claim) : "\(event.envelope.id.hex)  \(claim.fact)")
                }
                if json {
                    warnOfUnregisteredTreaties(seqs, replica: replica)
                    return try noteRecordedAhead(lastSeq: seqs.upperBound, replica: replica)
                }
            }
            let range = count == 1 ? "seq \(seqs.lowerBound)" : "seq \(seqs.lowerBound)–\(seqs.upperBound)"
            Terminal.diagnostic("recorded \(count) claim\(count == 1 ? "" : "s") in \(replica.store.name)'s feed (\(range))")
            warnOfUnregisteredTreaties(seqs, replica: replica)
            try noteRecordedAhead(lastSeq: seqs.upperBound, replica: replica)
        }

        /// A warning (stderr; the claims are recorded) for actions under a treaty no claim registers yet.
        private func warnOfUnregisteredTreaties(_ seqs: ClosedRange<Int64>, replica: TreatyReplica) {
            guard let treaties = try? replica.unregisteredTreaties(amongOwnEvents: seqs), !treaties.isEmpty else { return }
            let list = treaties.map { TerminalText.escaped($0) }.joined(separator: ", ")
            Terminal.diagnostic(
                "warning: \(list) \(treaties.count == 1 ? "is" : "are") not registered yet, so no entry into force or withdrawal date can be computed for these actions; register \(treaties.count == 1 ? "it" : "each") with a treaty claim, e.g. `accord append --type treaty --treaty \(treaties[0]) --title TITLE --entry-into-force YYYY-MM-DD --consent-rule first-day-of-month-after:6 --withdrawal-rule months-after:6 --source URL`")
        }

        /// Says so when the claims were recorded far ahead of the wall clock: this replica's clock
        /// once read later than now (a wall clock that jumped ahead and came back), and its feed's
        /// recorded times never go back, so queries `--known-at` an earlier time leave them out.
        private func noteRecordedAhead(lastSeq: Int64, replica: TreatyReplica) throws {
            var recorded: HLCTimestamp? = nil
            try replica.ownEvents(lastSeq...lastSeq) { recorded = $0.envelope.recorded }
            guard let last = recorded, HybridLogicalClock.isTooFarAhead(last, of: replica.store.clock.now()) else { return }
            Terminal.diagnostic("note: recorded at \(last.rfc3339), more than \(HybridLogicalClock.maximumDrift / 3_600_000) h ahead of this machine's clock: this replica's clock once read that late, and its feed's recorded times never go back (--known-at an earlier time leaves these claims out)")
        }
    }
}
