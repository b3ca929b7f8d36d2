import AccordLog
import Foundation
import GRDB

/// `accord show`: a fact's whole story for a person — every claim of it in the order this
/// replica holds them (value or retraction, sources, note, the replica that recorded it and
/// when, what it supersedes), then its current heads and whether they agree.
public struct FactStory: Sendable {
    /// One claim of the fact.
    public struct Entry: Sendable {
        public enum Kind: String, Sendable {
            case claim, correction, resolution, retraction
        }

        public var id: EventID
        public var kind: Kind
        /// Nil for a retraction.
        public var value: FactValue?
        public var sources: [Source]
        public var note: String?
        public var replica: String
        public var recorded: HLCTimestamp
        public var supersedes: [EventID]
    }

    public var fact: FactKey
    public var entries: [Entry]
    /// The fact now: its alternatives and their heads (empty when every claim was retracted).
    public var now: FactState?

    /// The story of `key` as this replica holds it.
    static func story(of key: FactKey, in db: Database) throws -> FactStory {
        let names = try LogTables.feedNames(in: db)
        let decoder = ClaimDecoder()
        var entries: [Entry] = []
        let rows = try Row.fetchAll(
            db, sql: "SELECT e.body FROM claims c JOIN events e ON e.num = c.event WHERE c.fact = ? ORDER BY c.recorded, e.num",
            arguments: [key.description])
        for row in rows {
            let body: Data = row[0]
            let envelope = try Envelope.parse(Array(body))
            guard let claim = try? decoder.decode(json: envelope.claimBytes) else { continue }
            let kind: Entry.Kind
            switch (claim.body, claim.supersedes.count) {
            case (.retraction, _): kind = .retraction
            case (_, 0): kind = .claim
            case (_, 1): kind = .correction
            default: kind = .resolution
            }
            entries.append(Entry(
                id: envelope.id, kind: kind, value: FactValue(claim), sources: claim.sources, note: claim.note,
                replica: names[envelope.feed] ?? envelope.feed.short, recorded: envelope.recorded, supersedes: claim.supersedes))
        }
        guard !entries.isEmpty else {
            throw AccordError(.notFound, "no claim of \(key) in this replica (see `accord disputes` or `accord log` for facts it holds)")
        }
        return FactStory(fact: key, entries: entries, now: try FactTable.fact(key, in: db))
    }

    /// `{"fact":…,"entries":[{"id","kind","value","sources","note","replica","recorded","supersedes"}],"heads":[…],"disputed":…}`
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("fact"); w.string(fact.description)
        w.key("entries")
        w.beginArray()
        for e in entries {
            w.beginObject()
            w.key("id"); w.string(e.id.hex)
            w.key("kind"); w.string(e.kind.rawValue)
            w.key("value"); if let value = e.value { value.write(to: &w) } else { w.null() }
            w.key("sources"); Source.write(e.sources, to: &w)
            w.key("note"); if let note = e.note { w.string(note) } else { w.null() }
            w.key("replica"); w.string(e.replica)
            w.key("recorded"); w.string(e.recorded.rfc3339)
            w.key("supersedes"); w.eventIDs(e.supersedes)
            w.endObject()
        }
        w.endArray()
        w.key("alternatives")
        w.beginArray()
        for alternative in now?.alternatives ?? [] {
            w.beginObject()
            w.key("value"); alternative.value.write(to: &w)
            w.key("heads"); w.eventIDs(alternative.heads)
            w.endObject()
        }
        w.endArray()
        w.key("disputed"); w.bool(now?.isDisputed ?? false)
        w.endObject()
    }
}

extension TreatyReplica {
    /// The story of a fact, named by its key (`action/CCM/LTU/ratification`) or by the id (or an
    /// id prefix of 8+ hex digits) of one of its claims.
    public func story(of text: String) throws(AccordError) -> FactStory {
        let key: FactKey
        if let parsed = FactKey(text) {
            key = parsed
        } else {
            let event = try event(matching: text)
            guard let claim = claim(of: event) else {
                throw AccordError(.invalidInput, "event \(event.envelope.id.short)… is of a claim type this version does not know")
            }
            key = claim.fact
        }
        return try store.read { db in try FactStory.story(of: key, in: db) }
    }
}
