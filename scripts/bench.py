#!/usr/bin/env python3
"""Casebook at scale: each figure beside its floor, measured in the same run on this machine.

Generates councils of 10,000 and 100,000 complaints (scripts/gen-council.py, imported with
`casebook import`), then measures, release build:
  - import of a 50,000-row log into an empty database and into one holding 100,000 cases (rows/s
    and peak memory) against Python's sqlite3 writing the same rows, tags, post text, search index
    and a hash-chained audit trail in one transaction;
  - `report stats` at 10,000 (and 100,000) against the same aggregates in the sqlite3 CLI;
  - the annual report in all six formats at 10,000 (one command: the figures are made once);
  - `search` and a filtered `case list` at 100,000 against the raw FTS5 / SQL query in sqlite3;
  - the desktop app on 100,000 cases against the hello-world Tauri window (with --app, under a
    display: launch to first screen, unlock to dashboard, "Cases" to the first rows, memory);
  - the release binaries' sizes.

Usage (after `cargo build --release -p casebook-cli -p casebook-desktop`, and for --app
`(cd bench/hello-tauri && CARGO_TARGET_DIR=../../target/bench cargo build --release)`):
    python3 scripts/bench.py [--big 100000] [--app]        # --app under xvfb-run -a
Databases are unencrypted so the sqlite3 CLI can read the same file (the app's copy is encrypted
with `casebook encrypt`, as a council's would be). Needs the sqlite3 CLI (apt-get install sqlite3).
"""
import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, "target", "release", "casebook")
DESKTOP = os.path.join(ROOT, "target", "release", "casebook-desktop")
HELLO = os.path.join(ROOT, "target", "bench", "release", "hello-tauri")
ENV = dict(os.environ, CASEBOOK_ACTOR="Bench Officer", FONTCONFIG_FILE="/dev/null")
PERIOD = ("2025-05-01", "2026-04-30")


