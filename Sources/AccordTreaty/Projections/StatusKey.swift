/// A (treaty, state) pair: the key of a status.
public struct StatusKey: Hashable, Sendable, Comparable {
    public var treaty: String
    public var state: String

    public init(treaty: String, state: String) {
        self.treaty = treaty
        self.state = state
    }

    public static func < (a: StatusKey, b: StatusKey) -> Bool { (a.treaty, a.state) < (b.treaty, b.state) }

    /// The fact keys of this (treaty, state)'s actions, as a half-open text range: they all
    /// start `action/T/S/`, and `0` is the character after `/`.
    var actionFactKeys: (low: String, high: String) {
        ("action/\(treaty)/\(state)/", "action/\(treaty)/\(state)0")
    }
}
