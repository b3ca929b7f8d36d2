import AccordLog
import AccordTreaty
import Foundation

/// Reads claims from a JSON Lines file or stdin, all or nothing: the first bad
/// line stops the read with its line number and the field at fault.
enum ClaimInput {
    /// - Returns: the claims and, for each, its place (`claims.jsonl:3`).
    static func read(path: String) throws -> ([Claim], [String]) {
        let name = path == "-" ? "stdin" : path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
                throw AccordError(.io, exists ? (isDirectory.boolValue ? "is a directory, not a file of claims" : "cannot read the file") : "no such file", place: path)
            }
            data = contents
        }
        let decoder = ClaimDecoder()
        var claims: [Claim] = []
        var places: [String] = []
        var lineNumber = 0
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 0x0a) ?? data.endIndex
            lineNumber += 1
            var line = data[start..<end]
            if line.last == 0x0d { line = line.dropLast() }
            start = end < data.endIndex ? data.index(after: end) : end
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let place = "\(name):\(lineNumber)"
            do {
                claims.append(try decoder.decode(json: line))
            } catch {
                throw error.at(place)
            }
            places.append(place)
        }
        guard !claims.isEmpty else {
            throw AccordError(.invalidInput, data.isEmpty ? "no claims: the input is empty" : "no claims: the input has only blank lines", place: name)
        }
        return (claims, places)
    }
}
