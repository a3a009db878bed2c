//! Committee papers made on the server: the annual report and a decision notice previewed and
//! made as PDF and Word, with the SHA-256 of what was sent, each recorded in the access log; not
//! for an Investigator; a format that is not one names its field.

use base64::Engine;
use serde_json::json;

use crate::cases::{account, moved_in, PASSWORD};
use crate::{ADMIN, ADMIN_PASSWORD};

#[test]
fn the_annual_report_and_a_decision_notice_are_made_on_the_server_for_the_roles_that_see_every_case(
) {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let annual = json!({"kind": "annual", "from": null, "to": null, "reference": null});
    let (status, preview) = server.call(
        "POST",
        "/api/councils/1/papers/preview",
        Some(&mo),
        Some(annual.clone()),
    );
    assert_eq!(status, 200, "{preview}");
    let html = preview["html"].as_str().unwrap();
    assert!(
        html.contains("<h1") && html.contains("Kingsmere"),
        "{}",
        &html[..300.min(html.len())]
    );

    for (format, magic) in [("pdf", &b"%PDF-"[..]), ("docx", &b"PK"[..])] {
        let asked = json!({"request": annual, "format": format});
        let (status, sha, bytes) = server.post_bytes("/api/councils/1/papers", &mo, asked);
        assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
        assert!(bytes.starts_with(magic), "{format}");
        assert_eq!(
            sha.as_deref(),
            Some(casebook::audit::sha256_hex(&bytes).as_str())
        );
    }

    let (_, v) = server.call("GET", "/api/councils/1/cases?stage=closed", Some(&mo), None);
    let reference = v["rows"][0]["reference"].as_str().unwrap();
    let decision = json!({"kind": "decision", "reference": reference, "from": null, "to": null});
    let asked = json!({"request": decision, "format": "pdf"});
    let (status, _, bytes) = server.post_bytes("/api/councils/1/papers", &mo, asked);
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert!(bytes.starts_with(b"%PDF-"));

    let asked = json!({"request": decision, "format": "rtf"});
    let (status, _, bytes) = server.post_bytes("/api/councils/1/papers", &mo, asked);
    let said: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(
        (status, said["field"].as_str()),
        (422, Some("format")),
        "{said}"
    );

    // An Investigator makes no papers (they see only their own cases).
    account(&server, &mo, "Ivy Investigator", "investigator");
    let ivy = server.sign_in("Ivy Investigator", PASSWORD);
    let asked = json!({"request": annual, "format": "pdf"});
    let (status, _, bytes) = server.post_bytes("/api/councils/1/papers", &ivy, asked);
    assert_eq!(status, 403, "{}", String::from_utf8_lossy(&bytes));
}

#[test]
fn the_retention_reviews_a_disposal_and_its_certificate_on_the_server() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let (status, view) = server.call("GET", "/api/councils/1/retention", Some(&mo), None);
    assert_eq!(status, 200, "{view}");
    let due: Vec<String> = view["reviews"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["due"] == true && r["blocked"].is_null())
        .map(|r| r["reference"].as_str().unwrap().to_string())
        .collect();
    assert!(
        !due.is_empty(),
        "the demo has closed cases due for review: {view}"
    );
    let target = &due[0];

    // A Standards officer sees the reviews but may not dispose.
    account(&server, &mo, "Sam Standards", "standards_officer");
    let sam = server.sign_in("Sam Standards", PASSWORD);
    let (status, _) = server.call("GET", "/api/councils/1/retention", Some(&sam), None);
    assert_eq!(status, 200);
    let disposing = json!({"references": [target], "reason": "Retention review, December 2026"});
    let (status, v) = server.call(
        "POST",
        "/api/councils/1/disposals",
        Some(&sam),
        Some(disposing.clone()),
    );
    assert_eq!(status, 403, "{v}");

    let (status, cert) = server.call(
        "POST",
        "/api/councils/1/disposals",
        Some(&mo),
        Some(disposing),
    );
    assert_eq!(status, 200, "{cert}");
    let number = cert["certificate"].as_str().unwrap();
    assert_eq!(cert["cases"][0]["reference"], target.as_str(), "{cert}");
    let (status, v) = server.call(
        "GET",
        &format!("/api/councils/1/cases/{target}"),
        Some(&mo),
        None,
    );
    // The case is gone, and saying so names the certificate (as on a file).
    assert_eq!(
        (status, v["field"].as_str()),
        (422, Some("reference")),
        "{v}"
    );
    assert!(v["message"].as_str().unwrap().contains(number), "{v}");

    let path = format!("/api/councils/1/disposals/{number}/paper");
    let (status, sha, bytes) = server.post_bytes(&path, &mo, json!({"format": "pdf"}));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(
        sha.as_deref(),
        Some(casebook::audit::sha256_hex(&bytes).as_str())
    );

    let (_, view) = server.call("GET", "/api/councils/1/retention", Some(&mo), None);
    assert_eq!(view["disposals"][0]["certificate"], number, "{view}");
}

