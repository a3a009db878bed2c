#!/usr/bin/env python3
"""The team server under a standards team's load, then killed mid-load: a script, not a timed test.

Loopback only, bounded, on a throwaway PostgreSQL cluster in a temp dir (initdb + pg_ctl on a Unix
socket, as the tests start theirs; fsync on, as a council would run it):

1. `casebook-server init`, the demo council made with `casebook demo` and moved in with
   `casebook-server import`, and 24 more officers added (2 deputies, 12 standards officers,
   10 investigators), each with a caseload assigned to them.
2. Load: every officer signs in and for --seconds works as an officer does: lists and pages the
   cases, searches, opens cases, tags them, writes notes, adds screenshots (hashed before sending),
   moves cases on a step and logs new complaints. Nine in ten changes are on their own caseload,
   one in ten on any case they can reach; a change refused as stale (409) is reloaded and made
   again, as the app asks an officer to. Every change the server acknowledged (2xx) is written
   down.
3. Checks: 0 errors, every acknowledged write present (read back through the API), and
   `casebook-server verify` clean. p50/p95/p99 latency per operation and throughput are printed.
4. Crash: the load again, and the server killed with SIGKILL halfway through; restarted; verify
   clean and every write acknowledged before the kill present.

Usage:
    python3 scripts/load-test.py [--officers 25] [--seconds 60] [--debug]

--debug uses the debug build (quicker to build, slower to run); the default builds release.
Exits 1 if any check fails.
"""

import argparse
import hashlib
import http.client
import json
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COUNCIL = "Kingsmere City Council"
ADMIN = "Alex Morgan"
ADMIN_PASSWORD = "copper lantern orchard mosaic"
PASSWORD = "violet harbour kettle drum"
WORDS = ["bins", "residents", "council", "planning", "comment", "post", "rats", "meeting"]
CODES = ["R1", "R5", "R6", "R8", "R9", "R10", "L1", "L3", "L6", "L7", "L8", "C1", "C3", "C4"]
# (operation, weight): an officer's morning, roughly.
MIX = [
    ("list", 18),
    ("search", 14),
    ("open", 26),
    ("tag", 12),
    ("note", 10),
    ("evidence", 8),
    ("step", 7),
    ("complaint", 5),
]


def say(text):
    print(text, flush=True)


# ---- A throwaway PostgreSQL cluster ----


def pg_bin():
    if os.environ.get("CASEBOOK_PG_BIN"):
        return os.environ["CASEBOOK_PG_BIN"]
    versions = []
    for v in os.listdir("/usr/lib/postgresql") if os.path.isdir("/usr/lib/postgresql") else []:
        b = os.path.join("/usr/lib/postgresql", v, "bin")
        if v.isdigit() and int(v) >= 15 and os.path.exists(os.path.join(b, "initdb")):
            versions.append((int(v), b))
    if not versions:
        sys.exit("PostgreSQL 15+ not found: run scripts/setup.sh --tests first")
    return max(versions)[1]


def as_postgres(args):
    return (["runuser", "-u", "postgres", "--"] + args) if os.geteuid() == 0 else args


class Cluster:
    def __init__(self, root):
        self.bin = pg_bin()
        self.dir = os.path.join(root, "pg")
        os.mkdir(self.dir)
        if os.geteuid() == 0:
            shutil.chown(root, "postgres", "postgres")
            shutil.chown(self.dir, "postgres", "postgres")
        data = os.path.join(self.dir, "data")
        subprocess.run(as_postgres([os.path.join(self.bin, "initdb"), "-D", data, "-A", "trust",
                                    "-U", "casebook", "-E", "UTF8", "--locale=C"]),
                       check=True, stdout=subprocess.DEVNULL)
        options = f"-k {self.dir} -c listen_addresses='' -p 5432"
        subprocess.run(as_postgres([os.path.join(self.bin, "pg_ctl"), "-D", data, "-o", options,
                                    "-l", os.path.join(self.dir, "log"), "-w", "start"]),
                       check=True, stdout=subprocess.DEVNULL)
        self.data = data
        self.url = f"postgresql:///postgres?host={self.dir}&port=5432&user=casebook"

    def stop(self):
        subprocess.run(as_postgres([os.path.join(self.bin, "pg_ctl"), "-D", self.data, "-m",
                                    "fast", "stop"]), stdout=subprocess.DEVNULL)


