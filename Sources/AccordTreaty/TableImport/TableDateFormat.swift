/// How dates are written in a table's cells, and reading them into partial dates.
///
/// Format decision: every format refuses dates that are not on the calendar
/// (`30 Feb 2010`) and years outside ``plausibleYears`` (`0001`, or a sentinel
/// such as `31.12.9999` that was not declared with `--none`), so a typo or a
/// placeholder never becomes a claim.
public enum TableDateFormat: String, Sendable, CaseIterable {
    /// `3 Dec 2008`, `03 Dec 2008`, `3 December 2008`: the UN Treaty Collection's form.
    case dayMonthNameYear = "d mmm yyyy"
    /// `24.03.2011` (also `24.3.2011`): common in European research datasets.
    case dayMonthYearDots = "dd.mm.yyyy"
    /// ISO 8601: `2011-03-24`, and the partial `2011-03` and `2011`.
    case iso = "yyyy-mm-dd"
    /// A year alone: `2011`.
    case year = "yyyy"
    /// `24/03/2011`.
    case dayMonthYearSlashes = "dd/mm/yyyy"
    /// `03/24/2011`.
    case monthDayYearSlashes = "mm/dd/yyyy"

    /// Years a treaty date can have: the oldest treaties still in force to a century ahead.
    public static let plausibleYears = 1600...2199

    /// The format named by `text` (`dd.mm.yyyy`, `yyyy-mm-dd`, `d mmm yyyy`, `yyyy`, `dd/mm/yyyy`, `mm/dd/yyyy`).
    public init?(argument text: String) {
        let folded = text.lowercased().split(separator: " ").joined(separator: " ")
        switch folded {
        case "dd mmm yyyy", "d mmm yyyy", "d mmmm yyyy", "un": self = .dayMonthNameYear
        case "d.m.yyyy", "dd.mm.yyyy": self = .dayMonthYearDots
        case "yyyy-mm-dd", "iso", "iso8601": self = .iso
        case "d/m/yyyy", "dd/mm/yyyy": self = .dayMonthYearSlashes
        case "m/d/yyyy", "mm/dd/yyyy": self = .monthDayYearSlashes
        default:
            guard let format = TableDateFormat(rawValue: folded) else { return nil }
            self = format
        }
    }

    /// Every format's name, for help and errors.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// An example date in this format.
    public var example: String {
        switch self {
        case .dayMonthNameYear: return "3 Dec 2008"
        case .dayMonthYearDots: return "03.12.2008"
        case .iso: return "2008-12-03"
        case .year: return "2008"
        case .dayMonthYearSlashes: return "03/12/2008"
        case .monthDayYearSlashes: return "12/03/2008"
        }
    }

    /// Reads one date.
    ///
    /// - Returns: the date, or why `text` is not one, said so a person can fix the cell.
    public func parse(_ text: String) -> Result<PartialDate, TableCellProblem> {
        let notADate = TableCellProblem("\"\(text)\" is not a date in the form \(rawValue) (like \(example))")
        switch self {
        case .iso:
            switch PartialDate.parse(text) {
            case .success(let date):
                guard Self.plausibleYears.contains(date.year) else { return .failure(Self.implausible(date.year, text)) }
                return .success(date)
            case .failure(.shape): return .failure(notADate)
            case .failure(.notInCalendar):
                if let year = Int(text.prefix(4)), !Self.plausibleYears.contains(year) { return .failure(Self.implausible(year, text)) }
                return .failure(TableCellProblem("\"\(text)\" is not a calendar date"))
            }
        case .year:
            guard text.utf8.count == 4, let year = Int(text) else { return .failure(notADate) }
            return Self.date(year: year, month: nil, day: nil, text: text)
        case .dayMonthYearDots, .dayMonthYearSlashes, .monthDayYearSlashes:
            let separator: Character = self == .dayMonthYearDots ? "." : "/"
            let parts = text.split(separator: separator, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
                  let a = Int(parts[0]), let b = Int(parts[1]), let year = Int(parts[2]),
                  parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
            else { return .failure(notADate) }
            let (day, month) = self == .monthDayYearSlashes ? (b, a) : (a, b)
            return Self.date(year: year, month: month, day: day, text: text)
        case .dayMonthNameYear:
            let words = text.split(whereSeparator: { $0.isWhitespace })
            guard words.count == 3, (1...2).contains(words[0].count), words[2].count == 4,
                  let day = Int(words[0]), let year = Int(words[2]),
                  let month = Self.month(named: words[1])
            else { return .failure(notADate) }
            return Self.date(year: year, month: month, day: day, text: text)
        }
    }

    private static func date(year: Int, month: Int?, day: Int?, text: String) -> Result<PartialDate, TableCellProblem> {
        guard plausibleYears.contains(year) else { return .failure(implausible(year, text)) }
        var iso = PartialDate.padded(year, 4)
        if let month { iso += "-" + PartialDate.padded(month, 2) }
        if let day { iso += "-" + PartialDate.padded(day, 2) }
        switch PartialDate.parse(iso) {
        case .success(let date): return .success(date)
        case .failure: return .failure(TableCellProblem("\"\(text)\" is not a calendar date"))
        }
    }

    private static func implausible(_ year: Int, _ text: String) -> TableCellProblem {
        TableCellProblem(
            "\"\(text)\": the year \(PartialDate.padded(year, 4)) is outside \(plausibleYears.lowerBound)–\(plausibleYears.upperBound); if it stands for \"none\", say so with --none \"\(text)\"")
    }

    /// The month of an English month name or its abbreviation (`Dec`, `Dec.`, `December`, `Sept`).
    static func month(named word: some StringProtocol) -> Int? {
        var name = word.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        guard name.count >= 3 else { return nil }
        let months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
        if let i = months.firstIndex(where: { $0 == name || ($0.hasPrefix(name) && name.count <= 4) }) { return i + 1 }
        return nil
    }
}
