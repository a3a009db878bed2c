//! Hostile and damaged input, each case a real file or process, so none of the failures found by
//! the hardening battery comes back.

use std::io::Cursor;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use casebook::{evidence, Error};
use image::codecs::gif::{GifEncoder, Repeat};
use image::{Delay, Frame, ImageFormat, Rgba, RgbaImage};

use crate::support::{casebook, demo, image_bytes};

fn refused(bytes: &[u8], name: &str) -> String {
    match evidence::check(bytes, Some(name)) {
        Err(Error::Invalid { field, reason }) => {
            assert_eq!(field, "file", "{name}: {reason}");
            reason
        }
        Err(e) => panic!("{name}: refused for the wrong reason: {e}"),
        Ok(c) => panic!(
            "{name} ({} bytes) was accepted as {}",
            bytes.len(),
            c.media_type
        ),
    }
}

/// A two-frame animated GIF, big enough that its second frame lies in the second half.
fn animated_gif() -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = GifEncoder::new(&mut out);
        enc.set_repeat(Repeat::Infinite).unwrap();
        for seed in [40u8, 200] {
            let img = RgbaImage::from_fn(120, 80, |x, y| {
                Rgba([seed, (x * 2) as u8, (y * 3) as u8, 255])
            });
            enc.encode_frame(Frame::from_parts(
                img,
                0,
                0,
                Delay::from_numer_denom_ms(100, 1),
            ))
            .unwrap();
        }
    }
    out
}