# ---- The server and its API ----


class Server:
    def __init__(self, exe, url, log_path):
        self.log = open(log_path, "a")
        prefix = "Casebook Server listening on http://"
        # A server just killed may hold its claim on the database for a moment: try again.
        for _ in range(50):
            self.proc = subprocess.Popen([exe, "serve", "--database", url, "--listen",
                                          "127.0.0.1:0"], stdout=subprocess.PIPE,
                                         stderr=self.log, text=True)
            line = self.proc.stdout.readline().strip()
            if line.startswith(prefix):
                break
            self.proc.wait()
            time.sleep(0.2)
        else:
            sys.exit(f"the server did not start: {line!r} (see {log_path})")
        host, port = line[len(prefix):].rsplit(":", 1)
        self.host, self.port = host, int(port)

    def kill9(self):
        self.proc.kill()
        self.proc.wait()

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


class Client:
    """One officer's connection (kept alive), timing each request."""

    def __init__(self, server, token=None):
        self.server = server
        self.token = token
        self.conn = None
        self.timings = []  # (operation, seconds, status)

    def request(self, op, method, path, body=None, raw=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=60)
        headers = {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        elif raw is not None:
            data = raw
            headers["Content-Type"] = "application/octet-stream"
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=data, headers=headers)
            r = self.conn.getresponse()
            payload = r.read()
        except (OSError, http.client.HTTPException):
            self.conn.close()
            self.conn = None
            raise
        elapsed = time.perf_counter() - started
        self.timings.append((op, elapsed, r.status))
        try:
            value = json.loads(payload) if payload else None
        except ValueError:
            value = payload
        return r.status, value

    def ok(self, op, method, path, body=None, expect=(200,)):
        status, v = self.request(op, method, path, body)
        if status not in expect:
            raise RuntimeError(f"{method} {path}: {status} {v}")
        return v


def sign_in(server, name, password):
    c = Client(server)
    v = c.ok("sign-in", "POST", "/api/sign-in", {"name": name, "password": password})
    return Client(server, v["token"])


def png(seed):
    """A small PNG whose pixels come from `seed`: every one different, so every hash is new."""
    rng = random.Random(seed)
    w = h = 48
    rows = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(w * 3)) for _ in range(h))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def complaint(summary, today, councillor):
    return {
        "new_councillor": {"name": councillor, "council": COUNCIL},
        "complainant_name": "Pat Resident",
        "complainant_type": "public",
        "confidentiality_requested": False,
        "received_on": today,
        "channel": "email",
        "platform": "Facebook",
        "summary": summary,
        "post_text": "The bins on Mill Lane are overflowing again",
    }


# ---- One simulated officer ----


