import AccordLog

/// Turns one JSON object into a ``Claim``, enforcing everything the schemas in
/// `Schemas/` say and what they cannot (dates that exist in the calendar, real
/// countries). Errors name the field and say how to fix it.
///
/// States given by name are stored as their ISO 3166-1 alpha-3 code.
public struct ClaimDecoder: Sendable {
    public let countries: CountryRegistry

    public init(countries: CountryRegistry = .shared) { self.countries = countries }

    // The fields each object may have (built once: building sets per claim showed up in profiles).
    static let treatyKeys: Set<String> = ["type", "treaty", "title", "entry_into_force", "consent_takes_effect", "withdrawal_takes_effect", "sources", "note", "supersedes"]
    static let actionKeys: Set<String> = ["type", "treaty", "state", "action", "stage", "date", "tally", "sources", "note", "supersedes"]
    static let statementKeys: Set<String> = ["type", "subject", "property", "value", "date", "sources", "note", "supersedes"]
    static let retractionKeys: Set<String> = ["type", "fact", "supersedes", "note", "sources"]
    static let ruleKeys: Set<String> = ["rule", "months", "days"]
    static let tallyKeys: Set<String> = ["for", "against", "abstain"]
    static let sourceKeys: Set<String> = ["url", "outlet", "published", "quote", "retrieved"]


    /// Decodes a claim from its JSON text.
    ///
    /// - Throws: ``AccordError`` `.invalidInput` with a message naming the field (no place: the caller adds the line).
    public func decode(json: some Collection<UInt8>) throws(AccordError) -> Claim {
        let value: JSONValue
        do { value = try JSONParser.parse(json) } catch {
            throw AccordError(.invalidInput, "malformed JSON: \(error)")
        }
        return try decode(value)
    }

    /// Decodes a claim from a parsed JSON value.
    public func decode(_ value: JSONValue) throws(AccordError) -> Claim {
        guard case .object(let members) = value else {
            throw AccordError(.invalidInput, "valid JSON but not a claim: expected an object with a \"type\", found \(value.kindDescription)")
        }
        if let path = Self.pathOfNUL(in: value, at: "") {
            throw AccordError(.invalidInput, "\(path) holds the character U+0000 (NUL), which claims may not hold")
        }
        let fields = Fields(members: members, path: "")
        guard let typeValue = fields["type"] else {
            throw AccordError(.invalidInput, "not a claim: \"type\" is missing (one of \(Claim.knownTypes.joined(separator: ", ")))")
        }
        guard case .string(let type) = typeValue else {
            throw AccordError(.invalidInput, "\"type\" must be a string (one of \(Claim.knownTypes.joined(separator: ", ")))")
        }
        let body: Claim.Body
        switch type {
        case "treaty":
            try fields.allow(Self.treatyKeys, in: "a treaty claim")
            body = .treaty(try treaty(fields))
        case "action":
            try fields.allow(Self.actionKeys, in: "an action claim")
            body = .action(try action(fields))
        case "statement":
            try fields.allow(Self.statementKeys, in: "a statement claim")
            body = .statement(try statement(fields))
        case "retraction":
            try fields.allow(Self.retractionKeys, in: "a retraction")
            guard fields["supersedes"] != nil else { throw AccordError(.invalidInput, "a retraction needs \"supersedes\": the ids of the claims it withdraws") }
            guard fields["note"] != nil else { throw AccordError(.invalidInput, "a retraction needs a \"note\" saying why") }
            body = .retraction(RetractionClaim(fact: try factKey(fields), sources: try sources(fields, required: false)))
        default:
            throw AccordError(.invalidInput, "unknown type \(quoted(type)): valid types are \(Claim.knownTypes.joined(separator: ", "))")
        }
        return Claim(body, note: try note(fields), supersedes: try supersedes(fields))
    }

    /// Where a string (or key) of `value` holds U+0000, as `"sources[0].quote"` or `a key of
    /// "tally"`; nil when none does. SQLite's text functions stop at a NUL, so the claims index
    /// could not say what the envelope says: such claims are refused at append and import alike.
    /// - Complexity: O(n) in the size of `value`.
    static func pathOfNUL(in value: JSONValue, at path: String) -> String? {
        switch value {
        case .string(let text):
            return text.utf8.contains(0) ? "\"\(path)\"" : nil
        case .array(let items):
            for (i, item) in items.enumerated() {
                if let found = pathOfNUL(in: item, at: "\(path)[\(i)]") { return found }
            }
            return nil
        case .object(let members):
            for member in members {
                if member.key.utf8.contains(0) { return path.isEmpty ? "a key" : "a key of \"\(path)\"" }
                if let found = pathOfNUL(in: member.value, at: path.isEmpty ? member.key : "\(path).\(member.key)") { return found }
            }
            return nil
        default:
            return nil
        }
    }

