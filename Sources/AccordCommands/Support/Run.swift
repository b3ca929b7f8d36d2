import AccordLog
import ArgumentParser
import Foundation

/// Runs a command's body, turning an ``AccordError`` into the one line on
/// stderr and the exit status of the contract: 1 for bad input or store, 2 for usage.
func runReporting(_ body: () throws -> Void) throws {
    let started = DispatchTime.now().uptimeNanoseconds
    defer {
        let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        Diagnostics.logger.debug("finished in \(String(format: "%.1f", ms)) ms")
    }
    do {
        try body()
        Terminal.flush()
    } catch let error as AccordError {
        Terminal.flush()
        // One line, whatever a path or a peer's text holds: control characters (a newline in a
        // file name) are shown escaped.
        Terminal.diagnostic("error: \(TerminalText.escaped(error.description))")
        if let cause = error.cause { Diagnostics.logger.debug("cause: \(String(describing: cause))") }
        throw ExitCode(1)
    } catch let error as UsageError {
        Terminal.flush()
        Terminal.diagnostic("error: \(TerminalText.escaped(error.message))")
        throw ExitCode(2)
    }
}

/// A mistake in how a command was called (exit status 2), found after parsing.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
