import AccordLog

/// A state's standing under a treaty on a date.
public enum TreatyStatus: String, Sendable, CaseIterable {
    case notParty = "not-party"
    /// Signed, no consent deposited.
    case signatory
    /// Consent deposited (ratification, accession …), not yet in force: a contracting state.
    case consented
    /// In force for the state.
    case party
    /// A withdrawal has taken effect.
    case withdrawn
}

/// A date a status begins on: the day (days since 1970) it counts from, the
/// date as stated or computed, and whether a treaty rule computed it.
public struct StatusMark: Hashable, Sendable {
    public var day: Int
    public var date: String
    public var computed: Bool
}

/// One consistent reading of a state's facts under a treaty: when it signed,
/// consented, became party and withdrew. A disputed fact gives one variant per
/// alternative; the events say which alternatives the variant took.
public struct StatusVariant: Hashable, Sendable {
    public var signatory: StatusMark?
    public var consented: StatusMark?
    public var party: StatusMark?
    public var withdrawn: StatusMark?
    /// Heads of the disputed facts' alternatives this variant rests on (empty when nothing is disputed).
    public var events: [EventID]

    /// The status on `day` and the mark it dates from.
    public func status(onDay day: Int) -> (TreatyStatus, StatusMark?) {
        if let m = withdrawn, m.day <= day { return (.withdrawn, m) }
        if let m = party, m.day <= day { return (.party, m) }
        if let m = consented, m.day <= day { return (.consented, m) }
        if let m = signatory, m.day <= day { return (.signatory, m) }
        return (.notParty, nil)
    }
}

/// Computes a state's status variants under a treaty from the facts of the
/// treaty and of the state's actions: the treaty rules are applied here, as
/// data, never as code per treaty.
///
/// - A stated `entry-into-force` or `withdrawal-effective` date wins over a computed one.
/// - Deposits before the treaty's own entry into force take effect on it.
/// - Rules start from the first day a partial date covers.
public enum StatusFold {
    /// The action facts that bear on status.
    static let relevantActions: Set<String> = Set(
        TreatyAction.allCases.filter { $0.isConsent }.map(\.rawValue)
            + ["signature", "entry-into-force", "withdrawal-notification", "withdrawal-effective"])

    /// - Parameters:
    ///   - treaty: the treaty's fact, if registered.
    ///   - actions: the state's action facts under the treaty.
    /// - Returns: one variant per combination of disputed alternatives (one variant when nothing is disputed),
    ///   identical variants merged.
    public static func variants(treaty: FactState?, actions: [FactState]) -> [StatusVariant] {
        // In fact-key order (by the keys' text, each built once).
        let facts = ([treaty].compactMap { $0 } + actions.filter { fact in
            if case .action(_, _, let action, _) = fact.key { return relevantActions.contains(action) }
            return false
        }).filter { !$0.alternatives.isEmpty }.map { ($0.key.description, $0) }.sorted { $0.0 < $1.0 }.map { $0.1 }
        var results: [StatusVariant] = []
        var seen: Set<StatusVariant> = []
        var choice = Array(repeating: 0, count: facts.count)
        let total = facts.reduce(1) { min($0 * $1.alternatives.count, 4096) }
        for _ in 0..<total {
            var values: [FactKey: FactValue] = [:]
            var events: [EventID] = []
            for (i, fact) in facts.enumerated() {
                let alternative = fact.alternatives[choice[i]]
                values[fact.key] = alternative.value
                if fact.isDisputed { events += alternative.heads }
            }
            var variant = variant(values: values)
            variant.events = events.sorted()
            if seen.insert(variant).inserted { results.append(variant) }
            // Next combination, like an odometer.
            for i in facts.indices {
                choice[i] += 1
                if choice[i] < facts[i].alternatives.count { break }
                choice[i] = 0
            }
        }
        return results
    }

    static func variant(values: [FactKey: FactValue]) -> StatusVariant {
        var terms: TreatyClaim? = nil
        var dates: [String: DateSpan] = [:]
        for (key, value) in values {
            switch (key, value) {
            case (.treaty, .treaty(let t)): terms = t
            case let (.action(_, _, action, _), .action(date, _)): dates[action] = date
            default: break
            }
        }
        func stated(_ span: DateSpan) -> StatusMark { StatusMark(day: span.firstDay, date: span.description, computed: false) }
        func computed(_ day: Int) -> StatusMark { StatusMark(day: day, date: PartialDate(dayNumber: day).description, computed: true) }

        var variant = StatusVariant(events: [])
        variant.signatory = dates["signature"].map(stated)
        let consents = TreatyAction.allCases.filter(\.isConsent).compactMap { action in dates[action.rawValue].map { (action, $0) } }
        if let (action, span) = consents.min(by: { $0.1.firstDay < $1.1.firstDay }) {
            variant.consented = stated(span)
            if let entry = dates["entry-into-force"] {
                variant.party = stated(entry)
            } else if action == .succession {
                variant.party = stated(span)
            } else if let terms, let treatyEntry = terms.entryIntoForce {
                let treatyDay = treatyEntry.firstDay
                variant.party = computed(span.firstDay < treatyDay ? treatyDay : terms.consentTakesEffect.effectiveDay(from: span.firstDay))
            }
        } else if let entry = dates["entry-into-force"] {
            variant.party = stated(entry)
        }
        if let effective = dates["withdrawal-effective"] {
            variant.withdrawn = stated(effective)
        } else if let notice = dates["withdrawal-notification"], let terms {
            variant.withdrawn = computed(terms.withdrawalTakesEffect.effectiveDay(from: notice.firstDay))
        }
        return variant
    }
}

extension StatusVariant {
    /// Canonical JSON, as stored in the `statuses` table.
    func write(to w: inout JSONWriter) {
        w.beginObject()
        for (name, mark) in [("signatory", signatory), ("consented", consented), ("party", party), ("withdrawn", withdrawn)] {
            guard let mark else { continue }
            w.key(name)
            w.beginObject()
            w.key("day"); w.integer(Int64(mark.day))
            w.key("date"); w.string(mark.date)
            w.key("computed"); w.bool(mark.computed)
            w.endObject()
        }
        w.key("events")
        w.eventIDs(events)
        w.endObject()
    }

    init?(json: JSONValue) {
        func mark(_ key: String) -> StatusMark? {
            guard let m = json[key], let day = m["day"]?.integerValue, let date = m["date"]?.stringValue,
                  case .bool(let computed)? = m["computed"]
            else { return nil }
            return StatusMark(day: Int(day), date: date, computed: computed)
        }
        guard let ids = json["events"]?.arrayValue else { return nil }
        self.init(
            signatory: mark("signatory"), consented: mark("consented"), party: mark("party"), withdrawn: mark("withdrawn"),
            events: ids.compactMap { $0.stringValue.flatMap { EventID(hex: $0) } })
    }

    static func json(_ variants: [StatusVariant]) -> String {
        var w = JSONWriter()
        w.beginArray()
        for v in variants { v.write(to: &w) }
        w.endArray()
        return w.string
    }

    static func parse(_ text: String) -> [StatusVariant]? {
        guard case .array(let items)? = try? JSONParser.parse(Array(text.utf8)) else { return nil }
        let variants = items.compactMap(StatusVariant.init(json:))
        return variants.count == items.count ? variants : nil
    }
}
