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

    // Its retention: where it stands, a legal hold placed and lifted, each on the version.
    let (status, review) = server.call("GET", &format!("{closed}/retention"), Some(&mo), None);
    assert_eq!((status, review["hold"].is_null()), (200, true), "{review}");
    assert!(review["review_on"].is_string(), "{review}");
    let hold = json!({"record": "hold", "reason": "Ombudsman enquiry 24 001 234"});
    let (status, v) = record(&server, &mo, &closed, version(&v), hold);
    assert_eq!(status, 200, "{v}");
    let (_, review) = server.call("GET", &format!("{closed}/retention"), Some(&mo), None);
    assert!(
        review["hold"].as_str().unwrap().contains("Ombudsman"),
        "{review}"
    );
    let lift = json!({"record": "lift", "reason": "Enquiry closed"});
    let (status, v) = record(&server, &mo, &closed, version(&v), lift);
    assert_eq!(status, 200, "{v}");
    let (_, review) = server.call("GET", &format!("{closed}/retention"), Some(&mo), None);
    assert!(review["hold"].is_null(), "{review}");

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

#[test]
fn a_letter_is_drafted_kept_on_a_version_sent_and_read_back_with_its_hash() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    // A demo case that can have a letter now.
    let (_, v) = server.call("GET", "/api/councils/1/cases?limit=100", Some(&mo), None);
    let (case, offer) = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|r| {
            let case = format!("/api/councils/1/cases/{}", r["reference"].as_str().unwrap());
            let (status, offers) =
                server.call("GET", &format!("{case}/letters/offers"), Some(&mo), None);
            assert_eq!(status, 200, "{offers}");
            offers
                .as_array()
                .unwrap()
                .first()
                .cloned()
                .map(|o| (case, o))
        })
        .expect("a demo case offers a letter");
    assert!(
        offer["label"].as_str().unwrap().contains(" letter to the "),
        "{offer}"
    );
    let wanted = json!({"kind": offer["kind"], "party": offer["party"]});
    let (status, draft) = server.call(
        "POST",
        &format!("{case}/letters/draft"),
        Some(&mo),
        Some(wanted),
    );
    assert_eq!(status, 200, "{draft}");
    let markdown = draft["markdown"].as_str().unwrap().to_string();
    assert!(markdown.contains("Kingsmere"), "{markdown}");

    let (_, v) = server.call("GET", &case, Some(&mo), None);
    let (v0, letters_before) = (
        version(&v),
        v["detail"]["letters"].as_array().unwrap().len(),
    );
    let edited = markdown.replace(
        "Yours sincerely",
        "<script>alert(1)</script>\n\nYours sincerely",
    );
    let keep = |based_on: i64, format: &str| {
        json!({"based_on": based_on, "kind": offer["kind"], "party": offer["party"],
            "markdown": edited, "format": format})
    };
    let (status, v) = server.call(
        "POST",
        &format!("{case}/letters"),
        Some(&mo),
        Some(keep(v0, "rtf")),
    );
    assert_eq!((status, v["field"].as_str()), (422, Some("format")), "{v}");
    let (status, v) = server.call(
        "POST",
        &format!("{case}/letters"),
        Some(&mo),
        Some(keep(v0, "pdf")),
    );
    assert_eq!(status, 200, "{v}");
    let letters = v["detail"]["letters"].as_array().unwrap();
    assert_eq!(letters.len(), letters_before + 1, "{v}");
    let kept = letters.iter().max_by_key(|l| l["id"].as_i64()).unwrap();
    let doc = v["detail"]["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == kept["document_id"])
        .unwrap()
        .clone();
    // Kept on the stale version: a conflict, nothing kept.
    let (status, v2) = server.call(
        "POST",
        &format!("{case}/letters"),
        Some(&mo),
        Some(keep(v0, "pdf")),
    );
    assert_eq!(
        (status, v2["field"].as_str()),
        (409, Some("version")),
        "{v2}"
    );

    // Its bytes come back with the hash recorded when it was kept; a PDF, the script only text.
    let path = format!("{case}/documents/{}", doc["id"]);
    let (status, sha, bytes) = server.get_bytes(&path, &mo);
    assert_eq!(status, 200);
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(sha.as_deref(), doc["sha256"].as_str());
    assert_eq!(
        casebook::audit::sha256_hex(&bytes),
        doc["sha256"].as_str().unwrap()
    );
    let (status, _, _) = server.get_bytes(&format!("{case}/documents/999999"), &mo);
    assert_eq!(status, 404);

    // Marked sent, on the version the keeping made.
    let today = Utc::now().date_naive().to_string();
    let sent = json!({"record": "letter_sent", "id": kept["id"], "on": today, "by": "email"});
    let (status, v) = record(&server, &mo, &case, version(&v), sent);
    assert_eq!(status, 200, "{v}");
    let marked = v["detail"]["letters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == kept["id"])
        .unwrap()
        .clone();
    assert_eq!(marked["sent_on"].as_str(), Some(today.as_str()), "{marked}");
}

#[test]
fn a_redacted_copy_is_linked_to_its_original_on_the_same_case_only() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let (reference, shot) = crate::changes::with_screenshot(&server, &mo);
    let case = format!("/api/councils/1/cases/{reference}");
    let (_, _, original) = server.get_bytes(&format!("/api/councils/1/evidence/{shot}"), &mo);
    // The screenshot with its top half blacked out, as another program would save it.
    let mut picture = image::load_from_memory(&original).unwrap().to_rgb8();
    let half = picture.height() / 2;
    for (_, y, p) in picture.enumerate_pixels_mut() {
        if y < half {
            *p = image::Rgb([0, 0, 0]);
        }
    }
    let mut redacted = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut redacted, image::ImageFormat::Png)
        .unwrap();
    let redacted = redacted.into_inner();
    let (_, v) = server.call("GET", &case, Some(&mo), None);
    let sha = crate::changes::sha256(&redacted);
    let path = |v: &Value, from: i64| {
        format!(
            "{case}/evidence?based_on={}&sha256={sha}&name=redacted.png&derived_from={from}",
            version(v)
        )
    };
    // An item of another case is no original for this one: refused, nothing stored.
    let (_, list) = server.call("GET", "/api/councils/1/cases?limit=100", Some(&mo), None);
    let other = list["rows"].as_array().unwrap().iter().find_map(|r| {
        let p = format!("/api/councils/1/cases/{}", r["reference"].as_str().unwrap());
        let (_, v) = server.call("GET", &p, Some(&mo), None);
        let e = v["detail"]["evidence"].as_array().unwrap().first()?.clone();
        (p != case).then(|| e["id"].as_i64().unwrap())
    });
    let (status, refused) = server.send_bytes(&path(&v, other.unwrap()), &mo, &redacted);
    assert_eq!(status, 422, "{refused}");
    let (status, v) = server.send_bytes(&path(&v, shot), &mo, &redacted);
    assert_eq!(status, 200, "{v}");
    let copy = v["detail"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["sha256"] == sha.as_str())
        .unwrap()
        .clone();
    assert_eq!(copy["derived_from"], shot, "{copy}");
    assert_eq!(
        copy["description"],
        format!("Redacted copy of evidence item {shot}")
    );
    // The original is as it was.
    let (_, _, again) = server.get_bytes(&format!("/api/councils/1/evidence/{shot}"), &mo);
    assert_eq!(again, original);
}

