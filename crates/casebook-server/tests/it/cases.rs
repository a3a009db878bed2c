//! A desktop file moved onto the server, and its cases worked on there: the annual report from the
//! server is the file's, every role reaches only the cases it should, and a stale edit is a
//! conflict that names whose change came first.

use casebook_papers::template::Templates;
use std::path::Path;

use chrono::Utc;
use serde_json::{json, Value};

use casebook::officer::{self, Via};
use casebook::report::Period;
use casebook::{demo, Db, Key, Stamp};

use crate::{init, server_cmd, Server, ADMIN, ADMIN_PASSWORD, COUNCIL};

pub const PASSWORD: &str = "violet harbour kettle drum";

/// The demo council in a new desktop file at `path`, loaded by [`ADMIN`] (its first officer).
fn demo_file(path: &Path) -> Db {
    let now = Utc::now();
    let mut db = Db::open(path, &Key::Plain, &Stamp::new(ADMIN, now)).unwrap();
    let stamp = officer::resolve(db.conn(), ADMIN)
        .unwrap()
        .stamp(Via::Cli, now);
    demo::load_with(&mut db, &stamp, &|tx, s| {
        casebook_papers::letter::demo(tx, s)
    })
    .unwrap();
    db
}

/// The annual report's Markdown for the last municipal year, made from `db`.
fn annual_from_file(db: &Db) -> String {
    let now = Utc::now();
    let period = Period::last_municipal_year(now.date_naive());
    casebook_papers::annual::paper(db.conn(), period, now.date_naive(), Templates::Builtin, "")
        .unwrap()
        .markdown
}

fn import(url: &str, file: &Path) -> (i32, String) {
    let (code, out, err) = server_cmd(&[
        "import",
        file.to_str().unwrap(),
        "--council",
        COUNCIL,
        "--database",
        url,
    ]);
    (code, format!("{out}{err}"))
}

/// A new server set up by [`init`], and a folder for a desktop file: the cluster, its URL, the
/// folder and the file's path there.
fn set_up() -> (
    casebook_pgtest::Cluster,
    String,
    tempfile::TempDir,
    std::path::PathBuf,
) {
    let pg = casebook_pgtest::Cluster::start();
    let url = pg.url("postgres");
    init(&url);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.sqlite3");
    (pg, url, dir, file)
}

/// A cluster with the demo file moved into [`COUNCIL`] (council 1), served.
pub fn moved_in() -> (casebook_pgtest::Cluster, tempfile::TempDir, String, Server) {
    let (pg, url, dir, file) = set_up();
    drop(demo_file(&file));
    let (code, out) = import(&url, &file);
    assert_eq!(code, 0, "{out}");
    let server = Server::start(&url);
    (pg, dir, url, server)
}

#[test]
fn a_moved_in_file_verifies_on_the_server_and_makes_the_same_annual_report() {
    let (_pg, url, _dir, file) = set_up();
    let db = demo_file(&file);
    let expected = annual_from_file(&db);
    let head = casebook::audit::head(db.conn()).unwrap().unwrap();
    drop(db);

    let (code, out) = import(&url, &file);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("the copy passes verify"), "{out}");
    let (code, out, err) = server_cmd(&["verify", "--database", &url, "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let reports: Value = serde_json::from_str(&out).unwrap();
    let report = &reports[0]["report"];
    assert_eq!(report["problems"], json!([]), "{out}");
    assert_eq!(report["head"]["seq"], json!(head.seq), "{out}");
    assert_eq!(report["head"]["hash"], json!(head.hash), "{out}");
    assert!(report["blobs_rehashed"].as_i64().unwrap() > 0, "{out}");

    // A second move into a council that now holds cases is refused, and changes nothing.
    let (code, out) = import(&url, &file);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("already holds"), "{out}");

    let server = Server::start(&url);
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let (status, v) = server.call("GET", "/api/councils/1/reports/annual", Some(&mo), None);
    assert_eq!(status, 200, "{v}");
    let made = v["markdown"].as_str().unwrap();
    assert!(made.contains("Kingsmere"), "{made}");
    assert_eq!(made, expected);
}

