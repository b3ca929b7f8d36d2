import AccordLog
import GRDB

/// `accord export`: every current fact, one row per alternative.
public enum FactExport {
    public enum Format: String, Sendable { case csv, jsonl }

    static let columns = ["fact", "kind", "treaty", "state", "action", "stage", "subject", "property", "date", "tally_for", "tally_against", "tally_abstain", "value", "disputed", "heads"]

    public static func render(_ format: Format, in db: Database) throws -> String {
        var out = format == .csv ? columns.joined(separator: ",") + "\n" : ""
        try FactTable.facts(in: db) { fact in
            let key = fact.key
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
                    var fields = Array(repeating: "", count: columns.count)
                    fields[0] = key.description
                    fields[1] = FactKind(key).rawValue
                    switch key {
                    case .treaty(let t): fields[2] = t
                    case let .action(t, s, a, stage): fields[2] = t; fields[3] = s; fields[4] = a; fields[5] = stage ?? ""
                    case let .statement(subject, property): fields[6] = subject; fields[7] = property
                    }
                    switch alternative.value {
                    case let .action(date, tally):
                        fields[8] = date.description
                        fields[9] = tally?.inFavour.map(String.init) ?? ""
                        fields[10] = tally?.against.map(String.init) ?? ""
                        fields[11] = tally?.abstaining.map(String.init) ?? ""
                    case .statement(let text): fields[12] = text
                    case .treaty: fields[12] = alternative.value.json
                    }
                    fields[13] = fact.isDisputed ? "true" : "false"
                    fields[14] = alternative.heads.map(\.hex).joined(separator: " ")
                    out += fields.map(csvField).joined(separator: ",") + "\n"
                }
            }
        }
        return out
    }

    /// RFC 4180 quoting.
    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
