//! The rest of the work on a case over the server: a complaint logged, tagged, noted and given
//! evidence, each change based on a version; evidence's SHA-256 checked on the way in and out.

use chrono::Utc;
use serde_json::{json, Value};

use crate::cases::{account, moved_in, PASSWORD};
use crate::{ADMIN, ADMIN_PASSWORD};

pub fn complaint(summary: &str) -> Value {
    json!({
        "new_councillor": {"name": "Cllr Robin Vale", "council": "Kingsmere City Council"},
        "complainant_name": "Pat Resident",
        "complainant_type": "public",
        "confidentiality_requested": false,
        "received_on": Utc::now().date_naive().to_string(),
        "channel": "email",
        "platform": "Facebook",
        "summary": summary,
        "post_text": "The bins on Mill Lane are a disgrace and so are the people who live there"
    })
}

pub fn sha256(bytes: &[u8]) -> String {
    casebook::audit::sha256_hex(bytes)
}

/// A complaint logged by `token` about `summary`: its API path and first version.
pub fn logged(server: &crate::Server, token: &str, summary: &str) -> (String, i64) {
    let (status, v) = server.call(
        "POST",
        "/api/councils/1/cases",
        Some(token),
        Some(complaint(summary)),
    );
    assert_eq!(status, 201, "{v}");
    let reference = v["detail"]["reference"].as_str().unwrap();
    let version = v["version"].as_i64().unwrap();
    (format!("/api/councils/1/cases/{reference}"), version)
}

/// Sends `bytes` named `name` to `case` (its API path) as evidence on `version`; the status and
/// the answer.
fn send_evidence(
    server: &crate::Server,
    token: &str,
    case: &str,
    version: i64,
    name: &str,
    bytes: &[u8],
) -> (u16, Value) {
    let path = format!(
        "{case}/evidence?based_on={version}&sha256={}&name={name}",
        sha256(bytes)
    );
    server.send_bytes(&path, token, bytes)
}

/// The evidence item in a case's answer `v` that `pick` picks; the test fails showing `v` if none.
fn item(v: &Value, pick: impl Fn(&Value) -> bool) -> Value {
    v["detail"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| pick(e))
        .unwrap_or_else(|| panic!("no such item: {v}"))
        .clone()
}

