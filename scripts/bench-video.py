#!/usr/bin/env python3
"""Video intake: Casebook's throughput taking in a 500 MB video beside its floor, `sha256sum`
then `cp` of the same file, measured in the same run on this machine. A script, not a timed test.

The video is an MP4 whose boxes are whole (so intake accepts it) around 500 MB of random media
data (so nothing compresses or repeats). `casebook evidence add` sniffs it, checks its structure,
streams it into the database in 8 MiB parts while a second thread reads and hashes it, and
commits; the figure is the whole command, the database left closed (SQLite's WAL checkpointed
into the file; a video is written with SQLite's rollback journal, so once, not twice). It is run
twice: on an encrypted database (the default: every page is encrypted with SQLCipher, AES-256
and an HMAC) and on an unencrypted one (`casebook init --unencrypted`). The SHA-256 Casebook
records is checked against `sha256sum`'s.

The issue's floor, `sha256sum` + `cp`, encrypts nothing, so the encrypted run is also set beside
a floor that does what it does: `sha256sum` + `openssl enc -aes-256-cbc` of the same file. Each
run is judged (and the exit status set) against the floor that matches it; every ratio is
printed.

Needs a built CLI: `cargo build --release -p casebook-cli` (or --debug for target/debug: the
hashing and SQLite are optimised in the debug build too, see Cargo.toml).

Usage:
    python3 scripts/bench-video.py [--debug] [--mb 500]
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLOOR_RATIO = 0.7


def make_video(path, size):
    """An MP4 of `size` bytes of media data: ftyp, an empty moov, then mdat."""
    with open(path, "wb") as f:
        f.write(struct.pack(">I", 24) + b"ftypisom" + b"\0\0\x02\0" + b"isommp41")
        f.write(struct.pack(">I", 16) + b"moov" + bytes(8))
        f.write(struct.pack(">I", size + 8) + b"mdat")
        left = size
        while left:
            n = min(8 << 20, left)
            f.write(os.urandom(n))
            left -= n


def timed(args, **kw):
    started = time.perf_counter()
    out = subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout
    return time.perf_counter() - started, out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--debug", action="store_true", help="use target/debug/casebook")
    p.add_argument("--mb", type=int, default=500, help="size of the video's media data in MB")
    a = p.parse_args()
    cli = os.path.join(ROOT, "target", "debug" if a.debug else "release", "casebook")
    if not os.path.exists(cli):
        raise SystemExit(f"{cli} is not built: cargo build {'' if a.debug else '--release '}-p casebook-cli")
    with tempfile.TemporaryDirectory(prefix="casebook-video-bench-") as work:
        video = os.path.join(work, "clip.mp4")
        make_video(video, a.mb * 1000 * 1000)
        size = os.path.getsize(video)
        # Read it once so that every run below finds it in the page cache alike.
        subprocess.run(["cat", video], check=True, stdout=subprocess.DEVNULL)

        hash_s, out = timed(["sha256sum", video])
        expected = out.split()[0]
        copy = os.path.join(work, "copy.mp4")
        copy_s, _ = timed(["cp", video, copy])
        os.remove(copy)
        floor = hash_s + copy_s
        enc_s, _ = timed(["openssl", "enc", "-aes-256-cbc", "-pbkdf2", "-pass", "pass:bench",
                          "-in", video, "-out", copy])
        os.remove(copy)
        enc_floor = hash_s + enc_s
        mb = size / 1e6
        print(f"video: {mb:.0f} MB MP4")
        print(f"floor: sha256sum {hash_s:.2f} s + cp {copy_s:.2f} s = {floor:.2f} s "
              f"({mb / floor:.0f} MB/s)")
        print(f"floor, encrypting: sha256sum {hash_s:.2f} s + openssl enc -aes-256-cbc "
              f"{enc_s:.2f} s = {enc_floor:.2f} s ({mb / enc_floor:.0f} MB/s)")

        met = True
        for encrypted in (True, False):
            db = os.path.join(work, f"{'encrypted' if encrypted else 'plain'}.sqlite3")
            env = dict(os.environ, CASEBOOK_DB=db, CASEBOOK_ACTOR="Bench Officer")
            env.pop("CASEBOOK_PASSPHRASE", None)
            if encrypted:
                env["CASEBOOK_PASSPHRASE"] = "bench passphrase long enough"
            else:
                subprocess.run([cli, "init", "--unencrypted"], env=env, check=True, capture_output=True)
            subprocess.run([cli, "demo"], env=env, check=True, capture_output=True)
            took, out = timed([cli, "evidence", "add", "SC-2026-001", video], env=env)
            recorded = re.search(r"sha256 ([0-9a-f]{64})", out)
            if not recorded or recorded.group(1) != expected:
                raise SystemExit(f"Casebook recorded {out.strip()!r}; sha256sum says {expected}")
            ratio = floor / took
            kind = "encrypted (SQLCipher)" if encrypted else "unencrypted"
            line = f"intake, {kind}: {took:.2f} s ({mb / took:.0f} MB/s), {ratio:.2f}x sha256sum + cp"
            if encrypted:
                like = enc_floor / took
                met &= like >= FLOOR_RATIO
                print(f"{line} (NOT like for like), {like:.2f}x sha256sum + openssl enc   "
                      f"floor {FLOOR_RATIO}x of the encrypting floor: "
                      f"{'met' if like >= FLOOR_RATIO else 'NOT met'}")
            else:
                met &= ratio >= FLOOR_RATIO
                print(f"{line}   floor {FLOOR_RATIO}x: {'met' if ratio >= FLOOR_RATIO else 'NOT met'}")
            os.remove(db)
        print("SHA-256 recorded by Casebook equals sha256sum's.")
        shutil.rmtree(work, ignore_errors=True)
        raise SystemExit(0 if met else 1)


if __name__ == "__main__":
    main()
