#!/usr/bin/env python3
"""Writes a campaign journal's rows (campaign, sessions, jobs, attempts, results with their
documents) as one JSON file, so that report tests can rebuild the same journal through
store::Journal from what a real campaign recorded (tests/unit/report/fixture.cc).

usage: journal_fixture.py JOURNAL.db OUT.json [--note TEXT]
The documents are copied byte for byte; nothing is computed or changed."""
import argparse
import json
import sqlite3


def table(db, sql):
    db.row_factory = sqlite3.Row
    return [dict(row) for row in db.execute(sql)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("journal")
    parser.add_argument("out")
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    db = sqlite3.connect(f"file:{args.journal}?mode=ro", uri=True)
    fixture = {
        "note": args.note,
        "campaign": table(db, "SELECT * FROM campaign")[0],
        "sessions": table(db, "SELECT * FROM session ORDER BY planned_start, id"),
        "jobs": table(db, "SELECT * FROM job ORDER BY session, seq"),
        "attempts": table(db, "SELECT * FROM attempt ORDER BY id"),
        "results": table(db, "SELECT job, attempt_id, status, sha256, json, received_at"
                             " FROM result ORDER BY id"),
    }
    # The plan and spec are large and not read by reports.
    fixture["campaign"]["plan_json"] = "{}"
    fixture["campaign"]["spec_json"] = "{}"
    with open(args.out, "w") as out:
        json.dump(fixture, out, indent=1, sort_keys=True)
        out.write("\n")


if __name__ == "__main__":
    main()
