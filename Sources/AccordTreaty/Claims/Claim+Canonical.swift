import AccordLog

extension Claim {
    /// The claim as it goes into an envelope: keys in schema order, no
    /// whitespace, states as codes. Decoding these bytes gives back an equal claim.
    public var canonicalJSON: [UInt8] {
        var w = JSONWriter(capacity: 384)
        w.beginObject()
        w.key("type"); w.string(type)
        switch body {
        case .treaty(let t):
            w.key("treaty"); w.string(t.treaty)
            w.key("title"); w.string(t.title)
            if let e = t.entryIntoForce { w.key("entry_into_force"); w.string(e.description) }
            w.key("consent_takes_effect"); t.consentTakesEffect.write(to: &w)
            w.key("withdrawal_takes_effect"); t.withdrawalTakesEffect.write(to: &w)
            if !t.sources.isEmpty { w.key("sources"); Source.write(t.sources, to: &w) }
        case .action(let a):
            w.key("treaty"); w.string(a.treaty)
            w.key("state"); w.string(a.state)
            w.key("action"); w.string(a.action.rawValue)
            if let stage = a.stage { w.key("stage"); w.string(stage) }
            w.key("date"); w.string(a.date.description)
            if let tally = a.tally { w.key("tally"); tally.write(to: &w) }
            w.key("sources"); Source.write(a.sources, to: &w)
        case .statement(let s):
            w.key("subject"); w.string(s.subject)
            w.key("property"); w.string(s.property)
            w.key("value"); w.string(s.value)
            if let d = s.date { w.key("date"); w.string(d.description) }
            w.key("sources"); Source.write(s.sources, to: &w)
        case .retraction(let r):
            w.key("fact"); w.string(r.fact.description)
            if !r.sources.isEmpty { w.key("sources"); Source.write(r.sources, to: &w) }
        }
        if let note { w.key("note"); w.string(note) }
        if !supersedes.isEmpty {
            w.key("supersedes")
            w.eventIDs(supersedes)
        }
        w.endObject()
        return w.bytes
    }
}

extension TreatyRule {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("rule"); w.string(name)
        switch self {
        case .onDeposit: break
        case .firstDayOfMonthAfter(let n), .monthsAfter(let n): w.key("months"); w.integer(Int64(n))
        case .daysAfter(let n): w.key("days"); w.integer(Int64(n))
        }
        w.endObject()
    }
}

extension Tally {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        if let n = inFavour { w.key("for"); w.integer(n) }
        if let n = against { w.key("against"); w.integer(n) }
        if let n = abstaining { w.key("abstain"); w.integer(n) }
        w.endObject()
    }
}

extension Source {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("url"); w.string(url)
        if let outlet { w.key("outlet"); w.string(outlet) }
        if let published { w.key("published"); w.string(published.description) }
        if let quote { w.key("quote"); w.string(quote) }
        if let retrieved { w.key("retrieved"); w.string(retrieved.description) }
        w.endObject()
    }

    static func write(_ sources: [Source], to w: inout JSONWriter) {
        w.beginArray()
        for s in sources { s.write(to: &w) }
        w.endArray()
    }
}
