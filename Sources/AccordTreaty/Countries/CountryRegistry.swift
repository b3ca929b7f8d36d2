import Foundation

/// The ISO 3166-1 countries, by alpha-3 code and English short name, shipped
/// as data (`Resources/countries.tsv`).
///
/// A state given on input as a code (`LTU`) or a name (`Lithuania`, `lithuania`)
/// is stored as its code; anything else is refused with the nearest match.
public struct CountryRegistry: Sendable {
    /// Code → English short name.
    public let names: [String: String]
    /// Lower-cased name or alias (apostrophes straightened) → code.
    private let codesByName: [String: String]

    /// The registry loaded from the bundled data file.
    public static let shared: CountryRegistry = {
        guard let url = Bundle.module.url(forResource: "countries", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("accord was built without its country list (Resources/countries.tsv)") }
        return CountryRegistry(tsv: text)
    }()

    /// Reads `CODE<TAB>Name<TAB>alias|alias` lines; `#` starts a comment line.
    public init(tsv: String) {
        var names: [String: String] = [:]
        var codes: [String: String] = [:]
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { continue }
            let code = fields[0]
            names[code] = fields[1]
            codes[Self.fold(fields[1])] = code
            if fields.count > 2 {
                for alias in fields[2].split(separator: "|") { codes[Self.fold(String(alias))] = code }
            }
        }
        self.names = names
        self.codesByName = codes
    }

    private static func fold(_ name: String) -> String {
        name.lowercased().replacingOccurrences(of: "’", with: "'").trimmingCharacters(in: .whitespaces)
    }

    /// The alpha-3 code for a code or a name, or nil.
    public func code(for text: String) -> String? {
        if text.utf8.count == 3, names[text] != nil { return text }
        return codesByName[Self.fold(text)]
    }

    /// The English short name for a code.
    public func name(of code: String) -> String? { names[code] }

    /// The known code or name closest to `text` (edit distance), for "did you mean" messages.
    public func nearest(to text: String) -> String {
        let folded = Self.fold(text)
        var best = (distance: Int.max, label: "")
        for (code, name) in names {
            for candidate in [code, name] {
                let d = EditDistance.between(folded, Self.fold(candidate))
                if d < best.distance || (d == best.distance && candidate < best.label) {
                    best = (d, candidate == code ? "\(code) (\(name))" : "\(name) (\(code))")
                }
            }
        }
        for (alias, code) in codesByName {
            let d = EditDistance.between(folded, alias)
            if d < best.distance { best = (d, "\(names[code] ?? code) (\(code))") }
        }
        return best.label
    }
}

/// Levenshtein distance, for suggestions.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
