//! Two officers on one team server, each in their own app window: the real `casebook-server` on
//! a PostgreSQL cluster the test starts, the demo council moved in. One moves a case on; the other
//! sees it once they reload; a change the second makes on the version they had open is refused
//! as a conflict that names the first officer, and what they typed stays in the form.

use std::path::{Path, PathBuf};
use std::time::Duration;

use casebook::demo;
use casebook_client::Client;
use serde_json::json;
use thirtyfour::prelude::*;

use crate::support::{App, Data, OFFICER, PASSPHRASE};

const COUNCIL: &str = "Kingsmere City Council";
const STANDARDS: &str = "Sam Standards";
const PASSWORD: &str = "violet harbour kettle drum";

fn server_exe() -> PathBuf {
    casebook_pgtest::server_beside(Path::new(env!("CARGO_BIN_EXE_casebook-desktop")))
}

fn server_cmd(args: &[&str]) {
    casebook_pgtest::server_ok(&server_exe(), args);
}

/// Signs in to the team server in window `app` as `name`.
async fn connect(app: &App, base: &str, name: &str, password: &str) {
    app.button("Connect to a team server")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("h1", "Connect to a team server").await;
    app.fill("server", base).await;
    app.fill("name", name).await;
    app.fill("password", password).await;
    app.button("Sign in").await.click().await.unwrap();
    // Both officers here work on every case: the dashboard first, then the cases.
    app.wait_for_text("h1", "Dashboard").await;
    app.wait_for_text("#stages-h", "Open cases by stage").await;
    app.button("Cases").await.click().await.unwrap();
    app.wait_for_text("h1", "Cases").await;
}

/// The first evidence item of case `reference` on the server that `wanted` picks.
fn evidence_on(
    mo: &Client,
    reference: &str,
    wanted: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let opened = mo
        .get(&format!("/api/councils/1/cases/{reference}"), &[])
        .unwrap();
    opened["detail"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| wanted(e))
        .unwrap_or_else(|| panic!("no such item: {opened}"))
        .clone()
}

