import AccordLog

/// How a treaty turns the date of an instrument into the date it takes effect.
///
/// Registered with the treaty as data (`consent_takes_effect`,
/// `withdrawal_takes_effect`), so one implementation serves every treaty:
///
/// - `on-deposit`: the same day.
/// - `first-day-of-month-after` *n*: the first day of the *n*th month after the
///   month of the instrument (CCM Art. 17(2): 2011-03-24 → 2011-09-01).
/// - `months-after` *n*: the same day number *n* months later, or the last day
///   of that month when it is shorter (CCM Art. 20(3): 2024-09-06 → 2025-03-06;
///   31 August → the last day of February).
/// - `days-after` *n*: *n* days later.
public enum TreatyRule: Hashable, Sendable {
    case onDeposit
    case firstDayOfMonthAfter(months: Int)
    case monthsAfter(months: Int)
    case daysAfter(days: Int)

    /// The day (days since 1970) the instrument of `dayNumber` takes effect.
    public func effectiveDay(from dayNumber: Int) -> Int {
        let (y, m, d) = CivilCalendar.civil(fromDays: dayNumber)
        switch self {
        case .onDeposit:
            return dayNumber
        case .firstDayOfMonthAfter(let months):
            let (year, month) = Self.add(months: months, year: y, month: m)
            return CivilCalendar.days(year: year, month: month, day: 1)
        case .monthsAfter(let months):
            let (year, month) = Self.add(months: months, year: y, month: m)
            return CivilCalendar.days(year: year, month: month, day: min(d, CivilCalendar.daysInMonth(year: year, month: month)))
        case .daysAfter(let days):
            return dayNumber + days
        }
    }

    private static func add(months: Int, year: Int, month: Int) -> (Int, Int) {
        let zeroBased = year * 12 + (month - 1) + months
        return (zeroBased / 12, zeroBased % 12 + 1)
    }

    /// The rule's name as written in claims.
    public var name: String {
        switch self {
        case .onDeposit: return "on-deposit"
        case .firstDayOfMonthAfter: return "first-day-of-month-after"
        case .monthsAfter: return "months-after"
        case .daysAfter: return "days-after"
        }
    }

    /// A phrase for tables: "first day of the 6th month after".
    public var summary: String {
        switch self {
        case .onDeposit: return "on deposit"
        case .firstDayOfMonthAfter(let n): return "first day of month +\(n)"
        case .monthsAfter(let n): return "\(n) months after"
        case .daysAfter(let n): return "\(n) days after"
        }
    }
}
