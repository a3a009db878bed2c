//! The procedure's other records over the team server: an Independent Person's views (from the
//! council's register), the clock paused and restarted, the confidentiality decision and the last
//! step taken back, each on the version the officer has open; a bad value names its field, a stale
//! version is a conflict, and an Independent Person changes nothing.

use chrono::Utc;
use serde_json::{json, Value};

use crate::cases::{account, moved_in, PASSWORD};
use crate::{Server, ADMIN, ADMIN_PASSWORD};

/// Records `record` on `case` at version `based_on`: the status and the answer.
fn record(server: &Server, token: &str, case: &str, based_on: i64, record: Value) -> (u16, Value) {
    let path = format!("{case}/records");
    server.call(
        "POST",
        &path,
        Some(token),
        Some(json!({"based_on": based_on, "record": record})),
    )
}

fn version(v: &Value) -> i64 {
    v["version"].as_i64().unwrap()
}

#[test]
fn the_procedures_records_are_made_on_a_version_and_an_independent_person_makes_none() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let (_, v) = server.call(
        "GET",
        "/api/councils/1/cases?stage=received",
        Some(&mo),
        None,
    );
    let reference = v["rows"][0]["reference"].as_str().unwrap().to_string();
    let case = format!("/api/councils/1/cases/{reference}");
    let (_, v) = server.call("GET", &case, Some(&mo), None);
    let v0 = version(&v);
    let today = Utc::now().date_naive().to_string();

    // The register of Independent People, for the consultation form.
    let (status, register) = server.call(
        "GET",
        "/api/councils/1/independent-persons",
        Some(&mo),
        None,
    );
    assert_eq!(status, 200, "{register}");
    let ip = &register["people"][0];
    let consultation = json!({"record": "consultation", "ip_id": ip["id"], "person": ip["name"],
        "on": today, "views": "A breach is unlikely", "stage": null});
    let (status, v) = record(&server, &mo, &case, v0, consultation);
    assert_eq!(status, 200, "{v}");
    let consulted = &v["detail"]["ip_consultations"][0];
    assert_eq!(consulted["person"], ip["name"], "{v}");
    let v1 = version(&v);

    // The clock: paused for a reason on the procedure's list, then running again.
    let pause = json!({"record": "pause", "on": today, "reason": "lunch", "note": null});
    let (status, v) = record(&server, &mo, &case, v1, pause);
    assert_eq!((status, v["field"].as_str()), (422, Some("reason")), "{v}");
    let pause = json!({"record": "pause", "on": today, "reason": "awaiting information",
        "note": "Asked for the full thread"});
    let (status, v) = record(&server, &mo, &case, v1, pause.clone());
    assert_eq!(
        (status, v["detail"]["paused"].as_bool()),
        (200, Some(true)),
        "{v}"
    );
    let v2 = version(&v);
    // Made again on the version before the pause: a conflict, nothing changed.
    let (status, v) = record(&server, &mo, &case, v1, pause);
    assert_eq!((status, v["field"].as_str()), (409, Some("version")), "{v}");
    let resume = json!({"record": "resume", "on": today, "note": "The thread came in"});
    let (status, v) = record(&server, &mo, &case, v2, resume);
    assert_eq!(
        (status, v["detail"]["paused"].as_bool()),
        (200, Some(false)),
        "{v}"
    );
    let v3 = version(&v);

    // A refusal names its field: a step taken back needs a reason, a day must be a real one,
    // and a record must be one of the procedure's.
    let step_back = json!({"record": "undo", "reason": ""});
    let (status, v) = record(&server, &mo, &case, v3, step_back);
    assert_eq!((status, v["field"].as_str()), (422, Some("reason")), "{v}");
    let bad_day = json!({"record": "resume", "on": "31/02/2026", "note": null});
    let (status, v) = record(&server, &mo, &case, v3, bad_day);
    assert_eq!(status, 422, "{v}");
    let unknown = json!({"record": "sneeze"});
    let (status, v) = record(&server, &mo, &case, v3, unknown);
    assert_eq!(status, 422, "{v}");

    // A decided case's review, requested and decided over the server.
    let (_, v) = server.call("GET", "/api/councils/1/cases?stage=closed", Some(&mo), None);
    let closed = v["rows"].as_array().unwrap().iter().find_map(|r| {
        let path = format!("/api/councils/1/cases/{}", r["reference"].as_str().unwrap());
        let (_, v) = server.call("GET", &path, Some(&mo), None);
        v["detail"]["reviews"]
            .as_array()
            .unwrap()
            .is_empty()
            .then_some((path, v))
    });
    let (closed, v) = closed.expect("a closed demo case with no review");
    let request = json!({"record": "review_request", "on": today, "requested_by": "complainant",
        "grounds": "The decision did not consider the second post"});
    let (status, v) = record(&server, &mo, &closed, version(&v), request);
    assert_eq!(status, 200, "{v}");
    let decision = json!({"record": "review_decision", "reviewer": "Dana Whitcombe",
        "decision": "decision upheld", "on": today, "reasons": "Both posts were considered"});
    let (status, v) = record(&server, &mo, &closed, version(&v), decision);
    assert_eq!(status, 200, "{v}");
    assert_eq!(
        v["detail"]["reviews"][0]["decision"], "decision upheld",
        "{v}"
    );

    // An Independent Person, even one consulted on the case, records nothing.
    let ira = account(&server, &mo, "Ira Independent", "independent_person");
    let (status, v) = server.call(
        "POST",
        &format!("{case}/assignment"),
        Some(&mo),
        Some(json!({"duty": "independent_person", "account_id": ira})),
    );
    assert_eq!(status, 200, "{v}");
    let ira = server.sign_in("Ira Independent", PASSWORD);
    let (status, v) = server.call("GET", &case, Some(&ira), None);
    assert_eq!(status, 200, "{v}");
    let now = version(&v);
    let pause = json!({"record": "pause", "on": today, "reason": "awaiting information"});
    let (status, v) = record(&server, &ira, &case, now, pause);
    assert_eq!(status, 403, "{v}");
    let (_, after) = server.call("GET", &case, Some(&mo), None);
    assert_eq!(version(&after), now, "nothing was changed");
}
