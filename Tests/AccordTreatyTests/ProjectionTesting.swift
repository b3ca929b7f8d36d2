import AccordLog
import AccordTestSupport
@testable import AccordTreaty
import Foundation
import GRDB

/// What the projection, status and query tests share: replicas on real SQLite
/// stores with a fixed key and a clock the test sets, claims written as the
/// JSON Lines a user would append, and byte-level snapshots of the projections.
///
/// Namespaced so the names cannot collide with other test files of the module.
enum ProjectionTesting {
    /// A wall clock the test sets, so the recorded time of every claim is known.
    final class ScriptedClock: WallClock, @unchecked Sendable {
        private let lock = NSLock()
        private var milliseconds: Int64

        init(_ start: String = "2026-01-10T09:00:00Z") {
            milliseconds = RFC3339.parse(start)!
        }

        func now() -> Int64 { lock.withLock { milliseconds } }

        /// Sets the time the next claims are recorded at (RFC 3339).
        func set(_ rfc3339: String) {
            let ms = RFC3339.parse(rfc3339)!
            lock.withLock { milliseconds = ms }
        }
    }

    /// A fixed Ed25519 key: the same feed id on every run.
    static func key(_ byte: UInt8) -> ReplicaKey {
        try! ReplicaKey(rawRepresentation: Array(repeating: byte, count: 32))
    }

    /// A new replica in `directory/name`, with a fixed key and the given clock.
    static func replica(
        in directory: TemporaryDirectory, name: String = "ana", key byte: UInt8 = 1, clock: ScriptedClock = ScriptedClock()
    ) throws -> TreatyReplica {
        try TreatyReplica.create(at: directory.path(name), name: name, key: key(byte), clock: clock)
    }

    /// A claim from one line of JSON, as `accord append --file` reads it.
    static func claim(_ json: String) throws -> Claim {
        try ClaimDecoder().decode(json: Array(json.utf8))
    }

    /// Appends claims given as JSON lines, in one transaction.
    @discardableResult
    static func append(_ replica: TreatyReplica, _ lines: String...) throws -> [EventID] {
        try replica.append(lines.map(claim)).map(\.id)
    }

    /// Appends one claim that supersedes `ids`.
    @discardableResult
    static func append(_ replica: TreatyReplica, _ line: String, superseding ids: [EventID], note: String? = nil) throws -> EventID {
        var c = try claim(line)
        c.supersedes = ids
        c.note = note
        return try replica.append([c])[0].id
    }

    // MARK: - Claims

    /// The CCM as DOMAIN.md describes it.
    static let ccm = #"{"type":"treaty","treaty":"CCM","title":"Convention on Cluster Munitions","entry_into_force":"2010-08-01","consent_takes_effect":{"rule":"first-day-of-month-after","months":6},"withdrawal_takes_effect":{"rule":"months-after","months":6}}"#

    /// An action claim with one source.
    static func action(
        _ action: String, _ date: String, state: String = "LTU", treaty: String = "CCM", stage: String? = nil,
        tally: String? = nil, url: String = "https://example.org/a"
    ) -> String {
        var json = #"{"type":"action","treaty":"\#(treaty)","state":"\#(state)","action":"\#(action)""#
        if let stage { json += #","stage":"\#(stage)""# }
        json += #","date":"\#(date)""#
        if let tally { json += #","tally":\#(tally)"# }
        return json + #","sources":[{"url":"\#(url)"}]}"#
    }

    /// A statement claim with one source.
    static func statement(_ subject: String, _ property: String, _ value: String, url: String = "https://example.org/s") -> String {
        #"{"type":"statement","subject":"\#(subject)","property":"\#(property)","value":"\#(value)","sources":[{"url":"\#(url)"}]}"#
    }

    /// Lithuania and the CCM from the depositary's record (DOMAIN.md): signed, ratified, withdrew.
    static let lithuania = [
        ccm,
        action("signature", "2008-12-03"),
        action("ratification", "2011-03-24"),
        action("withdrawal-notification", "2024-09-06"),
    ]

    // MARK: - Queries

    /// Days since 1970 of a full date.
    static func day(_ text: String) -> Int {
        guard case .success(let date) = PartialDate.parse(text), date.precision == .day else {
            fatalError("not a full date: \(text)")
        }
        return date.firstDay
    }

    static func milliseconds(_ rfc3339: String) -> Int64 { RFC3339.parse(rfc3339)! }

    static func status(
        _ replica: TreatyReplica, _ state: String = "LTU", treaty: String = "CCM", on date: String, knownAt: String? = nil
    ) throws -> StatusAnswer {
        try replica.store.read { db in
            try StatusAnswer.answer(
                treaty: treaty, state: state, on: day(date),
                reader: ProjectionReader(db: db, knownAt: knownAt.map(milliseconds)))
        }
    }

    static func fact(_ replica: TreatyReplica, _ key: String, knownAt: String? = nil) throws -> FactState? {
        try replica.store.read { db in
            try ProjectionReader(db: db, knownAt: knownAt.map(milliseconds)).fact(FactKey(key)!)
        }
    }

    static func disputes(_ replica: TreatyReplica, knownAt: String? = nil) throws -> DisputesAnswer {
        try replica.store.read { db in
            try DisputesAnswer.answer(reader: ProjectionReader(db: db, knownAt: knownAt.map(milliseconds)))
        }
    }

    // MARK: - Snapshots

    /// Every row of the projection tables, each value tagged with its SQLite
    /// storage class: two snapshots are equal exactly when the tables are
    /// equal byte for byte.
    static func snapshot(_ db: Database, tables: [(name: String, order: String)] = projectionTables) throws -> String {
        var out = ""
        for (name, order) in tables {
            out += "## \(name)\n"
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(name) ORDER BY \(order)") {
                out += row.columnNames.map { column -> String in
                    let value: DatabaseValue = row[column]
                    switch value.storage {
                    case .null: return "\(column)=NULL"
                    case .int64(let v): return "\(column)=i\(v)"
                    case .double(let v): return "\(column)=d\(v)"
                    case .string(let v): return "\(column)=s\(v)"
                    case .blob(let v): return "\(column)=x\(v.map { String(format: "%02x", $0) }.joined())"
                    }
                }.joined(separator: " ") + "\n"
            }
        }
        return out
    }

    /// The tables a rebuild writes from the claims index.
    static let projectionTables: [(name: String, order: String)] = [
        ("facts", "fact"), ("status_periods", "treaty, state, n"), ("projection_position", "singleton"),
    ]

    /// The projection tables and the claims index a `rebuild(reindex: true)` rewrites.
    static let indexedTables: [(name: String, order: String)] = projectionTables + [
        ("claims", "event"), ("supersessions", "superseded, by_event"), ("unknown_claims", "event"),
    ]

    /// The first line where two snapshots differ, for failure messages.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(x.count, y.count) {
            let l = i < x.count ? String(x[i]) : "<none>"
            let r = i < y.count ? String(y[i]) : "<none>"
            if l != r { return "line \(i + 1):\n  incremental: \(l)\n  rebuilt:     \(r)" }
        }
        return "no difference"
    }
}

/// The projection properties' random numbers: the package's one seeded generator.
typealias ProjectionRandom = SeededGenerator
