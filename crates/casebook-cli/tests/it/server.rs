//! The CLI as the team server's client: the real `casebook` against the real `casebook-server`
//! on a PostgreSQL cluster the test starts, the demo council moved in. Signing in keeps the
//! session in the OS keyring (nothing written to a file), and the day's commands work over the
//! server with the same messages and exit codes as on a file.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::{demo, image_bytes};

const COUNCIL: &str = "Kingsmere City Council";
const ADMIN: &str = "Test Officer";
const PASSWORD: &str = "copper lantern orchard mosaic";

fn server_exe() -> PathBuf {
    casebook_pgtest::server_beside(Path::new(env!("CARGO_BIN_EXE_casebook")))
}

fn server_cmd(args: &[&str]) {
    casebook_pgtest::server_ok(&server_exe(), args);
}

/// `casebook ARGS` with `--server` and a home of its own, in the session keyring named after
/// `home` (as every program of one login session shares the session keyring PAM makes at
/// login: `keyctl`, from Debian's keyutils); exit code, stdout and stderr.
fn remote(home: &Path, server: &str, args: &[&str]) -> (i32, String, String) {
    let session = format!(
        "casebook-test-{}",
        home.file_name().unwrap().to_string_lossy()
    );
    let out = Command::new("keyctl")
        .args(["session", &session])
        .arg(env!("CARGO_BIN_EXE_casebook"))
        .arg("--server")
        .arg(server)
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env_remove("CASEBOOK_DB")
        .env_remove("CASEBOOK_TOKEN")
        .env_remove("CASEBOOK_PASSWORD")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Every file under `dir`.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            found.extend(files_under(&p));
        } else {
            found.push(p);
        }
    }
    found
}

