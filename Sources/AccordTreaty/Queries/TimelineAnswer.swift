import AccordLog
import GRDB

/// `accord timeline`: a state's actions under one or every treaty in date
/// order, with the dates the treaty rules compute marked as computed.
public struct TimelineAnswer: Sendable {
    public struct Entry: Sendable {
        public var fact: FactKey
        public var treaty: String
        public var action: String
        public var stage: String?
        /// The agreed value, or the first alternative of a disputed fact.
        public var date: String
        public var day: Int
        public var tally: Tally?
        public var computed: Bool
        public var disputed: Bool
        public var events: [EventID]
        /// Each alternative when disputed: its date text, tally and events.
        public var alternatives: [(date: String, tally: Tally?, events: [EventID])]
    }

    public var state: String
    public var treaty: String?
    public var entries: [Entry]

    public static func answer(state: String, treaty: String?, reader: ProjectionReader) throws -> TimelineAnswer {
        if let treaty { _ = try reader.requireTreaty(treaty) }
        let treaties = try treaty.map { [$0] } ?? reader.treaties(withActionsOf: state)
        var entries: [Entry] = []
        for code in treaties {
            let key = StatusKey(treaty: code, state: state)
            for fact in try reader.actionFacts(key) {
                guard case let .action(_, _, action, stage) = fact.key,
                      let first = fact.alternatives.first, case let .action(span, tally) = first.value
                else { continue }
                let alternatives = fact.isDisputed ? fact.alternatives.compactMap { alt -> (String, Tally?, [EventID])? in
                    guard case let .action(d, t) = alt.value else { return nil }
                    return (d.description, t, alt.heads)
                } : []
                let firstDay = fact.alternatives.compactMap { $0.value.date?.firstDay }.min() ?? span.firstDay
                entries.append(Entry(
                    fact: fact.key, treaty: code, action: action, stage: stage, date: span.description, day: firstDay,
                    tally: tally, computed: false, disputed: fact.isDisputed, events: fact.heads, alternatives: alternatives))
            }
            // Computed dates: entry into force and withdrawal taking effect, where no source states them.
            let periods = try reader.statusPeriods(key)
            for (action, status) in [("entry-into-force", TreatyStatus.party), ("withdrawal-effective", .withdrawn)] {
                var events: [StatusMark: Set<EventID>] = [:]
                for period in periods where period.status == status {
                    guard let mark = period.since, mark.computed else { continue }
                    events[mark, default: []].formUnion(period.events)
                }
                let distinct = events.keys.sorted()
                guard let mark = distinct.first else { continue }
                let alternatives = distinct.count > 1 ? distinct.map { m in (m.date, nil as Tally?, events[m]!.sorted()) } : []
                entries.append(Entry(
                    fact: .action(treaty: code, state: state, action: action, stage: nil), treaty: code, action: action, stage: nil,
                    date: mark.date, day: mark.day, tally: nil, computed: true, disputed: distinct.count > 1, events: [],
                    alternatives: alternatives))
            }
        }
        entries.sort { ($0.day, $0.computed ? 1 : 0, $0.fact.description) < ($1.day, $1.computed ? 1 : 0, $1.fact.description) }
        return TimelineAnswer(state: state, treaty: treaty, entries: entries)
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("state"); w.string(state)
        if let treaty { w.key("treaty"); w.string(treaty) }
        w.key("entries")
        w.beginArray()
        for e in entries {
            w.beginObject()
            w.key("date"); w.string(e.date)
            w.key("treaty"); w.string(e.treaty)
            w.key("action"); w.string(e.action)
            if let stage = e.stage { w.key("stage"); w.string(stage) }
            if let tally = e.tally { w.key("tally"); tally.write(to: &w) }
            w.key("computed"); w.bool(e.computed)
            w.key("disputed"); w.bool(e.disputed)
            w.key("fact"); w.string(e.fact.description)
            w.key("events")
            w.eventIDs(e.events)
            w.key("alternatives")
            w.beginArray()
            for a in e.alternatives {
                w.beginObject()
                w.key("date"); w.string(a.date)
                if let tally = a.tally { w.key("tally"); tally.write(to: &w) }
                w.key("events")
                w.eventIDs(a.events)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
