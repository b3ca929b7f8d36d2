import AccordLog
import Foundation
import GRDB

/// `accord disputes`: every fact whose heads disagree, with each head's value,
/// sources, author replica, recorded time and event id.
public struct DisputesAnswer: Sendable {
    public struct Head: Sendable {
        public var id: EventID
        public var value: FactValue
        public var sources: [Source]
        public var note: String?
        /// The author replica's name, or the feed's short id when this replica has no name for it.
        public var replica: String
        public var recorded: HLCTimestamp
    }

    public struct Dispute: Sendable {
        public var fact: FactKey
        public var heads: [Head]
        public var alternatives: [FactState.Alternative]
    }

    public var disputes: [Dispute]

    /// - Parameters:
    ///   - treaty: only facts of this treaty (its terms and its states' actions), when given.
    ///   - state: only facts about this state (its actions, and statements whose subject it is), when given.
    public static func answer(reader: ProjectionReader, treaty: String? = nil, state: String? = nil) throws -> DisputesAnswer {
        let db = reader.db
        var keys: [FactKey]
        if reader.isLatest {
            keys = try String.fetchAll(db, sql: "SELECT DISTINCT fact FROM facts WHERE disputed = 1 ORDER BY fact").compactMap(FactKey.init)
        } else {
            keys = try TreatyProjector.foldAllFacts(knownAt: reader.knownAt, in: db).filter { $0.1.isDisputed }.map(\.0)
        }
        keys = keys.filter { key in
            if let treaty, key.treaty != treaty { return false }
            if let state {
                switch key {
                case .action(_, let s, _, _): return s == state
                case .statement(let subject, _): return subject == state
                case .treaty: return false
                }
            }
            return true
        }
        let names = try LogTables.feedNames(in: db)
        let decoder = ClaimDecoder()
        var disputes: [Dispute] = []
        for key in keys {
            guard let fact = try reader.fact(key), fact.isDisputed else { continue }
            var heads: [Head] = []
            for id in fact.heads {
                guard let event = try LogTables.event(id, in: db),
                      let claim = try? decoder.decode(json: event.envelope.claimBytes), let value = FactValue(claim)
                else { continue }
                heads.append(Head(
                    id: id, value: value, sources: claim.sources, note: claim.note,
                    replica: names[event.envelope.feed] ?? event.envelope.feed.short, recorded: event.envelope.recorded))
            }
            heads.sort { ($0.recorded, $0.id) < ($1.recorded, $1.id) }
            disputes.append(Dispute(fact: key, heads: heads, alternatives: fact.alternatives))
        }
        return DisputesAnswer(disputes: disputes)
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("disputes")
        w.beginArray()
        for d in disputes {
            w.beginObject()
            w.key("fact"); w.string(d.fact.description)
            w.key("heads")
            w.beginArray()
            for h in d.heads {
                w.beginObject()
                w.key("id"); w.string(h.id.hex)
                w.key("value"); h.value.write(to: &w)
                w.key("sources"); Source.write(h.sources, to: &w)
                if let note = h.note { w.key("note"); w.string(note) }
                w.key("replica"); w.string(h.replica)
                w.key("recorded"); w.string(h.recorded.rfc3339)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
