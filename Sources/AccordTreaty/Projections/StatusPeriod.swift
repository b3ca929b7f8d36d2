import AccordLog

/// A state's standing under a treaty on a date.
public enum TreatyStatus: String, Sendable, CaseIterable, Comparable {
    case notParty = "not-party"
    /// Signed, no consent deposited.
    case signatory
    /// Consent deposited (ratification, accession …), not yet in force: a contracting state.
    case consented
    /// In force for the state.
    case party
    /// A withdrawal has taken effect.
    case withdrawn

    var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: TreatyStatus, b: TreatyStatus) -> Bool { a.rank < b.rank }
}

/// A date a status begins on: the day (days since 1970) it counts from, the
/// date as stated or computed, and whether a treaty rule computed it.
public struct StatusMark: Hashable, Sendable, Comparable {
    public var day: Int
    public var date: String
    public var computed: Bool

    public init(day: Int, date: String, computed: Bool) {
        self.day = day
        self.date = date
        self.computed = computed
    }

    public static func < (a: StatusMark, b: StatusMark) -> Bool {
        (a.day, a.date, a.computed ? 1 : 0) < (b.day, b.date, b.computed ? 1 : 0)
    }
}

/// One row of a (treaty, state)'s status projection: an answer that is possible on
/// every day of `[from, to)`, the date it counts from, and the claims it rests on.
///
/// Two families of rows share the table. The *status* rows say which of the five
/// statuses are possible on a day; on any day at least one is, and exactly one when
/// nothing disputed bears on the answer. The *deposited* rows say, for the count at
/// deposit (`parties --by deposit`), since when the state's consent counts; a day with
/// no deposited row is a day the state is not counted.
///
/// A row is `disputed` when, on its days, another answer of its family is possible
/// too (for deposited rows, another deposit date or not being counted at all).
public struct StatusPeriod: Hashable, Sendable {
    /// What the row says is possible.
    public enum Reading: Hashable, Sendable, Comparable {
        case status(TreatyStatus)
        /// Counted at deposit: consented or in force.
        case deposited

        /// The text stored in the `status` column.
        public var name: String {
            switch self {
            case .status(let s): return s.rawValue
            case .deposited: return "deposited"
            }
        }

        public init?(name: String) {
            if name == "deposited" { self = .deposited } else if let s = TreatyStatus(rawValue: name) { self = .status(s) } else { return nil }
        }

        private var rank: Int {
            switch self {
            case .status(let s): return s.rank
            case .deposited: return TreatyStatus.allCases.count
            }
        }

        public static func < (a: Reading, b: Reading) -> Bool { a.rank < b.rank }
    }

    public var reading: Reading
    /// The date the answer counts from; nil for not-party.
    public var since: StatusMark?
    /// The first day (days since 1970) of the period; nil when it has no start.
    public var from: Int?
    /// The first day after the period; nil when it has no end.
    public var to: Int?
    public var disputed: Bool
    /// The heads of the claims the answer rests on (the dates its `since` comes from), sorted.
    public var events: [EventID]

    public init(reading: Reading, since: StatusMark?, from: Int?, to: Int?, disputed: Bool, events: [EventID]) {
        self.reading = reading
        self.since = since
        self.from = from
        self.to = to
        self.disputed = disputed
        self.events = events
    }

    /// Whether `day` is one of the period's days.
    public func contains(day: Int) -> Bool {
        (from.map { $0 <= day } ?? true) && (to.map { day < $0 } ?? true)
    }

    /// The status, for a status row.
    public var status: TreatyStatus? {
        if case .status(let s) = reading { return s }
        return nil
    }
}

extension Array where Element == StatusPeriod {
    /// The status rows possible on `day`, in order (status, then since).
    public func statuses(onDay day: Int) -> [StatusPeriod] {
        filter { $0.status != nil && $0.contains(day: day) }
    }

    /// The deposited rows on `day`, in order of their since.
    public func deposits(onDay day: Int) -> [StatusPeriod] {
        filter { $0.reading == .deposited && $0.contains(day: day) }
    }
}
