#!/usr/bin/env python3
"""Times `casebook report annual` in every format, on the demo database and on a database of
N generated complaints (default 10,000) imported from a CSV log, and a demo decision notice.

    python3 scripts/measure-report.py [--cases 10000] [--runs 3] [--bin target/release/casebook]
        [--baseline OLD_BINARY]

Each figure is the median wall-clock time of --runs runs of one `report annual --format F`
process (opening the database, computing the figures, rendering and writing the file).

With --baseline, the same papers are made by an earlier build too, in the same run on the same
machine, and the PDF figures are printed beside the floors they must meet: the demo annual report
under 500 KB and faster than the baseline, the decision notice under 150 KB, and the 10,000-case
report smaller than the baseline's and no slower. To build the baseline (the last genpdf commit):

    git worktree add /tmp/casebook-genpdf 6c2e9f8
    (cd /tmp/casebook-genpdf && CARGO_TARGET_DIR=/tmp/casebook-genpdf-target \
        cargo build --release -p casebook-cli)
    python3 scripts/measure-report.py --baseline /tmp/casebook-genpdf-target/release/casebook

The exit status is 1 if a floor is not met.
"""

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta

FORMATS = ["md", "html", "docx", "pdf", "csv", "xlsx"]
PLATFORMS = ["Facebook", "X", "Instagram", "TikTok", "LinkedIn", "YouTube", "Nextdoor", "WhatsApp"]
TAGS = [f"R{i}" for i in range(1, 11)] + [f"L{i}" for i in range(1, 10)] + [f"C{i}" for i in range(1, 11)]
COUNCILS = ["Kingsmere City Council", "Ashby Fold Parish Council", "Wexcombe Town Council", "Saxon Fields Parish Council"]


def log(path: str, cases: int, today: date) -> None:
    rng = random.Random(2026)
    councillors = [(f"Councillor {i:03d}", COUNCILS[i % len(COUNCILS)]) for i in range(120)]
    start = today - timedelta(days=3 * 365)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["received_on", "complainant_name", "complainant_type", "councillor_name", "council",
                    "platform", "summary", "tags", "stage", "outcome", "acknowledged_on", "decided_on",
                    "closed_on", "sanctions", "capacity_determination", "capacity_reasons"])
        for n in range(cases):
            received = start + timedelta(days=rng.randrange((today - start).days - 110))
            name, council = rng.choice(councillors)
            ack = received + timedelta(days=rng.randint(1, 9))
            decided = ack + timedelta(days=rng.randint(5, 30))
            closed = decided + timedelta(days=rng.randint(3, 60))
            kind = rng.random()
            if kind < 0.5:
                row = ["closed", "no further action", ack, decided, closed, ""]
            elif kind < 0.7:
                row = ["closed", "informal resolution", ack, decided, closed, "apology"]
            elif kind < 0.8:
                row = ["closed", "breach found", ack, decided, closed, "censure"]
            elif kind < 0.9:
                row = ["decision", "out of scope: not acting in capacity", ack, decided, "", ""]
            else:
                row = ["acknowledged", "", ack, "", "", ""]
            tags = ";".join(rng.sample(TAGS, rng.randint(1, 4)))
            w.writerow([received.isoformat(), f"Complainant {n:05d}", rng.choice(["public", "councillor", "officer", "other"]),
                        name, council, rng.choice(PLATFORMS), f"Complaint {n} about a post.", tags]
                       + [v.isoformat() if isinstance(v, date) else v for v in row]
                       + ["in capacity", "The profile says councillor."])


def timed(cmd, env):
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def paper(binary: str, db: str, args, out: str, runs: int):
    """The median time of --runs runs of `casebook report ARGS --out OUT`, and OUT's size."""
    env = dict(os.environ, CASEBOOK_DB=db, CASEBOOK_ACTOR="Measurement",
               CASEBOOK_PASSPHRASE="copper lantern orchard mosaic")
    times = [timed([binary, "report", *args, "--out", out], env) for _ in range(runs)]
    return statistics.median(times), os.path.getsize(out)


