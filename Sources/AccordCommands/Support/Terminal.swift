import Foundation

/// Writing to stdout and stderr the way a command-line tool should: output
/// buffered, a closed pipe (`accord log | head -1`) ending the command
/// quietly with status 0, diagnostics one line each on stderr.
///
/// The CLI is single-threaded, so the buffer needs no lock.
enum Terminal {
    nonisolated(unsafe) private static var buffer: [UInt8] = {
        var b: [UInt8] = []
        b.reserveCapacity(1 << 16)
        return b
    }()

    /// Writes `text` and a newline to stdout.
    static func line(_ text: String = "") {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0a)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes `text` to stdout as it is.
    static func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes raw bytes to stdout.
    static func write(bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Sends what is buffered. Exits 0 at once if the reader went away (a closed
    /// pipe: the reader has what it wanted); exits 1 with one line on stderr if the
    /// output cannot be written otherwise (a full disk, `/dev/full`, an I/O error),
    /// so lost output is never reported as success.
    static func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                let reason = String(cString: strerror(errno))
                buffer.removeAll()
                writeToStderr("error: stdout: cannot write the output: \(reason)\n")
                exit(1)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private static func writeToStderr(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// One line on stderr (stdout is flushed first, so the two interleave as written).
    static func diagnostic(_ text: String) {
        flush()
        writeToStderr(text + "\n")
    }

    /// Writes `text` to stderr as it is (progress lines that rewrite themselves).
    static func rawDiagnostic(_ text: String) { writeToStderr(text) }

    /// Whether stderr is a terminal (progress is shown only then).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}
