/// A state's status marks under one choice of value for each of its facts: when it
/// signed, consented, became party and withdrew. The definition the status fold is
/// exact against: a status is possible on a day when some choice of alternatives gives
/// it (tests enumerate every choice and compare).
///
/// - A stated `entry-into-force` or `withdrawal-effective` date wins over a computed one.
/// - The earliest consent counts; a succession is in force on its date.
/// - A consent is in force on `max(treaty entry into force, consent rule(deposit))`.
/// - Rules start from the first day a partial date covers.
public struct StatusReading: Hashable, Sendable {
    public var signatory: StatusMark?
    public var consented: StatusMark?
    public var party: StatusMark?
    public var withdrawn: StatusMark?

    /// The reading of one choice: the treaty's terms, and one date per action (by action name).
    public init(terms: TreatyClaim?, dates: [String: DateSpan]) {
        func stated(_ span: DateSpan) -> StatusMark { StatusMark(day: span.firstDay, date: span.description, computed: false) }
        signatory = dates["signature"].map(stated)
        let consents = TreatyAction.allCases.filter(\.isConsent).compactMap { action in dates[action.rawValue].map { (action, $0) } }
        if let (action, span) = consents.min(by: { $0.1.firstDay < $1.1.firstDay }) {
            consented = stated(span)
            if let entry = dates["entry-into-force"] {
                party = stated(entry)
            } else if action == .succession {
                party = stated(span)
            } else if let day = terms?.consentEffectiveDay(depositDay: span.firstDay) {
                party = .computed(day)
            }
        } else if let entry = dates["entry-into-force"] {
            party = stated(entry)
        }
        if let effective = dates["withdrawal-effective"] {
            withdrawn = stated(effective)
        } else if let notice = dates["withdrawal-notification"], let terms {
            withdrawn = .computed(terms.withdrawalEffectiveDay(noticeDay: notice.firstDay))
        }
    }

    /// The status on `day` and the mark it dates from.
    public func status(onDay day: Int) -> (TreatyStatus, StatusMark?) {
        if let m = withdrawn, m.day <= day { return (.withdrawn, m) }
        if let m = party, m.day <= day { return (.party, m) }
        if let m = consented, m.day <= day { return (.consented, m) }
        if let m = signatory, m.day <= day { return (.signatory, m) }
        return (.notParty, nil)
    }

    /// The mark the state counts from at deposit on `day` (consented or in force), or nil.
    public func deposit(onDay day: Int) -> StatusMark? {
        switch status(onDay: day).0 {
        case .party, .consented: return consented ?? party
        default: return nil
        }
    }
}

extension StatusMark {
    /// A mark a treaty rule computed.
    static func computed(_ day: Int) -> StatusMark {
        StatusMark(day: day, date: PartialDate(dayNumber: day).description, computed: true)
    }

    /// A mark a claim states.
    static func stated(_ span: DateSpan) -> StatusMark {
        StatusMark(day: span.firstDay, date: span.description, computed: false)
    }
}