/// A demo case holding a screenshot: its reference and the screenshot's evidence id.
pub fn with_screenshot(server: &crate::Server, token: &str) -> (String, i64) {
    let (_, list) = server.call("GET", "/api/councils/1/cases?limit=100", Some(token), None);
    for row in list["rows"].as_array().unwrap() {
        let reference = row["reference"].as_str().unwrap();
        let path = format!("/api/councils/1/cases/{reference}");
        let (_, v) = server.call("GET", &path, Some(token), None);
        let file = v["detail"]["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "file" && e["media_type"] == "image/png");
        if let Some(e) = file {
            return (reference.to_string(), e["id"].as_i64().unwrap());
        }
    }
    panic!("no demo case holds a screenshot");
}

#[test]
fn a_complaint_logged_tagged_noted_and_given_evidence_each_change_on_its_version() {
    let (pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);

    // The form's choices: the council's councillors among them.
    let (status, v) = server.call("GET", "/api/councils/1/intake-options", Some(&mo), None);
    assert_eq!(status, 200, "{v}");
    assert!(!v["councillors"].as_array().unwrap().is_empty(), "{v}");

    // Logged: 201 with the new case, its post text as evidence and its first version.
    let (status, v) = server.call(
        "POST",
        "/api/councils/1/cases",
        Some(&mo),
        Some(complaint("Post about residents of Mill Lane")),
    );
    assert_eq!(status, 201, "{v}");
    let reference = v["detail"]["reference"].as_str().unwrap().to_string();
    let v0 = v["version"].as_i64().unwrap();
    assert_eq!(v["detail"]["evidence"][0]["kind"], "post_text", "{v}");
    // A complaint with staged-file tokens is refused: files go to the evidence route.
    let mut with_files = complaint("With files");
    with_files["files"] = json!(["token"]);
    let (status, v) = server.call("POST", "/api/councils/1/cases", Some(&mo), Some(with_files));
    assert_eq!((status, v["field"].as_str()), (422, Some("files")), "{v}");
    // A bad date names its field, and nothing is logged.
    let mut bad = complaint("Bad date");
    bad["received_on"] = json!("31/02/2026");
    let (status, v) = server.call("POST", "/api/councils/1/cases", Some(&mo), Some(bad));
    assert_eq!(
        (status, v["field"].as_str()),
        (422, Some("received_on")),
        "{v}"
    );

    // Tagged on its version; the same version again is stale, and names whose change came first.
    let case = format!("/api/councils/1/cases/{reference}");
    let (status, v) = server.call(
        "POST",
        &format!("{case}/tags"),
        Some(&mo),
        Some(json!({"based_on": v0, "code": "R8", "note": "Dismissive of residents"})),
    );
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["detail"]["tags"][0]["code"], "R8", "{v}");
    let v1 = v["version"].as_i64().unwrap();
    assert!(v1 > v0);
    let (status, v) = server.call(
        "POST",
        &format!("{case}/tags"),
        Some(&mo),
        Some(json!({"based_on": v0, "code": "L1"})),
    );
    assert_eq!((status, v["field"].as_str()), (409, Some("version")), "{v}");
    assert!(v["message"].as_str().unwrap().contains(ADMIN), "{v}");
    // An unknown code names the field.
    let (status, v) = server.call(
        "POST",
        &format!("{case}/tags"),
        Some(&mo),
        Some(json!({"based_on": v1, "code": "NOPE"})),
    );
    assert_eq!((status, v["field"].as_str()), (422, Some("code")), "{v}");

    // A note, with hostile Markdown kept as text and shown inert.
    let (status, v) = server.call(
        "POST",
        &format!("{case}/notes"),
        Some(&mo),
        Some(json!({"based_on": v1, "body": "Spoke to the complainant <script>alert(1)</script>"})),
    );
    assert_eq!(status, 200, "{v}");
    let note = &v["detail"]["notes"][0];
    assert!(
        note["body"].as_str().unwrap().contains("<script>"),
        "{note}"
    );
    assert!(!note["html"].to_string().contains("<script>"), "{note}");
    let v2 = v["version"].as_i64().unwrap();

    // Evidence: a demo screenshot's bytes, sent with their hash, come back the same.
    let (_, shot) = with_screenshot(&server, &mo);
    let (status, sha, png) = server.get_bytes(&format!("/api/councils/1/evidence/{shot}"), &mo);
    assert_eq!(status, 200);
    assert_eq!(sha.as_deref(), Some(sha256(&png).as_str()));

    // Sent with the wrong hash (a byte changed on the way): refused, nothing added.
    let wrong = sha256(b"something else");
    let path = format!("{case}/evidence?based_on={v2}&sha256={wrong}&name=shot.png");
    let (status, v) = server.send_bytes(&path, &mo, &png);
    assert_eq!((status, v["field"].as_str()), (422, Some("sha256")), "{v}");
    // Bytes that are really a web page, named .png: refused by intake's sniffing.
    let page = b"<html><script>alert(1)</script></html>".to_vec();
    let path = format!(
        "{case}/evidence?based_on={v2}&sha256={}&name=shot.png",
        sha256(&page)
    );
    let (status, v) = server.send_bytes(&path, &mo, &page);
    assert_eq!((status, v["field"].as_str()), (422, Some("files")), "{v}");
    // A capture time that is not a time names its field, and nothing is added.
    let path = format!(
        "{case}/evidence?based_on={v2}&sha256={}&name=shot.png&captured_at=last%20Tuesday",
        sha256(&png)
    );
    let (status, v) = server.send_bytes(&path, &mo, &png);
    assert_eq!(
        (status, v["field"].as_str()),
        (422, Some("captured_at")),
        "{v}"
    );
    // Sent right: added, and read back byte for byte with the hash it was checked against.
    let path = format!(
        "{case}/evidence?based_on={v2}&sha256={}&name=shot.png&description=From%20the%20complainant\
         &captured_by=Pat%20Resident&captured_at=2026-11-30%2009:15",
        sha256(&png)
    );
    let (status, v) = server.send_bytes(&path, &mo, &png);
    assert_eq!(status, 200, "{v}");
    let items = v["detail"]["evidence"].as_array().unwrap();
    assert_eq!(
        items.len(),
        3,
        "the post text, the screenshot and its words: {v}"
    );
    let added = items.iter().find(|e| e["kind"] == "file").unwrap();
    assert_eq!(added["sha256"], json!(sha256(&png)));
    assert_eq!(added["description"], "From the complainant");
    assert_eq!(added["captured_by"], "Pat Resident");
    assert_eq!(added["captured_at"], "2026-11-30T09:15:00Z");
    let id = added["id"].as_i64().unwrap();
    let (status, sha, back) = server.get_bytes(&format!("/api/councils/1/evidence/{id}"), &mo);
    assert_eq!((status, sha), (200, Some(sha256(&png))));
    assert_eq!(back, png);

    // Untagged on the latest version.
    let v3 = v["version"].as_i64().unwrap();
    let (status, v) = server.call(
        "DELETE",
        &format!("{case}/tags/R8?based_on={v3}"),
        Some(&mo),
        None,
    );
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["detail"]["tags"], json!([]), "{v}");

    // Stored bytes changed behind the server's back (its triggers switched off, as only the
    // database's owner can) are refused on the way out, not sent.
    pg.psql(&format!(
        "SET session_replication_role = replica; UPDATE council_1.blob SET bytes = 'tampered'::bytea WHERE sha256 = '{}'",
        sha256(&png)
    ));
    let (status, _, body) = server.get_bytes(&format!("/api/councils/1/evidence/{id}"), &mo);
    assert_eq!(status, 500);
    let text = String::from_utf8_lossy(&body);
    assert!(text.contains("casebook-server verify"), "{text}");
    assert!(!text.contains("tampered"), "{text}");
}