#[test]
fn a_subject_access_request_is_handled_on_the_server_to_its_pack() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let act = |token: &str, action: serde_json::Value| {
        server.call(
            "POST",
            "/api/councils/1/sars/actions",
            Some(token),
            Some(action),
        )
    };
    let new = json!({"action": "new", "name": "Marguerite Lenoir", "received_on": "2026-11-20"});
    let (status, request) = act(&mo, new);
    assert_eq!(status, 200, "{request}");
    assert_eq!(
        request["due_on"], "2026-12-21",
        "20 December 2026 is a Sunday: {request}"
    );
    let id = request["id"].as_i64().unwrap();
    let (status, detail) = act(&mo, json!({"action": "detail", "id": id}));
    assert_eq!(status, 200, "{detail}");
    let hits = detail["hits"].as_array().unwrap().clone();
    assert!(hits.iter().any(|h| h["kind"] == "complainant"), "{detail}");
    assert!(hits.iter().any(|h| h["kind"] == "note"), "{detail}");
    for h in &hits {
        let confirm = json!({"action": "confirm", "id": id, "hit": h["id"], "confirmed": true});
        let (status, v) = act(&mo, confirm);
        assert_eq!(status, 200, "{v}");
    }
    let (status, names) = act(&mo, json!({"action": "redactions", "id": id}));
    assert_eq!(status, 200, "{names}");
    assert!(
        !names.as_array().unwrap().is_empty(),
        "another person is suggested: {names}"
    );

    let (status, made) = server.call(
        "POST",
        &format!("/api/councils/1/sars/{id}/pack"),
        Some(&mo),
        None,
    );
    assert_eq!(status, 200, "{made}");
    let zip = base64::engine::general_purpose::STANDARD
        .decode(made["zip"].as_str().unwrap())
        .unwrap();
    assert!(zip.starts_with(b"PK"));
    assert_eq!(made["sha256"], casebook::audit::sha256_hex(&zip).as_str());
    assert!(
        !made["pack"]["files"].as_array().unwrap().is_empty(),
        "{}",
        made["pack"]
    );

    let (status, v) = act(
        &mo,
        json!({"action": "extend", "id": id, "reason": "the records are numerous"}),
    );
    assert_eq!(
        (status, v["extended_to"].as_str()),
        (200, Some("2027-02-22")),
        "{v}"
    );
    let (status, v) = act(&mo, json!({"action": "sent", "id": id, "on": "2026-12-01"}));
    assert_eq!(
        (status, v["sent_on"].as_str()),
        (200, Some("2026-12-01")),
        "{v}"
    );
    let (status, v) = act(
        &mo,
        json!({"action": "new", "name": " ", "received_on": "2026-11-20"}),
    );
    assert_eq!((status, v["field"].as_str()), (422, Some("name")), "{v}");

    // An Investigator handles no requests.
    account(&server, &mo, "Ivy Investigator", "investigator");
    let ivy = server.sign_in("Ivy Investigator", PASSWORD);
    let (status, v) = act(&ivy, json!({"action": "list"}));
    assert_eq!(status, 403, "{v}");
}
