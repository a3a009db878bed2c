#!/usr/bin/env python3
"""Encrypted against unencrypted on a 10,000-case database, in the same run: a search, a filtered
case list and opening a case, timed in one process by the `measure_encryption` example once each
database is open (floor: encrypted at most 1.25x the plain figure measured beside it).

    python3 scripts/measure-encryption.py [--cases 10000] [--runs 30] [--release]

Builds the example (and the CLI) first. The complaints come from measure-report.py's generator.
"""

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
from datetime import date

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PASSPHRASE = "copper lantern orchard mosaic"


def generator():
    spec = importlib.util.spec_from_file_location("measure_report", os.path.join(HERE, "measure-report.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.log


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--cases", type=int, default=10_000)
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--release", action="store_true")
    a = p.parse_args()
    profile = ["--release"] if a.release else []
    subprocess.run(["cargo", "build", "-q", "-p", "casebook-cli", *profile, "--bin", "casebook",
                    "--example", "measure_encryption"], cwd=ROOT, check=True)
    target = os.path.join(ROOT, "target", "release" if a.release else "debug")
    cli = os.path.join(target, "casebook")
    bench = os.path.join(target, "examples", "measure_encryption")
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "log.csv")
        generator()(log, a.cases, date.today())
        env = dict(os.environ, CASEBOOK_ACTOR="Measurement", CASEBOOK_PASSPHRASE=PASSPHRASE)
        plain = os.path.join(tmp, "plain.sqlite3")
        encrypted = os.path.join(tmp, "encrypted.sqlite3")
        subprocess.run([cli, "--db", plain, "init", "--unencrypted"], env=env, check=True, stdout=subprocess.DEVNULL)
        for db in (plain, encrypted):
            subprocess.run([cli, "--db", db, "import", log], env=env, check=True, stdout=subprocess.DEVNULL)
        sizes = {name: os.path.getsize(path) // 1024 for name, path in (("plain", plain), ("encrypted", encrypted))}
        reference = subprocess.run([cli, "--db", plain, "case", "list", "--stage", "closed", "--json"], env=env,
                                   check=True, capture_output=True, text=True).stdout
        ref = reference.split('"reference": "')[1].split('"')[0]
        print(f"{a.cases} complaints imported into each database ({sizes['plain']} KiB plain, "
              f"{sizes['encrypted']} KiB encrypted); {'release' if a.release else 'debug'} build; case {ref}")
        return subprocess.run([bench, plain, encrypted, PASSPHRASE, ref, str(a.runs)]).returncode


if __name__ == "__main__":
    sys.exit(main())
