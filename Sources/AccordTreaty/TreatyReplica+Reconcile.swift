import AccordLog
import Foundation
import GRDB

extension TreatyReplica {
    /// How a person settles a dispute.
    public enum Resolution: Sendable {
        /// Keep one head's claim (its value and sources).
        case pick(String)
        /// State the value: a date (`2024-07-18`) for an action, the text for a statement,
        /// or a JSON object (`{"date":"2024-07-18","tally":{"for":103}}`).
        case value(String)
    }

    /// Appends a claim that supersedes every current head of a disputed fact.
    ///
    /// It syncs like any claim; two concurrent resolutions that disagree are a dispute again.
    ///
    /// - Parameter sources: for `.value`: the sources of the new claim; when empty, the
    ///   sources of the heads that agree with the value.
    /// - Throws: `.notFound` for an unknown fact, `.invalidInput` when the fact is not disputed
    ///   or the pick is not one of its heads.
    public func resolve(_ key: FactKey, by resolution: Resolution, note: String?, sources: [Source] = []) throws(AccordError) -> (Envelope, Claim) {
        let (fact, headClaims) = try store.read { db -> (FactState?, [(EventID, Claim)]) in
            guard let fact = try TreatyProjector.storedFact(key, in: db) else { return (nil, []) }
            return (fact, try fact.heads.compactMap { id in
                guard let event = try LogTables.event(id, in: db), let claim = claim(of: event) else { return nil }
                return (id, claim)
            })
        }
        guard let fact else {
            throw AccordError(.notFound, "no fact \(key) in this store (see `accord disputes` or `accord log`)")
        }
        guard fact.isDisputed else {
            throw AccordError(.invalidInput, "\(key) is not disputed: its heads agree (\(fact.value?.summary ?? "")); to correct it, append a claim with \"supersedes\"")
        }
        var resolved: Claim
        switch resolution {
        case .pick(let text):
            let picked = headClaims.filter { $0.0.hex.hasPrefix(text.lowercased()) }
            guard text.count >= 8, picked.count == 1 else {
                let heads = fact.heads.map(\.short).joined(separator: ", ")
                throw AccordError(.invalidInput, "--pick \(text) is not one of the heads of \(key): \(heads)")
            }
            resolved = picked[0].1
        case .value(let text):
            guard let template = headClaims.first?.1 else { throw AccordError(.corruptStore, "the heads of \(key) are unreadable") }
            resolved = try resolvedClaim(template: template, value: text, key: key, heads: headClaims, sources: sources)
        }
        resolved.supersedes = fact.heads
        resolved.note = note
        let envelope = try append([resolved], places: ["resolve"])[0]
        return (envelope, resolved)
    }

    private func resolvedClaim(template: Claim, value text: String, key: FactKey, heads: [(EventID, Claim)], sources: [Source]) throws(AccordError) -> Claim {
        var claim = template
        let value: FactValue
        switch template.body {
        case .action(var action):
            if text.hasPrefix("{") {
                let members: [(key: String, value: JSONValue)]
                do {
                    guard case .object(let m) = try JSONParser.parse(Array(text.utf8)) else { throw AccordError(.invalidInput, "") }
                    members = m
                } catch {
                    throw AccordError(.invalidInput, "--value must be a date or a JSON object like {\"date\":\"2024-07-18\",\"tally\":{\"for\":103}}")
                }
                var json = claim.canonicalJSONValue
                json.removeAll { $0.key == "date" || $0.key == "tally" || $0.key == "supersedes" || $0.key == "note" }
                json += members
                let decoded = try domain.decoder.decode(.object(json))
                guard case .action(let a) = decoded.body else { throw AccordError(.invalidInput, "--value must describe an action") }
                action = a
            } else {
                switch DateSpan.parse(text) {
                case .success(let span): action.date = span; action.tally = nil
                case .failure: throw AccordError(.invalidInput, "--value \"\(text)\" is not a date (YYYY, YYYY-MM, YYYY-MM-DD or A/B)")
                }
            }
            claim.body = .action(action)
            value = .action(date: action.date, tally: action.tally)
        case .statement(var statement):
            statement.value = text
            claim.body = .statement(statement)
            value = .statement(text)
        case .treaty, .retraction:
            throw AccordError(.invalidInput, "a treaty's terms are resolved with --pick, not --value")
        }
        var chosen = sources
        if chosen.isEmpty {
            for (_, head) in heads where FactValue(head).map({ $0.agrees(with: value) }) ?? false {
                for s in head.sources where !chosen.contains(s) { chosen.append(s) }
            }
        }
        guard !chosen.isEmpty else {
            throw AccordError(.invalidInput, "no head of \(key) states \(text): give its source with --source URL")
        }
        switch claim.body {
        case .action(var a): a.sources = chosen; claim.body = .action(a)
        case .statement(var s): s.sources = chosen; claim.body = .statement(s)
        default: break
        }
        return claim
    }

    /// Appends a retraction of one claim: it stops being a head of its fact.
    public func retract(_ idText: String, note: String) throws(AccordError) -> (Envelope, Claim) {
        let event = try event(matching: idText)
        guard let target = claim(of: event) else {
            throw AccordError(.invalidInput, "event \(event.envelope.id.short)… is of a claim type this version does not know")
        }
        if case .retraction = target.body {
            throw AccordError(
                .invalidInput,
                "event \(event.envelope.id.short)… is itself a retraction, which cannot be retracted: to bring the claim back, append it again (a new claim of the same fact, with its sources), or settle the fact with `accord resolve`")
        }
        let supersededBy = try store.read { db in
            try Data.fetchOne(
                db, sql: "SELECT e.id FROM supersessions s JOIN events e ON e.num = s.by_event WHERE s.superseded = ?",
                arguments: [Data(event.envelope.id.bytes)])
        }
        if let by = supersededBy.flatMap({ EventID(bytes: Array($0)) }) {
            throw AccordError(.invalidInput, "claim \(event.envelope.id.short)… is already superseded by \(by.short)…")
        }
        let claim = Claim(.retraction(RetractionClaim(fact: target.fact)), note: note, supersedes: [event.envelope.id])
        return (try append([claim], places: ["retract"])[0], claim)
    }
}

extension Claim {
    /// The canonical JSON as an ordered object, for building variations of a claim.
    var canonicalJSONValue: [(key: String, value: JSONValue)] {
        (try? JSONParser.parse(canonicalJSON))?.objectValue ?? []
    }
}