    // MARK: - Claim types

    private func treaty(_ f: Fields) throws(AccordError) -> TreatyClaim {
        let code = try treatyCode(f)
        let title = try f.requiredString("title")
        var entry: PartialDate? = nil
        if f["entry_into_force"] != nil { entry = try singleDate(f, "entry_into_force") }
        return TreatyClaim(
            treaty: code, title: title, entryIntoForce: entry,
            consentTakesEffect: try rule(f, "consent_takes_effect"),
            withdrawalTakesEffect: try rule(f, "withdrawal_takes_effect"),
            sources: try sources(f, required: false))
    }

    private func action(_ f: Fields) throws(AccordError) -> ActionClaim {
        let code = try treatyCode(f)
        let state = try stateCode(f, "state")
        let actionText = try f.requiredString("action")
        guard let action = TreatyAction(rawValue: actionText) else {
            throw AccordError(.invalidInput, "unknown action \(quoted(actionText)): valid actions are \(TreatyAction.validValues)")
        }
        var stage: String? = nil
        if let value = f["stage"] {
            guard action == .parliamentVote else {
                throw AccordError(.invalidInput, "\"stage\" is only for a parliament-vote, not a \(action.rawValue)")
            }
            guard case .string(let text) = value, Pattern.isKebab(text, max: 64) else {
                throw AccordError(.invalidInput, "\"stage\" must be lowercase words joined by '-', like \"first-reading\" or \"final\"")
            }
            stage = text
        } else if action == .parliamentVote {
            throw AccordError(.invalidInput, "a parliament-vote needs a \"stage\" (\"first-reading\", \"final\", …)")
        }
        var tally: Tally? = nil
        if f["tally"] != nil {
            guard action == .parliamentVote else {
                throw AccordError(.invalidInput, "\"tally\" is only for a parliament-vote, not a \(action.rawValue)")
            }
            tally = try self.tally(f)
        }
        return ActionClaim(
            treaty: code, state: state, action: action, stage: stage, date: try dateSpan(f, "date"), tally: tally,
            sources: try sources(f, required: true))
    }

    private func statement(_ f: Fields) throws(AccordError) -> StatementClaim {
        let subjectText = try f.requiredString("subject")
        guard let first = subjectText.unicodeScalars.first, !first.properties.isWhitespace,
              !subjectText.contains("/"), subjectText.unicodeScalars.count <= 128
        else {
            throw AccordError(.invalidInput, "\"subject\" must be 1 to 128 characters, without '/' and not starting with a space")
        }
        let property = try f.requiredString("property")
        guard Pattern.isKebab(property, max: 64) else {
            throw AccordError(.invalidInput, "\"property\" must be lowercase words joined by '-', like \"uxo-mitigation\"")
        }
        let value = try f.requiredString("value")
        var date: DateSpan? = nil
        if f["date"] != nil { date = try dateSpan(f, "date") }
        return StatementClaim(
            subject: countries.code(for: subjectText) ?? subjectText, property: property, value: value, date: date,
            sources: try sources(f, required: true))
    }

    // MARK: - Fields

    private func treatyCode(_ f: Fields) throws(AccordError) -> String {
        let code = try f.requiredString("treaty")
        guard Pattern.isTreatyCode(code) else {
            throw AccordError(.invalidInput, "treaty code \(quoted(code)) must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (like \"CCM\")")
        }
        return code
    }

    private func stateCode(_ f: Fields, _ key: String) throws(AccordError) -> String {
        let text = try f.requiredString(key)
        if let code = countries.code(for: text) { return code }
        throw AccordError(.invalidInput, "unknown state \(quoted(text)): give an ISO 3166-1 alpha-3 code or an English short name (did you mean \(countries.nearest(to: text))?)")
    }