class Officer(threading.Thread):
    def __init__(self, n, name, client, own, reach, deadline, acks, lock, may_log):
        super().__init__(daemon=True)
        self.n, self.name, self.client = n, name, client
        self.own, self.reach = list(own), list(reach)
        self.deadline, self.acks, self.lock = deadline, acks, lock
        self.may_log = may_log
        self.rng = random.Random(n * 7919 + int(time.time()))
        self.errors, self.conflicts, self.cut_off, self.count = [], 0, 0, 0

    def ack(self, kind, reference, key):
        with self.lock:
            self.acks.append((kind, reference, key))

    def case_path(self, reference):
        return f"/api/councils/1/cases/{urllib.parse.quote(reference)}"

    def pick(self):
        pool = self.own if (self.own and self.rng.random() < 0.9) else self.reach
        return self.rng.choice(pool) if pool else None

    def change(self, op, reference, make):
        """Opens the case, makes the change on its version; a 409 is reloaded and made again."""
        for _ in range(5):
            case = self.client.ok("open", "GET", self.case_path(reference))
            method, path, body, raw = make(case)
            if method is None:
                return None
            status, v = self.client.request(op, method, path, body=body, raw=raw)
            if status == 409:
                self.conflicts += 1
                continue
            if status != 200:
                raise RuntimeError(f"{op} {reference}: {status} {v}")
            return v
        raise RuntimeError(f"{op} {reference}: still stale after 5 reloads")

    def run(self):
        ops = [o for o, _ in MIX]
        weights = [w for _, w in MIX]
        today = time.strftime("%Y-%m-%d", time.gmtime())
        while time.monotonic() < self.deadline:
            op = self.rng.choices(ops, weights)[0]
            if op == "complaint" and not self.may_log:
                op = "open"
            reference = self.pick()
            try:
                self.one(op, reference, today)
                self.count += 1
            except (OSError, http.client.HTTPException):
                self.cut_off += 1
                if time.monotonic() < self.deadline:
                    time.sleep(0.2)
            except RuntimeError as e:
                self.errors.append(str(e))

    def one(self, op, reference, today):
        c = self.client
        if op == "list":
            offset = self.rng.choice([0, 0, 50])
            c.ok("list", "GET", f"/api/councils/1/cases?offset={offset}&limit=50")
        elif op == "search":
            word = self.rng.choice(WORDS)
            c.ok("search", "GET", f"/api/councils/1/cases?words={word}")
        elif op == "open" and reference:
            c.ok("open", "GET", self.case_path(reference))
        elif op == "tag" and reference:
            code = self.rng.choice(CODES)
            v = self.change("tag", reference, lambda case: (
                "POST", self.case_path(reference) + "/tags",
                {"based_on": case["version"], "code": code, "note": f"by {self.name}"}, None))
            self.ack("tag", reference, code)
        elif op == "note" and reference:
            marker = f"load note {self.n}-{self.count}-{self.rng.randrange(1 << 30)}"
            self.change("note", reference, lambda case: (
                "POST", self.case_path(reference) + "/notes",
                {"based_on": case["version"], "body": marker}, None))
            self.ack("note", reference, marker)
        elif op == "evidence" and reference:
            data = png(f"{self.n}-{self.count}-{self.rng.random()}")
            sha = hashlib.sha256(data).hexdigest()

            def make(case):
                q = urllib.parse.urlencode({"based_on": case["version"], "sha256": sha,
                                            "name": "screenshot.png"})
                return "POST", f"{self.case_path(reference)}/evidence?{q}", None, data

            self.change("evidence", reference, make)
            self.ack("evidence", reference, sha)
        elif op == "step" and reference:
            def make(case):
                moves = [m for m in case["detail"]["moves"] if not m["reason_required"]]
                if not moves:
                    return None, None, None, None
                self.stage = moves[0]["stage"]
                return ("POST", self.case_path(reference) + "/steps",
                        {"based_on": case["version"], "step": {"stage": self.stage, "on": today}},
                        None)

            if self.change("step", reference, make) is not None:
                self.ack("step", reference, self.stage)
        elif op == "complaint":
            v = c.ok("complaint", "POST", "/api/councils/1/cases",
                     complaint(f"Logged under load by {self.name}", today,
                               f"Cllr Load Tester {self.n}-{self.count}-{self.rng.randrange(1 << 20)}"),
                     expect=(201,))
            ref = v["detail"]["reference"]
            self.own.append(ref)
            self.reach.append(ref)
            self.ack("complaint", ref, ref)
        else:
            c.ok("list", "GET", "/api/councils/1/cases?limit=20")


