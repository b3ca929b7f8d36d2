import AccordLog
import GRDB

/// The treaty domain's tables. All are projections of the events table:
/// disposable, rebuilt by `accord rebuild`, checked by `accord check`.
///
/// - `claims`: one row per event of a known claim type, the columns projections
///   need, derived from the envelope when it is written (so folds never decode JSON).
/// - `supersessions`: which event ids each claim supersedes (the target may not have arrived yet).
/// - `facts`: a row per alternative of each fact (one when its heads agree), see ``FactTable``.
/// - `status_periods`: each (treaty, state)'s status periods (see ``StatusPeriodTable``);
///   until `treaty-v3`, `statuses` held one JSON variant per combination of disputed alternatives.
/// - `unknown_claims`: events whose claim type this version does not know.
/// - `projection_position`: the last event the projections reflect.
public enum TreatySchema {
    public static let part = SchemaPart(name: "treaty-v1") { db in
        try db.execute(sql: """
            CREATE TABLE claims (
                event         INTEGER PRIMARY KEY REFERENCES events(num),
                fact          TEXT NOT NULL,
                kind          TEXT NOT NULL CHECK (kind IN ('treaty', 'action', 'statement', 'retraction')),
                treaty        TEXT,
                state         TEXT,
                date          TEXT,
                tally_for     INTEGER,
                tally_against INTEGER,
                tally_abstain INTEGER,
                text          TEXT,
                recorded      INTEGER NOT NULL
            );
            CREATE INDEX claims_by_fact ON claims (fact);
            CREATE TABLE supersessions (
                superseded BLOB NOT NULL,
                by_event   INTEGER NOT NULL REFERENCES events(num),
                recorded   INTEGER NOT NULL,
                PRIMARY KEY (superseded, by_event)
            ) WITHOUT ROWID;
            CREATE TABLE facts (
                fact         TEXT PRIMARY KEY,
                treaty       TEXT,
                state        TEXT,
                disputed     INTEGER NOT NULL,
                alternatives TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX facts_by_treaty_state ON facts (treaty, state);
            CREATE INDEX facts_disputed ON facts (disputed) WHERE disputed = 1;
            CREATE TABLE statuses (
                treaty   TEXT NOT NULL,
                state    TEXT NOT NULL,
                variants TEXT NOT NULL,
                PRIMARY KEY (treaty, state)
            ) WITHOUT ROWID;
            CREATE TABLE unknown_claims (
                event INTEGER PRIMARY KEY REFERENCES events(num),
                type  TEXT NOT NULL
            );
            CREATE TABLE projection_position (
                singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                event     INTEGER NOT NULL
            );
            INSERT INTO projection_position VALUES (1, 0);
            """)
    }

    /// The claims index keeps each event's id, so folding a fact never reads the events table.
    public static let eventIDs = SchemaPart(name: "treaty-v2-claim-ids") { db in
        try db.execute(sql: """
            ALTER TABLE claims ADD COLUMN id BLOB NOT NULL DEFAULT x'';
            UPDATE claims SET id = (SELECT e.id FROM events e WHERE e.num = claims.event);
            """)
    }

    /// Status as periods in typed columns, replacing the JSON variants of `statuses` (whose size
    /// grew with the product of disputed alternatives), and facts as a row per alternative in typed
    /// columns, replacing their JSON; the projections are refolded in place,
    /// which also applies the corrected consent rule, `max(entry into force, rule(deposit))`.
    public static let statusPeriods = SchemaPart(name: "treaty-v3-status-periods") { db in
        try db.execute(sql: """
            DROP TABLE facts;
            CREATE TABLE facts (
                fact          TEXT NOT NULL,
                n             INTEGER NOT NULL,
                treaty        TEXT,
                state         TEXT,
                disputed      INTEGER NOT NULL,
                date          TEXT,
                first_day     INTEGER,
                last_day      INTEGER,
                tally_for     INTEGER,
                tally_against INTEGER,
                tally_abstain INTEGER,
                value         TEXT,
                heads         BLOB NOT NULL,
                PRIMARY KEY (fact, n)
            ) WITHOUT ROWID;
            CREATE INDEX facts_by_treaty_state ON facts (treaty, state);
            CREATE INDEX facts_disputed ON facts (disputed) WHERE disputed = 1;
            DROP TABLE statuses;
            CREATE TABLE status_periods (
                treaty     TEXT NOT NULL,
                state      TEXT NOT NULL,
                n          INTEGER NOT NULL,
                status     TEXT NOT NULL
                           CHECK (status IN ('not-party', 'signatory', 'consented', 'party', 'withdrawn', 'deposited')),
                from_date  TEXT,
                to_date    TEXT,
                from_day   INTEGER,
                to_day     INTEGER,
                since_date TEXT,
                since_day  INTEGER,
                computed   INTEGER NOT NULL,
                disputed   INTEGER NOT NULL,
                events     BLOB NOT NULL,
                PRIMARY KEY (treaty, state, n)
            ) WITHOUT ROWID;
            """)
        try TreatyProjector.rebuild(in: db)
    }
}
