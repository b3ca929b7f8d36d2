import Foundation
import Logging

/// `--verbose`: swift-log to stderr. Without it, nothing is logged.
enum Diagnostics {
    nonisolated(unsafe) static var logger = Logger(label: "accord", factory: { _ in SwiftLogNoOpLogHandler() })
    nonisolated(unsafe) private static var bootstrapped = false

    static func bootstrap(verbose: Bool) {
        guard verbose, !bootstrapped else { return }
        bootstrapped = true
        var handler = StreamLogHandler.standardError(label: "accord")
        handler.logLevel = .debug
        logger = Logger(label: "accord", factory: { _ in handler })
    }
}
