import AccordCommands
import ArgumentParser
import Foundation

/// The `accord` executable: everything lives in AccordCommands.
@main
enum Entrypoint {
    static func main() {
        // `accord log | head -1` must end quietly with status 0: a write to a closed pipe
        // returns EPIPE instead of killing the process, and Terminal exits 0 on it.
        signal(SIGPIPE, SIG_IGN)
        if let message = AccordCommand.unknownCommandError(in: Array(CommandLine.arguments.dropFirst())) {
            FileHandle.standardError.write(Data("error: \(message)\n".utf8))
            exit(2)
        }
        do {
            var command = try AccordCommand.parseAsRoot()
            try command.run()
        } catch {
            // The contract: a usage mistake is one line on stderr and exit status 2.
            if AccordCommand.exitCode(for: error) == .validationFailure {
                let message = AccordCommand.message(for: error)
                    .split(separator: "\n").first.map(String.init) ?? "invalid usage"
                FileHandle.standardError.write(Data("error: \(message) (see `accord help`)\n".utf8))
                exit(2)
            }
            AccordCommand.exit(withError: error)
        }
    }
}
