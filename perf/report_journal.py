#!/usr/bin/env python3
"""Builds a large journal for timing `report` (perf/report-scale.sh), from a real journal:
every session, job, attempt and result of SOURCE is copied until OUT holds --results
results, each copy under another instance type name. The copies are SYNTHETIC: the
documents' figures are the source's own, repeated; each copied document says
"synthetic": true in its metadata and the campaign id starts with "synthetic-". Use it for
timing only, never as data. The journal's schema comes from SOURCE itself (a file copy).

usage: report_journal.py SOURCE.db OUT.db [--results N] [--types a.large,b.xlarge,...]"""
import argparse
import json
import shutil
import sqlite3

DEFAULT_TYPES = [f"{family}.{size}" for family in
                 ("m7i", "c7i", "r7i", "m7a", "c7a", "r7a", "m7g", "c7g", "r7g")
                 for size in ("large", "xlarge", "2xlarge", "4xlarge", "8xlarge")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("out")
    parser.add_argument("--results", type=int, default=10000)
    parser.add_argument("--types", default=",".join(DEFAULT_TYPES))
    args = parser.parse_args()
    types = args.types.split(",")
    shutil.copyfile(args.source, args.out)
    db = sqlite3.connect(args.out)
    db.row_factory = sqlite3.Row
    sessions = [dict(r) for r in db.execute("SELECT * FROM session")]
    jobs = [dict(r) for r in db.execute("SELECT * FROM job")]
    attempts = [dict(r) for r in db.execute("SELECT * FROM attempt")]
    results = [dict(r) for r in db.execute("SELECT * FROM result")]
    if not results:
        raise SystemExit(f"{args.source}: no result to copy")
    db.execute("UPDATE campaign SET id = 'synthetic-' || id")
    copy, count = 0, len(results)
    while count < args.results:
        copy += 1
        suffix = f"#synthetic-{copy}"
        new_type = types[copy % len(types)]
        attempt_ids = {}
        for s in sessions:
            db.execute("INSERT INTO session VALUES (%s)" % ",".join("?" * len(s)),
                       [s[k] + suffix if k == "id" else new_type if k == "instance_type" else s[k]
                        for k in s])
        for j in jobs:
            db.execute("INSERT INTO job VALUES (%s)" % ",".join("?" * len(j)),
                       [j[k] + suffix if k in ("id", "session")
                        else new_type if k == "instance_type" else j[k] for k in j])
        for a in attempts:
            row = dict(a, id=None, session=a["session"] + suffix,
                       client_token=a["client_token"] + suffix,
                       usd_per_hour=0.05 * (1 + copy % 7))  # synthetic price, timing only
            cur = db.execute("INSERT INTO attempt VALUES (%s)" % ",".join("?" * len(row)),
                             list(row.values()))
            attempt_ids[a["id"]] = cur.lastrowid
        for r in results:
            if count >= args.results:
                break
            doc = json.loads(r["json"])
            meta = doc.setdefault("metadata", {})
            meta.update(synthetic=True, instance_type=new_type, planned_instance_type=new_type)
            db.execute("INSERT INTO result (job, attempt_id, status, sha256, json, received_at)"
                       " VALUES (?,?,?,?,?,?)",
                       (r["job"] + suffix, attempt_ids[r["attempt_id"]], r["status"], "synthetic",
                        json.dumps(doc), r["received_at"]))
            count += 1
    db.commit()
    print(f"{args.out}: {count} results ({copy} synthetic copies of {args.source})")


if __name__ == "__main__":
    main()
