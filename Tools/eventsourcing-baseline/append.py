#!/usr/bin/env python3
"""Python `eventsourcing` appending the benchmark's claims, for accord-bench.

Reads the same JSON Lines file of claims that Accord's append phase reads and
records each claim as one event of one aggregate (a feed, as Accord has one feed
per replica), saving every BATCH events with `Application.save` — the library's
way to record many events in one transaction — into its SQLite persistence
(`PERSISTENCE_MODULE=eventsourcing.sqlite`, a file database, so WAL as the
library sets it). Timed: reading and parsing the lines, triggering the events,
saving them. Prints one JSON object on stdout.

    python append.py --claims claims.jsonl --db /tmp/es.sqlite [--batch 1000]

Run by `accord-bench --eventsourcing` with the interpreter that
Tools/eventsourcing-baseline/install sets up (eventsourcing 9.5.6 from PyPI).
"""

import argparse
import json
import os
import sqlite3
import sys
import time
from importlib.metadata import version


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", required=True, help="JSON Lines file of claims")
    parser.add_argument("--db", required=True, help="SQLite file to create (must not exist)")
    parser.add_argument("--batch", type=int, default=1000, help="events per Application.save")
    args = parser.parse_args()
    if os.path.exists(args.db):
        print(f"{args.db}: exists; give a new file", file=sys.stderr)
        return 1

    os.environ["PERSISTENCE_MODULE"] = "eventsourcing.sqlite"
    os.environ["SQLITE_DBNAME"] = args.db
    from eventsourcing.application import Application
    from eventsourcing.domain import Aggregate, event

    class Feed(Aggregate):
        """One replica's feed: every claim is one event of it."""

        @event("Recorded")
        def record(self, claim: dict) -> None:
            pass

    class Claims(Application):
        pass

    app = Claims()
    feed = Feed()
    app.save(feed)  # the aggregate's Created event, before timing

    events = 0
    started = time.perf_counter()
    with open(args.claims, "rb") as lines:
        pending = 0
        for line in lines:
            if not line.strip():
                continue
            feed.record(json.loads(line))
            pending += 1
            if pending == args.batch:
                app.save(feed)
                events += pending
                pending = 0
        if pending:
            app.save(feed)
            events += pending
    seconds = time.perf_counter() - started

    with app.recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM stored_events")
        stored = cursor.fetchone()[0]
        # The database's size as SQLite sees it, WAL included, as accord-bench measures Accord's.
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        page_size = cursor.fetchone()[0]
    app.close()
    if stored != events + 1:
        print(f"stored {stored} events, expected {events + 1}", file=sys.stderr)
        return 1

    print(json.dumps({
        "library": "eventsourcing",
        "version": version("eventsourcing"),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "persistence": "eventsourcing.sqlite",
        "journal_mode": journal_mode,
        "synchronous": synchronous,
        "batch": args.batch,
        "events": events,
        "seconds": seconds,
        "events_per_second": events / seconds if seconds > 0 else 0,
        "store_bytes": pages * page_size,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
