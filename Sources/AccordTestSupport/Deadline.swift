import Foundation

/// Polls a condition until it holds or a deadline passes: the tests' only way to wait
/// for another process (never a fixed sleep).
public enum Deadline {
    /// Checks `condition` every `interval` seconds for at most `seconds`.
    ///
    /// - Throws: ``SupportError`` naming `what` when the deadline passes first.
    public static func poll(
        _ what: String, within seconds: Double, every interval: Double = 0.05, _ condition: () async throws -> Bool
    ) async throws {
        let end = Date().addingTimeInterval(seconds)
        while true {
            if try await condition() { return }
            guard Date() < end else { throw SupportError("gave up after \(seconds) s waiting for \(what)") }
            try await Task.sleep(nanoseconds: UInt64(interval * 1e9))
        }
    }
}