#[test]
fn an_independent_person_reads_evidence_of_their_case_only_and_changes_nothing() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let ip = account(&server, &mo, "Ira Independent", "independent_person");
    let (reference, shot) = with_screenshot(&server, &mo);
    let case = format!("/api/councils/1/cases/{reference}");
    let (_, v) = server.call("GET", &case, Some(&mo), None);
    let version = v["version"].as_i64().unwrap();
    let (tags, notes) = (v["detail"]["tags"].clone(), v["detail"]["notes"].clone());

    let ira = server.sign_in("Ira Independent", PASSWORD);
    let evidence = format!("/api/councils/1/evidence/{shot}");
    // Before she is consulted on its case, the item is "not found", as a made-up one is, and
    // says nothing of its case; the refusal is in the security log.
    let (status, _, body) = server.get_bytes(&evidence, &ira);
    let said = String::from_utf8_lossy(&body).into_owned();
    assert_eq!(status, 404, "{said}");
    assert!(!said.contains(&reference), "{said}");
    let (status, _, made_up) = server.get_bytes("/api/councils/1/evidence/999999", &ira);
    assert_eq!(status, 404);
    assert_eq!(
        said.replace(&shot.to_string(), "N"),
        String::from_utf8_lossy(&made_up).replace("999999", "N")
    );
    let (_, log) = server.call("GET", "/api/security-log?limit=5", Some(&mo), None);
    assert!(
        log.to_string().contains("not assigned to its case"),
        "{log}"
    );

    let (status, v) = server.call(
        "POST",
        &format!("{case}/assignment"),
        Some(&mo),
        Some(json!({"duty": "independent_person", "account_id": ip})),
    );
    assert_eq!(status, 200, "{v}");
    let (status, _, _) = server.get_bytes(&evidence, &ira);
    assert_eq!(status, 200);
    for (path, body) in [
        (
            format!("{case}/tags"),
            json!({"based_on": version, "code": "R8"}),
        ),
        (
            format!("{case}/notes"),
            json!({"based_on": version, "body": "mine"}),
        ),
        ("/api/councils/1/cases".to_string(), complaint("From an IP")),
    ] {
        let (status, v) = server.call("POST", &path, Some(&ira), Some(body));
        assert_eq!(status, 403, "{path}: {v}");
    }
    let (_, v) = server.call("GET", &case, Some(&mo), None);
    assert_eq!(
        (&v["detail"]["tags"], &v["detail"]["notes"]),
        (&tags, &notes)
    );
    assert_eq!(v["version"].as_i64(), Some(version), "{v}");
}

