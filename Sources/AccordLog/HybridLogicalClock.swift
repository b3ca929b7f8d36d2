import Foundation

/// A recorded time: wall-clock milliseconds since 1970 plus a counter that
/// orders events within one millisecond, or after the wall clock stepped back.
///
/// Ordered by milliseconds, then counter. Written in envelopes as `[ms,counter]`.
///
/// Format decision: both fields are bounded, and the bounds are checked where an
/// envelope is read (``Envelope/parse(_:)``) and kept where the clock ticks
/// (``HybridLogicalClock/tick(wallTime:)``), so whatever a replica writes its own
/// reader (and every peer's) reads back.
public struct HLCTimestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64
    public var counter: Int64

    /// The latest time an envelope may carry, 9999-12-31T23:59:59.999Z: RFC 3339 writes four-digit years.
    public static let maximumMilliseconds: Int64 = 253_402_300_799_999
    /// The largest counter an envelope may carry. A clock whose counter would pass it moves
    /// on to the next millisecond instead, so it is never reached by a replica that ticks.
    public static let maximumCounter: Int64 = 4_294_967_295

    public init(milliseconds: Int64, counter: Int64 = 0) {
        self.milliseconds = milliseconds
        self.counter = counter
    }

    public static let zero = HLCTimestamp(milliseconds: 0)

    /// Whether both fields are within what an envelope may carry (0 up to the maximums).
    public var isWithinBounds: Bool {
        (0...Self.maximumMilliseconds).contains(milliseconds) && (0...Self.maximumCounter).contains(counter)
    }

    public static func < (lhs: HLCTimestamp, rhs: HLCTimestamp) -> Bool {
        (lhs.milliseconds, lhs.counter) < (rhs.milliseconds, rhs.counter)
    }

    /// RFC 3339 in UTC with milliseconds: `2026-11-23T10:00:00.123Z`.
    public var rfc3339: String { RFC3339.format(milliseconds: milliseconds) }
    public var description: String { counter == 0 ? rfc3339 : "\(rfc3339)+\(counter)" }
}

/// Where the clock reads the time. Injected so tests can make it go backwards.
public protocol WallClock: Sendable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    func now() -> Int64
}

/// The system's real-time clock.
public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}

/// A hybrid logical clock (Kulkarni et al.): timestamps follow the wall clock
/// when it moves forward and never go backwards when it does not.
///
/// The clock is a value: the store loads the last timestamp, ticks, and saves
/// the result in the same transaction as the events that carry it.
///
/// Two bounds keep one bad reading from spoiling the clock for good:
/// - every timestamp it hands out is within ``HLCTimestamp``'s bounds (a counter
///   that would pass its maximum moves the clock on by a millisecond instead);
/// - a remote timestamp more than ``maximumDrift`` ahead of the local wall clock
///   is not followed (``observe(_:wallTime:)`` says so): a peer whose clock is
///   wrong, or lies, cannot drag this replica's recorded times into the future.
///   Within the bound the clock follows, as HLC requires, so a local event is
///   recorded after every event it may have seen.
public struct HybridLogicalClock: Sendable {
    /// How far ahead of the local wall clock a remote timestamp may be and still be
    /// followed: 24 hours, far more than honest clocks drift apart (a machine set to
    /// the wrong time zone is off by at most 14 hours).
    public static let maximumDrift: Int64 = 24 * 3_600_000

    /// The last timestamp handed out or observed.
    public private(set) var last: HLCTimestamp

    /// A clock that last handed out or observed `last` (brought within bounds if it is not).
    public init(last: HLCTimestamp) {
        self.last = HLCTimestamp(
            milliseconds: min(max(last.milliseconds, 0), HLCTimestamp.maximumMilliseconds),
            counter: min(max(last.counter, 0), HLCTimestamp.maximumCounter))
    }

    /// A new timestamp for a local event: later than every earlier one, and within bounds.
    ///
    /// At the very end of representable time (9999-12-31T23:59:59.999Z with the largest
    /// counter) it keeps handing out that last timestamp.
    public mutating func tick(wallTime: Int64) -> HLCTimestamp {
        let wall = min(wallTime, HLCTimestamp.maximumMilliseconds)
        if wall > last.milliseconds {
            last = HLCTimestamp(milliseconds: wall, counter: 0)
        } else if last.counter < HLCTimestamp.maximumCounter {
            last.counter += 1
        } else if last.milliseconds < HLCTimestamp.maximumMilliseconds {
            last = HLCTimestamp(milliseconds: last.milliseconds + 1, counter: 0)
        }
        return last
    }