    private func factKey(_ f: Fields) throws(AccordError) -> FactKey {
        let text = try f.requiredString("fact")
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace }), let key = FactKey(text) else {
            throw AccordError(.invalidInput, "\"fact\" \(quoted(text)) is not a fact key (like \"action/CCM/LTU/ratification\" or \"statement/LTU/uxo-mitigation\")")
        }
        return key
    }

    private func note(_ f: Fields) throws(AccordError) -> String? {
        guard let value = f["note"] else { return nil }
        guard case .string(let text) = value, !text.isEmpty, text.unicodeScalars.count <= 2000 else {
            throw AccordError(.invalidInput, "\"note\" must be a string of 1 to 2000 characters")
        }
        return text
    }

    private func supersedes(_ f: Fields) throws(AccordError) -> [EventID] {
        guard let value = f["supersedes"] else { return [] }
        guard case .array(let items) = value, !items.isEmpty else {
            throw AccordError(.invalidInput, "\"supersedes\" must be a non-empty array of event ids")
        }
        guard items.count <= Claim.maximumSupersedes else {
            throw AccordError(.invalidInput, "\"supersedes\" lists \(items.count) event ids, more than \(Claim.maximumSupersedes), the most a claim may")
        }
        var ids: [EventID] = []
        var seen: Set<EventID> = []
        for (i, item) in items.enumerated() {
            guard case .string(let text) = item, let id = EventID(hex: text) else {
                throw AccordError(.invalidInput, "supersedes[\(i)] must be an event id: 64 lowercase hex digits (see `accord log`)")
            }
            guard seen.insert(id).inserted else { throw AccordError(.invalidInput, "supersedes[\(i)] repeats event \(id.short)…") }
            ids.append(id)
        }
        return ids
    }

    private func dateSpan(_ f: Fields, _ key: String) throws(AccordError) -> DateSpan {
        guard let value = f[key] else { throw AccordError(.invalidInput, "\(quoted(key)) is missing (an ISO 8601 date: YYYY, YYYY-MM, YYYY-MM-DD or an interval A/B)") }
        guard case .string(let text) = value else { throw AccordError(.invalidInput, "\(quoted(key)) must be a date in a string, like \"2024-07-18\"") }
        switch DateSpan.parse(text) {
        case .success(let span): return span
        case .failure(.shape):
            throw AccordError(.invalidInput, "\(f.path)\(key) \(quoted(text)) is not an ISO 8601 date (YYYY, YYYY-MM, YYYY-MM-DD or an interval A/B)")
        case .failure(.notInCalendar(let part)):
            throw AccordError(.invalidInput, "\(f.path)\(key) \(quoted(part)) is not a calendar date")
        case .failure(.reversed):
            throw AccordError(.invalidInput, "\(f.path)\(key) \(quoted(text)) ends before it starts")
        }
    }

    private func singleDate(_ f: Fields, _ key: String) throws(AccordError) -> PartialDate {
        let span = try dateSpan(f, key)
        guard span.end == nil else {
            throw AccordError(.invalidInput, "\(f.path)\(key) must be one date, not an interval")
        }
        return span.start
    }

    private func rule(_ f: Fields, _ key: String) throws(AccordError) -> TreatyRule {
        guard let value = f[key] else {
            throw AccordError(.invalidInput, "a treaty claim needs \(quoted(key)), like {\"rule\":\"months-after\",\"months\":6}")
        }
        guard case .object(let members) = value else { throw AccordError(.invalidInput, "\(quoted(key)) must be an object like {\"rule\":\"months-after\",\"months\":6}") }
        let r = Fields(members: members, path: "\(key).")
        try r.allow(Self.ruleKeys, in: "\(quoted(key))")
        let name = try r.requiredString("rule")
        let valid = "on-deposit, first-day-of-month-after, months-after, days-after"
        func count(_ field: String, _ range: ClosedRange<Int64>) throws(AccordError) -> Int {
            guard let v = r[field] else { throw AccordError(.invalidInput, "\(key): rule \(quoted(name)) needs \(quoted(field))") }
            guard case .integer(let n) = v, range.contains(n) else {
                throw AccordError(.invalidInput, "\(key).\(field) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return Int(n)
        }
        func refuse(_ field: String) throws(AccordError) {
            if r[field] != nil { throw AccordError(.invalidInput, "\(key): rule \(quoted(name)) takes no \(quoted(field))") }
        }
        switch name {
        case "on-deposit":
            try refuse("months"); try refuse("days")
            return .onDeposit
        case "first-day-of-month-after":
            try refuse("days")
            return .firstDayOfMonthAfter(months: try count("months", 1...120))
        case "months-after":
            try refuse("days")
            return .monthsAfter(months: try count("months", 1...120))
        case "days-after":
            try refuse("months")
            return .daysAfter(days: try count("days", 1...3650))
        default:
            throw AccordError(.invalidInput, "\(key): unknown rule \(quoted(name)): valid rules are \(valid)")
        }
    }

    private func tally(_ f: Fields) throws(AccordError) -> Tally {
        guard case .object(let members)? = f["tally"] else {
            throw AccordError(.invalidInput, "\"tally\" must be an object like {\"for\":103,\"against\":1,\"abstain\":3}")
        }
        let t = Fields(members: members, path: "tally.")
        try t.allow(Self.tallyKeys, in: "\"tally\"")
        guard !members.isEmpty else { throw AccordError(.invalidInput, "\"tally\" must give at least one of \"for\", \"against\", \"abstain\"") }
        func count(_ key: String) throws(AccordError) -> Int64? {
            guard let v = t[key] else { return nil }
            guard case .integer(let n) = v, n >= 0 else {
                throw AccordError(.invalidInput, "tally.\(key) must be a whole number of votes, 0 or more")
            }
            return n
        }
        return Tally(inFavour: try count("for"), against: try count("against"), abstaining: try count("abstain"))
    }

    private func sources(_ f: Fields, required: Bool) throws(AccordError) -> [Source] {
        guard let value = f["sources"] else {
            if required { throw AccordError(.invalidInput, "\"sources\" is missing: every action and statement needs at least one source with a \"url\"") }
            return []
        }
        guard case .array(let items) = value else { throw AccordError(.invalidInput, "\"sources\" must be an array of sources") }
        if required && items.isEmpty {
            throw AccordError(.invalidInput, "\"sources\" is empty: every action and statement needs at least one source with a \"url\"")
        }
        var result: [Source] = []
        for (i, item) in items.enumerated() {
            guard case .object(let members) = item else {
                throw AccordError(.invalidInput, "sources[\(i)] must be an object with a \"url\"")
            }
            let s = Fields(members: members, path: "sources[\(i)].")
            try s.allow(Self.sourceKeys, in: "sources[\(i)]")
            guard s["url"] != nil else { throw AccordError(.invalidInput, "sources[\(i)].url is missing") }
            var source = Source(url: try s.requiredString("url"))
            if s["outlet"] != nil { source.outlet = try s.requiredString("outlet") }
            if s["quote"] != nil { source.quote = try s.requiredString("quote") }
            if s["published"] != nil { source.published = try singleDate(s, "published") }
            if s["retrieved"] != nil { source.retrieved = try singleDate(s, "retrieved") }
            result.append(source)
        }
        return result
    }
}

/// The members of one JSON object being decoded, with the path used in messages.
struct Fields {
    let members: [(key: String, value: JSONValue)]
    /// `sources[0].` etc.; empty at the top.
    let path: String

    subscript(key: String) -> JSONValue? { members.first { $0.key == key }?.value }

    func allow(_ keys: Set<String>, in what: String) throws(AccordError) {
        for member in members where !keys.contains(member.key) {
            throw AccordError(.invalidInput, "unknown field \(quoted(member.key)) in \(what) (allowed: \(keys.sorted().joined(separator: ", ")))")
        }
    }

    func requiredString(_ key: String) throws(AccordError) -> String {
        guard let value = self[key] else { throw AccordError(.invalidInput, "\"\(path)\(key)\" is missing") }
        guard case .string(let text) = value, !text.isEmpty else {
            throw AccordError(.invalidInput, "\"\(path)\(key)\" must be a non-empty string")
        }
        return text
    }
}

/// The text patterns of the schemas, checked without regular expressions.
enum Pattern {
    /// `^[a-z0-9][a-z0-9-]{0,max-1}$`
    static func isKebab(_ text: String, max: Int) -> Bool {
        let b = Array(text.utf8)
        guard !b.isEmpty, b.count <= max, b[0] != 0x2d else { return false }
        return b.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2d }
    }

    /// `^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`
    static func isTreatyCode(_ text: String) -> Bool {
        let b = Array(text.utf8)
        func alnum(_ c: UInt8) -> Bool { (0x61...0x7a).contains(c) || (0x41...0x5a).contains(c) || (0x30...0x39).contains(c) }
        guard !b.isEmpty, b.count <= 64, alnum(b[0]) else { return false }
        return b.allSatisfy { alnum($0) || $0 == 0x2e || $0 == 0x5f || $0 == 0x2d }
    }
}

/// A value from the input as a JSON string literal, for messages: quotes,
/// newlines and control characters escaped, so an error stays one line.
func quoted(_ text: String) -> String {
    var w = JSONWriter()
    w.string(text)
    return w.string
}