def run(args, db, quiet=True):
    """Runs the CLI on `db`; returns (seconds, stdout, peak RSS of that process in MiB).

    The peak is the process's own (wait4), not the most any child of this script ever used
    (RUSAGE_CHILDREN also counts the log generator and the sqlite3 floors)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.monotonic()
        p = subprocess.Popen([CLI, "--db", db, *args], env=ENV, stdout=out, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        took = time.monotonic() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if p.returncode != 0:
        raise SystemExit(f"casebook {' '.join(args)} failed: {stderr}")
    return took, stdout, usage.ru_maxrss / 1024


def best(n, f):
    return statistics.median(f() for _ in range(n))


def sqlite_cli(db, sql):
    t = time.monotonic()
    subprocess.run(["sqlite3", db], input=sql, capture_output=True, text=True, check=True)
    return time.monotonic() - t


def line(what, value, unit, floor=None, floor_what="", limit=None):
    text = f"{what:58} {value:10.3f} {unit}"
    if floor is not None:
        ratio = value / floor if floor else float("inf")
        text += f"   floor {floor:8.3f} {unit} ({floor_what}), {ratio:5.2f}×"
    if limit is not None:
        text += f"   target {limit}"
    print(text, flush=True)


def generate(path, n, start=1):
    with open(path, "w") as f:
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen-council.py"), str(n),
                        "--start", str(start)], stdout=f, check=True)


def council(path, csv):
    run(["init", "--unencrypted"], path)
    return run(["import", csv], path)


def python_floor(csv_path, db_path):
    """The same rows written by Python's sqlite3, the plainest way that keeps what Casebook keeps:
    a case row, its tags, its post text, a full-text index and one hash-chained audit entry per
    record, in one transaction. Rows per second."""
    import csv
    rows = list(csv.DictReader(open(csv_path, newline="")))
    c = sqlite3.connect(db_path)
    c.executescript("""
        CREATE TABLE cases (id INTEGER PRIMARY KEY, reference TEXT UNIQUE, received_on TEXT,
            complainant TEXT, councillor TEXT, council TEXT, platform TEXT, summary TEXT,
            stage TEXT, outcome TEXT);
        CREATE TABLE case_tag (case_id INTEGER, code TEXT);
        CREATE TABLE evidence (id INTEGER PRIMARY KEY, case_id INTEGER, text TEXT, sha256 TEXT);
        CREATE TABLE stage_event (id INTEGER PRIMARY KEY, case_id INTEGER, stage TEXT, on_date TEXT);
        CREATE VIRTUAL TABLE case_search USING fts5(reference, summary, post_text,
            tokenize = 'porter unicode61 remove_diacritics 2');
        CREATE TABLE audit (seq INTEGER PRIMARY KEY, entity TEXT, entity_id INTEGER, changes TEXT,
            prev_hash TEXT, hash TEXT);
    """)
    t = time.monotonic()
    prev = "0" * 64
    seq = 0

    def audit(entity, eid, changes):
        nonlocal prev, seq
        seq += 1
        body = json.dumps(changes, sort_keys=True)
        h = hashlib.sha256(f"{seq}|{entity}|{eid}|{body}|{prev}".encode()).hexdigest()
        c.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?)", (seq, entity, eid, body, prev, h))
        prev = h

    with c:
        for i, r in enumerate(rows):
            ref = f"SC-{r['received_on'][:4]}-{i + 1:05}"
            cur = c.execute("INSERT INTO cases (reference, received_on, complainant, councillor, council,"
                            " platform, summary, stage, outcome) VALUES (?,?,?,?,?,?,?,?,?)",
                            (ref, r["received_on"], r["complainant_name"], r["councillor_name"],
                             r["council"], r["platform"], r["summary"], r["stage"], r["outcome"]))
            cid = cur.lastrowid
            audit("cases", cid, r)
            for code in filter(None, r["tags"].split(";")):
                c.execute("INSERT INTO case_tag VALUES (?, ?)", (cid, code))
                audit("case_tag", cid, {"code": code})
            if r["post_text"]:
                sha = hashlib.sha256(r["post_text"].encode()).hexdigest()
                c.execute("INSERT INTO evidence (case_id, text, sha256) VALUES (?, ?, ?)",
                          (cid, r["post_text"], sha))
                audit("evidence", cid, {"sha256": sha})
            for stage, day in (("acknowledged", r["acknowledged_on"]), ("decision", r["decided_on"]),
                               ("closed", r["closed_on"])):
                if day:
                    c.execute("INSERT INTO stage_event (case_id, stage, on_date) VALUES (?, ?, ?)",
                              (cid, stage, day))
                    audit("stage_event", cid, {"stage": stage, "on": day})
            c.execute("INSERT INTO case_search (rowid, reference, summary, post_text) VALUES (?,?,?,?)",
                      (cid, ref, r["summary"], r["post_text"]))
    took = time.monotonic() - t
    c.close()
    return len(rows) / took


STATS_SQL = f"""
SELECT complainant_type, count(*) FROM cases WHERE received_on BETWEEN '{PERIOD[0]}' AND '{PERIOD[1]}' GROUP BY 1;
SELECT c.council, count(*) FROM cases k JOIN councillor c ON c.id = k.councillor_id WHERE received_on BETWEEN '{PERIOD[0]}' AND '{PERIOD[1]}' GROUP BY 1;
SELECT platform, count(*) FROM cases WHERE received_on BETWEEN '{PERIOD[0]}' AND '{PERIOD[1]}' GROUP BY 1;
SELECT substr(received_on, 1, 7), count(*) FROM cases WHERE received_on BETWEEN '{PERIOD[0]}' AND '{PERIOD[1]}' GROUP BY 1;
SELECT i.kind, i.code, count(*) FROM case_tag t JOIN catalogue_item i ON i.id = t.item_id JOIN cases k ON k.id = t.case_id WHERE k.received_on BETWEEN '{PERIOD[0]}' AND '{PERIOD[1]}' GROUP BY 1, 2;
SELECT capacity_determination, count(*) FROM cases WHERE received_on BETWEEN '{PERIOD[0]}' AND '{PERIOD[1]}' GROUP BY 1;
SELECT e.outcome, count(*) FROM stage_event e JOIN cases k ON k.id = e.case_id WHERE e.stage = 'decision' AND k.received_on BETWEEN '{PERIOD[0]}' AND '{PERIOD[1]}' GROUP BY 1;
SELECT e.outcome, count(*) FROM stage_event e JOIN cases k ON k.id = e.case_id WHERE e.stage = 'outcome' AND k.received_on BETWEEN '{PERIOD[0]}' AND '{PERIOD[1]}' GROUP BY 1;
SELECT count(*) FROM (SELECT councillor_id FROM cases WHERE received_on BETWEEN '{PERIOD[0]}' AND '{PERIOD[1]}' GROUP BY 1 HAVING count(*) > 1);
"""


def app_figures(db100k, work):
    """The desktop app on the 100,000-case council against the hello-world window."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("measure_startup", os.path.join(ROOT, "scripts", "measure-startup.py"))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    enc = os.path.join(work, "app.sqlite3")
    shutil.copy(db100k, enc)
    subprocess.run([CLI, "--db", enc, "encrypt"], env=dict(ENV, CASEBOOK_PASSPHRASE=m.PASSPHRASE),
                   check=True, capture_output=True)
    runs = []
    hello = []
    for i in range(3):
        copy = os.path.join(work, f"app{i}.sqlite3")
        shutil.copy(enc, copy)
        runs.append(m.measure(DESKTOP, ["--db", copy], "#passphrase", work, cases=True,
                              actor=ENV["CASEBOOK_ACTOR"]))
        hello.append(m.measure(HELLO, [], "h1", work))
    med = lambda rows, i: statistics.median(r[i] for r in rows)
    h_launch, h_pss = med(hello, 0), med(hello, 4)
    line("app: launch -> lock screen painted, 100k cases", med(runs, 0), "s", h_launch, "hello-world window", "<= 1.3x")
    line("app: launch -> lock screen + Unlock -> dashboard, 100k", med(runs, 0) + med(runs, 2), "s", h_launch, "hello-world window", "<= 1.3x")
    line("app: Cases clicked -> first rows painted, 100k", med(runs, 1) * 1000, "ms", None, "", "<= 150 ms")
    line("app: memory after settling (PSS, app + WebKit), 100k", med(runs, 4), "MiB", h_pss, "hello-world PSS", "<= 1.3x")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--big", type=int, default=100_000, help="cases in the large council")
    ap.add_argument("--small", type=int, default=10_000, help="cases in the report council")
    ap.add_argument("--log", type=int, default=50_000, help="rows in the imported log")
    ap.add_argument("--app", action="store_true", help="also measure the desktop app (needs a display)")
    a = ap.parse_args()
    for b in [CLI] + ([DESKTOP, HELLO] if a.app else []):
        if not os.path.exists(b):
            raise SystemExit(f"{b} is missing: see the usage at the top of {__file__}")
    if not shutil.which("sqlite3"):
        raise SystemExit("the sqlite3 CLI is needed for the floors: apt-get install sqlite3")
    work = tempfile.mkdtemp(prefix="casebook-bench-", dir=os.environ.get("TMPDIR", "/tmp"))
    try:
        small_csv, big_csv, log_csv = (os.path.join(work, f) for f in ("small.csv", "big.csv", "log.csv"))
        generate(small_csv, a.small)
        generate(big_csv, a.big)
        generate(log_csv, a.log, start=a.big + 1)
        print(f"Generated logs of {a.small:,}, {a.big:,} and {a.log:,} rows in {work}", flush=True)

        # Import: the floor first, then into an empty database and into the large council.
        floor = python_floor(log_csv, os.path.join(work, "floor.sqlite3"))
        empty = os.path.join(work, "empty.sqlite3")
        took, _, peak = council(empty, log_csv)
        line(f"import {a.log:,} rows into an empty database", a.log / took, "rows/s", floor,
             "python sqlite3", ">= 5,000 rows/s, <= 4x the floor")
        print(f"{'':58} peak memory {peak:.0f} MiB", flush=True)
        big = os.path.join(work, "big.sqlite3")
        took, _, _ = council(big, big_csv)
        line(f"import {a.big:,} rows into an empty database (the large council)", a.big / took, "rows/s")
        before = os.path.join(work, "big-before.sqlite3")
        shutil.copy(big, before)
        took, _, peak = run(["import", log_csv], big)
        line(f"import {a.log:,} rows into a database of {a.big:,}", a.log / took, "rows/s", floor,
             "python sqlite3", ">= 5,000 rows/s, <= 4x the floor")
        print(f"{'':58} peak memory {peak:.0f} MiB", flush=True)
        big = before

        # Report figures at the small council, and the stats at the large one.
        small = os.path.join(work, "small.sqlite3")
        council(small, small_csv)
        stats = ["report", "stats", "--from", PERIOD[0], "--to", PERIOD[1], "--json"]
        raw = best(5, lambda: sqlite_cli(small, STATS_SQL))
        line(f"report stats --json, {a.small:,} cases", best(5, lambda: run(stats, small)[0]), "s", raw,
             "the aggregates in sqlite3", "<= 2x")
        out = os.path.join(work, "papers")
        annual = ["report", "annual", "--from", PERIOD[0], "--to", PERIOD[1], "--format", "all", "--out", out]
        line(f"report annual, all six formats, {a.small:,} cases", best(3, lambda: run(annual, small)[0]), "s",
             None, "", "<= 2.5 s")
        line(f"report stats --json, {a.big:,} cases", best(3, lambda: run(stats, big)[0]), "s",
             best(3, lambda: sqlite_cli(big, STATS_SQL)), "the aggregates in sqlite3", "<= 2 s")

        # Search and a filtered list at the large council.
        # The floors are the very queries Casebook runs (crates/casebook-store/src/search.rs and
        # case/list.rs), so each ratio is what Casebook adds: starting, opening the file, logging
        # the look in the access log, printing.
        fts = ("SELECT k.reference, k.received_on, c.name AS councillor, k.summary, "
               "snippet(case_search, -1, '[', ']', '…', 12) AS snippet "
               "FROM case_search s JOIN cases k ON k.id = s.rowid JOIN councillor c ON c.id = k.councillor_id "
               "WHERE case_search MATCH '\"rats\"*' AND s.rank MATCH 'bm25(10.0, 5.0, 2.0, 2.0, 1.0)' "
               "ORDER BY s.rank LIMIT 50;")
        line(f"search rats, {a.big:,} cases", best(5, lambda: run(["search", "rats"], big)[0]), "s",
             best(5, lambda: sqlite_cli(big, fts)), "the same FTS5 query in sqlite3", "<= 1.5x")
        listing = ("SELECT k.id, k.reference, k.received_on, c.id AS councillor_id, c.name AS councillor, c.council, "
                   "k.platform, k.summary, k.capacity_determination, "
                   "(SELECT group_concat(code, ';') FROM (SELECT i.code FROM case_tag t "
                   "JOIN catalogue_item i ON i.id = t.item_id WHERE t.case_id = k.id ORDER BY i.position)) AS tags, "
                   "(SELECT count(*) FROM evidence e WHERE e.case_id = k.id) AS evidence_count, p.stage "
                   "FROM cases k JOIN councillor c ON c.id = k.councillor_id JOIN case_progress p ON p.case_id = k.id "
                   "WHERE k.disposal_id IS NULL AND k.received_on BETWEEN '2024-01-01' AND '2024-12-31' "
                   "AND k.platform = 'TikTok' ORDER BY k.received_on DESC, k.reference DESC, k.id DESC;")
        line(f"case list --platform TikTok --year 2024, {a.big:,} cases",
             best(5, lambda: run(["case", "list", "--platform", "TikTok", "--year", "2024"], big)[0]), "s",
             best(5, lambda: sqlite_cli(big, listing)), "the same SQL query in sqlite3", "<= 1.5x")

        if a.app:
            app_figures(big, work)
        for name, path in (("casebook-desktop", DESKTOP), ("casebook (CLI)", CLI), ("hello-tauri", HELLO)):
            if os.path.exists(path):
                print(f"{'release binary ' + name:58} {os.path.getsize(path) / 1e6:10.1f} MB", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
