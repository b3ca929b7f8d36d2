import AccordLog
import AccordTreaty
import ArgumentParser
import Foundation

/// `--on D` and `--known-at T`: the two times of every query.
struct TimeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The date to answer for, YYYY-MM-DD (default: today, UTC).", valueName: "date"))
    var on: String?

    @Option(name: .customLong("known-at"), help: ArgumentHelp("Answer as this replica knew it at this time (RFC 3339, e.g. 2025-01-01T00:00:00Z): only claims recorded by then count.", valueName: "time"))
    var knownAt: String?

    /// The day number of `--on`, or today.
    func day() throws -> Int {
        guard let on else { return Int(floor(Date().timeIntervalSince1970 / 86_400)) }
        switch PartialDate.parse(on) {
        case .success(let date) where date.precision == .day: return date.firstDay
        case .success: throw AccordError(.invalidInput, "--on \(on): give a full date, YYYY-MM-DD")
        case .failure(.notInCalendar): throw AccordError(.invalidInput, "--on \(on) is not a calendar date")
        case .failure(.shape): throw AccordError(.invalidInput, "--on \(on) is not a date: expected YYYY-MM-DD")
        }
    }

    /// `--known-at` in milliseconds, or nil for "now".
    func knownAtMilliseconds() throws -> Int64? {
        guard let knownAt else { return nil }
        guard let ms = RFC3339.parse(knownAt) else {
            throw AccordError(.invalidInput, "--known-at \(knownAt) is not an RFC 3339 time (like 2025-01-01T00:00:00Z) or a date")
        }
        return ms
    }
}

/// Parses a state argument as a code or an English name.
func stateCode(_ text: String) throws -> String {
    let countries = CountryRegistry.shared
    if let code = countries.code(for: text) { return code }
    throw AccordError(.invalidInput, "unknown state \"\(text)\" (did you mean \(countries.nearest(to: text))?)")
}
