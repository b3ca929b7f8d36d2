import AccordLog

/// A fact as its heads make it: one alternative when they agree (or there is
/// a single head), several when they disagree — a dispute.
///
/// Alternatives are the maximal groups of heads that all agree with each
/// other; each carries the most precise value its heads say together. A less
/// precise date that contains a more precise one corroborates it.
public struct FactState: Hashable, Sendable {
    /// One answer the heads give, and the heads that give it.
    public struct Alternative: Hashable, Sendable {
        public var value: FactValue
        /// Sorted by id.
        public var heads: [EventID]
    }

    public let key: FactKey
    /// Sorted by the value's JSON, then heads; empty when every claim was retracted.
    public let alternatives: [Alternative]

    public var isDisputed: Bool { alternatives.count > 1 }
    /// The agreed value, when not disputed.
    public var value: FactValue? { alternatives.count == 1 ? alternatives[0].value : nil }
    public var heads: [EventID] { Array(Set(alternatives.flatMap(\.heads))).sorted() }

    public init(key: FactKey, alternatives: [Alternative]) {
        self.key = key
        self.alternatives = alternatives
    }

    /// Folds a fact's heads into its state. A pure function of the set of heads:
    /// the order they are given in does not matter.
    ///
    /// - Complexity: O(h) to group h heads by value, then O(3^(v/3)) at worst over the v distinct values
    ///   (maximal cliques); a fact's distinct values are few.
    public init(key: FactKey, heads: [(id: EventID, value: FactValue)]) {
        self.key = key
        // The common case: every head says the same value.
        if let first = heads.first, heads.allSatisfy({ $0.value == first.value }) {
            self.alternatives = [Alternative(value: first.value, heads: heads.count == 1 ? [first.id] : Set(heads.map(\.id)).sorted())]
            return
        }
        // Heads that say the same value stand together: cliques are found among the
        // distinct values (few, even when many sources corroborate), not among heads.
        var headsByValue: [FactValue: [EventID]] = [:]
        for head in heads { headsByValue[head.value, default: []].append(head.id) }
        let values = headsByValue.keys.sorted { $0.json < $1.json }
        let n = values.count
        var agree = Array(repeating: Array(repeating: false, count: n), count: n)
        for i in 0..<n {
            for j in i..<n {
                let ok = i == j || values[i].agrees(with: values[j])
                agree[i][j] = ok
                agree[j][i] = ok
            }
        }
        var cliques: [[Int]] = []
        func bronKerbosch(_ r: [Int], _ p: [Int], _ x: [Int]) {
            if p.isEmpty && x.isEmpty { cliques.append(r); return }
            let pivot = (p + x).max { a, b in p.filter { agree[a][$0] }.count < p.filter { agree[b][$0] }.count }!
            var p = p, x = x
            for v in p where !agree[pivot][v] || v == pivot {
                bronKerbosch(r + [v], p.filter { agree[v][$0] && $0 != v }, x.filter { agree[v][$0] && $0 != v })
                p.removeAll { $0 == v }
                x.append(v)
            }
        }
        if n > 0 { bronKerbosch([], Array(0..<n), []) }
        var byValue: [FactValue: Set<EventID>] = [:]
        for clique in cliques {
            var value = values[clique[0]]
            for i in clique.dropFirst() { value = value.merged(with: values[i]) }
            for i in clique { byValue[value, default: []].formUnion(headsByValue[values[i]]!) }
        }
        self.alternatives = byValue
            .map { Alternative(value: $0.key, heads: $0.value.sorted()) }
            .sorted { ($0.value.json, $0.heads.map(\.hex).joined()) < ($1.value.json, $1.heads.map(\.hex).joined()) }
    }

    /// Canonical JSON of the alternatives, as stored in the `facts` table:
    /// `[{"value":{…},"heads":["…"]}]`.
    public var alternativesJSON: String {
        var w = JSONWriter()
        w.beginArray()
        for alternative in alternatives {
            w.beginObject()
            w.key("value"); alternative.value.write(to: &w)
            w.key("heads")
            w.eventIDs(alternative.heads)
            w.endObject()
        }
        w.endArray()
        return w.string
    }
}
