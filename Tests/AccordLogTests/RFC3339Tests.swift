import AccordLog
import AccordTestSupport
import Foundation
import Testing

@Suite("RFC 3339 timestamps")
struct RFC3339Tests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1, "1970-01-01T00:00:00.001Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (1_795_428_000_123, "2026-11-23T10:00:00.123Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
    ])
    func formatsKnownInstants(milliseconds: Int64, text: String) {
        #expect(RFC3339.format(milliseconds: milliseconds) == text)
        #expect(RFC3339.parse(text) == milliseconds)
    }

    @Test func formattingAgreesWithFoundationsCalendar() {
        // Given many instants from year 1 to 9999
        var generator = SeededGenerator(seed: 3339)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        for _ in 0..<2_000 {
            let ms = Int64.random(in: -12_219_292_800_000...253_402_300_799_999, using: &generator)  // from 1582-10-15
            // When formatted
            let text = RFC3339.format(milliseconds: ms)
            // Then the fields are those Foundation's Gregorian calendar gives for the whole second
            let second = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000)
            let c = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(second)))
            let expected = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!,
                Int(ms - second * 1000))
            #expect(text == expected, "for \(ms) ms")
        }
    }

    @Test func parsingAFormattedInstantGivesItBack() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<5_000 {
            let ms = Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &generator)
            #expect(RFC3339.parse(RFC3339.format(milliseconds: ms)) == ms, "for \(ms) ms")
        }
    }

    @Test(arguments: [
        ("2026-11-23T10:00:00Z", Int64(1_795_428_000_000)),
        ("2026-11-23t10:00:00z", 1_795_428_000_000),
        ("2026-11-23 10:00:00Z", 1_795_428_000_000),
        ("2026-11-23T10:00:00.5Z", 1_795_428_000_500),
        ("2026-11-23T10:00:00.12Z", 1_795_428_000_120),
        ("2026-11-23T10:00:00.123456Z", 1_795_428_000_123),
        ("2026-11-23T12:00:00+02:00", 1_795_428_000_000),
        ("2026-11-23T07:30:00-02:30", 1_795_428_000_000),
        ("2026-11-23", 1_795_478_399_999),
    ])
    func parsesOffsetsFractionsAndBareDates(text: String, milliseconds: Int64) {
        #expect(RFC3339.parse(text) == milliseconds)
    }

    @Test(arguments: [
        "", "2026", "2026-11", "2026-13-01", "2026-02-29", "2026-11-31", "2026-11-23T", "2026-11-23T10:00:00",
        "2026-11-23T24:00:00Z", "2026-11-23T10:60:00Z", "2026-11-23T10:00:00.Z", "2026-11-23T10:00:00Z ",
        "2026-11-23T10:00:00+0200", "2026-11-23T10:00:00+02", "26-11-23T10:00:00Z", "2026/11/23", "2026-11-23X10:00:00Z",
    ])
    func refusesWhatIsNotATimestamp(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func timestampsDescribeThemselvesWithTheirCounter() {
        #expect(HLCTimestamp(milliseconds: 0, counter: 0).description == "1970-01-01T00:00:00.000Z")
        #expect(HLCTimestamp(milliseconds: 0, counter: 2).description == "1970-01-01T00:00:00.000Z+2")
        #expect(HLCTimestamp(milliseconds: 1_795_428_000_123).rfc3339 == "2026-11-23T10:00:00.123Z")
    }
}

@Suite("Civil calendar arithmetic")
struct CivilCalendarTests {
    static var utcGregorian: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    @Test func dayNumbersAgreeWithFoundationsCalendar() {
        // Given every 97th day from 1582-10-15 (where Foundation's calendar turns Gregorian) to 9999-12-31
        let calendar = Self.utcGregorian
        let first = CivilCalendar.days(year: 1582, month: 10, day: 15)
        let last = CivilCalendar.days(year: 9999, month: 12, day: 31)
        for day in stride(from: first, through: last, by: 97) {
            // When Foundation names the day
            let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(day) * 86_400))
            // Then CivilCalendar names it the same, both ways
            let civil = CivilCalendar.civil(fromDays: day)
            #expect(civil.year == c.year && civil.month == c.month && civil.day == c.day, "day \(day)")
            #expect(CivilCalendar.days(year: c.year!, month: c.month!, day: c.day!) == day)
        }
    }

    @Test func everyDayFromYearOneToYear9999RoundTrips() {
        // Given every day of the proleptic Gregorian calendar the formats can write
        var previous = CivilCalendar.civil(fromDays: CivilCalendar.days(year: 1, month: 1, day: 1) - 1)
        #expect(previous == (0, 12, 31))
        for day in CivilCalendar.days(year: 1, month: 1, day: 1)...CivilCalendar.days(year: 9999, month: 12, day: 31) {
            let civil = CivilCalendar.civil(fromDays: day)
            // Then the date round-trips and follows the previous day's date
            // (plain checks: an #expect per day would dominate the test's run time)
            let roundTrip = CivilCalendar.days(year: civil.year, month: civil.month, day: civil.day)
            if roundTrip != day {
                Issue.record("day \(day) is \(civil), which gives back day \(roundTrip)")
                return
            }
            let follows: Bool
            if civil.day > 1 {
                follows = civil.year == previous.year && civil.month == previous.month && civil.day == previous.day + 1
            } else if civil.month > 1 {
                follows = civil.year == previous.year && civil.month == previous.month + 1
                    && previous.day == CivilCalendar.daysInMonth(year: previous.year, month: previous.month)
            } else {
                follows = civil.year == previous.year + 1 && previous.month == 12 && previous.day == 31
            }
            if !follows {
                Issue.record("day \(day) is \(civil) after \(previous)")
                return
            }
            previous = civil
        }
    }

    @Test func monthLengthsAndLeapYearsAgreeWithFoundation() {
        let calendar = Self.utcGregorian
        for year in [1600, 1700, 1800, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9996] {
            #expect(CivilCalendar.isLeap(year) == (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
            for month in 1...12 {
                let date = calendar.date(from: DateComponents(year: year, month: month, day: 1))!
                let length = calendar.range(of: .day, in: .month, for: date)!.count
                #expect(CivilCalendar.daysInMonth(year: year, month: month) == length, "\(year)-\(month)")
            }
        }
    }

    @Test func theEpochIsDayZero() {
        #expect(CivilCalendar.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.civil(fromDays: 0) == (1970, 1, 1))
        #expect(CivilCalendar.civil(fromDays: -1) == (1969, 12, 31))
        #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) == 11_017)
    }
}
