import AccordLog
import GRDB

/// `accord export`: the current facts.
///
/// - `jsonl`: one line per fact and alternative, with the event ids of its heads.
/// - `csv`: one row per source of each head of each current fact — who said what — plus a
///   row per date a treaty rule computes (`computed` true, no source). Columns: `fact`, `kind`,
///   `treaty`, `state`, `action`, `stage`, `subject`, `property`; the value: `date`, `computed`,
///   `tally_for`, `tally_against`, `tally_abstain`, `value` (a statement's text), and for a
///   treaty `title`, `entry_into_force`, `consent_rule`, `withdrawal_rule`; `disputed` (the
///   fact's heads disagree); the claim: `event`, `replica`, `recorded`, `note`; its source:
///   `source_url`, `outlet`, `published`, `quote`.
public enum FactExport {
    public enum Format: String, Sendable { case csv, jsonl }

    static let columns = [
        "fact", "kind", "treaty", "state", "action", "stage", "subject", "property", "date", "computed", "tally_for", "tally_against",
        "tally_abstain", "value", "title", "entry_into_force", "consent_rule", "withdrawal_rule", "disputed", "event", "replica",
        "recorded", "note", "source_url", "outlet", "published", "quote",
    ]

    public static func render(_ format: Format, in db: Database) throws -> String {
        var out = format == .csv ? columns.joined(separator: ",") + "\n" : ""
        let names = try LogTables.feedNames(in: db)
        let decoder = ClaimDecoder()
        var statusKeys: [StatusKey] = []
        try FactTable.facts(in: db) { fact in
            let key = fact.key
            if case let .action(t, s, _, _) = key, statusKeys.last != StatusKey(treaty: t, state: s) { statusKeys.append(StatusKey(treaty: t, state: s)) }
            for alternative in fact.alternatives {
                switch format {
                case .jsonl:
                    var w = JSONWriter()
                    w.beginObject()
                    w.key("fact"); w.string(key.description)
                    w.key("disputed"); w.bool(fact.isDisputed)
                    w.key("value"); alternative.value.write(to: &w)
                    w.key("heads")
                    w.eventIDs(alternative.heads)
                    w.endObject()
                    out += w.string + "\n"
                case .csv:
                    var fields = keyFields(key)
                    valueFields(alternative.value, into: &fields)
                    fields["disputed"] = fact.isDisputed ? "true" : "false"
                    for head in alternative.heads {
                        var row = fields
                        row["event"] = head.hex
                        var sources: [Source] = []
                        if let event = try LogTables.event(head, in: db) {
                            row["replica"] = names[event.envelope.feed] ?? event.envelope.feed.short
                            row["recorded"] = event.envelope.recorded.rfc3339
                            if let claim = try? decoder.decode(json: event.envelope.claimBytes) {
                                row["note"] = claim.note
                                sources = claim.sources
                            }
                        }
                        for source in sources.isEmpty ? [nil] : sources.map(Optional.some) {
                            var line = row
                            line["source_url"] = source?.url
                            line["outlet"] = source?.outlet
                            line["published"] = source?.published?.description
                            line["quote"] = source?.quote
                            out += csvLine(line)
                        }
                    }
                }
            }
        }
        // The dates treaty rules compute (in force, withdrawal taking effect), marked computed.
        if format == .csv {
            for key in statusKeys {
                var seen: Set<String> = []
                for period in try StatusPeriodTable.periods(of: key, in: db) {
                    guard let mark = period.since, mark.computed, let status = period.status, status == .party || status == .withdrawn else { continue }
                    let action = status == .party ? "entry-into-force" : "withdrawal-effective"
                    guard seen.insert("\(action) \(mark.date)").inserted else { continue }
                    var line = keyFields(.action(treaty: key.treaty, state: key.state, action: action, stage: nil))
                    line["date"] = mark.date
                    line["computed"] = "true"
                    line["disputed"] = period.disputed ? "true" : "false"
                    out += csvLine(line)
                }
            }
        }
        return out
    }

    static func keyFields(_ key: FactKey) -> [String: String] {
        var fields = ["fact": key.description, "kind": FactKind(key).rawValue]
        switch key {
        case .treaty(let t): fields["treaty"] = t
        case let .action(t, s, a, stage): fields["treaty"] = t; fields["state"] = s; fields["action"] = a; fields["stage"] = stage
        case let .statement(subject, property): fields["subject"] = subject; fields["property"] = property
        }
        return fields
    }

    static func valueFields(_ value: FactValue, into fields: inout [String: String]) {
        switch value {
        case let .action(date, tally):
            fields["date"] = date.description
            fields["computed"] = "false"
            fields["tally_for"] = tally?.inFavour.map(String.init)
            fields["tally_against"] = tally?.against.map(String.init)
            fields["tally_abstain"] = tally?.abstaining.map(String.init)
        case .statement(let text):
            fields["value"] = text
        case .treaty(let t):
            fields["title"] = t.title
            fields["entry_into_force"] = t.entryIntoForce?.description
            fields["consent_rule"] = t.consentTakesEffect.summary
            fields["withdrawal_rule"] = t.withdrawalTakesEffect.summary
        }
    }

    static func csvLine(_ fields: [String: String]) -> String {
        columns.map { csvField(fields[$0] ?? "") }.joined(separator: ",") + "\n"
    }

    /// RFC 4180 quoting.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
