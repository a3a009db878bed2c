//! Signing in and out, sessions that expire, and lock-out after repeated failures.

use chrono::{DateTime, Duration, Utc};
use serde_json::json;

use casebook::team::Team;
use casebook::Error;

use crate::{init, server_cmd, ADMIN, ADMIN_PASSWORD, COUNCIL};
use casebook_pgtest::Cluster;

fn nine_am() -> DateTime<Utc> {
    "2026-12-07T09:00:00Z".parse().unwrap()
}

#[test]
fn init_signs_in_the_monitoring_officer_who_signs_out_and_a_second_init_is_refused() {
    let (_pg, url, server) = crate::started();

    let token = server.sign_in("alex morgan", ADMIN_PASSWORD);
    assert_eq!(token.len(), 64, "32 random bytes in hex");
    let (status, me) = server.call("GET", "/api/me", Some(&token), None);
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["name"], ADMIN);
    assert_eq!(me["councils"][0]["council"]["name"], COUNCIL);
    assert_eq!(me["councils"][0]["role"], "monitoring_officer");

    let (status, _) = server.call("POST", "/api/sign-out", Some(&token), None);
    assert_eq!(status, 204);
    let (status, v) = server.call("GET", "/api/me", Some(&token), None);
    assert_eq!(status, 401);
    assert_eq!(v["code"], "signed_out");
    assert!(v["message"].as_str().unwrap().contains("ended"), "{v}");

    let (status, v) = server.call("GET", "/api/me", None, None);
    assert_eq!((status, v["code"].as_str()), (401, Some("signed_out")));
    let (status, v) = server.call("GET", "/api/me", Some("not-a-token"), None);
    assert_eq!((status, v["code"].as_str()), (401, Some("signed_out")));

    let (code, _, err) = server_cmd(&[
        "init",
        "--database",
        &url,
        "--council",
        "Another Council",
        "--admin-name",
        "Someone Else",
        "--admin-password",
        ADMIN_PASSWORD,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already set up"), "{err}");
}

#[test]
fn a_wrong_name_and_a_wrong_password_read_alike_and_the_fifth_failure_locks_the_account() {
    let (_pg, _, server) = crate::started();
    let attempt = |name: &str, password: &str| {
        server.call(
            "POST",
            "/api/sign-in",
            None,
            Some(json!({"name": name, "password": password})),
        )
    };

    let (s1, nobody) = attempt("Nobody Here", "whatever it is");
    let (s2, wrong) = attempt(ADMIN, "not the password");
    assert_eq!((s1, s2), (401, 401));
    assert_eq!(nobody, wrong, "the answers do not tell which names exist");
    assert_eq!(
        wrong["message"],
        "sign-in: the name or the password is wrong"
    );
    for _ in 0..4 {
        assert_eq!(attempt(ADMIN, "not the password").0, 401);
    }
    let (status, v) = attempt(ADMIN, ADMIN_PASSWORD);
    assert_eq!(status, 403, "locked even with the right password: {v}");
    assert_eq!(v["code"], "forbidden");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("locked after 5 failed sign-ins"),
        "{v}"
    );
    // Malformed bodies are refused with the field named, and nothing else changes.
    let (status, v) = server.call("POST", "/api/sign-in", None, Some(json!({"name": 7})));
    assert_eq!((status, v["field"].as_str()), (422, Some("body")), "{v}");
}

#[test]
fn a_lock_runs_out_after_fifteen_minutes_and_sessions_end_when_idle_or_after_ten_hours() {
    let pg = Cluster::start();
    let url = pg.url("postgres");
    init(&url);
    let mut team = Team::connect(&url).unwrap();
    let t = nine_am();
    for _ in 0..5 {
        team.sign_in(ADMIN, "wrong password!", t).unwrap_err();
    }
    let e = team
        .sign_in(ADMIN, ADMIN_PASSWORD, t + Duration::minutes(14))
        .unwrap_err();
    assert!(matches!(e, Error::Refused(_)), "{e}");
    let signed = team
        .sign_in(ADMIN, ADMIN_PASSWORD, t + Duration::minutes(15))
        .unwrap();
    // The count starts again after a lock: one more failure does not lock.
    team.sign_in(ADMIN, "wrong password!", t + Duration::minutes(16))
        .unwrap_err();
    let again = team
        .sign_in(ADMIN, ADMIN_PASSWORD, t + Duration::minutes(17))
        .unwrap();

    // Idle for 30 minutes: ended.
    let token = signed.token;
    team.me(&token, t + Duration::minutes(40)).unwrap();
    let e = team.me(&token, t + Duration::minutes(70)).unwrap_err();
    assert!(
        matches!(&e, Error::SignedOut(m) if m.contains("expired")),
        "{e}"
    );
    let e = team.me(&token, t + Duration::minutes(71)).unwrap_err();
    assert!(
        matches!(&e, Error::SignedOut(m) if m.contains("ended")),
        "{e}"
    );

    // Busy all day: ended ten hours after signing in.
    let token = again.token;
    let start = t + Duration::minutes(17);
    let mut now = start;
    while now + Duration::minutes(20) < start + Duration::hours(10) {
        now += Duration::minutes(20);
        team.me(&token, now).unwrap();
    }
    let e = team.me(&token, start + Duration::hours(10)).unwrap_err();
    assert!(
        matches!(&e, Error::SignedOut(m) if m.contains("expired")),
        "{e}"
    );

    let log = {
        let admin = team.sign_in(ADMIN, ADMIN_PASSWORD, now).unwrap();
        team.security_log(&admin.token, 100, now).unwrap()
    };
    let events: Vec<&str> = log.iter().map(|l| l.event.as_str()).collect();
    assert!(events.contains(&"locked_out"), "{events:?}");
    assert_eq!(events.iter().filter(|e| **e == "signed_in").count(), 3);
    assert!(
        log.iter()
            .all(|l| !l.detail.contains(ADMIN_PASSWORD) && !l.detail.contains("wrong password!")),
        "no password is ever logged"
    );
}