def measure(binary: str, db: str, out_dir: str, runs: int, label: str, period) -> dict:
    """Every format of the annual report; returns {format: (seconds, bytes)}."""
    figures = {}
    total = 0.0
    print(f"\n{label}  [{binary}]")
    for fmt in FORMATS:
        m, size = paper(binary, db, ["annual", *period, "--format", fmt],
                        os.path.join(out_dir, f"annual.{fmt}"), runs)
        figures[fmt] = (m, size)
        total += m
        print(f"  {fmt:5} {m * 1000:8.0f} ms   {size / 1024:9.0f} KiB")
    print(f"  all   {total * 1000:8.0f} ms")
    return figures


FAILED = []


def floor(what: str, value: float, limit: float, unit: str, ok: bool) -> None:
    """Prints a figure beside its floor and remembers a miss."""
    mark = "ok  " if ok else "MISS"
    print(f"  {mark} {what:44} {value:10.1f} {unit:3}  (floor: {limit:.1f} {unit})")
    if not ok:
        FAILED.append(what)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--cases", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--bin", default="target/release/casebook")
    p.add_argument("--baseline", help="an earlier build to compare the PDFs with")
    a = p.parse_args()
    today = date.today()
    binaries = [a.bin] + ([a.baseline] if a.baseline else [])
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CASEBOOK_ACTOR="Measurement",
               CASEBOOK_PASSPHRASE="copper lantern orchard mosaic")
        csv_path = os.path.join(tmp, "log.csv")
        log(csv_path, a.cases, today)
        period = ["--from", (today - timedelta(days=3 * 365)).isoformat(), "--to", today.isoformat()]
        for n, binary in enumerate(binaries):
            work = os.path.join(tmp, str(n))
            os.mkdir(work)
            demo = os.path.join(work, "demo.sqlite3")
            subprocess.run([binary, "--db", demo, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
            r = {"demo": measure(binary, demo, work, a.runs, "demo database (40 complaints), last municipal year", [])}
            r["decision"] = paper(binary, demo, ["decision", "SC-2025-009"], os.path.join(work, "decision.pdf"), a.runs)
            print(f"  decision notice (PDF) {r['decision'][0] * 1000:5.0f} ms   {r['decision'][1] / 1024:9.0f} KiB")
            big = os.path.join(work, "big.sqlite3")
            t = time.perf_counter()
            subprocess.run([binary, "--db", big, "import", csv_path], env=env, check=True, stdout=subprocess.DEVNULL)
            print(f"\nimported {a.cases} complaints in {time.perf_counter() - t:.1f} s")
            r["big"] = measure(binary, big, work, a.runs, f"{a.cases} complaints, all in one three-year period", period)
            r["size"] = os.path.getsize(binary)
            print(f"  binary {r['size'] / 1024 / 1024:.1f} MiB")
            results[binary] = r
    if a.baseline:
        new, old = results[a.bin], results[a.baseline]
        print(f"\nPDF floors ({a.bin} against {a.baseline}, measured above in this run)")
        demo_kb = new["demo"]["pdf"][1] / 1000
        floor("demo annual report: size", demo_kb, 500, "KB", demo_kb < 500)
        floor("demo annual report: time (floor: baseline)", new["demo"]["pdf"][0] * 1000,
              old["demo"]["pdf"][0] * 1000, "ms", new["demo"]["pdf"][0] < old["demo"]["pdf"][0])
        dec_kb = new["decision"][1] / 1000
        floor("decision notice: size", dec_kb, 150, "KB", dec_kb < 150)
        big_mb, old_mb = new["big"]["pdf"][1] / 1e6, old["big"]["pdf"][1] / 1e6
        floor(f"{a.cases}-case report: size (floor: baseline)", big_mb, old_mb, "MB", big_mb < old_mb)
        floor(f"{a.cases}-case report: time (floor: baseline)", new["big"]["pdf"][0] * 1000,
              old["big"]["pdf"][0] * 1000, "ms", new["big"]["pdf"][0] <= old["big"]["pdf"][0])
        print(f"  release binary: {new['size'] / 1024 / 1024:.1f} MiB (baseline {old['size'] / 1024 / 1024:.1f} MiB)")
        if FAILED:
            print(f"\nnot met: {', '.join(FAILED)}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