#[test]
fn the_cli_signs_in_to_a_team_server_and_works_there_with_its_session_in_the_keyring() {
    let pg = casebook_pgtest::Cluster::start();
    let url = pg.url("postgres");
    server_cmd(&[
        "init",
        "--database",
        &url,
        "--council",
        COUNCIL,
        "--admin-name",
        ADMIN,
        "--admin-password",
        PASSWORD,
    ]);
    let (_dir, file) = demo();
    let file_s = file.to_str().unwrap();
    let passphrase = _dir.path().join("passphrase");
    std::fs::write(&passphrase, crate::support::PASSPHRASE).unwrap();
    server_cmd(&[
        "import",
        file_s,
        "--council",
        COUNCIL,
        "--database",
        &url,
        "--passphrase-file",
        passphrase.to_str().unwrap(),
        "--actor",
        ADMIN,
    ]);
    let served = casebook_pgtest::Served::start(&server_exe(), &url, &[]);
    let server = served.base.clone();
    let server = server.as_str();
    let home = tempfile::tempdir().unwrap();
    let home = home.path();

    // Before signing in: told to sign in. A wrong password: refused, exit 1, nothing kept.
    let (code, _, err) = remote(home, server, &["case", "list"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("login"), "{err}");
    let (code, _, err) = remote(
        home,
        server,
        &[
            "login",
            "--name",
            ADMIN,
            "--password",
            "not the password at all",
        ],
    );
    assert_eq!(code, 1, "{err}");

    // Signed in: the session is in the keyring, not in any file.
    let (code, out, err) = remote(
        home,
        server,
        &["login", "--name", ADMIN, "--password", PASSWORD],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Signed in") && out.contains(COUNCIL), "{out}");
    assert_eq!(files_under(home), Vec::<PathBuf>::new());

    // The case list over the server: the demo's 40 cases; "My cases" none yet.
    let (code, out, err) = remote(home, server, &["case", "list", "--json"]);
    assert_eq!(code, 0, "{err}");
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 40, "{out}");
    let reference = rows[0]["reference"].as_str().unwrap().to_string();
    let (code, out, err) = remote(home, server, &["case", "list", "--mine"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("No cases"), "{out}");
    let (code, out, err) = remote(home, server, &["search", "rats"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.trim().is_empty(), "{out}");

    // A tag, a note and a screenshot on a case, each on the case's version.
    let (code, out, err) = remote(
        home,
        server,
        &["tag", &reference, "R9", "--note", "From the server"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("R9"), "{out}");
    let (code, _, err) = remote(
        home,
        server,
        &["note", "add", &reference, "--text", "Checked <b>twice</b>"],
    );
    assert_eq!(code, 0, "{err}");
    let shot = home.join("shot.png");
    let png = image_bytes(image::ImageFormat::Png, 7);
    std::fs::write(&shot, &png).unwrap();
    let (code, out, err) = remote(
        home,
        server,
        &[
            "evidence",
            "add",
            &reference,
            shot.to_str().unwrap(),
            "--description",
            "A reply",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("checked by the server"), "{out}");
    let (code, out, err) = remote(home, server, &["case", "show", &reference, "--json"]);
    assert_eq!(code, 0, "{err}");
    let opened: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = opened["detail"]["evidence"].as_array().unwrap();
    let added = items
        .iter()
        .find(|e| e["description"] == "A reply")
        .unwrap();
    assert!(opened["detail"]["notes"]
        .to_string()
        .contains("Checked <b>twice</b>"));
    // Exported, byte for byte.
    let back = home.join("back.png");
    let id = added["id"].to_string();
    let (code, _, err) = remote(
        home,
        server,
        &["evidence", "export", &id, "--out", back.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(&back).unwrap(), png);

    // A video longer than one request body goes in parts, and comes back byte for byte.
    let video = crate::video::long_mp4(casebook::blob::PART_BYTES + 4321);
    let clip = home.join("clip.mp4");
    std::fs::write(&clip, &video).unwrap();
    let (code, out, err) = remote(
        home,
        server,
        &["evidence", "add", &reference, clip.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    let sha = casebook::audit::sha256_hex(&video);
    assert!(
        out.contains(&format!("SHA-256 {sha}, checked by the server")),
        "{out}"
    );
    let (_, out, _) = remote(home, server, &["case", "show", &reference, "--json"]);
    let opened: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = opened["detail"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["sha256"] == sha.as_str())
        .unwrap_or_else(|| panic!("{opened}"))["id"]
        .to_string();
    let back_video = home.join("back.mp4");
    let (code, _, err) = remote(
        home,
        server,
        &[
            "evidence",
            "export",
            &id,
            "--out",
            back_video.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::read(&back_video).unwrap() == video,
        "byte for byte"
    );

    // A change on the version the officer saw (--based-on) is refused once someone else's came
    // first, naming it; on the version now, it is made.
    let seen = opened["version"].as_i64().unwrap().to_string();
    let (code, _, err) = remote(
        home,
        server,
        &["note", "add", &reference, "--text", "Later"],
    );
    assert_eq!(code, 0, "{err}");
    let stale = ["tag", &reference, "R1", "--based-on", &seen];
    let (code, _, err) = remote(home, server, &stale);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("was changed by Test Officer"), "{err}");
    let (_, out, _) = remote(home, server, &["case", "show", &reference, "--json"]);
    let now: serde_json::Value = serde_json::from_str(&out).unwrap();
    let now = now["version"].as_i64().unwrap().to_string();
    let (code, out, err) = remote(
        home,
        server,
        &["tag", &reference, "R1", "R2", "--based-on", &now],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("R1") && out.contains("R2"), "{out}");

    // A bad value gets the core's message and exit code, as on a file.
    let (code, _, err) = remote(home, server, &["tag", &reference, "NOPE"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("code"), "{err}");
    let (code, _, err) = remote(home, server, &["case", "show", "SC-1999-999"]);
    assert_eq!(code, 3, "{err}");

    // The annual report's Markdown from the server.
    let md = home.join("annual.md");
    let (code, _, err) = remote(
        home,
        server,
        &["report", "annual", "--out", md.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&md).unwrap().contains(COUNCIL));

    // A command that works only on a file says so, and which ones work here.
    let (code, _, err) = remote(home, server, &["verify"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("`casebook verify` works on a Casebook file"),
        "{err}"
    );

    // An address that is not https (nor this computer) is refused before anything is sent.
    for address in ["http://council.example", "http://localhost.evil.example"] {
        let (code, _, err) = remote(home, address, &["case", "list"]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("https://"), "{err}");
    }

    // A server that cannot be reached (stopped) is said plainly; signing out still forgets the
    // session here, and after it the CLI asks to sign in.
    drop(served);
    let (code, _, err) = remote(home, server, &["case", "list"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("cannot reach the team server"), "{err}");
    let (code, _, err) = remote(home, server, &["logout"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = remote(home, server, &["case", "list"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("not signed in"), "{err}");
    // Nothing but the files the test wrote itself: no session in a file.
    let mut files = files_under(home);
    files.sort();
    let mut written = vec![back, md, shot, clip, back_video];
    written.sort();
    assert_eq!(files, written);
    drop(pg);
}
