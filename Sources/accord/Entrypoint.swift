import AccordCommands
import Foundation

/// The `accord` executable: everything lives in AccordCommands.
@main
enum Entrypoint {
    static func main() {
        // `accord log | head -1` must end quietly with status 0: a write to a closed pipe
        // returns EPIPE instead of killing the process, and Terminal exits 0 on it.
        signal(SIGPIPE, SIG_IGN)
        AccordCommand.main()
    }
}
