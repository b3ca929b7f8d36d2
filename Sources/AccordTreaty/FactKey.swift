/// The identity of a fact: what a claim asserts the value of.
///
/// Written as text with `/` between parts: `treaty/CCM`,
/// `action/CCM/LTU/ratification`, `action/CCM/LTU/parliament-vote/final`,
/// `statement/LTU/uxo-mitigation`. No part may contain `/`.
public enum FactKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    case treaty(String)
    case action(treaty: String, state: String, action: String, stage: String?)
    case statement(subject: String, property: String)

    public var description: String {
        switch self {
        case .treaty(let t): return "treaty/\(t)"
        case let .action(treaty, state, action, stage):
            return stage.map { "action/\(treaty)/\(state)/\(action)/\($0)" } ?? "action/\(treaty)/\(state)/\(action)"
        case let .statement(subject, property): return "statement/\(subject)/\(property)"
        }
    }

    /// Parses the text form; nil if it is not a fact key.
    public init?(_ text: String) {
        // Split at "/" over the UTF-8 bytes ("/" is ASCII, so every cut is a character boundary).
        let parts = text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        guard !parts.contains(where: \.isEmpty) else { return nil }
        switch (parts.first, parts.count) {
        case ("treaty", 2): self = .treaty(parts[1])
        case ("action", 4): self = .action(treaty: parts[1], state: parts[2], action: parts[3], stage: nil)
        case ("action", 5): self = .action(treaty: parts[1], state: parts[2], action: parts[3], stage: parts[4])
        case ("statement", 3): self = .statement(subject: parts[1], property: parts[2])
        default: return nil
        }
    }

    /// The treaty an action or treaty fact belongs to.
    public var treaty: String? {
        switch self {
        case .treaty(let t): return t
        case .action(let t, _, _, _): return t
        case .statement: return nil
        }
    }

    /// The state of an action fact.
    public var state: String? {
        if case .action(_, let s, _, _) = self { return s }
        return nil
    }

    public static func < (a: FactKey, b: FactKey) -> Bool { a.description < b.description }
}
