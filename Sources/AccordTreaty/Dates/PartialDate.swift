import AccordLog

/// A calendar date known to the day, the month or only the year: `2024-07-18`, `2024-07`, `2024`.
///
/// It covers every day from ``firstDay`` to ``lastDay``. Treaty rules start
/// from the first day a partial date covers.
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Precision: Int, Sendable, Comparable {
        case year, month, day
        public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
    }

    public let year: Int
    public let month: Int?
    public let day: Int?

    /// A full date. - Precondition: it exists in the calendar.
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    private init(year: Int, month: Int?, day: Int?) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    /// Days since 1970-01-01 of the first day covered.
    public var firstDay: Int { CivilCalendar.days(year: year, month: month ?? 1, day: day ?? 1) }

    /// Days since 1970-01-01 of the last day covered.
    public var lastDay: Int {
        let m = month ?? 12
        return CivilCalendar.days(year: year, month: m, day: day ?? CivilCalendar.daysInMonth(year: year, month: m))
    }

    /// The full date of a day number.
    public init(dayNumber: Int) {
        let (y, m, d) = CivilCalendar.civil(fromDays: dayNumber)
        self.init(year: y, month: m, day: d)
    }

    /// ISO 8601 text at this date's precision.
    public var description: String {
        var text = Self.padded(year, 4)
        if let month { text += "-" + Self.padded(month, 2) }
        if let day { text += "-" + Self.padded(day, 2) }
        return text
    }

    /// `n` in decimal, zero-padded to `width` digits (Foundation's `String(format:)` is far slower).
    static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    public static func < (a: PartialDate, b: PartialDate) -> Bool {
        (a.firstDay, a.lastDay) < (b.firstDay, b.lastDay)
    }

    /// Why a text is not a partial date.
    public enum ParseFailure: Error, Sendable, Equatable {
        /// Not of the form YYYY, YYYY-MM or YYYY-MM-DD.
        case shape
        /// Of the right form but not in the calendar (`2024-02-30`, `2024-13`).
        case notInCalendar
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` and refuses dates that do not exist.
    public static func parse(_ text: some StringProtocol) -> Result<PartialDate, ParseFailure> {
        let b = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Int? {
            var v = 0
            for i in range {
                guard (0x30...0x39).contains(b[i]) else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        guard b.count == 4 || b.count == 7 || b.count == 10, let year = digits(0..<4) else { return .failure(.shape) }
        guard year >= 1 else { return .failure(.notInCalendar) }
        if b.count == 4 { return .success(PartialDate(year: year, month: nil, day: nil)) }
        guard b[4] == 0x2d, let month = digits(5..<7) else { return .failure(.shape) }
        guard (1...12).contains(month) else { return .failure(.notInCalendar) }
        if b.count == 7 { return .success(PartialDate(year: year, month: month, day: nil)) }
        guard b[7] == 0x2d, let day = digits(8..<10) else { return .failure(.shape) }
        guard day >= 1, day <= CivilCalendar.daysInMonth(year: year, month: month) else { return .failure(.notInCalendar) }
        return .success(PartialDate(year: year, month: month, day: day))
    }
}
