import Foundation

/// The participants a claim can name: the ISO 3166-1 countries, by alpha-3
/// code and English short name, and the few others treaty tables carry —
/// international organizations that join treaties (the European Union, `EUU`)
/// and states that no longer exist (the USSR, `SUHH`, under their ISO 3166-3
/// codes) — shipped as data (`Resources/countries.tsv`).
///
/// A state given on input as a code (`LTU`) or a name (`Lithuania`, `lithuania`)
/// is stored as its code; anything else is refused with the nearest match.
public struct CountryRegistry: Sendable {
    /// What a participant is.
    public enum Kind: String, Sendable {
        /// An ISO 3166-1 country.
        case country
        /// An international organization that is a party in its own right (`non-state` in the data file).
        case nonState = "non-state"
        /// A state that no longer exists, under its ISO 3166-3 code (`former` in the data file).
        case former
    }

    /// ISO 3166-1 code → English short name (the countries only; see ``name(of:)`` for every participant).
    public let names: [String: String]
    /// Code → name of the participants that are not ISO 3166-1 countries.
    private let otherNames: [String: (name: String, kind: Kind)]
    /// Folded name or alias (see ``fold(_:)``) → code.
    private let codesByName: [String: String]

    /// The registry loaded from the bundled data file.
    public static let shared: CountryRegistry = {
        guard let url = Bundle.module.url(forResource: "countries", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("accord was built without its country list (Resources/countries.tsv)") }
        return CountryRegistry(tsv: text)
    }()

    /// Reads `CODE<TAB>Name<TAB>alias|alias[<TAB>kind]` lines; `#` starts a comment line.
    /// `kind` is empty for an ISO 3166-1 country, else `non-state` or `former`.
    public init(tsv: String) {
        var names: [String: String] = [:]
        var others: [String: (name: String, kind: Kind)] = [:]
        var codes: [String: String] = [:]
        for line in tsv.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { continue }
            let code = fields[0]
            let kind = fields.count > 3 ? Kind(rawValue: fields[3]) ?? .country : .country
            if kind == .country { names[code] = fields[1] } else { others[code] = (fields[1], kind) }
            codes[Self.fold(fields[1])] = code
            if fields.count > 2 {
                for alias in fields[2].split(separator: "|") { codes[Self.fold(String(alias))] = code }
            }
        }
        self.names = names
        self.otherNames = others
        self.codesByName = codes
    }

    /// The form names are compared in: lower case, apostrophes straightened,
    /// runs of white space (non-breaking spaces included) made one space, ends trimmed.
    static func fold(_ name: String) -> String {
        let lowered = name.lowercased().replacingOccurrences(of: "’", with: "'")
        return lowered.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The code for a code or a name, or nil: an ISO 3166-1 alpha-3 code for a
    /// country, `EUU` for the European Union, an ISO 3166-3 code for a former state.
    public func code(for text: String) -> String? {
        if names[text] != nil || otherNames[text] != nil { return text }
        return codesByName[Self.fold(text)]
    }

    /// The English short name for a code.
    public func name(of code: String) -> String? { names[code] ?? otherNames[code]?.name }

    /// What the participant with this code is; nil for an unknown code.
    public func kind(of code: String) -> Kind? {
        names[code] != nil ? .country : otherNames[code]?.kind
    }

    /// The known code or name closest to `text` (edit distance), for "did you mean" messages.
    public func nearest(to text: String) -> String {
        let folded = Self.fold(text)
        var best = (distance: Int.max, label: "")
        for (code, name) in names.merging(otherNames.mapValues(\.name), uniquingKeysWith: { a, _ in a }) {
            for candidate in [code, name] {
                let d = EditDistance.between(folded, Self.fold(candidate))
                if d < best.distance || (d == best.distance && candidate < best.label) {
                    best = (d, candidate == code ? "\(code) (\(name))" : "\(name) (\(code))")
                }
            }
        }
        for (alias, code) in codesByName {
            let d = EditDistance.between(folded, alias)
            if d < best.distance { best = (d, "\(name(of: code) ?? code) (\(code))") }
        }
        return best.label
    }

    /// Up to `limit` known names closest to `text`, closest first, each as
    /// `Name (CODE)`, for "did you mean" messages that offer a choice.
    ///
    /// A candidate's distance is the edit distance to its nearest name or alias;
    /// a name that starts with or contains `text` counts as close.
    ///
    /// - Complexity: O(n · m²) over the n names and aliases of at most m characters.
    public func nearestNames(to text: String, limit: Int = 3) -> [String] {
        let folded = Self.fold(text)
        guard !folded.isEmpty else { return [] }
        var distanceByCode: [String: Int] = [:]
        func consider(_ candidate: String, _ code: String) {
            var d = EditDistance.between(folded, candidate)
            if folded.count >= 3, candidate.hasPrefix(folded) { d = min(d, 1) }
            else if folded.count >= 3, candidate.contains(folded) { d = min(d, 2) }
            if d < distanceByCode[code] ?? Int.max { distanceByCode[code] = d }
        }
        for (alias, code) in codesByName { consider(alias, code) }
        for code in names.keys { consider(Self.fold(code), code) }
        return distanceByCode
            .sorted { ($0.value, name(of: $0.key) ?? $0.key) < ($1.value, name(of: $1.key) ?? $1.key) }
            .prefix(limit)
            .map { "\(name(of: $0.key) ?? $0.key) (\($0.key))" }
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
