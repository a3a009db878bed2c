#!/usr/bin/env python3
"""Times `casebook report annual` in every format, on the demo database and on a database of
N generated complaints (default 10,000) imported from a CSV log.

    python3 scripts/measure-report.py [--cases 10000] [--runs 3] [--bin target/release/casebook]

Each figure is the median wall-clock time of --runs runs of one `report annual --format F`
process (opening the database, computing the figures, rendering and writing the file).
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


def measure(binary: str, db: str, out_dir: str, runs: int, label: str, period) -> None:
    env = dict(os.environ, CASEBOOK_DB=db, CASEBOOK_ACTOR="Measurement")
    total = 0.0
    print(f"\n{label}")
    for fmt in FORMATS:
        times = [timed([binary, "report", "annual", *period, "--format", fmt, "--out",
                        os.path.join(out_dir, f"annual.{fmt}")], env) for _ in range(runs)]
        m = statistics.median(times)
        total += m
        size = os.path.getsize(os.path.join(out_dir, f"annual.{fmt}"))
        print(f"  {fmt:5} {m * 1000:8.0f} ms   {size / 1024:9.0f} KiB")
    print(f"  all   {total * 1000:8.0f} ms")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--cases", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--bin", default="target/release/casebook")
    a = p.parse_args()
    today = date.today()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CASEBOOK_ACTOR="Measurement")
        demo = os.path.join(tmp, "demo.sqlite3")
        subprocess.run([a.bin, "--db", demo, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        measure(a.bin, demo, tmp, a.runs, "demo database (40 complaints), last municipal year", [])
        big = os.path.join(tmp, "big.sqlite3")
        csv_path = os.path.join(tmp, "log.csv")
        log(csv_path, a.cases, today)
        t = time.perf_counter()
        subprocess.run([a.bin, "--db", big, "import", csv_path], env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"\nimported {a.cases} complaints in {time.perf_counter() - t:.1f} s")
        period = ["--from", (today - timedelta(days=3 * 365)).isoformat(), "--to", today.isoformat()]
        measure(a.bin, big, tmp, a.runs, f"{a.cases} complaints, all in one three-year period", period)
    return 0


if __name__ == "__main__":
    sys.exit(main())
