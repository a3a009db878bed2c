#!/usr/bin/env python3
"""Start-up time and memory of Casebook against a hello-world Tauri window, measured the same way.

For each app: start WebKitWebDriver, ask it for a session with the app binary (the clock starts
when the request is sent), wait until the first screen's content is painted, then let the app
settle for 5 seconds and add up the memory of the app's process and its WebKit processes
(RSS and PSS from /proc). Casebook opens a copy of the demo database; its case list is also
timed from the click on "Cases" to its first screen of rows.

Usage (from the repository, after scripts/setup.sh and a build):
    xvfb-run -a python3 scripts/measure-startup.py [--runs 5] [--release]
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROFILE = "release" if "--release" in sys.argv else "debug"
CASEBOOK = os.path.join(ROOT, "target", PROFILE, "casebook-desktop")
PASSPHRASE = "copper lantern orchard mosaic"
CLI = os.path.join(ROOT, "target", PROFILE, "casebook")
HELLO = os.path.join(ROOT, "target", "bench", PROFILE, "hello-tauri")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read() or b"{}")


def wait_for(port, session, css, count, deadline=60):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        found = call(port, "POST", f"/session/{session}/elements", {"using": "css selector", "value": css})
        if len(found["value"]) >= count:
            return found["value"]
        time.sleep(0.02)
    raise SystemExit(f"timed out waiting for {count} x {css}")


def descendants(pid):
    out = [pid]
    for p in os.listdir("/proc"):
        if p.isdigit():
            try:
                with open(f"/proc/{p}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            if ppid == pid:
                out.extend(descendants(int(p)))
    return out


def memory(pid):
    rss = pss = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss / 1024, pss / 1024


def app_pid(binary, driver_pid):
    for p in descendants(driver_pid):
        try:
            if os.readlink(f"/proc/{p}/exe") == os.path.realpath(binary):
                return p
        except OSError:
            pass
    raise SystemExit(f"{binary} is not running")


def measure(binary, args, first_css, env_dir, cases=False, actor="Measurement"):
    """`actor`: the registered officer the app works as (the one who made the database)."""
    port = free_port()
    env = dict(os.environ, TAURI_WEBVIEW_AUTOMATION="true", XDG_CONFIG_HOME=env_dir, XDG_DATA_HOME=env_dir,
               CASEBOOK_ACTOR=actor)
    driver = subprocess.Popen(["WebKitWebDriver", f"--port={port}"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        caps = {"capabilities": {"alwaysMatch": {"webkitgtk:browserOptions": {"binary": binary, "args": args}}}}
        start = time.monotonic()
        session = call(port, "POST", "/session", caps)["value"]["sessionId"]
        wait_for(port, session, first_css, 1)
        launch = time.monotonic() - start
        list_time = unlock_time = None
        if cases:
            # The first screen is the lock screen: give the passphrase and time the unlock.
            field = call(port, "POST", f"/session/{session}/element", {"using": "css selector", "value": "#passphrase"})["value"]
            call(port, "POST", f"/session/{session}/element/{list(field.values())[0]}/value", {"text": PASSPHRASE})
            unlock = call(port, "POST", f"/session/{session}/element",
                          {"using": "xpath", "value": "//button[normalize-space()='Unlock']"})["value"]
            t = time.monotonic()
            call(port, "POST", f"/session/{session}/element/{list(unlock.values())[0]}/click", {})
            wait_for(port, session, "#stages-h", 1)
            unlock_time = time.monotonic() - t
            button = call(port, "POST", f"/session/{session}/element",
                          {"using": "xpath", "value": "//button[normalize-space()='Cases']"})["value"]
            element = list(button.values())[0]
            t = time.monotonic()
            call(port, "POST", f"/session/{session}/element/{element}/click", {})
            # The list draws only the rows on screen: the first screen of them.
            wait_for(port, session, "tbody tr[data-reference]", 10)
            list_time = time.monotonic() - t
            call(port, "POST", f"/session/{session}/element",
                 {"using": "xpath", "value": "//button[normalize-space()='Dashboard']"})
        time.sleep(5)
        rss, pss = memory(app_pid(binary, driver.pid))
        call(port, "DELETE", f"/session/{session}")
        return launch, list_time, unlock_time, rss, pss
    finally:
        driver.kill()
        driver.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--release", action="store_true", help="measure release builds (cargo build --release)")
    runs = ap.parse_args().runs
    for b in (CASEBOOK, CLI, HELLO):
        if not os.path.exists(b):
            flag = " --release" if PROFILE == "release" else ""
            raise SystemExit(f"{b} is missing: cargo build --workspace{flag}, and "
                             f"(cd bench/hello-tauri && CARGO_TARGET_DIR=../../target/bench cargo build{flag})")
    work = tempfile.mkdtemp(prefix="casebook-measure-")
    demo = os.path.join(work, "demo.sqlite3")
    subprocess.run([CLI, "--db", demo, "demo"], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, CASEBOOK_ACTOR="Measurement", CASEBOOK_PASSPHRASE=PASSPHRASE))
    results = {"casebook": [], "hello": []}
    for i in range(runs):
        db = os.path.join(work, f"run{i}.sqlite3")
        shutil.copy(demo, db)
        results["casebook"].append(measure(CASEBOOK, ["--db", db], "#passphrase", work, cases=True))
        results["hello"].append(measure(HELLO, [], "h1", work))
    shutil.rmtree(work)
    med = lambda xs: statistics.median(x for x in xs if x is not None)
    for name, rows in results.items():
        launch = med(r[0] for r in rows)
        rss = med(r[3] for r in rows)
        pss = med(r[4] for r in rows)
        line = f"{name:9} launch to first screen painted: {launch * 1000:6.0f} ms (median of {runs})"
        if name == "casebook":
            line += (f" (the lock screen); Unlock clicked to dashboard painted: {med(r[2] for r in rows) * 1000:4.0f} ms"
                     f"; Cases clicked to the first rows painted: {med(r[1] for r in rows) * 1000:4.0f} ms")
        print(line)
        print(f"{'':9} memory after settling 5 s: RSS {rss:6.1f} MiB, PSS {pss:6.1f} MiB (app + WebKit processes)")
        print(f"{'':9} each run (launch ms / RSS MiB): " +
              ", ".join(f"{r[0] * 1000:.0f}/{r[3]:.0f}" for r in rows))


if __name__ == "__main__":
    sys.exit(main())
