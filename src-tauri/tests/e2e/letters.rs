//! The whole procedure in the window, with its letters: a complaint from receipt to closure with
//! the councillor told and their comments received (the dashboard shows the comments deadline
//! before and not after), an Independent Person chosen from the register, and a decision letter
//! made, edited, previewed, saved on the case and marked sent.

use std::process::Command;

use casebook::calendar::Calendar;
use casebook::independent_person::{self, NewPerson};
use casebook::{case, letters, verify};
use chrono::NaiveDate;
use thirtyfour::prelude::*;

use crate::support::{self, App, Data};

/// The day `n` working days before `today` (England & Wales bank holidays).
fn working_days_before(today: NaiveDate, n: i64) -> NaiveDate {
    let cal = Calendar::standard();
    let mut d = today;
    while cal.working_days_between(d, today, &[]) < n {
        d -= chrono::Duration::days(1);
    }
    d
}

fn uk(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_complaint_goes_from_receipt_to_closure_with_the_councillor_told_and_a_letter_sent() {
    let today = chrono::Utc::now().date_naive();
    let received = working_days_before(today, 10);
    let told = working_days_before(today, 7);
    let mut reference = String::new();
    let data = Data::new(|db, stamp| {
        reference = db.write(|tx| {
            for name in ["Margaret Ellison", "Rhodri Pryce"] {
                independent_person::add(
                    tx,
                    stamp,
                    &NewPerson {
                        name: name.into(),
                        term_start: "2024-05-01".into(),
                        term_end: None,
                        contact: Some("standards@kingsmere.example".into()),
                    },
                )?;
            }
            let c = support::councillor(tx, stamp, "Alys Pennant")?;
            support::complaint(
                tx,
                stamp,
                c,
                received,
                "Post mocking a resident <b>loudly</b>",
            )
        })?;
        Ok(())
    });
    let app = App::launch(&data).await;
    app.button("Cases").await.click().await.unwrap();
    app.open_case(&reference).await;

    // Acknowledged on the day it came; the councillor told three days later.
    app.fill("step-on", &uk(received)).await;
    app.button("Record step").await.click().await.unwrap();
    app.wait_for_text("#stage-h", "Stage: Acknowledged").await;
    app.wait_for_text("#councillor-h", "Councillor's side")
        .await;
    app.fill("notify-on", &uk(told)).await;
    app.choose("notify-method", "email").await;
    app.choose("notify-sent", "the complaint").await;
    app.button("Record notification")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("section[aria-labelledby='councillor-h']", "email")
        .await;
    app.screenshot("case-councillor-told").await;

    // The dashboard shows the comments deadline, due in three working days.
    app.button("Dashboard").await.click().await.unwrap();
    let due = app
        .wait_for_text("section[aria-labelledby='soon-h'] .due-item", &reference)
        .await;
    let text = due.text().await.unwrap();
    assert!(text.contains("comments"), "{text}");
    assert!(text.contains("Due in 3 working days"), "{text}");
    app.screenshot("dashboard-comments-due").await;

    // Their comments arrive: the deadline is met and leaves the dashboard.
    due.click().await.unwrap();
    app.wait_for_text("h1", &reference).await;
    app.fill("comments-on", &uk(today)).await;
    app.fill(
        "comments-text",
        "I accept the post was unwise and have taken it down.",
    )
    .await;
    app.button("Record comments").await.click().await.unwrap();
    app.wait_for_text("section[aria-labelledby='councillor-h']", "taken it down")
        .await;
    app.button("Dashboard").await.click().await.unwrap();
    app.wait_for_text("#soon-h", "Due this week").await;
    let soon = app
        .find(By::Css("section[aria-labelledby='soon-h']"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!soon.contains(&reference), "no longer due: {soon}");

    // Assessed, the Independent Person chosen from the register, then decided.
    app.button("Cases").await.click().await.unwrap();
    app.open_case(&reference).await;
    app.fill("step-on", &uk(today)).await;
    app.button("Record step").await.click().await.unwrap();
    app.wait_for_text("#stage-h", "Stage: Initial assessment")
        .await;
    let margaret = app
        .find(By::XPath(
            "//select[@id='ip-choice']/option[normalize-space()='Margaret Ellison']",
        ))
        .await
        .attr("value")
        .await
        .unwrap()
        .unwrap();
    app.choose("ip-choice", &margaret).await;
    app.fill("ip-views", "Unwise but not a breach of the Code.")
        .await;
    app.button("Record consultation")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("form[aria-labelledby='ip-h'] li", "Margaret Ellison")
        .await;
    app.choose("step-outcome", "no further action").await;
    app.fill("step-reason", "The councillor took the post down at once.")
        .await;
    app.button("Record step").await.click().await.unwrap();
    app.wait_for_text("#stage-h", "Stage: Decision").await;

    // The step asks for its letters; the first is drafted, edited, previewed and saved.
    app.wait_for_text("body", "This step needs letters").await;
    app.button("Write the letters").await.click().await.unwrap();
    app.button("Draft letter").await.click().await.unwrap();
    let editor = app.find(By::Id("letter-text")).await;
    let mut drafted = String::new();
    for _ in 0..50 {
        drafted = editor.prop("value").await.unwrap().unwrap_or_default();
        if drafted.contains("Decision on complaint") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(drafted.contains("Dear Harriet Osei"), "{drafted}");
    let edited = drafted.replace(
        "Yours sincerely",
        "Thank you for raising this with us.\n\nYours sincerely",
    );
    // WebDriver's typing drops line breaks, so the edited text goes in as the officer's paste
    // would: the value set and an input event fired.
    app.driver
        .execute(
            "arguments[0].value = arguments[1];
             arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
            vec![editor.to_json().unwrap(), serde_json::json!(edited)],
        )
        .await
        .unwrap();
    app.button("Preview letter").await.click().await.unwrap();
    app.find(By::Css("iframe[title='Letter preview']")).await;
    app.choose("letter-format", "pdf").await;
    app.screenshot("case-letter-writer").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:?}");
    app.button("Save letter").await.click().await.unwrap();
    app.wait_for_text("body", "Letter saved to the case.").await;

    // In the correspondence, not yet sent; marked sent by email today.
    let sent_on = app
        .find(By::Css("[id^='letter-sent-on-']"))
        .await
        .attr("id")
        .await
        .unwrap()
        .unwrap();
    let id = sent_on.trim_start_matches("letter-sent-on-").to_string();
    app.fill(&sent_on, &uk(today)).await;
    app.choose(&format!("letter-sent-by-{id}"), "email").await;
    app.button("Mark sent").await.click().await.unwrap();
    app.wait_for_text("section[aria-labelledby='corr-h']", "by email")
        .await;
    app.screenshot("case-correspondence").await;

    // Closed.
    app.button("Record step").await.click().await.unwrap();
    app.wait_for_text("#stage-h", "Stage: Closed").await;
    app.quit().await;

    let db = data.db();
    let k = case::by_reference(db.conn(), &reference).unwrap();
    let all = letters::list(db.conn(), k.id).unwrap();
    assert_eq!(all.len(), 1);
    let l = &all[0];
    assert_eq!(
        (l.kind.as_str(), l.party.as_str()),
        ("decision", "complainant")
    );
    assert_eq!(l.sent_on.as_deref(), Some(today.to_string().as_str()));
    assert_eq!(l.sent_by.as_deref(), Some("email"));
    let (doc, bytes) = casebook::document::bytes(db.conn(), l.document_id.unwrap()).unwrap();
    assert!(bytes.starts_with(b"%PDF"), "{}", doc.media_type);
    let pdf = data.dir.path().join("letter.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    let text = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup.sh --tests");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Thank you for raising this with us."),
        "{text}"
    );
    let p = casebook::procedure::status(db.conn(), k.id, today).unwrap();
    assert_eq!(p.stage, "closed");
    let n = p.notification.unwrap();
    assert_eq!(n.notified_on, told.to_string());
    assert!(p.ip_consultations[0].ip_id.is_some());
    let comments = p.deadlines.iter().find(|d| d.key == "comments").unwrap();
    assert_eq!(comments.status, "met");
    assert!(verify::verify(db.conn()).unwrap().ok());
}

/// Settings shows the Independent Persons register, warns while fewer than two serve, and takes
/// a new one; the council's address is saved for letters.
#[tokio::test(flavor = "multi_thread")]
async fn settings_keeps_the_independent_persons_register_and_the_councils_address() {
    let data = Data::new(|db, stamp| {
        db.write(|tx| {
            independent_person::add(
                tx,
                stamp,
                &NewPerson {
                    name: "Margaret Ellison".into(),
                    term_start: "2024-05-01".into(),
                    term_end: None,
                    contact: None,
                },
            )
            .map(drop)
        })
    });
    let app = App::launch(&data).await;
    app.button("Settings").await.click().await.unwrap();
    app.wait_for_text("#ipr-h", "Independent Persons").await;
    app.wait_for_text("[aria-labelledby='ipr-h'] .warning", "appoint at least 2")
        .await;
    app.fill("ipr-name", "Rhodri Pryce").await;
    app.fill("ipr-start", "01/05/2025").await;
    app.fill("ipr-contact", "rhodri.pryce@example.org").await;
    app.button("Add Independent Person")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("[aria-labelledby='ipr-h'] table", "Rhodri Pryce")
        .await;
    let left = app
        .driver
        .find_all(By::Css("[aria-labelledby='ipr-h'] .warning"))
        .await
        .unwrap();
    assert!(left.is_empty(), "two serving: no warning");
    app.fill(
        "council-address",
        "Civic Centre, Market Square, Kingsmere KM1 1AA",
    )
    .await;
    app.button("Save address").await.click().await.unwrap();
    app.wait_for_text("body", "Address saved").await;
    app.screenshot("settings-independent-persons").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:?}");
    app.quit().await;
    let db = data.db();
    let people = independent_person::list(db.conn()).unwrap();
    assert_eq!(people.len(), 2);
    let address =
        casebook::settings::text_value(db.conn(), casebook::settings::COUNCIL_ADDRESS).unwrap();
    assert_eq!(
        address.as_deref(),
        Some("Civic Centre, Market Square, Kingsmere KM1 1AA")
    );
}