#[test]
fn a_council_made_on_the_server_verifies_once_its_first_complaint_is_logged() {
    let (pg, url, server) = crate::started();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let (status, v) = server.call(
        "POST",
        "/api/councils/1/cases",
        Some(&mo),
        Some(complaint("The first complaint on a new server")),
    );
    assert_eq!(status, 201, "{v}");
    // A search is a look, in the council's access log (its first page, as on the desktop).
    for path in [
        "/api/councils/1/cases?words=Mill",
        "/api/councils/1/cases?words=Mill&offset=50",
    ] {
        let (status, v) = server.call("GET", path, Some(&mo), None);
        assert_eq!(status, 200, "{v}");
    }
    let (code, out, err) = crate::server_cmd(&["verify", "--database", &url, "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let reports: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(reports[0]["report"]["problems"], json!([]), "{out}");
    let searches = pg
        .psql("SELECT action || ': ' || detail FROM council_1.access_log WHERE action = 'search'");
    assert_eq!(searches.trim(), "search: Mill");
}

#[test]
fn capacity_is_assessed_on_a_version_and_a_bad_answer_names_its_field() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let (reference, _) = with_screenshot(&server, &mo);
    let case = format!("/api/councils/1/cases/{reference}");
    let (_, v) = server.call("GET", &case, Some(&mo), None);
    let v0 = v["version"].as_i64().unwrap();
    let answers = format!("{case}/capacity/answers");
    let (status, v) = server.call(
        "POST",
        &answers,
        Some(&mo),
        Some(json!({"based_on": v0, "code": "I7", "answer": "yes", "note": "Handle is @CllrX"})),
    );
    assert_eq!(status, 200, "{v}");
    let i7 = v["detail"]["capacity"]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["code"] == "I7")
        .unwrap()
        .clone();
    assert_eq!(
        (i7["answer"].as_str(), i7["note"].as_str()),
        (Some("yes"), Some("Handle is @CllrX"))
    );
    let v1 = v["version"].as_i64().unwrap();
    let (status, v) = server.call(
        "POST",
        &answers,
        Some(&mo),
        Some(json!({"based_on": v1, "code": "I8", "answer": "perhaps"})),
    );
    assert_eq!((status, v["field"].as_str()), (422, Some("answer")), "{v}");
    let determination = format!("{case}/capacity/determination");
    let (status, v) = server.call(
        "POST",
        &determination,
        Some(&mo),
        Some(json!({"based_on": v0, "determination": "in capacity", "reasons": "Stale"})),
    );
    assert_eq!((status, v["field"].as_str()), (409, Some("version")), "{v}");
    let (status, v) = server.call(
        "POST",
        &determination,
        Some(&mo),
        Some(json!({"based_on": v1, "determination": "in capacity", "reasons": "Profile and handle"})),
    );
    assert_eq!(status, 200, "{v}");
    assert_eq!(
        v["detail"]["capacity"]["determination"], "in capacity",
        "{v}"
    );
}

#[test]
fn an_email_sent_to_the_server_is_kept_with_its_attachment_linked_to_it() {
    use base64::Engine;
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let (case_ref, shot) = with_screenshot(&server, &mo);
    let (_, _, png) = server.get_bytes(&format!("/api/councils/1/evidence/{shot}"), &mo);
    // The same picture with one pixel changed, so it is not the item already on the case.
    let mut picture = image::load_from_memory(&png).unwrap().to_rgba8();
    picture.put_pixel(0, 0, image::Rgba([1, 2, 3, 255]));
    let mut attached = std::io::Cursor::new(Vec::new());
    picture
        .write_to(&mut attached, image::ImageFormat::Png)
        .unwrap();
    let data = base64::engine::general_purpose::STANDARD.encode(attached.get_ref());
    let eml = format!(
        "From: Ann Ross <ann@example.org>\r\nTo: standards@kingsmere.gov.uk\r\n\
         Subject: The councillor's post\r\nDate: Sat, 14 Mar 2026 09:30:00 +0000\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
         --b1\r\nContent-Type: text/html\r\n\r\n<p>See attached.</p><script>alert(1)</script>\r\n\
         --b1\r\nContent-Type: image/png; name=\"post.png\"\r\n\
         Content-Disposition: attachment; filename=\"post.png\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{data}\r\n--b1--\r\n"
    )
    .into_bytes();
    let case = format!("/api/councils/1/cases/{case_ref}");
    let (_, v) = server.call("GET", &case, Some(&mo), None);
    let version = v["version"].as_i64().unwrap();
    let (status, v) = send_evidence(&server, &mo, &case, version, "complaint.eml", &eml);
    assert_eq!(status, 200, "{v}");
    let mail = item(&v, |e| e["media_type"] == "message/rfc822");
    let post = item(&v, |e| e["original_name"] == "post.png");
    assert_eq!(post["derived_from"], mail["id"], "{post}");
    // The attached screenshot's words were read on the way in, kept beside it.
    item(&v, |e| {
        e["kind"] == "post_text" && e["derived_from"] == post["id"]
    });
    let (status, _, back) =
        server.get_bytes(&format!("/api/councils/1/evidence/{}", mail["id"]), &mo);
    assert_eq!((status, back), (200, eml), "kept as received");
}