#[test]
fn truncated_images_are_refused_saying_so() {
    let jpeg = image_bytes(ImageFormat::Jpeg, 3);
    let png = image_bytes(ImageFormat::Png, 4);
    let gif = animated_gif();
    let webp = {
        let mut out = Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(40, 24, |x, y| {
            image::Rgb([x as u8 * 6, y as u8 * 10, 90])
        }))
        .write_to(&mut out, ImageFormat::WebP)
        .unwrap();
        out.into_inner()
    };
    // Whole files are accepted.
    for (bytes, name) in [
        (&jpeg, "a.jpg"),
        (&png, "a.png"),
        (&gif, "a.gif"),
        (&webp, "a.webp"),
    ] {
        evidence::check(bytes, Some(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let cut = |b: &[u8], keep: usize| b[..keep].to_vec();
    let cases: Vec<(Vec<u8>, &str, &str)> = vec![
        (
            cut(&jpeg, jpeg.len() / 2),
            "half.jpg",
            "end-of-image marker",
        ),
        (
            cut(&jpeg, jpeg.len() * 9 / 10),
            "most.jpg",
            "end-of-image marker",
        ),
        (
            cut(&jpeg, jpeg.len() - 2),
            "no-eoi.jpg",
            "end-of-image marker",
        ),
        (cut(&png, png.len() - 12), "no-iend.png", "IEND"),
        (cut(&gif, gif.len() / 2), "half.gif", "GIF"),
        (cut(&gif, gif.len() - 1), "no-trailer.gif", "trailer"),
        (cut(&webp, webp.len() - 10), "short.webp", "header says"),
    ];
    for (bytes, name, words) in cases {
        let reason = refused(&bytes, name);
        assert!(
            reason.contains("truncated") && reason.contains(words),
            "{name}: {reason}"
        );
    }
}

#[test]
fn only_regular_files_are_read_and_every_limit_names_the_file() {
    let (dir, db) = demo();
    let fifo = dir.path().join("pipe.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo");
    let folder = dir.path().join("folder.png");
    std::fs::create_dir(&folder).unwrap();
    let (fifo, folder) = (fifo.to_str().unwrap(), folder.to_str().unwrap());
    let reference = "SC-2026-001";
    let cases: Vec<(Vec<&str>, &str, &str)> = vec![
        (
            vec!["evidence", "add", reference, fifo],
            fifo,
            "a named pipe",
        ),
        (vec!["import", fifo], fifo, "a named pipe"),
        (
            vec!["evidence", "text", reference, "--file", fifo],
            fifo,
            "a named pipe",
        ),
        (vec!["catalogue", "add-version", fifo], fifo, "a named pipe"),
        (vec!["import", "/dev/zero"], "/dev/zero", "a device"),
        (
            vec!["catalogue", "add-version", "/dev/zero"],
            "/dev/zero",
            "a device",
        ),
        (
            vec!["evidence", "add", reference, folder],
            folder,
            "a folder",
        ),
    ];
    for (args, path, kind) in cases {
        let (code, err) = casebook(&db, &args);
        assert_ne!(code, 0, "{args:?} succeeded");
        assert!(
            err.contains(path) && err.contains(kind) && err.contains("not a file"),
            "{args:?}: {err}"
        );
    }
    // A file over the limit is refused before it is read, naming it.
    let big = dir.path().join("big-screenshot.png");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(33 * 1024 * 1024)
        .unwrap();
    let (code, err) = casebook(&db, &["evidence", "add", reference, big.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(
        err.contains("big-screenshot.png is 33.0 MiB") && err.contains("limited to 32 MiB"),
        "{err}"
    );
}

const LOG_HEADER: &str =
    "received_on,complainant_name,complainant_type,councillor_name,council,platform,summary";

/// The list, verify, backup (to `backup`) and the due list all succeed on `db` beside `beside`
/// (what else is at work on it). (A search or opening a case is a look the access log must
/// record, so it waits for the writer like any change: see below.)
fn reads_verify_and_backup_succeed(db: &Path, backup: &Path, beside: &str) {
    for args in [
        vec!["case", "list", "--json"],
        vec!["verify"],
        vec!["backup", "--out", backup.to_str().unwrap()],
        vec!["due"],
    ] {
        let (code, err) = casebook(db, &args);
        assert_eq!(code, 0, "{args:?} failed beside {beside}: {err}");
    }
}

#[test]
fn reads_verify_and_backup_work_while_another_writer_holds_the_lock() {
    let (dir, db) = demo();
    // A colleague's long import: a write transaction held open for longer than any busy wait.
    let writer = crate::support::raw(&db);
    writer
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO holiday_override (day, kind, name) VALUES ('2031-08-29', 'holiday', 'Mid-import');",
        )
        .unwrap();
    let backup = dir.path().join("backup.sqlite3");
    reads_verify_and_backup_succeed(&db, &backup, "a writer");
    // A search is recorded in the access log before its results are shown: with the writer still
    // at work past the busy wait, it is refused, saying why, and shows nothing unrecorded.
    let (code, err) = casebook(&db, &["search", "abusive"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("access log") && err.contains("try again"),
        "{err}"
    );
    writer.execute_batch("ROLLBACK").unwrap();
    let (code, err) = casebook(&db, &["search", "abusive"]);
    assert_eq!(code, 0, "once the writer is done: {err}");
    let copy = crate::support::raw(&backup);
    let cases: i64 = copy
        .query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cases, 40, "the backup holds every case committed before it");
}

#[test]
fn dates_outside_real_events_and_text_that_is_not_utf8_are_refused_naming_the_field() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("casebook.sqlite3");
    let (code, err) = casebook(&db, ADD_COUNCILLOR);
    assert_eq!(code, 0, "{err}");
    let new_case = |extra: &[&str]| casebook(&db, &[NEW_CASE, extra].concat());
    for (extra, field) in [
        (vec!["--posted-at=+99999-03-12"], "posted_at"),
        (vec!["--posted-at", "12/03/20260 10:00"], "posted_at"),
    ] {
        let (code, err) = new_case(&extra);
        assert_eq!(code, 2, "{extra:?}: {err}");
        assert!(err.contains(&format!("{field}:")), "{extra:?}: {err}");
    }
    let (code, err) = casebook(&db, &["holidays", "add", "1850-08-26", "--name", "Old"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("1900 to 2100"), "{err}");
    let (code, err) = casebook(&db, &["due", "--as-of", "9999-12-31"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("as_of:") && err.contains("1900 to 2100"),
        "{err}"
    );
    let (code, err) = casebook(&db, &["case", "list"]);
    assert_eq!(code, 0, "{err}");

    // Text that is not UTF-8 names the option it was given to.
    let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .env("CASEBOOK_PASSPHRASE", crate::support::PASSPHRASE)
        .env("CASEBOOK_ACTOR", "Test Officer")
        .args([
            "case",
            "new",
            "--received-on",
            "2026-05-11",
            "--complainant-name",
        ])
        .arg(std::ffi::OsStr::from_bytes(b"Bad \xff name"))
        .env("CASEBOOK_DB", &db)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("complainant_name: is not valid UTF-8"),
        "{err}"
    );
}

#[test]
fn a_template_that_never_ends_stops_with_an_error() {
    let source = casebook_papers::template::Source {
        name: "annual.md".into(),
        text: "# Report\n{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}\n"
            .into(),
        path: None,
    };
    let err = casebook_papers::template::render(&source, &serde_json::json!({})).unwrap_err();
    let Error::Invalid { field, reason } = err else {
        panic!("{err}")
    };
    assert_eq!(field, "template");
    assert!(
        reason.contains("annual.md") && reason.contains("ran too long"),
        "{reason}"
    );
}

/// What a forger with the file can do: edit a record, then rewrite its audit entry and recompute
/// every hash after it, so that the chain and every record check out again.
fn reforge(path: &Path, reference: &str) {
    let conn = crate::support::raw(path);
    conn.execute_batch(
        "DROP TRIGGER audit_append_only_update; DROP TRIGGER audit_append_only_delete;",
    )
    .unwrap();
    let id: i64 = conn
        .query_row(
            "SELECT id FROM cases WHERE reference = ?1",
            [reference],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "UPDATE cases SET summary = 'Nothing to see here' WHERE id = ?1",
        [id],
    )
    .unwrap();
    let forged = casebook::audit::snapshot(&conn, "cases", id)
        .unwrap()
        .unwrap();
    let mut entries = casebook::audit::all(&conn).unwrap();
    let mut prev = casebook::audit::GENESIS.to_string();
    for e in &mut entries {
        if e.entity == "cases" && e.entity_id == id {
            e.changes = serde_json::Value::Object(forged.clone()).to_string();
            e.state_hash = Some(casebook::audit::state_hash(&forged));
        }
        e.prev_hash = prev.clone();
        e.content_hash = Some(casebook::audit::content_hash(
            e.reason.as_deref(),
            &e.changes,
        ));
        e.hash = e.compute_hash();
        prev = e.hash.clone();
        conn.execute(
            "UPDATE audit SET changes = ?2, state_hash = ?3, prev_hash = ?4, hash = ?5,
                              content_hash = ?6 WHERE seq = ?1",
            rusqlite::params![
                e.seq,
                e.changes,
                e.state_hash,
                e.prev_hash,
                e.hash,
                e.content_hash
            ],
        )
        .unwrap();
    }
}

/// A demo database in a temp folder, and its audit trail's head now.
fn demo_and_its_head() -> (tempfile::TempDir, std::path::PathBuf, casebook::audit::Head) {
    let (dir, db) = demo();
    let conn = crate::support::raw(&db);
    let head = casebook::audit::head(&conn).unwrap().unwrap();
    (dir, db, head)
}

#[test]
fn a_reforged_chain_passes_verify_alone_but_fails_against_any_earlier_anchor() {
    // The anchors: a head written down, a backup and a paper, all taken now.
    let (dir, db, head) = demo_and_its_head();
    let backup = dir.path().join("anchor-backup.sqlite3");
    let (code, err) = casebook(&db, &["backup", "--out", backup.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let paper = dir.path().join("minutes.txt");
    std::fs::write(
        &paper,
        format!("Audit trail head recorded: {}\n", head.anchor()),
    )
    .unwrap();
    // Work goes on after the anchor.
    let (code, err) = casebook(&db, &["note", "add", "SC-2025-003", "--text", "Later work"]);
    assert_eq!(code, 0, "{err}");

    reforge(&db, "SC-2025-002");
    let (code, err) = casebook(&db, &["verify"]);
    assert_eq!(code, 0, "the re-forged chain checks out on its own: {err}");

    for anchor in [
        head.anchor(),
        backup.to_str().unwrap().to_string(),
        paper.to_str().unwrap().to_string(),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
            .env("CASEBOOK_PASSPHRASE", crate::support::PASSPHRASE)
            .env("CASEBOOK_ACTOR", "Test Officer")
            .args(["verify", "--anchor", &anchor])
            .env("CASEBOOK_DB", &db)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(4), "{anchor}: {text}");
        assert!(
            text.contains("PROBLEM [anchor]") && text.contains("rewritten since the anchor"),
            "{anchor}: {text}"
        );
    }
}

#[test]
fn an_untouched_trail_extends_its_anchor() {
    let (_dir, db, head) = demo_and_its_head();
    let (code, err) = casebook(&db, &["note", "add", "SC-2025-003", "--text", "Later work"]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = casebook(&db, &["verify", "--anchor", &head.anchor()]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = casebook(&db, &["verify", "--anchor", "not-an-anchor"]);
    assert_eq!(code, 2);
    assert!(err.contains("anchor:"), "{err}");
}

/// A complaints log of `n` rows, each a new complaint about one of a few councillors, with a
/// guidance tag and the post's text (so each row is real work for the import).
fn big_log(path: &Path, n: usize) {
    let mut body = format!("{LOG_HEADER},tags,post_text");
    for i in 0..n {
        body.push_str(&format!(
            "\n2025-{:02}-{:02},Resident {i},public,Councillor {},Kingsmere City Council,Facebook,Complaint number {i} about a post,R{},The post said thing number {i}",
            1 + i % 12,
            1 + i % 28,
            i % 7,
            1 + i % 10
        ));
    }
    std::fs::write(path, body).unwrap();
}

fn count_cases(db: &Path) -> i64 {
    let conn = crate::support::raw(db);
    conn.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_30_second_import_in_one_process_leaves_others_free_to_read_verify_and_back_up() {
    let (dir, db) = demo();
    let log = dir.path().join("log.csv");
    // About 30 seconds of work on our machines (13 s for 10,000 such rows).
    big_log(&log, 22_000);
    let mut import = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .env("CASEBOOK_PASSPHRASE", crate::support::PASSPHRASE)
        .env("CASEBOOK_ACTOR", "Test Officer")
        .args(["import", log.to_str().unwrap()])
        .env("CASEBOOK_DB", &db)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        import.try_wait().unwrap().is_none(),
        "the import is still running"
    );
    let backup = dir.path().join("during.sqlite3");
    reads_verify_and_backup_succeed(&db, &backup, "the import");
    let during = import.try_wait().unwrap().is_none();
    let status = import.wait().unwrap();
    assert!(status.success(), "the import itself succeeded");
    let in_backup = count_cases(&backup);
    assert!(
        in_backup == 40 || in_backup == 22_040,
        "the backup holds every case committed before it, and no part of the import: {in_backup}"
    );
    assert!(during, "the checks ran while the import was still running");
    assert_eq!(count_cases(&db), 22_040);
}

const ADD_COUNCILLOR: &[&str] = &[
    "councillor",
    "add",
    "--name",
    "Gwen Tallis",
    "--council",
    "Kingsmere City Council",
];

/// A complaint about the councillor [`ADD_COUNCILLOR`] adds.
const NEW_CASE: &[&str] = &[
    "case",
    "new",
    "--received-on",
    "2026-05-11",
    "--complainant-name",
    "A. Resident",
    "--councillor",
    "Gwen Tallis",
    "--platform",
    "Facebook",
    "--summary",
    "A post",
];

/// Makes `db` hold one case (SC-2026-001) to add evidence to.
fn one_case(db: &Path) {
    for args in [ADD_COUNCILLOR, NEW_CASE] {
        let (code, err) = casebook(db, args);
        assert_eq!(code, 0, "{err}");
    }
}

#[test]
fn killed_at_random_moments_a_demo_import_or_intake_leaves_all_or_nothing_and_verify_clean() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.csv");
    big_log(&log, 400);
    // Twelve large screenshots for one `evidence add`, which stores them in one transaction.
    let shots: Vec<String> = (0..12u8)
        .map(|i| {
            let path = dir.path().join(format!("shot-{i}.png"));
            let img = image::RgbImage::from_fn(900, 700, |x, y| {
                image::Rgb([i.wrapping_mul(20), (x % 251) as u8, (y % 241) as u8])
            });
            img.save(&path).unwrap();
            path.to_str().unwrap().to_string()
        })
        .collect();
    // A small deterministic generator, seeded from the clock; the seed is in every message.
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64;
    let mut state = seed | 1;
    let mut next = move |below: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % below
    };
    let mut outcomes = [0, 0]; // killed before the commit, after
    for run in 0..50 {
        let db = dir.path().join(format!("run-{run}.sqlite3"));
        let (code, err) = casebook(&db, &["init"]);
        assert_eq!(code, 0, "{err}");
        let (args, table, whole): (Vec<&str>, &str, i64) = match run % 3 {
            0 => (vec!["demo"], "cases", 40),
            1 => (vec!["import", log.to_str().unwrap()], "cases", 400),
            _ => {
                one_case(&db);
                let mut args = vec!["evidence", "add", "SC-2026-001"];
                args.extend(shots.iter().map(String::as_str));
                (args, "evidence", 12)
            }
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_casebook"))
            .env("CASEBOOK_PASSPHRASE", crate::support::PASSPHRASE)
            .env("CASEBOOK_ACTOR", "Test Officer")
            .args(&args)
            .env("CASEBOOK_DB", &db)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(next(1_500)));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let conn = crate::support::raw(&db);
        let n: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert!(
            n == 0 || n == whole,
            "seed {seed}, run {run} ({}): {n} {table} rows, a partial write",
            args[0]
        );
        outcomes[usize::from(n == whole)] += 1;
        let (code, out) = casebook(&db, &["verify"]);
        assert_eq!(
            code, 0,
            "seed {seed}, run {run} ({}): verify: {out}",
            args[0]
        );
    }
    eprintln!(
        "seed {seed}: killed before the commit {}, after it {}",
        outcomes[0], outcomes[1]
    );
}

// What the import and notes do with hostile input, on both stores.
on_both_stores! {
    use casebook::Error;

    use super::LOG_HEADER;

    fn import_errors(
        t: &mut TestDb,
        name: &str,
        body: &str,
    ) -> Vec<casebook::RowError> {
        let path = t.dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        match t.import_file(&path, true) {
            Err(Error::Import(rows)) => rows,
            Ok(o) => panic!("{name}: expected row errors, got {} rows imported", o.rows),
            Err(other) => panic!("{name}: expected row errors, got {other}"),
        }
    }

    #[test]
    fn import_errors_name_the_line_an_editor_shows_whatever_the_line_endings() {
        let good = "2025-03-14,Janet Moorcroft,public,Gwen Tallis,Kingsmere City Council,Facebook,Fine";
        let bad = "2025-03-15,Janet Moorcroft,public,Gwen Tallis,Kingsmere City Council,Facebook,";
        for (name, eol) in [
            ("unix.csv", "\n"),
            ("excel.csv", "\r\n"),
            ("old-mac.csv", "\r"),
        ] {
            let mut t = open();
            // Header (line 1), a good row (2), a bad row (3), a blank line (4), a bad row (5).
            let body = [LOG_HEADER, good, bad, "", bad].join(eol);
            let errors = import_errors(&mut t, name, &body);
            let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
            assert_eq!(lines, [3, 5], "{name}: {errors:#?}");
            assert!(
                errors.iter().all(|e| e.field == "summary"),
                "{name}: {errors:#?}"
            );
        }
    }

    #[test]
    fn an_over_long_import_is_refused_before_any_row_is_worked_on() {
        let mut t = open();
        let row = "2025-03-14,J M,public,G T,K,X,A";
        let mut body = String::from(LOG_HEADER);
        for _ in 0..=casebook::import::MAX_ROWS {
            body.push('\n');
            body.push_str(row);
        }
        let errors = import_errors(&mut t, "huge.csv", &body);
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert_eq!(errors[0].field, "file");
        assert!(
            errors[0].reason.contains("has 1000001 rows") && errors[0].reason.contains("1000000"),
            "{}",
            errors[0].reason
        );
        assert_eq!(t.count("SELECT count(*) FROM cases"), 0);
        assert_eq!(t.count("SELECT count(*) FROM councillor"), 0);
    }

    #[test]
    fn a_deeply_nested_note_is_drawn_to_a_sensible_depth() {
        let mut t = open();
        let c = t.councillor("Gwen Tallis");
        let k = t.case(c, "2026-05-11", "A post");
        let s = crate::support::stamp();
        let quotes = format!("{}deep text", ">".repeat(99_990));
        let lists = format!("{}last item", "- ".repeat(49_990));
        for body in [quotes, lists] {
            let note =
                t.db.write(|tx| casebook::notes::add(tx, &s, k.id, &body))
                    .unwrap();
            assert_eq!(note.body, body, "the note is kept exactly as written");
            let depth = note.html.matches("<blockquote>").count() + note.html.matches("<ul>").count();
            assert!(
                (1..=casebook::notes::MAX_NESTING).contains(&depth),
                "nested {depth} deep"
            );
            assert!(note.html.contains("deep text") || note.html.contains("last item"));
        }
        let d = casebook::views::case_detail(t.db.conn(), &k.reference, s.at.date_naive()).unwrap();
        assert_eq!(d.notes.len(), 2);
    }
}
