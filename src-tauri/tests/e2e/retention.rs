//! Retention and subject access in the window: the review list, a disposal with its confirmation
//! and certificate, and a subject access request from logging it to saving its pack.

use casebook::demo;
use thirtyfour::prelude::*;

use crate::support::{App, Data};

#[tokio::test(flavor = "multi_thread")]
async fn the_review_list_disposes_of_a_case_after_confirmation() {
    let data = Data::new(|db, stamp| {
        demo::load(db, stamp)?;
        Ok(())
    });
    let app = App::launch(&data).await;
    let due = app.wait_for_text("#privacy-h + p", "due for review").await;
    assert!(due.text().await.unwrap().contains("4 closed cases are due"));
    app.screenshot("dashboard-personal-data").await;

    app.button("Review retention").await.click().await.unwrap();
    app.wait_for_text("h1", "Retention").await;
    let rows = app
        .wait_for_count("section[aria-labelledby='due-h'] tbody tr", 4)
        .await;
    let reference = rows[0]
        .find(By::Css("button.link"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    app.screenshot("retention-review").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:?}");

    // Nothing is disposed of until the officer confirms.
    app.find(By::Id(format!("pick-{reference}")))
        .await
        .click()
        .await
        .unwrap();
    app.button("Dispose of 1 selected…")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("#dispose-h", "Dispose of 1 case(s)?")
        .await;
    app.wait_for_text("dialog .picked", &reference).await;
    app.screenshot("retention-dispose-confirm").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        data.count("SELECT count(*) FROM cases WHERE disposal_id IS NOT NULL"),
        0
    );
    app.button("Dispose of them permanently")
        .await
        .click()
        .await
        .unwrap();
    let heading = app
        .wait_for_text("#dispose-h", "Disposed of under certificate")
        .await;
    let certificate = heading
        .text()
        .await
        .unwrap()
        .rsplit(' ')
        .next()
        .unwrap()
        .to_string();
    assert!(certificate.starts_with("DC-"), "{certificate}");
    app.screenshot("retention-disposed").await;
    app.button("Save the certificate (PDF)")
        .await
        .click()
        .await
        .unwrap();
    app.button("Close").await.click().await.unwrap();
    let status = app.wait_for_text("p.status", "Saved the certificate").await;
    let said = status.text().await.unwrap();
    let pdf = said
        .trim_start_matches("Saved the certificate to ")
        .trim_end_matches('.');
    assert!(pdf.ends_with(&format!("{certificate}.pdf")), "{said}");
    assert!(std::fs::read(pdf).unwrap().starts_with(b"%PDF"), "{said}");
    assert_eq!(
        data.count("SELECT count(*) FROM cases WHERE disposal_id IS NOT NULL"),
        1
    );
    app.wait_for_count("section[aria-labelledby='due-h'] tbody tr", 3)
        .await;
    // The header counts the cases held, and the register without the disposed case's stand-in.
    app.wait_for_text("header", "39 cases").await;
    app.wait_for_text("header", "16 councillors").await;
    app.wait_for_text("section[aria-labelledby='disposals-h'] tbody", &reference)
        .await;
    app.screenshot("retention-after").await;

    // The schedule is the council's to change; a bad period is refused beside the field.
    app.find(By::Css(
        "button[aria-label='Change the rule for breach found']",
    ))
    .await
    .click()
    .await
    .unwrap();
    app.fill("rule-months", "0").await;
    app.fill("rule-reason", "Standards Committee, 12 March")
        .await;
    app.button("Save the rule").await.click().await.unwrap();
    app.wait_for_text(".field-error", "months").await;
    app.fill("rule-months", "84").await;
    app.button("Save the rule").await.click().await.unwrap();
    app.wait_for_text("p.status", "is changed").await;
    app.wait_for_text(
        "#schedule-h + table",
        "7 years from the final determination",
    )
    .await;

    // A closed case's page shows where it stands, and takes a legal hold.
    let next = app
        .wait_for_text("section[aria-labelledby='due-h'] tbody button.link", "SC-")
        .await;
    let held = next.text().await.unwrap();
    next.click().await.unwrap();
    app.wait_for_text("#retention-h", "Retention").await;
    app.button("Place a legal hold…")
        .await
        .click()
        .await
        .unwrap();
    app.fill("hold-reason", "Ombudsman enquiry 26 004 117")
        .await;
    app.button("Place the hold").await.click().await.unwrap();
    let hold = app
        .wait_for_text("section[aria-labelledby='retention-h'] .held", "Ombudsman")
        .await;
    hold.scroll_into_view().await.unwrap();
    app.screenshot("case-retention-hold").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:?}");
    let open_holds = format!(
        "SELECT count(*) FROM legal_hold h JOIN cases k ON k.id = h.case_id
         WHERE k.reference = '{held}' AND h.lifted_at IS NULL"
    );
    assert_eq!(data.count(&open_holds), 1);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_subject_access_request_goes_from_logging_to_its_pack() {
    let data = Data::new(|db, stamp| {
        demo::load(db, stamp)?;
        Ok(())
    });
    let app = App::launch(&data).await;
    app.button("Data protection").await.click().await.unwrap();
    app.button("Subject access requests")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("h1", "Subject access requests").await;
    app.button("Log a request").await.click().await.unwrap();
    // No name: refused beside the field.
    app.fill("sar-received", "20/11/2026").await;
    app.button("Log the request").await.click().await.unwrap();
    app.wait_for_text(".field-error", "").await;
    app.fill("sar-name", "Marguerite Lenoir").await;
    app.button("Log the request").await.click().await.unwrap();
    app.wait_for_text("#sar-h", "Request from Marguerite Lenoir")
        .await;
    app.wait_for_text("section[aria-labelledby='sar-h']", "Officers' notes")
        .await;
    app.wait_for_text("section[aria-labelledby='sar-h']", "21 Dec 2026")
        .await;
    app.screenshot("sar-found").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:?}");

    let count = app.wait_for_text("p.count", "0 of ").await;
    let total = count
        .text()
        .await
        .unwrap()
        .split(' ')
        .nth(2)
        .unwrap()
        .to_string();
    app.button("Confirm all").await.click().await.unwrap();
    app.wait_for_text("p.count", &format!("{total} of {total} confirmed"))
        .await;
    app.wait_for_text("section[aria-labelledby='sar-h']", "will be redacted")
        .await;
    app.button("Export the response pack")
        .await
        .click()
        .await
        .unwrap();
    let status = app.wait_for_text("[role='status']", "Saved").await;
    status.scroll_into_view().await.unwrap();
    let said = status.text().await.unwrap();
    let zip = said
        .trim_start_matches("Saved ")
        .split(": ")
        .next()
        .unwrap()
        .to_string();
    assert!(zip.ends_with(".zip"), "{said}");
    let bytes = std::fs::read(&zip).unwrap_or_else(|e| panic!("{said}: {e}"));
    assert!(bytes.starts_with(b"PK"), "a zip");
    app.screenshot("sar-exported").await;
    app.quit().await;
}
