import AccordLog
import GRDB

/// The answer to "what was state S's standing under treaty T on date D?".
///
/// When the heads of a disputed fact lead to different answers on D,
/// `disputed` is true and `alternatives` lists each answer with the event ids
/// it rests on; `status` and `since` are then those of the first alternative.
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

    /// Answers for one (treaty, state) on a day, from its status variants.
    static func evaluate(treaty: String, state: String, on day: Int, variants: [StatusVariant]) -> StatusAnswer {
        var answers: [Alternative] = []
        for variant in variants {
            let (status, mark) = variant.status(onDay: day)
            if let i = answers.firstIndex(where: { $0.status == status && $0.since == mark }) {
                answers[i].events = Array(Set(answers[i].events + variant.events)).sorted()
            } else {
                answers.append(Alternative(status: status, since: mark, events: variant.events))
            }
        }
        if answers.isEmpty { answers = [Alternative(status: .notParty, since: nil, events: [])] }
        let first = answers[0]
        return StatusAnswer(
            treaty: treaty, state: state, on: PartialDate(dayNumber: day), status: first.status, since: first.since,
            disputed: answers.count > 1, alternatives: answers.count > 1 ? answers : [])
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

/// `accord status`: a state's standing under a treaty on a date.
public enum StatusQuery {
    public static func answer(treaty: String, state: String, on day: Int, reader: ProjectionReader) throws -> StatusAnswer {
        _ = try reader.requireTreaty(treaty)
        let variants = try reader.statusVariants(StatusKey(treaty: treaty, state: state))
        return StatusAnswer.evaluate(treaty: treaty, state: state, on: day, variants: variants)
    }
}