#[test]
fn a_file_that_fails_verify_is_not_moved_in() {
    let (_pg, url, _dir, file) = set_up();
    drop(demo_file(&file));
    // A summary changed behind Casebook's back: the trail no longer matches the record.
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute(
        "UPDATE cases SET summary = 'edited outside' WHERE id = 1",
        [],
    )
    .unwrap();
    drop(conn);
    let (code, out) = import(&url, &file);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("fails verify"), "{out}");
    let server = Server::start(&url);
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let (status, v) = server.call("GET", "/api/councils/1/cases", Some(&mo), None);
    assert_eq!((status, v["total"].as_i64()), (200, Some(0)), "{v}");
}

/// Adds an account in `role` to council 1; its id.
pub fn account(server: &Server, mo: &str, name: &str, role: &str) -> i64 {
    let (status, v) = server.call(
        "POST",
        "/api/councils/1/accounts",
        Some(mo),
        Some(json!({"name": name, "role": role, "password": PASSWORD})),
    );
    assert_eq!(status, 201, "{v}");
    v["id"].as_i64().unwrap()
}

fn assign(server: &Server, mo: &str, reference: &str, duty: &str, id: i64) -> (u16, Value) {
    server.call(
        "POST",
        &format!("/api/councils/1/cases/{reference}/assignment"),
        Some(mo),
        Some(json!({"duty": duty, "account_id": id})),
    )
}

fn step(server: &Server, token: &str, reference: &str, based_on: i64) -> (u16, Value) {
    let today = Utc::now().date_naive().to_string();
    server.call(
        "POST",
        &format!("/api/councils/1/cases/{reference}/steps"),
        Some(token),
        Some(json!({"based_on": based_on, "step": {"stage": "acknowledged", "on": today}})),
    )
}

/// The reference of a case still at "received".
fn received_case(server: &Server, mo: &str) -> String {
    let (status, v) = server.call(
        "GET",
        "/api/councils/1/cases?stage=received",
        Some(mo),
        None,
    );
    assert_eq!(status, 200, "{v}");
    v["rows"][0]["reference"].as_str().unwrap().to_string()
}

