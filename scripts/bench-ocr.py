#!/usr/bin/env python3
"""Reading screenshots (OCR): Casebook's seconds per screenshot beside its floor, measured in the
same run on this machine. A script, not a timed test.

The demo council's screenshots are read with `casebook ocr --all` (Tesseract behind it, each
image made grey and twice the size first); the floor is the `tesseract` program reading the very
same files, as they are, one after another. Needs Tesseract (scripts/setup.sh installs it) and a
built CLI: `cargo build --release -p casebook-cli` (or --debug for target/debug; Tesseract's own
time dominates either way).

Usage:
    python3 scripts/bench-ocr.py [--debug]
"""
import argparse
import json
import os
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--debug", action="store_true", help="use target/debug/casebook")
    a = p.parse_args()
    cli = os.path.join(ROOT, "target", "debug" if a.debug else "release", "casebook")
    if not os.path.exists(cli):
        raise SystemExit(f"{cli} is not built: cargo build {'' if a.debug else '--release '}-p casebook-cli")
    with tempfile.TemporaryDirectory(prefix="casebook-ocr-bench-") as work:
        env = dict(os.environ, CASEBOOK_DB=os.path.join(work, "demo.sqlite3"),
                   CASEBOOK_ACTOR="Bench Officer", CASEBOOK_PASSPHRASE="bench passphrase long enough")

        def run(*args):
            return subprocess.run([cli, *args], env=env, check=True, capture_output=True, text=True).stdout

        run("demo")
        # The screenshots, exported exactly as kept: the floor reads these files.
        shots = []
        for case in json.loads(run("case", "list", "--json")):
            for e in json.loads(run("evidence", "list", case["reference"], "--json")):
                if e["media_type"].startswith("image/"):
                    out = os.path.join(work, f"item-{e['id']}.png")
                    run("evidence", "export", str(e["id"]), "--out", out)
                    shots.append(out)
        started = time.perf_counter()
        for shot in shots:
            subprocess.run(["tesseract", shot, "stdout", "-l", "eng", "tsv"], check=True,
                           capture_output=True)
        floor = (time.perf_counter() - started) / len(shots)

        started = time.perf_counter()
        done = json.loads(run("ocr", "--all", "--json"))
        casebook = (time.perf_counter() - started) / len(shots)
        print(f"screenshots read: {done['read']} of {len(shots)} with {done['engine']}, "
              f"mean word confidence {done['mean_confidence']:.1f}%")
        print(f"OCR, Casebook (grey, doubled, then Tesseract; each kept in its own transaction): "
              f"{casebook:.3f} s per screenshot   floor {floor:.3f} s (tesseract on the same files), "
              f"{casebook / floor:.2f}x")


if __name__ == "__main__":
    main()
