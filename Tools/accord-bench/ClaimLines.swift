import AccordLog
import AccordSync

/// The claim file's lines as `accord append --file` reads them (`ClaimInput` in
/// AccordCommands, which the benchmark cannot import): AccordSync's `LineReader`,
/// blank lines skipped, a CR before the newline dropped, each line with its place
/// (`claims.jsonl:3`). Streaming, so N claims take memory for a line, not a file.
final class ClaimLines {
    private let reader: LineReader
    private var lineNumber = 0

    init(path: String) throws(AccordError) { reader = try LineReader(path: path) }

    /// The next non-blank line and its place; nil at the end.
    func next() throws(AccordError) -> (bytes: ArraySlice<UInt8>, place: String)? {
        while let (line, _) = try reader.next() {
            lineNumber += 1
            var line = line
            if line.last == 0x0d { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return (line, "claims.jsonl:\(lineNumber)")
        }
        return nil
    }
}
