//! For tests: the team server's binary run and served on loopback ([`Served`], [`server_cmd`]),
//! and a throwaway PostgreSQL cluster for one test: `initdb` in a temp dir, `pg_ctl start` listening
//! only on a Unix socket in that dir (no TCP port), stopped and deleted when dropped. As root, the
//! cluster runs as the `postgres` user (initdb refuses root). PostgreSQL 15 or newer must be
//! installed (`scripts/setup.sh --tests` installs Debian's postgresql-15): without it the test
//! fails and says so, it is not skipped. [`shared`] is one cluster for all of a process's tests.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

const PORT: u16 = 5432;

pub struct Cluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
}

/// The newest PostgreSQL (15+) server binaries installed, or CASEBOOK_PG_BIN.
fn bin_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CASEBOOK_PG_BIN") {
        return PathBuf::from(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let v: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            (v >= 15 && bin.join("initdb").exists()).then_some((v, bin))
        })
        .collect();
    versions.sort();
    match versions.pop() {
        Some((_, bin)) => bin,
        None => panic!(
            "PostgreSQL 15 or newer is needed for the team server's tests and was not found in \
             /usr/lib/postgresql: run scripts/setup.sh --tests (it installs postgresql-15), or \
             set CASEBOOK_PG_BIN to its bin folder"
        ),
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A PostgreSQL program with its arguments, run as `postgres` when we are root.
fn command(bin: &Path, program: &str, args: &[&str]) -> Command {
    let exe = bin.join(program);
    let mut c = if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(exe);
        c
    } else {
        Command::new(exe)
    };
    c.args(args);
    c
}

/// Runs a PostgreSQL program; it must succeed.
fn run(bin: &Path, program: &str, args: &[&str]) {
    let out = command(bin, program, args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Cluster {
    pub fn start() -> Cluster {
        let bin = bin_dir();
        let dir = tempfile::Builder::new()
            .prefix("casebook-pg-")
            .tempdir()
            .expect("temp dir");
        if is_root() {
            let out = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(dir.path())
                .output()
                .expect("chown");
            assert!(out.status.success(), "chown: {out:?}");
        }
        let d = dir.path().to_str().expect("utf-8 temp dir").to_string();
        let data = format!("{d}/data");
        run(
            &bin,
            "initdb",
            &[
                "-D",
                &data,
                "-A",
                "trust",
                "-U",
                "casebook",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        );
        let options =
            format!("-k {d} -c listen_addresses='' -p {PORT} -c fsync=off -c full_page_writes=off");
        run(
            &bin,
            "pg_ctl",
            &[
                "-D",
                &data,
                "-o",
                &options,
                "-l",
                &format!("{d}/log"),
                "-w",
                "start",
            ],
        );
        Cluster { dir, bin }
    }

    /// The URL of database `name` (`postgres` is there from the start).
    pub fn url(&self, name: &str) -> String {
        format!(
            "postgresql:///{name}?host={}&port={PORT}&user=casebook",
            self.dir.path().display()
        )
    }

    /// Runs `sql` with `psql` on database `postgres` as the cluster's owner, behind the back of
    /// whatever uses the cluster (to tamper with stored data, say); its output, unaligned.
    pub fn psql(&self, sql: &str) -> String {
        let host = self.dir.path().to_str().expect("utf-8 temp dir");
        let port = PORT.to_string();
        let args = [
            "-h",
            host,
            "-p",
            &port,
            "-U",
            "casebook",
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-A",
            "-t",
            "-c",
            sql,
        ];
        let out = command(&self.bin, "psql", &args)
            .output()
            .unwrap_or_else(|e| panic!("cannot run psql: {e}"));
        assert!(
            out.status.success(),
            "psql {sql:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// The one cluster all of a test process's tests share, started by the first that asks: for a
/// suite that gives each test its own council (schema) rather than its own cluster.
pub fn shared() -> &'static Cluster {
    static SHARED: OnceLock<Cluster> = OnceLock::new();
    SHARED.get_or_init(|| {
        let cluster = Cluster::start();
        cluster.stop_after(std::process::id());
        cluster
    })
}

impl Cluster {
    /// A static is never dropped: a watcher stops the cluster and deletes its folder once process
    /// `pid` has ended, however it ends.
    // The watcher outlives this process by design, so it is never waited for here.
    #[allow(clippy::zombie_processes)]
    fn stop_after(&self, pid: u32) {
        let dir = self.dir.path().to_str().expect("utf-8 temp dir");
        let pg_ctl = self.bin.join("pg_ctl");
        let as_owner = if is_root() {
            "runuser -u postgres -- "
        } else {
            ""
        };
        let script = format!(
            "while [ -e /proc/{pid} ]; do sleep 0.2; done; \
             {as_owner}'{}' -D '{dir}/data' -m immediate stop; rm -rf '{dir}'",
            pg_ctl.display()
        );
        Command::new("sh")
            .args(["-c", &script])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the cluster's watcher starts");
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let data = data.to_str().unwrap_or_default();
        let stop = ["-D", data, "-m", "immediate", "stop"];
        // Best effort: a cluster that did not start has nothing to stop.
        let _ = command(&self.bin, "pg_ctl", &stop).output();
    }
}

/// The team server's binary beside another of the workspace's binaries (`cargo test --workspace`
/// builds them all into one folder), for the tests of a front end that works with it.
pub fn server_beside(binary: &Path) -> PathBuf {
    let exe = binary.with_file_name("casebook-server");
    assert!(
        exe.exists(),
        "{} is missing: build it with `cargo build -p casebook-server` (`cargo test --workspace` \
         does)",
        exe.display()
    );
    exe
}

/// Runs `casebook-server ARGS`, which must succeed.
pub fn server_ok(exe: &Path, args: &[&str]) {
    let (code, out, err) = server_cmd(exe, args);
    assert_eq!(code, 0, "casebook-server {args:?}: {out}{err}");
}

/// Runs the team server's binary `exe` with `args`; its exit code, stdout and stderr.
pub fn server_cmd(exe: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(exe)
        .args(args)
        .env_remove("CASEBOOK_DATABASE")
        .env_remove("CASEBOOK_ADMIN_PASSWORD")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `casebook-server serve` (the binary `exe`) on the database at `url`, plain HTTP on a free
/// loopback port, killed when dropped.
pub struct Served {
    child: Child,
    /// Where it listens: `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Served {
    /// Starts it with `extra` arguments and waits for the line that says where it listens. A
    /// server that stops at once (one just killed may still hold its claim on the database for a
    /// moment) is started again, for up to ten seconds.
    pub fn start(exe: &Path, url: &str, extra: &[&str]) -> Served {
        let start = std::time::Instant::now();
        loop {
            let mut child = Command::new(exe)
                .args(["serve", "--database", url, "--listen", "127.0.0.1:0"])
                .args(extra)
                .env_remove("CASEBOOK_DATABASE")
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", exe.display()));
            let mut line = String::new();
            let stdout = child.stdout.take().expect("piped stdout");
            BufReader::new(stdout)
                .read_line(&mut line)
                .expect("the server's first line");
            if let Some(base) = line.trim().strip_prefix("Casebook Server listening on ") {
                let base = base.to_string();
                return Served { child, base };
            }
            let _ = child.wait();
            assert!(
                line.is_empty() && start.elapsed() < std::time::Duration::from_secs(10),
                "the server did not start: {line:?}"
            );
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
