#!/usr/bin/env python3
"""Times adding a hostile note (99,990 nested `>` quotes, or 49,990 nested `- ` list items) and
then opening its case, against the same with a one-line note (the floor), each a separate
`casebook` process on a fresh database.

    python3 scripts/measure-hostile-note.py [--runs 5] [--bin target/debug/casebook]

Each figure is the median wall-clock time of --runs runs.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run(bin_path: str, db: str, *args: str) -> float:
    env = dict(os.environ, CASEBOOK_DB=db, CASEBOOK_ACTOR="Measure", CASEBOOK_PASSPHRASE="copper lantern orchard mosaic")
    start = time.perf_counter()
    subprocess.run([bin_path, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(bin_path: str, body: str, runs: int) -> tuple[float, float]:
    adds, shows = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "casebook.sqlite3")
            run(bin_path, db, "councillor", "add", "--name", "Gwen Tallis", "--council", "Kingsmere City Council")
            run(bin_path, db, "case", "new", "--received-on", "2026-05-11", "--complainant-name", "A. Resident",
                "--councillor", "Gwen Tallis", "--platform", "Facebook", "--summary", "A post")
            adds.append(run(bin_path, db, "note", "add", "SC-2026-001", f"--text={body}"))
            shows.append(run(bin_path, db, "case", "show", "SC-2026-001", "--json"))
    return statistics.median(adds), statistics.median(shows)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default="target/debug/casebook")
    a = ap.parse_args()
    if not os.path.exists(a.bin):
        sys.exit(f"{a.bin} is missing: cargo build -p casebook-cli")
    floor_add, floor_show = measure(a.bin, "A plain one-line note.", a.runs)
    print(f"{'note':<32} {'note add':>10} {'floor':>8} {'case show':>10} {'floor':>8}")
    for name, body in [("99,990 nested quotes", ">" * 99_990 + "deep text"),
                       ("49,990 nested list items", "- " * 49_990 + "last item")]:
        add, show = measure(a.bin, body, a.runs)
        print(f"{name:<32} {add * 1000:>8.0f}ms {floor_add * 1000:>6.0f}ms {show * 1000:>8.0f}ms {floor_show * 1000:>6.0f}ms")


if __name__ == "__main__":
    main()