#[test]
fn the_final_report_is_kept_with_its_file_once_its_hash_and_type_are_checked() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let (_, v) = server.call(
        "GET",
        "/api/councils/1/cases?stage=investigation",
        Some(&mo),
        None,
    );
    let (case, opened) = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|r| {
            let path = format!("/api/councils/1/cases/{}", r["reference"].as_str().unwrap());
            let (_, v) = server.call("GET", &path, Some(&mo), None);
            let inv = &v["detail"]["investigation"];
            (inv.is_object() && inv["final_report_on"].is_null()).then_some((path, v))
        })
        .expect("a demo case under investigation with no final report");
    let v0 = version(&opened);
    let today = Utc::now().date_naive().format("%d/%m/%Y").to_string();
    let send = |token: &str, bytes: &[u8], sha: &str, name: &str| {
        let path = format!("{case}/final-report?based_on={v0}&on={today}&sha256={sha}&name={name}");
        server.send_bytes(&path, token, bytes)
    };
    let report = b"# Final investigation report\n\nThe Code was breached.\n".to_vec();
    let sha = casebook::audit::sha256_hex(&report);

    // Cut short on the way, or not a report at all (an executable): refused, nothing kept.
    let (status, v) = send(&mo, &report[..10], &sha, "report.md");
    assert_eq!((status, v["field"].as_str()), (422, Some("sha256")), "{v}");
    let exe = b"MZ\x90\x00\x03\x00\x00\x00".to_vec();
    let (status, v) = send(&mo, &exe, &casebook::audit::sha256_hex(&exe), "report.pdf");
    assert_eq!(status, 422, "{v}");
    let (_, now) = server.call("GET", &case, Some(&mo), None);
    assert_eq!(version(&now), v0, "nothing was changed");

    // An Independent Person may not record it.
    let ira = account(&server, &mo, "Ira Independent", "independent_person");
    let (status, v) = server.call(
        "POST",
        &format!("{case}/assignment"),
        Some(&mo),
        Some(json!({"duty": "independent_person", "account_id": ira})),
    );
    assert_eq!(status, 200, "{v}");
    let (_, v) = server.call("GET", &case, Some(&mo), None);
    let v0 = version(&v);
    let ira = server.sign_in("Ira Independent", PASSWORD);
    let path = format!("{case}/final-report?based_on={v0}&on={today}&sha256={sha}&name=report.md");
    let (status, v) = server.send_bytes(&path, &ira, &report);
    assert_eq!(status, 403, "{v}");

    let (status, v) = server.send_bytes(&path, &mo, &report);
    assert_eq!(status, 200, "{v}");
    let inv = &v["detail"]["investigation"];
    assert!(inv["final_report_on"].is_string(), "{v}");
    let id = inv["final_report_document_id"].as_i64().unwrap();
    let (status, hash, bytes) = server.get_bytes(&format!("{case}/documents/{id}"), &mo);
    assert_eq!(
        (status, hash.as_deref(), bytes),
        (200, Some(sha.as_str()), report)
    );
    // Made again on the version before: a conflict.
    let (status, v) = server.send_bytes(&path, &mo, b"again");
    assert_eq!((status, v["field"].as_str()), (409, Some("version")), "{v}");
}