# ---- The run ----


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def report(officers, seconds):
    timings = [t for o in officers for t in o.client.timings]
    say(f"\n{'operation':<12}{'requests':>10}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for op in sorted({t[0] for t in timings}):
        ms = sorted(t[1] * 1000 for t in timings if t[0] == op)
        say(f"{op:<12}{len(ms):>10}{percentile(ms, 50):>10.1f}{percentile(ms, 95):>10.1f}"
            f"{percentile(ms, 99):>10.1f}")
    ms = sorted(t[1] * 1000 for t in timings)
    say(f"{'all':<12}{len(ms):>10}{percentile(ms, 50):>10.1f}{percentile(ms, 95):>10.1f}"
        f"{percentile(ms, 99):>10.1f}")
    say(f"throughput: {len(ms) / seconds:.1f} requests/s over {seconds:.1f} s; "
        f"{sum(o.count for o in officers)} officer operations")


def load(server, officers_spec, seconds, kill_after=None):
    acks, lock = [], threading.Lock()
    officers = []
    for n, (name, own, reach, may_log) in enumerate(officers_spec):
        client = sign_in(server, name, ADMIN_PASSWORD if name == ADMIN else PASSWORD)
        officers.append(Officer(n, name, client, own, reach, 0, acks, lock, may_log))
    # The clock starts once everyone has signed in (Argon2id takes its time, by design).
    started = time.monotonic()
    for o in officers:
        o.deadline = started + seconds
        o.start()
    if kill_after is not None:
        time.sleep(kill_after)
        server.kill9()
        say(f"  killed the server with SIGKILL after {kill_after} s of load")
        for o in officers:
            o.deadline = time.monotonic()
    for o in officers:
        o.join()
    return officers, acks, time.monotonic() - started


def check_present(client, acks):
    """Every acknowledged write, read back through the API; the ones missing."""
    by_case = {}
    for kind, ref, key in acks:
        by_case.setdefault(ref, []).append((kind, key))
    missing = []
    for ref, wants in by_case.items():
        status, v = client.request("check", "GET",
                                   f"/api/councils/1/cases/{urllib.parse.quote(ref)}")
        if status != 200:
            missing.extend((kind, ref, key) for kind, key in wants)
            continue
        d = v["detail"]
        notes = {n["body"] for n in d["notes"]}
        shas = {e["sha256"] for e in d["evidence"]}
        tags = {t["code"] for t in d["tags"]}
        stages = {s["stage"] for s in d["stages"]}
        for kind, key in wants:
            present = {"note": key in notes, "evidence": key in shas, "tag": key in tags,
                       "step": key in stages, "complaint": True}[kind]
            if not present:
                missing.append((kind, ref, key))
    return missing


def verify(exe, url):
    r = subprocess.run([exe, "verify", "--database", url, "--json"], capture_output=True,
                       text=True)
    reports = json.loads(r.stdout) if r.stdout.strip() else []
    problems = [p for rep in reports for p in rep["report"]["problems"]]
    head = reports[0]["report"]["head"] if reports else None
    return r.returncode, problems, head


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--officers", type=int, default=25)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--debug", action="store_true")
    a = ap.parse_args()
    profile = "debug" if a.debug else "release"
    say(f"== Building casebook and casebook-server ({profile})")
    build = ["cargo", "build", "-q", "-p", "casebook-cli", "-p", "casebook-server"]
    subprocess.run(build + ([] if a.debug else ["--release"]), cwd=ROOT, check=True)
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    cli = os.path.join(target, profile, "casebook")
    exe = os.path.join(target, profile, "casebook-server")

    root = tempfile.mkdtemp(prefix="casebook-load-")
    cluster = Cluster(root)
    failures = []
    try:
        say(f"== PostgreSQL cluster in {cluster.dir}; the demo council moved in")
        subprocess.run([exe, "init", "--database", cluster.url, "--council", COUNCIL,
                        "--admin-name", ADMIN, "--admin-password", ADMIN_PASSWORD],
                       check=True, stdout=subprocess.DEVNULL)
        demo = os.path.join(root, "demo.sqlite3")
        for step in (["init", "--unencrypted"], ["demo"]):
            subprocess.run([cli, "--db", demo, "--actor", ADMIN, *step], check=True,
                           stdout=subprocess.DEVNULL)
        subprocess.run([exe, "import", demo, "--council", COUNCIL, "--database", cluster.url,
                        "--actor", ADMIN], check=True, stdout=subprocess.DEVNULL)
        log_path = os.path.join(root, "server.log")
        server = Server(exe, cluster.url, log_path)

        mo = sign_in(server, ADMIN, ADMIN_PASSWORD)
        refs, offset = [], 0
        while True:
            page = mo.ok("list", "GET", f"/api/councils/1/cases?offset={offset}&limit=100")
            refs += [r["reference"] for r in page["rows"]]
            offset += 100
            if offset >= page["total"]:
                break
        roles = (["deputy"] * 2 + ["standards_officer"] * 12 + ["investigator"] * 10)
        roles = roles[: max(0, a.officers - 1)]
        names = []
        for i, role in enumerate(roles):
            name = f"Officer {i + 1:02d} {role.replace('_', ' ').title()}"
            v = mo.ok("account", "POST", "/api/councils/1/accounts",
                      {"name": name, "role": role, "password": PASSWORD}, expect=(201,))
            names.append((name, role, v["id"]))
        # Caseloads: every case has an officer; investigators have three cases each.
        spec = [(ADMIN, [], refs, True)]
        officers_ = [(n, i) for n, r, i in names if r != "investigator"]
        investigators = [(n, i) for n, r, i in names if r == "investigator"]
        own = {n: [] for n, _, _ in names}
        for k, ref in enumerate(refs):
            if officers_:
                name, account = officers_[k % len(officers_)]
                mo.ok("assign", "POST", f"/api/councils/1/cases/{urllib.parse.quote(ref)}"
                      "/assignment", {"duty": "officer", "account_id": account})
                own[name].append(ref)
        for k, (name, account) in enumerate(investigators):
            for ref in refs[k * 3: k * 3 + 3]:
                mo.ok("assign", "POST", f"/api/councils/1/cases/{urllib.parse.quote(ref)}"
                      "/assignment", {"duty": "investigator", "account_id": account})
                own[name].append(ref)
        for name, role, _ in names:
            reach = refs if role != "investigator" else own[name]
            spec.append((name, own[name], reach, role != "investigator"))
        say(f"   {len(refs)} cases, {len(spec)} officers signed in")

        say(f"== Load: {len(spec)} officers for {a.seconds:g} s")
        officers, acks, took = load(server, spec, a.seconds)
        report(officers, took)
        errors = [e for o in officers for e in o.errors]
        cut = sum(o.cut_off for o in officers)
        conflicts = sum(o.conflicts for o in officers)
        say(f"errors: {len(errors)} (floor 0); connections cut: {cut} (floor 0); "
            f"stale edits refused as 409 and made again after a reload: {conflicts}")
        for e in errors[:10]:
            say(f"  error: {e}")
        if errors or cut:
            failures.append(f"{len(errors)} errors and {cut} cut connections under load")
        missing = check_present(mo, acks)
        say(f"acknowledged writes: {len(acks)}; missing: {len(missing)} (floor 0)")
        if missing:
            failures.append(f"{len(missing)} acknowledged writes missing: {missing[:5]}")
        code, problems, head = verify(exe, cluster.url)
        say(f"casebook-server verify: exit {code}, {len(problems)} problems (floor 0); "
            f"audit head {head}")
        if code != 0 or problems:
            failures.append(f"verify after load: exit {code}, {problems[:5]}")

        say(f"== Crash: the load again, the server killed with SIGKILL halfway")
        spec = [(name, o.own, o.reach, o.may_log) for (name, _, _, _), o in zip(spec, officers)]
        half = max(1.0, a.seconds / 2)
        officers, acks2, took = load(server, spec, a.seconds, kill_after=half)
        errors = [e for o in officers for e in o.errors]
        say(f"   before the kill: {sum(o.count for o in officers)} operations, "
            f"{len(acks2)} writes acknowledged, {len(errors)} errors (floor 0)")
        if errors:
            failures.append(f"{len(errors)} errors before the kill: {errors[:5]}")
        server = Server(exe, cluster.url, log_path)
        code, problems, head = verify(exe, cluster.url)
        say(f"after restart, casebook-server verify: exit {code}, {len(problems)} problems "
            f"(floor 0); audit head {head}")
        if code != 0 or problems:
            failures.append(f"verify after the kill: exit {code}, {problems[:5]}")
        mo = sign_in(server, ADMIN, ADMIN_PASSWORD)
        missing = check_present(mo, acks + acks2)
        say(f"every write acknowledged (both runs, {len(acks) + len(acks2)}): "
            f"missing {len(missing)} (floor 0)")
        if missing:
            failures.append(f"{len(missing)} acknowledged writes lost in the kill: {missing[:5]}")
        server.stop()
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)
    if failures:
        say("\nFAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    say("\nAll checks passed.")


if __name__ == "__main__":
    main()