#[test]
fn a_screenshot_sent_to_the_server_is_read_and_a_word_only_in_it_finds_its_case() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let (case, version) = logged(&server, &mo, "A post about the ring road");
    let reference = case.rsplit('/').next().unwrap().to_string();
    let png = casebook::demo::render_screenshot(
        &casebook::demo::Post {
            platform: "Facebook",
            display_name: "Cllr Petra Lund",
            handle: "petra.lund",
            text: "The ring road consultation is a quagmire of nonsense.",
            when: "2026-11-30 20:15",
            reactions: 12,
        },
        image::ImageFormat::Png,
    )
    .unwrap();
    // Not a word anywhere in the case before.
    let (_, found) = server.call(
        "GET",
        "/api/councils/1/cases?words=quagmire",
        Some(&mo),
        None,
    );
    assert_eq!(found["total"], 0, "{found}");
    let (status, v) = send_evidence(&server, &mo, &case, version, "post.png", &png);
    assert_eq!(status, 200, "{v}");
    let shot = item(&v, |e| e["original_name"] == "post.png");
    let reading = item(&v, |e| {
        e["kind"] == "post_text" && e["derived_from"] == shot["id"]
    });
    let described = reading["description"].as_str().unwrap();
    assert!(
        described.starts_with(&format!(
            "Text read from evidence item {} by Tesseract",
            shot["id"]
        )),
        "{described}"
    );
    let (_, _, words) =
        server.get_bytes(&format!("/api/councils/1/evidence/{}", reading["id"]), &mo);
    assert!(
        String::from_utf8_lossy(&words).contains("quagmire"),
        "{reading}"
    );
    // Found by the word only the screenshot holds.
    let (_, found) = server.call(
        "GET",
        "/api/councils/1/cases?words=quagmire",
        Some(&mo),
        None,
    );
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["rows"][0]["reference"], json!(reference));
    // The file and its words are one change: the version returned is the case's version, so
    // the officer's next change is not refused as made on an old one.
    let after = v["version"].as_i64().unwrap();
    let (status, v) = server.call(
        "POST",
        &format!("{case}/notes"),
        Some(&mo),
        Some(json!({"based_on": after, "body": "Screenshot read"})),
    );
    assert_eq!(status, 200, "{v}");
}

#[test]
fn a_video_sent_to_the_server_is_kept_and_sent_back_byte_for_byte() {
    let (_pg, _dir, _url, server) = moved_in();
    let mo = server.sign_in(ADMIN, ADMIN_PASSWORD);
    let (case, version) = logged(&server, &mo, "A TikTok clip");
    let clip = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../casebook-cli/tests/fixtures/video/clip.webm"),
    )
    .unwrap();
    // Named .mp4, it is refused: its bytes are a WebM.
    let (status, v) = send_evidence(&server, &mo, &case, version, "clip.mp4", &clip);
    assert_eq!(status, 422, "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("its contents are WebM video"),
        "{v}"
    );
    let (status, v) = send_evidence(&server, &mo, &case, version, "clip.webm", &clip);
    assert_eq!(status, 200, "{v}");
    let video = item(&v, |e| e["media_type"] == "video/webm");
    let (status, sha, back) =
        server.get_bytes(&format!("/api/councils/1/evidence/{}", video["id"]), &mo);
    assert_eq!((status, sha), (200, Some(sha256(&clip))));
    assert_eq!(back, clip);
}