/// Opens case `reference` from the case list in window `app`.
async fn open(app: &App, reference: &str) {
    // Not while a page of the list is being fetched: the rows may move when it comes.
    app.wait_for_count("form.filters button[type='submit']:not([disabled])", 1)
        .await;
    app.find(By::Css(format!(
        "tr[data-reference='{reference}'] button.link"
    )))
    .await
    .click()
    .await
    .unwrap();
    app.wait_for_text("h1", reference).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn two_officers_on_one_server_see_each_others_changes_and_a_stale_edit_is_a_conflict() {
    let pg = casebook_pgtest::Cluster::start();
    let url = pg.url("postgres");
    server_cmd(&[
        "init",
        "--database",
        &url,
        "--council",
        COUNCIL,
        "--admin-name",
        OFFICER,
        "--admin-password",
        PASSPHRASE,
    ]);
    let file = Data::new(|db, stamp| demo::load(db, stamp).map(drop));
    let passphrase = file.dir.path().join("passphrase");
    std::fs::write(&passphrase, PASSPHRASE).unwrap();
    server_cmd(&[
        "import",
        &file.path().to_string_lossy(),
        "--council",
        COUNCIL,
        "--database",
        &url,
        "--passphrase-file",
        &passphrase.to_string_lossy(),
        "--actor",
        OFFICER,
    ]);
    let served = casebook_pgtest::Served::start(&server_exe(), &url, &[]);
    let base = served.base.clone();

    // The Monitoring Officer adds a standards officer; a case still at "received" is chosen.
    let signed_in = Client::new(&base)
        .unwrap()
        .sign_in(OFFICER, PASSPHRASE)
        .unwrap();
    let mo = Client::signed_in(&base, signed_in["token"].as_str().unwrap().into()).unwrap();
    mo.post(
        "/api/councils/1/accounts",
        &json!({"name": STANDARDS, "role": "standards_officer", "password": PASSWORD}),
    )
    .unwrap();
    let received = mo
        .get("/api/councils/1/cases", &[("stage", "received".into())])
        .unwrap();
    let reference = received["rows"][0]["reference"]
        .as_str()
        .unwrap()
        .to_string();

    // Two windows, each with a file of its own it never opens, and a keyring session of its own.
    // The first window's "file" dialog gives a catalogue version to add.
    let (data_a, data_b) = (Data::none(), Data::none());
    let version = data_a.dir.path().join("catalogue-2027.json");
    let items = json!([{"kind": "responsibility", "code": "R1", "title": "Be civil online",
        "text": "Online as in the chamber."}]);
    let catalogue = json!({"label": "2027", "title": "Social media guidance, 2027 review",
        "adopted_on": "2027-01-20", "source": "Standards Committee", "items": items});
    std::fs::write(&version, catalogue.to_string()).unwrap();
    let pick = [("CASEBOOK_OPEN_FILE", version.to_str().unwrap())];
    let a = App::launch_for_team(&data_a, "casebook-e2e-a", false, &pick).await;
    let b = App::launch_for_team(&data_b, "casebook-e2e-b", true, &[]).await;
    a.wait_for_text("h1", "Protect this database").await;
    a.button("Connect to a team server")
        .await
        .click()
        .await
        .unwrap();
    a.wait_for_text("h1", "Connect to a team server").await;
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-connect").await;
    a.button("Open the file on this computer")
        .await
        .click()
        .await
        .unwrap();
    connect(&a, &base, OFFICER, PASSPHRASE).await;
    a.button("Dashboard").await.click().await.unwrap();
    a.wait_for_text("#overdue-h", "Overdue").await;
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-dashboard").await;
    a.button("Cases").await.click().await.unwrap();
    a.wait_for_text("#t-count", "40 cases").await;
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-cases").await;
    connect(&b, &base, STANDARDS, PASSWORD).await;

    // Both open the case; the first moves it on.
    open(&a, &reference).await;
    open(&b, &reference).await;
    b.wait_for_text("#stage", "received").await;
    a.choose("step-stage", "acknowledged").await;
    a.button("Record the step").await.click().await.unwrap();
    a.wait_for_text("#stage", "acknowledged").await;

    // The second sees it after a reload.
    assert_eq!(
        b.find(By::Id("stage")).await.text().await.unwrap(),
        "received"
    );
    b.button("Reload the case").await.click().await.unwrap();
    b.wait_for_text("#stage", "acknowledged").await;

    // The first adds a note; the second, on the version before it, tags the case: refused as a
    // conflict naming the first officer, nothing merged, and the code typed still there.
    a.fill(
        "note-body",
        "Called the complainant to confirm the screenshot",
    )
    .await;
    a.button("Add the note").await.click().await.unwrap();
    a.wait_for_text(".notes", "Called the complainant").await;
    let tags_before = mo
        .get(&format!("/api/councils/1/cases/{reference}"), &[])
        .unwrap()["detail"]["tags"]
        .clone();
    b.fill("tag-code", "LGA5").await;
    b.fill("tag-note", "Dismissive of residents").await;
    b.button("Add the tag").await.click().await.unwrap();
    let conflict = b.wait_for_text("#conflict", "changed this case").await;
    let said = conflict.text().await.unwrap();
    assert!(said.contains(OFFICER), "{said}");
    let typed = b
        .find(By::Id("tag-code"))
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(typed.as_deref(), Some("LGA5"));
    let problems = b.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    b.screenshot("team-case-conflict").await;
    let opened = mo
        .get(&format!("/api/councils/1/cases/{reference}"), &[])
        .unwrap();
    assert_eq!(opened["detail"]["tags"], tags_before, "{opened}");

    // Reloaded, the tag is made on the new version.
    b.button("Reload the case").await.click().await.unwrap();
    b.wait_for_text(".notes", "Called the complainant").await;
    b.button("Add the tag").await.click().await.unwrap();
    b.wait_for_text("li", "LGA5").await;
    b.screenshot("team-case").await;

    // A screenshot added in the first window (on the version it has: reloaded first) reaches the
    // server byte for byte, with the SHA-256 the server checked.
    std::fs::create_dir(data_a.dir.path().join("from")).unwrap();
    let shot = data_a.dir.path().join("from").join("reply.png");
    let mut png = Vec::new();
    image::RgbImage::from_fn(120, 80, |x, y| {
        image::Rgb([(x * 2) as u8, (y * 3) as u8, 90])
    })
    .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
    .unwrap();
    std::fs::write(&shot, &png).unwrap();
    a.button("Reload the case").await.click().await.unwrap();
    a.wait_for_text("li", "LGA5").await;
    a.wait_for_count("#evidence-files", 1).await[0]
        .send_keys(shot.to_string_lossy())
        .await
        .unwrap();
    a.wait_for_text("form .files li", "reply.png").await;
    a.fill("evidence-description", "The councillor's reply")
        .await;
    a.button("Add the files").await.click().await.unwrap();
    a.wait_for_text("#evidence-list li", "reply.png").await;
    let sha = casebook::audit::sha256_hex(&png);
    let added = evidence_on(&mo, &reference, |e| e["original_name"] == "reply.png");
    assert_eq!(added["sha256"], json!(sha));
    assert_eq!(added["description"], "The councillor's reply");
    a.screenshot("team-case-evidence").await;

    // Viewed from the server (its hash checked on the way), and a copy saved.
    a.find(By::Css("button[aria-label='View reply.png']"))
        .await
        .click()
        .await
        .unwrap();
    let img = a.find(By::Css(".viewer img")).await;
    let width = a
        .driver
        .execute(
            "const i = arguments[0]; return i.complete ? i.naturalWidth : 0;",
            vec![img.to_json().unwrap()],
        )
        .await
        .unwrap();
    assert_eq!(width.json(), &json!(120));
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-evidence-viewer").await;
    a.button("Save a copy…").await.click().await.unwrap();
    a.wait_for_text("[role='status']", "Saved to").await;
    assert_eq!(
        std::fs::read(data_a.dir.path().join("reply.png")).unwrap(),
        png
    );

    // A short video sent to the server and played back from it.
    let clip = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/casebook-cli/tests/fixtures/video/clip.webm");
    a.wait_for_count("#evidence-files", 1).await[0]
        .send_keys(clip.to_string_lossy())
        .await
        .unwrap();
    a.wait_for_text("form .files li", "video/webm").await;
    a.button("Add the files").await.click().await.unwrap();
    a.wait_for_text("#evidence-list li", "clip.webm").await;
    a.find(By::Css("button[aria-label='View clip.webm']"))
        .await
        .click()
        .await
        .unwrap();
    let video = a.find(By::Css(".viewer video")).await;
    let mut duration = serde_json::Value::Null;
    for _ in 0..100 {
        duration = a
            .driver
            .execute(
                "const v = arguments[0]; return v.readyState >= 1 ? v.duration : null;",
                vec![video.to_json().unwrap()],
            )
            .await
            .unwrap()
            .json()
            .clone();
        if !duration.is_null() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let seconds = duration.as_f64().unwrap_or(0.0);
    assert!(
        (1.8..2.2).contains(&seconds),
        "the player read it: {duration}"
    );
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-evidence-video").await;

    // A redacted copy of it, made in another program (its top half blacked out), is sent as a
    // new item linked to the original, which stays as it was.
    let mut blacked = image::load_from_memory(&png).unwrap().to_rgb8();
    for (_, y, p) in blacked.enumerate_pixels_mut() {
        if y < 40 {
            *p = image::Rgb([0, 0, 0]);
        }
    }
    let redacted = data_a.dir.path().join("from").join("reply-redacted.png");
    blacked.save(&redacted).unwrap();
    a.find(By::Id("redact-file"))
        .await
        .send_keys(redacted.to_string_lossy())
        .await
        .unwrap();
    a.wait_for_text("[role='status']", "Redacted copy of item")
        .await;
    a.wait_for_text("#evidence-list li", "redacted copy of item")
        .await;
    let copy = evidence_on(&mo, &reference, |e| {
        e["original_name"] == "reply-redacted.png"
    });
    assert!(copy["derived_from"].is_i64(), "{copy}");
    a.screenshot("team-case-redacted").await;

    // Redacted in the app: a box added and moved with the keyboard, the copy made here from the
    // bytes the server sent and sent back linked to the original.
    a.find(By::Css("button[aria-label='View reply.png']"))
        .await
        .click()
        .await
        .unwrap();
    a.find(By::Css(".viewer img")).await;
    a.button("Redact…").await.click().await.unwrap();
    a.button("Add a box").await.click().await.unwrap();
    let focused = a.driver.active_element().await.unwrap();
    focused.send_keys(Key::Shift + Key::Right).await.unwrap();
    a.fill("redact-reason", "A resident's name").await;
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.button("Save the redacted copy")
        .await
        .click()
        .await
        .unwrap();
    a.wait_for_text("[role='status']", "made here and added (1 box)")
        .await;
    let made = evidence_on(&mo, &reference, |e| {
        e["description"]
            .as_str()
            .is_some_and(|d| d.contains("A resident's name"))
    });
    assert_eq!(made["derived_from"], added["id"], "{made}");
    assert_eq!(made["media_type"], "image/png", "{made}");

    // The capacity assessment, answered and determined over the server on the version open.
    a.find(By::Id("cap-I5-yes")).await.click().await.unwrap();
    a.wait_for_text("[role='status']", "I5: yes").await;
    a.choose("cap-determination", "in capacity").await;
    a.fill(
        "cap-reasons",
        "Public account that discusses council business.",
    )
    .await;
    a.button("Record determination")
        .await
        .click()
        .await
        .unwrap();
    a.wait_for_text(".determination", "Recorded: In capacity")
        .await;
    let opened = mo
        .get(&format!("/api/councils/1/cases/{reference}"), &[])
        .unwrap();
    assert_eq!(opened["detail"]["capacity"]["determination"], "in capacity");
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-case-capacity").await;

    // The clock paused over the server, with the same form as on a file.
    a.choose("clock-reason", "awaiting information").await;
    a.fill("clock-note", "Asked the complainant for the whole thread")
        .await;
    a.button("Pause clock").await.click().await.unwrap();
    a.wait_for_text("[role='status']", "The clock is paused.")
        .await;
    a.wait_for_text("#clock-h + p", "Paused since").await;
    let opened = mo
        .get(&format!("/api/councils/1/cases/{reference}"), &[])
        .unwrap();
    assert_eq!(opened["detail"]["paused"], true, "{opened}");
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    let clock = a.find(By::Id("clock-h")).await;
    a.centre(&clock).await;
    a.screenshot("team-case-clock").await;

    // A letter drafted and kept by the server, then marked sent: the same panel as on a file.
    a.choose("letter-choice", "acknowledgement|complainant")
        .await;
    a.button("Draft letter").await.click().await.unwrap();
    a.choose("letter-format", "pdf").await;
    a.button("Save letter").await.click().await.unwrap();
    a.wait_for_text("[role='status']", "Letter saved to the case.")
        .await;
    a.button("Mark sent").await.click().await.unwrap();
    a.wait_for_text("[role='status']", "marked sent").await;
    let opened = mo
        .get(&format!("/api/councils/1/cases/{reference}"), &[])
        .unwrap();
    let letter = &opened["detail"]["letters"][0];
    assert_eq!(letter["kind"], "acknowledgement", "{opened}");
    assert!(letter["sent_on"].is_string(), "{letter}");
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    let corr = a.find(By::Id("corr-h")).await;
    a.driver
        .execute(
            "arguments[0].scrollIntoView({ block: 'start' });",
            vec![corr.to_json().unwrap()],
        )
        .await
        .unwrap();
    a.screenshot("team-case-letters").await;

    // A case under investigation: the final report recorded with its file, sent to the server
    // with its hash and kept on the case.
    let investigating = mo
        .get(
            "/api/councils/1/cases",
            &[("stage", "investigation".into())],
        )
        .unwrap();
    let under = investigating["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reference"].as_str().unwrap().to_string())
        .find(|r| {
            let v = mo.get(&format!("/api/councils/1/cases/{r}"), &[]).unwrap();
            v["detail"]["investigation"]["final_report_on"].is_null()
        })
        .expect("a demo case under investigation with no final report");
    let report = data_a.dir.path().join("final-report.md");
    std::fs::write(&report, "# Final report\n\nThe Code was breached.\n").unwrap();
    a.button("Cases").await.click().await.unwrap();
    a.choose("t-stage", "investigation").await;
    // Wait for the narrowed list itself: a click on a row while the longer list is still on
    // screen lands wherever that row used to be.
    let total = investigating["total"].as_u64().unwrap();
    a.wait_for_text("#t-count", &format!("{total} case")).await;
    open(&a, &under).await;
    a.choose("report-which", "final").await;
    a.find(By::Id("report-file"))
        .await
        .send_keys(report.to_string_lossy())
        .await
        .unwrap();
    a.wait_for_text(".one-file", "final-report.md").await;
    a.button("Record report").await.click().await.unwrap();
    a.wait_for_text("[role='status']", "The final report received: recorded")
        .await;
    let opened = mo
        .get(&format!("/api/councils/1/cases/{under}"), &[])
        .unwrap();
    let id = opened["detail"]["investigation"]["final_report_document_id"].clone();
    assert!(id.is_i64(), "{opened}");
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-case-final-report").await;

    // The annual report, previewed and saved as PDF from the server.
    a.button("Reports").await.click().await.unwrap();
    a.wait_for_text("h1", "Reports").await;
    a.find(By::Css("iframe[title]")).await;
    a.button("PDF").await.click().await.unwrap();
    let saved = a
        .wait_for_text(".status", "Saved:")
        .await
        .text()
        .await
        .unwrap();
    let path = saved.trim().trim_start_matches("Saved:").trim().to_string();
    assert!(path.ends_with(".pdf"), "{saved}");
    assert!(
        std::fs::read(&path).unwrap().starts_with(b"%PDF-"),
        "{path}"
    );
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-reports").await;

    // The retention reviews from the server, the schedule shown as the file keeps it.
    a.button("Data protection").await.click().await.unwrap();
    a.wait_for_text("h1", "Retention").await;
    a.wait_for_text("#schedule-h", "The retention schedule")
        .await;
    a.find(By::Css(
        "button[aria-label='Change the rule for no further action']",
    ))
    .await;
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-retention").await;
    // A legal hold placed from the list reaches the server.
    a.button("Legal hold").await.click().await.unwrap();
    a.fill("act-reason", "Ombudsman enquiry 24 001 234").await;
    a.button("Save").await.click().await.unwrap();
    let held = a
        .wait_for_text("[role='status'], .status, p", "is on legal hold")
        .await;
    let held = held.text().await.unwrap();
    let reference = held
        .split_whitespace()
        .find(|w| w.starts_with("SC-"))
        .unwrap();
    let retention = mo
        .get(&format!("/api/councils/1/cases/{reference}/retention"), &[])
        .unwrap();
    assert!(
        retention["hold"].as_str().unwrap().contains("Ombudsman"),
        "{retention}"
    );

    // A subject access request handled on the server, to its response pack.
    a.button("Subject access requests")
        .await
        .click()
        .await
        .unwrap();
    a.wait_for_text("h1", "Subject access requests").await;
    a.button("Log a request").await.click().await.unwrap();
    a.fill("sar-received", "20/11/2026").await;
    a.fill("sar-name", "Marguerite Lenoir").await;
    a.button("Log the request").await.click().await.unwrap();
    a.wait_for_text("#sar-h", "Request from Marguerite Lenoir")
        .await;
    a.wait_for_text("section[aria-labelledby='sar-h']", "21 Dec 2026")
        .await;
    let count = a.wait_for_text("p.count", "0 of ").await;
    let total = count.text().await.unwrap();
    let total = total.split(' ').nth(2).unwrap().to_string();
    a.button("Confirm all").await.click().await.unwrap();
    a.wait_for_text("p.count", &format!("{total} of {total} confirmed"))
        .await;
    a.button("Export the response pack")
        .await
        .click()
        .await
        .unwrap();
    let said = a.wait_for_text("[role='status']", "Saved").await;
    let said = said.text().await.unwrap();
    let zip = said
        .trim_start_matches("Saved ")
        .split(": ")
        .next()
        .unwrap()
        .to_string();
    assert!(std::fs::read(&zip).unwrap().starts_with(b"PK"), "{said}");
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-subject-access").await;

    // The councillors and the guidance catalogue, read from the server.
    a.button("Councillors").await.click().await.unwrap();
    a.wait_for_text("h1", "Councillors").await;
    a.wait_for_text("#register-h + *, section", "Kingsmere")
        .await;
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-councillors").await;
    a.button("Catalogue").await.click().await.unwrap();
    a.wait_for_text("section, main", "Responsibilities").await;
    a.button("Add a new version from a file…")
        .await
        .click()
        .await
        .unwrap();
    a.wait_for_text("[role='status']", "Added 2027").await;
    let versions = mo
        .post(
            "/api/councils/1/register/actions",
            &json!({"action": "catalogue_versions"}),
        )
        .unwrap();
    assert!(versions.to_string().contains("2027 review"), "{versions}");
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-catalogue").await;

    // The council's time targets, holidays and address changed on the server.
    a.button("Settings").await.click().await.unwrap();
    a.wait_for_text("h1", "Settings").await;
    a.fill("s-acknowledge_working_days", "6").await;
    a.button("Save targets").await.click().await.unwrap();
    a.wait_for_text("[role='status']", "Deadlines are worked out")
        .await;
    a.fill("s-day-date", "29/12/2027").await;
    a.fill("s-day-name", "Council offices closed").await;
    a.choose("s-year", "2027").await;
    a.button("Add holiday").await.click().await.unwrap();
    a.wait_for_text(".hol", "Council offices closed").await;
    a.screenshot("team-settings-holidays").await;
    let targets = mo
        .post(
            "/api/councils/1/settings/actions",
            &json!({"action": "targets"}),
        )
        .unwrap();
    assert!(targets.to_string().contains(r#""value":6"#), "{targets}");
    a.fill("council-address", "Guildhall, Kingsmere KM1 1AA")
        .await;
    a.button("Save address").await.click().await.unwrap();
    a.wait_for_text("[role='status'], p", "Address saved").await;
    let saved = mo
        .post(
            "/api/councils/1/settings/actions",
            &json!({"action": "council_address"}),
        )
        .unwrap();
    assert!(
        saved["council_address"]
            .as_str()
            .unwrap()
            .starts_with("Guildhall"),
        "{saved}"
    );
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-settings").await;

    // The council's own decision notice template: a broken one is refused beside the text with
    // its line, a good one kept on the server.
    a.choose("t-file", "decision.md").await;
    a.wait_for_text("label[for='t-text']", "Decision notice")
        .await;
    a.fill("t-text", "Kingsmere decision notice\n{% if %}")
        .await;
    a.button("Save template").await.click().await.unwrap();
    a.wait_for_text("#t-text-err", "line").await;
    a.screenshot("team-templates-refused").await;
    a.fill("t-text", "Kingsmere decision notice for {{ reference }}")
        .await;
    a.button("Save template").await.click().await.unwrap();
    a.wait_for_text("[role='status']", "use the council's copy")
        .await;
    let kept = mo
        .post(
            "/api/councils/1/settings/actions",
            &json!({"action": "template", "file": "decision.md"}),
        )
        .unwrap();
    assert_eq!(kept["own"], true, "{kept}");
    let problems = a.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    a.screenshot("team-templates").await;

    // The standards officer logs a new complaint with a screenshot: it is on the server with the
    // file, its hash, and who captured it.
    let options = mo.get("/api/councils/1/intake-options", &[]).unwrap();
    let councillor = options["councillors"][0]["id"].to_string();
    b.button("New complaint").await.click().await.unwrap();
    b.wait_for_text("h1", "New complaint").await;
    b.choose("c-councillor", &councillor).await;
    b.fill("c-complainant_name", "Harriet Osei").await;
    b.choose("c-platform", "Facebook").await;
    b.fill("c-summary", "Councillor called allotment holders vandals.")
        .await;
    b.find(By::Id("c-files"))
        .await
        .send_keys(shot.to_string_lossy())
        .await
        .unwrap();
    b.wait_for_text(".files li", "reply.png").await;
    b.fill("c-captured_by", "Harriet Osei").await;
    let problems = b.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    b.screenshot("team-new-complaint").await;
    b.button("Save complaint").await.click().await.unwrap();
    let heading = b
        .wait_for_text("h1", "allotment holders")
        .await
        .text()
        .await
        .unwrap();
    let logged = heading.split(':').next().unwrap().trim().to_string();
    b.wait_for_text("#evidence-list li", "reply.png").await;
    let opened = mo
        .get(&format!("/api/councils/1/cases/{logged}"), &[])
        .unwrap();
    let file = opened["detail"]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "file")
        .unwrap_or_else(|| panic!("{opened}"))
        .clone();
    assert_eq!(file["sha256"], json!(sha));
    assert_eq!(file["captured_by"], "Harriet Osei");

    b.quit().await;
    a.quit().await;
    drop(served);
    drop(pg);
}
