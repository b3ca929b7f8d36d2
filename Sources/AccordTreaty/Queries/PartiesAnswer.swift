import AccordLog
import GRDB

/// `accord parties`: the states bound by a treaty on a date, counted at entry
/// into force (`in-force`, "party on date D") or at deposit (`deposit`, the
/// campaign count: "the 112th State Party").
public struct PartiesAnswer: Sendable {
    public enum Basis: String, Sendable, CaseIterable {
        case inForce = "in-force"
        case deposit
    }

    public struct Member: Sendable {
        public var state: String
        public var since: StatusMark
        /// Whether readings of a disputed fact disagree about this state's membership or its date.
        public var disputed: Bool
    }

    public var treaty: String
    public var on: PartialDate
    public var by: Basis
    public var parties: [Member]

    public static func answer(treaty: String, on day: Int, by basis: Basis, reader: ProjectionReader) throws -> PartiesAnswer {
        _ = try reader.requireTreaty(treaty)
        var members: [Member] = []
        for (state, periods) in try reader.statusPeriodsByState(under: treaty, onDay: day) {
            let counted = switch basis {
            case .inForce: periods.statuses(onDay: day).filter { $0.status == .party }
            case .deposit: periods.deposits(onDay: day)
            }
            // Rows are in order of since: the earliest reading comes first; a row is disputed when
            // another answer of its kind (another date, or not being counted) is possible that day.
            guard let first = counted.first, let since = first.since else { continue }
            members.append(Member(state: state, since: since, disputed: counted.count > 1 || first.disputed))
        }
        return PartiesAnswer(treaty: treaty, on: PartialDate(dayNumber: day), by: basis, parties: members)
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("treaty"); w.string(treaty)
        w.key("on"); w.string(on.description)
        w.key("by"); w.string(by.rawValue)
        w.key("count"); w.integer(Int64(parties.count))
        w.key("parties")
        w.beginArray()
        for p in parties {
            w.beginObject()
            w.key("state"); w.string(p.state)
            w.key("since"); w.string(p.since.date)
            w.key("computed"); w.bool(p.since.computed)
            w.key("disputed"); w.bool(p.disputed)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
