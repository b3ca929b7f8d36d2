import Foundation

/// Progress for long work on stderr, shown only when stderr is a terminal,
/// and only once the work is big enough to be worth it (10^5 events).
final class Progress {
    private let label: String
    private let enabled = Terminal.stderrIsTerminal
    private var shown = false

    init(label: String) { self.label = label }

    func update(_ count: Int64) {
        guard enabled, count >= 100_000 || shown else { return }
        shown = true
        Terminal.rawDiagnostic("\r\(label): \(count) events…")
    }

    func finish() {
        guard shown else { return }
        Terminal.rawDiagnostic("\r\u{1B}[K")
    }
}
