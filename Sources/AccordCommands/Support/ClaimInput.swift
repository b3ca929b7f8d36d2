import AccordLog
import AccordSync
import AccordTreaty
import Foundation

/// The claims of a JSON Lines file or stdin, line by line, with the place of each
/// (`claims.jsonl:3`): blank lines are skipped, a CR before the newline is dropped.
/// Read as a stream, so a file of millions of lines needs constant memory.
final class ClaimInput {
    private let reader: LineReader
    private let name: String
    private var lineNumber = 0
    /// Whether any non-blank line was read, and whether the input held any byte at all.
    private(set) var sawClaim = false, sawBytes = false

    init(path: String) throws(AccordError) {
        if path == "-" {
            name = "stdin"
            reader = LineReader(fileDescriptor: 0, name: "stdin")
            return
        }
        name = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AccordError(.io, "no such file", place: path)
        }
        guard !isDirectory.boolValue else { throw AccordError(.io, "is a directory, not a file of claims", place: path) }
        reader = try LineReader(path: path)
    }

    /// The longest input line read (4 MiB): four times the most a claim may take as stored
    /// (``Envelope/maximumClaimBytes``), for names given instead of codes and spacing. A longer
    /// line is refused at its place having read at most that much.
    static let maximumLineBytes = 4 << 20

    /// The next non-blank line and its place; nil at the end.
    func next() throws(AccordError) -> (bytes: ArraySlice<UInt8>, place: String)? {
        while let (line, _) = try reader.next(maximumLength: Self.maximumLineBytes, what: "the line") {
            lineNumber += 1
            sawBytes = true
            var line = line
            if line.last == 0x0d { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            sawClaim = true
            return (line, "\(name):\(lineNumber)")
        }
        return nil
    }

    /// The error for an input with no claim in it.
    var noClaims: AccordError {
        AccordError(.invalidInput, sawBytes ? "no claims: the input has only blank lines" : "no claims: the input is empty", place: name)
    }

    /// Every claim of a small file, decoded, with its place (the demo's data).
    static func readAll(path: String) throws(AccordError) -> ([Claim], [String]) {
        let input = try ClaimInput(path: path)
        let decoder = ClaimDecoder()
        var claims: [Claim] = [], places: [String] = []
        while let (bytes, place) = try input.next() {
            do { claims.append(try decoder.decode(json: bytes)) } catch { throw error.at(place) }
            places.append(place)
        }
        guard !claims.isEmpty else { throw input.noClaims }
        return (claims, places)
    }
}
