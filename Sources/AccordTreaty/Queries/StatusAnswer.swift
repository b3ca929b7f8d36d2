import AccordLog
import GRDB

/// The answer to "what was state S's standing under treaty T on date D?".
///
/// When the heads of a disputed fact lead to different answers on D,
/// `disputed` is true and `alternatives` lists each answer (the furthest along
/// first, then by since) with the claims of disputed facts it rests on; `status` and `since` are then
/// those of the first alternative.
/// When every reading gives the same status and since, a dispute does not taint the answer.
public struct StatusAnswer: Sendable, Equatable {
    public struct Alternative: Sendable, Equatable {
        public var status: TreatyStatus
        public var since: StatusMark?
        public var events: [EventID]
    }

    public var treaty: String
    public var state: String
    public var on: PartialDate
    public var status: TreatyStatus
    public var since: StatusMark?
    public var disputed: Bool
    public var alternatives: [Alternative]

    /// Answers for one (treaty, state) on a day, from its status periods: every status
    /// possible on that day, the furthest along first (withdrawn, party, consented …), then by since.
    ///
    /// - Parameter witnesses: the events an alternative rests on, asked only when the answer is disputed.
    static func evaluate(
        treaty: String, state: String, on day: Int, periods: [StatusPeriod], witnesses: (StatusPeriod) throws -> [EventID]
    ) rethrows -> StatusAnswer {
        func precedes(_ a: StatusPeriod, _ b: StatusPeriod) -> Bool {
            if a.status != b.status { return a.status! > b.status! }
            guard let x = a.since else { return true }
            guard let y = b.since else { return false }
            return x < y
        }
        let possible = periods.statuses(onDay: day).sorted(by: precedes)
        guard let first = possible.first else {
            return StatusAnswer(treaty: treaty, state: state, on: PartialDate(dayNumber: day), status: .notParty, since: nil, disputed: false, alternatives: [])
        }
        let alternatives = possible.count > 1
            ? try possible.map { Alternative(status: $0.status!, since: $0.since, events: try witnesses($0)) } : []
        return StatusAnswer(
            treaty: treaty, state: state, on: PartialDate(dayNumber: day), status: first.status!, since: first.since,
            disputed: possible.count > 1, alternatives: alternatives)
    }

    /// `{"treaty":…,"state":…,"on":…,"status":…,"since":…,"computed":…,"disputed":…,"alternatives":[…]}`
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("treaty"); w.string(treaty)
        w.key("state"); w.string(state)
        w.key("on"); w.string(on.description)
        w.key("status"); w.string(status.rawValue)
        w.key("since"); if let since { w.string(since.date) } else { w.null() }
        w.key("computed"); w.bool(since?.computed ?? false)
        w.key("disputed"); w.bool(disputed)
        w.key("alternatives")
        w.beginArray()
        for a in alternatives {
            w.beginObject()
            w.key("status"); w.string(a.status.rawValue)
            w.key("since"); if let s = a.since { w.string(s.date) } else { w.null() }
            w.key("computed"); w.bool(a.since?.computed ?? false)
            w.key("events")
            w.eventIDs(a.events)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

extension StatusAnswer {
    /// `accord status`: a state's standing under a treaty on a date.
    public static func answer(treaty: String, state: String, on day: Int, reader: ProjectionReader) throws -> StatusAnswer {
        _ = try reader.requireTreaty(treaty)
        let key = StatusKey(treaty: treaty, state: state)
        let periods = try reader.statusPeriods(key)
        // The facts, read once and only when the answer is disputed.
        var facts: (treaty: FactState?, actions: [FactState])? = nil
        return try StatusAnswer.evaluate(treaty: treaty, state: state, on: day, periods: periods) { period in
            if facts == nil { facts = (try reader.fact(.treaty(treaty)), try reader.actionFacts(key)) }
            return StatusFold.witnesses(of: period, onDay: day, treaty: facts!.treaty, actions: facts!.actions)
        }
    }
}
