import AccordLog
import Synchronization

/// A wall clock that reads out a script of times, so a test can make it stall
/// or go backwards. After the script runs out it keeps reading the last time.
public final class ScriptedClock: WallClock {
    private let state: Mutex<(readings: [Int64], next: Int)>

    /// - Parameter readings: the milliseconds since 1970 to return, in order; at least one.
    public init(_ readings: [Int64]) {
        precondition(!readings.isEmpty, "a scripted clock needs at least one reading")
        state = Mutex((readings, 0))
    }

    public func now() -> Int64 {
        state.withLock { state in
            let reading = state.readings[min(state.next, state.readings.count - 1)]
            state.next += 1
            return reading
        }
    }

    /// How many times the clock has been read.
    public var readCount: Int { state.withLock { $0.next } }
}
