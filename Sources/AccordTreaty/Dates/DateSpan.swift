/// The valid time of a claim: a partial date (`2024-07`) or an interval of
/// partial dates (`2024-09/2024-11`), covering every day between the first
/// day of its start and the last day of its end.
///
/// Two spans agree when one contains the other: `2024-09/2024-11` agrees with
/// `2024-09-06`, and `2024-07` with `2024-07-18`. The more precise of two
/// agreeing spans is the narrower one.
public struct DateSpan: Hashable, Sendable, CustomStringConvertible {
    public let start: PartialDate
    /// Nil for a single partial date.
    public let end: PartialDate?

    public init(_ date: PartialDate) {
        start = date
        end = nil
    }

    public init(start: PartialDate, end: PartialDate) {
        self.start = start
        self.end = end
    }

    public var firstDay: Int { start.firstDay }
    public var lastDay: Int { (end ?? start).lastDay }
    /// How many days the span covers: smaller is more precise.
    public var width: Int { lastDay - firstDay + 1 }

    public var description: String { end.map { "\(start)/\($0)" } ?? start.description }

    /// Whether every day of `other` is a day of this span.
    public func contains(_ other: DateSpan) -> Bool { firstDay <= other.firstDay && other.lastDay <= lastDay }

    /// Whether the two spans agree: one contains the other.
    public func agrees(with other: DateSpan) -> Bool { contains(other) || other.contains(self) }

    /// Why a text is not a date or an interval, said so a person can fix it.
    public enum ParseFailure: Error, Sendable, Equatable {
        case shape
        case notInCalendar(String)
        case reversed
    }

    /// Parses `YYYY[-MM[-DD]]` or `A/B`, refusing dates not in the calendar and reversed intervals.
    public static func parse(_ text: String) -> Result<DateSpan, ParseFailure> {
        // Split at "/" over the UTF-8 bytes: splitting by Character runs grapheme breaking per byte.
        let slash = UInt8(ascii: "/")
        var parts: [Substring] = [text[...]]
        if let first = text.utf8.firstIndex(of: slash) {
            let rest = text[text.utf8.index(after: first)...]
            guard !rest.utf8.contains(slash) else { return .failure(.shape) }
            parts = [text[..<first], rest]
        }
        var dates: [PartialDate] = []
        for part in parts {
            switch PartialDate.parse(part) {
            case .success(let date): dates.append(date)
            case .failure(.shape): return .failure(.shape)
            case .failure(.notInCalendar): return .failure(.notInCalendar(String(part)))
            }
        }
        if dates.count == 1 { return .success(DateSpan(dates[0])) }
        guard dates[0].firstDay <= dates[1].lastDay else { return .failure(.reversed) }
        return .success(DateSpan(start: dates[0], end: dates[1]))
    }
}