#[test]
fn investigators_and_independent_persons_reach_only_their_cases_and_a_stale_edit_conflicts() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let investigator = account(&server, &mo, "Ivy Investigator", "investigator");
    let ip = account(&server, &mo, "Ira Independent", "independent_person");
    let reference = received_case(&server, &mo);

    // Unassigned, the Investigator sees no case and is refused this one, with the reason logged.
    let inv = server.sign_in("Ivy Investigator", PASSWORD);
    let (status, v) = server.call("GET", "/api/councils/1/cases", Some(&inv), None);
    assert_eq!((status, v["total"].as_i64()), (200, Some(0)), "{v}");
    let path = format!("/api/councils/1/cases/{reference}");
    let (status, v) = server.call("GET", &path, Some(&inv), None);
    assert_eq!(status, 403, "{v}");
    let message = v["message"].as_str().unwrap();
    assert!(
        message.contains("is not assigned to this case"),
        "{message}"
    );
    let (_, log) = server.call("GET", "/api/security-log?limit=5", Some(&mo), None);
    assert!(
        log.to_string().contains("is not assigned to this case"),
        "{log}"
    );
    // Only a Monitoring Officer or Deputy assigns.
    let (status, v) = assign(&server, &inv, &reference, "investigator", investigator);
    assert_eq!(status, 403, "{v}");

    // Assigned, they see it (and only it) and work on it.
    let (status, v) = assign(&server, &mo, &reference, "investigator", investigator);
    assert_eq!(status, 200, "{v}");
    let (status, v) = server.call("GET", "/api/councils/1/cases", Some(&inv), None);
    assert_eq!((status, v["total"].as_i64()), (200, Some(1)), "{v}");
    assert_eq!(v["rows"][0]["reference"], json!(reference));
    let (status, opened) = server.call("GET", &path, Some(&inv), None);
    assert_eq!(status, 200, "{opened}");
    let version = opened["version"].as_i64().unwrap();
    assert!(opened["assigned"].to_string().contains("Ivy Investigator"));

    // The Monitoring Officer opens the same version; the Investigator moves the case first.
    let (_, mine) = server.call("GET", &path, Some(&mo), None);
    assert_eq!(mine["version"].as_i64(), Some(version));
    let (status, moved) = step(&server, &inv, &reference, version);
    assert_eq!(status, 200, "{moved}");
    assert_eq!(moved["detail"]["stage"], json!("acknowledged"));
    assert!(moved["version"].as_i64().unwrap() > version);
    // The Monitoring Officer's edit, based on what they opened, is a conflict naming whose
    // change came first; nothing of it is stored.
    let (status, v) = step(&server, &mo, &reference, version);
    assert_eq!((status, v["field"].as_str()), (409, Some("version")), "{v}");
    let message = v["message"].as_str().unwrap();
    assert!(message.contains("Ivy Investigator"), "{message}");
    let (_, now) = server.call("GET", &path, Some(&mo), None);
    assert_eq!(now["version"], moved["version"]);

    // An Independent Person reads the cases they are consulted on, and changes nothing.
    let ira = server.sign_in("Ira Independent", PASSWORD);
    let (status, _) = server.call("GET", &path, Some(&ira), None);
    assert_eq!(status, 403);
    let (status, v) = assign(&server, &mo, &reference, "independent_person", ip);
    assert_eq!(status, 200, "{v}");
    let (status, v) = server.call("GET", &path, Some(&ira), None);
    assert_eq!(status, 200, "{v}");
    let (status, v) = step(&server, &ira, &reference, now["version"].as_i64().unwrap());
    assert_eq!(status, 403, "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("Independent Person"),
        "{v}"
    );

    // "My cases": the Monitoring Officer has none assigned yet.
    let (status, v) = server.call("GET", "/api/councils/1/cases?mine=true", Some(&mo), None);
    assert_eq!((status, v["total"].as_i64()), (200, Some(0)), "{v}");
    // The dashboard covers every case: the Monitoring Officer's, not the Investigator's.
    let (status, v) = server.call("GET", "/api/councils/1/dashboard", Some(&mo), None);
    assert_eq!(status, 200, "{v}");
    assert!(v["due_soon_count"].as_i64().unwrap() > 0, "{v}");
    let (status, due) = server.call("GET", "/api/councils/1/due", Some(&mo), None);
    assert_eq!(status, 200, "{due}");
    assert_eq!(
        due["due_soon"].as_array().unwrap().len() as i64,
        v["due_soon_count"].as_i64().unwrap()
    );
    for path in ["/api/councils/1/dashboard", "/api/councils/1/due"] {
        let (status, v) = server.call("GET", path, Some(&inv), None);
        assert_eq!(status, 403, "{path}: {v}");
    }
}

#[test]
fn hostile_values_through_the_case_routes_are_values_not_sql() {
    let (_pg, _dir, url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let (_, before) = server.call("GET", "/api/councils/1/cases", Some(&mo), None);
    let total = before["total"].as_i64().unwrap();
    assert!(total > 0);
    for hostile in [
        "SC-2026-001'; DROP TABLE cases; --",
        "x' OR '1'='1",
        "\") UNION SELECT * FROM public.account --",
    ] {
        let encoded: String = hostile.bytes().map(|b| format!("%{b:02X}")).collect();
        let (status, v) = server.call(
            "GET",
            &format!("/api/councils/1/cases/{encoded}"),
            Some(&mo),
            None,
        );
        assert_eq!(status, 404, "{hostile}: {v}");
        let (status, v) = server.call(
            "GET",
            &format!("/api/councils/1/cases?words={encoded}&stage=received"),
            Some(&mo),
            None,
        );
        assert_eq!(status, 200, "{hostile}: {v}");
        let (status, v) = step(&server, &mo, &encoded, 1);
        assert_eq!(status, 404, "{hostile}: {v}");
    }
    let (status, v) = server.call(
        "GET",
        "/api/councils/1/cases?stage=nonsense",
        Some(&mo),
        None,
    );
    assert_eq!((status, v["field"].as_str()), (422, Some("stage")), "{v}");
    let (_, after) = server.call("GET", "/api/councils/1/cases", Some(&mo), None);
    assert_eq!(after["total"].as_i64(), Some(total));
    let (code, out, err) = server_cmd(&["verify", "--database", &url]);
    assert_eq!(code, 0, "{out}{err}");
}
