import AccordLog
import AccordTreaty
import Foundation
import Testing

@Suite("Partial dates and date spans")
struct DateParsingTests {
    static func span(_ text: String) throws -> DateSpan { try DateSpan.parse(text).get() }
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int { CivilCalendar.days(year: y, month: m, day: d) }

    @Test(arguments: [
        ("2024-02-30", DateSpan.ParseFailure.notInCalendar("2024-02-30")),
        ("2024-13", .notInCalendar("2024-13")),
        ("2023-02-29", .notInCalendar("2023-02-29")),
        ("2024-00", .notInCalendar("2024-00")),
        ("2024-04-31", .notInCalendar("2024-04-31")),
        ("2024-01-00", .notInCalendar("2024-01-00")),
        ("0000", .notInCalendar("0000")),
        ("2024-09/2024-13", .notInCalendar("2024-13")),
        ("24-07-18", .shape),
        ("2024-7", .shape),
        ("2024-07-1", .shape),
        ("20240718", .shape),
        ("2024-07-18T00:00:00Z", .shape),
        (" 2024", .shape),
        ("2024\n", .shape),
        ("", .shape),
        ("abcd", .shape),
        ("2024/", .shape),
        ("/2024", .shape),
        ("2024-09/2024-10/2024-11", .shape),
        ("2024-09 / 2024-11", .shape),
        ("+2024", .shape),
        ("2024-11/2024-09", .reversed),
        ("2024-07-18/2024-07-17", .reversed),
        ("2025/2024-12", .reversed),
    ])
    func refusesTextThatIsNoDateOfTheCalendar(_ text: String, _ failure: DateSpan.ParseFailure) {
        #expect(DateSpan.parse(text) == .failure(failure))
    }

    @Test(arguments: [
        ("2024-02-29", PartialDate.Precision.day, (2024, 2, 29), (2024, 2, 29)),
        ("2024", .year, (2024, 1, 1), (2024, 12, 31)),
        ("2024-07", .month, (2024, 7, 1), (2024, 7, 31)),
        ("2023-02", .month, (2023, 2, 1), (2023, 2, 28)),
        ("2000-02", .month, (2000, 2, 1), (2000, 2, 29)),
        ("0001-01-01", .day, (1, 1, 1), (1, 1, 1)),
        ("9999-12-31", .day, (9999, 12, 31), (9999, 12, 31)),
    ])
    func acceptsDatesOfDayMonthAndYearPrecision(
        _ text: String, _ precision: PartialDate.Precision, _ first: (Int, Int, Int), _ last: (Int, Int, Int)
    ) throws {
        // When a partial date is parsed
        let span = try Self.span(text)
        // Then it covers exactly the days of its precision, and prints as it was written
        #expect(span.end == nil)
        #expect(span.start.precision == precision)
        #expect(span.firstDay == Self.day(first.0, first.1, first.2))
        #expect(span.lastDay == Self.day(last.0, last.1, last.2))
        #expect(span.description == text)
        #expect(try PartialDate.parse(text).get().description == text)
    }

    @Test(arguments: ["2024-09/2024-11", "2024-09-06/2024-09-06", "2023/2024-02", "2024-07-18/2025"])
    func acceptsIntervals(_ text: String) throws {
        let span = try Self.span(text)
        #expect(span.end != nil)
        #expect(span.description == text)
        #expect(span.firstDay <= span.lastDay)
    }

    @Test func anIntervalCoversFromTheFirstDayOfItsStartToTheLastDayOfItsEnd() throws {
        let span = try Self.span("2024-09/2024-11")
        #expect(span.firstDay == Self.day(2024, 9, 1))
        #expect(span.lastDay == Self.day(2024, 11, 30))
        #expect(span.width == 30 + 31 + 30)
    }

    @Test func dayValidityAgreesWithFoundationsCalendarForEveryDayOfSomeYears() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // Given every year-month-day text with month 0…13 and day 0…32, for leap, common and century years
        for year in [1900, 1999, 2000, 2023, 2024, 2100] {
            for month in 0...13 {
                for day in 0...32 {
                    let text = String(format: "%04d-%02d-%02d", year, month, day)
                    // Then it is accepted exactly when Foundation's calendar has that day
                    let exists = (1...12).contains(month) && (1...31).contains(day)
                        && DateComponents(calendar: calendar, year: year, month: month, day: day).isValidDate
                    let accepted = (try? PartialDate.parse(text).get()) != nil
                    #expect(accepted == exists, "\(text)")
                }
            }
        }
    }

    @Test(arguments: [
        ("2024-09/2024-11", "2024-09-06", true),
        ("2024-07", "2024-07-18", true),
        ("2024", "2024-07", true),
        ("2024", "2024-02-29", true),
        ("2024-09/2024-11", "2024-10", true),
        ("2024-07-18", "2024-07-18", true),
        ("2024-07-18", "2024-07", false),
        ("2023-07", "2024-07-18", false),
        ("2024-09/2024-11", "2024-12-01", false),
        ("2024-09/2024-11", "2024-08-31", false),
        ("2024-01/2024-06", "2024-05/2024-09", false),
    ])
    func containmentIsDayByDay(_ outer: String, _ inner: String, _ contains: Bool) throws {
        #expect(try Self.span(outer).contains(Self.span(inner)) == contains)
    }

    @Test(arguments: [
        ("2024-09/2024-11", "2024-09-06", true),
        ("2024-09-06", "2024-09/2024-11", true),
        ("2024-07", "2024-07-18", true),
        ("2024-07-18", "2024-07", true),
        ("2023-07", "2024-07-18", false),
        ("2024-07-17", "2024-07-18", false),
        ("2024-01/2024-06", "2024-05/2024-09", false),
    ])
    func twoSpansAgreeWhenOneContainsTheOther(_ a: String, _ b: String, _ agree: Bool) throws {
        // Agreement is symmetric: one span contains the other, either way round
        #expect(try Self.span(a).agrees(with: Self.span(b)) == agree)
        #expect(try Self.span(b).agrees(with: Self.span(a)) == agree)
    }

    @Test func narrowerSpansAreMorePrecise() throws {
        #expect(try Self.span("2024-07-18").width == 1)
        #expect(try Self.span("2024-07").width == 31)
        #expect(try Self.span("2024").width == 366)
        #expect(try Self.span("2023").width == 365)
    }
}