    /// Takes in a timestamp received from another replica, so local events
    /// recorded afterwards are ordered after it — unless it is more than
    /// ``maximumDrift`` ahead of `wallTime`, the local wall clock.
    ///
    /// - Returns: false when the timestamp was too far ahead and the clock did not follow it.
    @discardableResult
    public mutating func observe(_ remote: HLCTimestamp, wallTime: Int64) -> Bool {
        guard !Self.isTooFarAhead(remote, of: wallTime) else { return false }
        if remote > last { last = HybridLogicalClock(last: remote).last }
        return true
    }

    /// Whether `time` is more than ``maximumDrift`` ahead of `wallTime`.
    public static func isTooFarAhead(_ time: HLCTimestamp, of wallTime: Int64) -> Bool {
        time.milliseconds > latestFollowed(wallTime: wallTime)
    }

    /// The latest millisecond a clock follows when the wall clock reads `wallTime`.
    public static func latestFollowed(wallTime: Int64) -> Int64 {
        wallTime > Int64.max - maximumDrift ? Int64.max : wallTime + maximumDrift
    }
}

/// RFC 3339 formatting and parsing of millisecond timestamps, without `Date`
/// (a `Date` round trip through `timeIntervalSince1970` is not exact).
public enum RFC3339 {
    /// `2026-11-23T10:00:00.123Z` for `milliseconds` since 1970 (UTC).
    public static func format(milliseconds: Int64) -> String {
        let ms = Int(((milliseconds % 1000) + 1000) % 1000)
        let seconds = (milliseconds - Int64(ms)) / 1000
        let days = Int(floorDiv(seconds, 86_400))
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let (y, m, d) = CivilCalendar.civil(fromDays: days)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
            y, m, d, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60, ms)
    }

    /// Milliseconds since 1970 for an RFC 3339 timestamp (`2026-11-23T10:00:00Z`,
    /// fractions and `+02:00` offsets accepted), or a bare date (`2026-11-23`, meaning its end: 23:59:59.999Z).
    public static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        func num(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= b.count else { return nil }
            var v = 0
            for i in range { guard (0x30...0x39).contains(b[i]) else { return nil }; v = v * 10 + Int(b[i] - 0x30) }
            return v
        }
        guard b.count >= 10, let y = num(0..<4), b[4] == 0x2d, let mo = num(5..<7), b[7] == 0x2d, let d = num(8..<10),
              (1...12).contains(mo), d >= 1, d <= CivilCalendar.daysInMonth(year: y, month: mo)
        else { return nil }
        let dayMs = Int64(CivilCalendar.days(year: y, month: mo, day: d)) * 86_400_000
        if b.count == 10 { return dayMs + 86_400_000 - 1 }
        guard b.count >= 20, b[10] == 0x54 || b[10] == 0x74 || b[10] == 0x20,
              let h = num(11..<13), b[13] == 0x3a, let mi = num(14..<16), b[16] == 0x3a, let s = num(17..<19),
              h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        var fraction: Int64 = 0
        if b[i] == 0x2e {
            i += 1
            var digits = 0
            while i < b.count, (0x30...0x39).contains(b[i]) {
                if digits < 3 { fraction = fraction * 10 + Int64(b[i] - 0x30) }
                digits += 1; i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { fraction *= 10 }
        }
        var offsetSeconds = 0
        guard i < b.count else { return nil }
        if b[i] == 0x5a || b[i] == 0x7a {
            i += 1
        } else if b[i] == 0x2b || b[i] == 0x2d, let oh = num(i + 1..<i + 3), b.count > i + 3, b[i + 3] == 0x3a, let om = num(i + 4..<i + 6) {
            offsetSeconds = (oh * 3600 + om * 60) * (b[i] == 0x2b ? 1 : -1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        return dayMs + Int64(h * 3600 + mi * 60 + s - offsetSeconds) * 1000 + fraction
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}

/// Days-from-civil arithmetic on the proleptic Gregorian calendar (Howard Hinnant's algorithms).
public enum CivilCalendar {
    /// Days since 1970-01-01 for a calendar date.
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The calendar date `days` after 1970-01-01.
    public static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
