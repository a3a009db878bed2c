//! End-to-end tests: the real `casebook-desktop` binary in a real window, driven through
//! WebKitWebDriver (W3C WebDriver for WebKitGTK). Needs a display: `scripts/test.sh` runs them
//! under `xvfb-run`. Screenshots of each screen are written to `target/tmp/e2e-screenshots/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod email;
mod import;
mod letters;
mod many;
mod retention;
mod support;
mod team;
mod video;

use casebook::{case, demo};
use thirtyfour::prelude::*;

use support::{App, Data};

#[tokio::test(flavor = "multi_thread")]
async fn the_window_lists_the_demo_cases() {
    let data = Data::new(|db, stamp| {
        demo::load(db, stamp)?;
        Ok(())
    });
    let newest = case::list(data.db().conn(), &case::Filter::default()).unwrap()[0].clone();
    let app = App::launch(&data).await;
    app.wait_for_text("h1", "Dashboard").await;
    app.wait_for_text("#stages-h", "Open cases by stage").await;
    app.screenshot("dashboard-demo").await;
    app.button("Cases").await.click().await.unwrap();
    let rows = app.case_rows(40).await;
    let first = app.content(&rows[0]).await;
    assert!(
        first.contains(&newest.reference),
        "first row is the newest case: {first}"
    );
    assert!(first.contains(&newest.councillor), "{first}");
    app.wait_for_text("header", "40 cases").await;
    app.screenshot("case-list").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn first_run_offers_the_demo_and_loads_it() {
    let data = Data::new(|_, _| Ok(()));
    let app = App::launch(&data).await;
    let empty = app.wait_for_count(".empty", 1).await;
    let text = empty[0].text().await.unwrap();
    assert!(text.contains("No complaints logged yet"), "{text}");
    app.screenshot("first-run").await;
    let button = app
        .find(By::XPath("//button[normalize-space()='Load demo data']"))
        .await;
    button.click().await.unwrap();
    app.wait_for_text("h1", "Dashboard").await;
    app.wait_for_text("header", "40 cases").await;
    app.quit().await;
    assert_eq!(
        data.count("SELECT count(*) FROM cases"),
        40,
        "the demo was stored in the database"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_text_is_shown_as_text_and_never_runs() {
    const HOSTILE: &str =
        "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script> bold claim";
    let data = Data::new(|db, stamp| {
        db.write(|tx| {
            let c = support::councillor(tx, stamp, "<b>Mallory</b>")?;
            support::complaint(tx, stamp, c, stamp.at.date_naive(), HOSTILE)
        })?;
        Ok(())
    });
    let app = App::launch(&data).await;
    app.button("Cases").await.click().await.unwrap();
    let rows = app.wait_for_count("tbody tr[data-reference]", 1).await;
    let text = app.content(&rows[0]).await;
    assert!(
        text.contains("<script>document.title='pwned'</script>"),
        "shown literally: {text}"
    );
    assert!(text.contains("<b>Mallory</b>"), "{text}");
    let injected = app
        .driver
        .find_all(By::Css("tbody img, tbody script, tbody b"))
        .await
        .unwrap();
    assert!(injected.is_empty(), "no element was created from case text");
    // The case view shows the same text, inert.
    rows[0]
        .find(By::Css("button.link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let summary = app.wait_for_text("p.summary", "bold claim").await;
    assert!(summary
        .text()
        .await
        .unwrap()
        .contains("<img src=x onerror="));
    let injected = app
        .driver
        .find_all(By::Css("main img, main script, main b"))
        .await
        .unwrap();
    assert!(injected.is_empty(), "no element was created from case text");
    // A hostile note: its Markdown renders, its HTML and script links do not.
    app.fill(
        "note-new",
        "**Noted** <script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\"> [x](javascript:document.title='pwned')",
    )
    .await;
    app.button("Add note").await.click().await.unwrap();
    app.wait_for_text(".notes .md", "Noted").await;
    assert_eq!(
        app.driver
            .find_all(By::Css(".notes .md strong"))
            .await
            .unwrap()
            .len(),
        1,
        "Markdown is rendered"
    );
    assert!(app
        .driver
        .find_all(By::Css(
            ".notes img, .notes script, .notes a[href^='javascript']"
        ))
        .await
        .unwrap()
        .is_empty());
    let title = app.driver.title().await.unwrap();
    assert_eq!(title, "Casebook", "no injected script ran");
    app.quit().await;
}

/// A pasted note nested 99,990 quotes deep opens at once and is drawn to a sensible depth, its
/// long run of characters wrapped within the page.
#[tokio::test(flavor = "multi_thread")]
async fn a_deeply_nested_note_opens_at_once_and_stays_on_the_page() {
    let data = Data::new(|db, stamp| {
        db.write(|tx| {
            let c = support::councillor(tx, stamp, "Gwen Tallis")?;
            let reference = support::complaint(tx, stamp, c, stamp.at.date_naive(), "Deep note")?;
            let id = case::by_reference(tx, &reference)?.id;
            let body = format!("{}deep text", ">".repeat(99_990));
            casebook::notes::add(tx, stamp, id, &body).map(drop)
        })
    });
    let app = App::launch(&data).await;
    app.button("Cases").await.click().await.unwrap();
    let rows = app.wait_for_count("tbody tr[data-reference]", 1).await;
    rows[0]
        .find(By::Css("button.link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.wait_for_text(".notes .md", "deep text").await;
    let depth = app
        .driver
        .find_all(By::Css(".notes blockquote"))
        .await
        .unwrap()
        .len();
    assert_eq!(
        depth,
        casebook::notes::MAX_NESTING,
        "quotes drawn to the cap"
    );
    let overflow = app
        .driver
        .execute(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
            vec![],
        )
        .await
        .unwrap();
    app.find(By::Css(".notes"))
        .await
        .scroll_into_view()
        .await
        .unwrap();
    app.screenshot("case-view-deep-note").await;
    assert_eq!(
        overflow.json().as_i64(),
        Some(0),
        "the page does not scroll sideways"
    );
    app.quit().await;
}

/// A complaint from receipt to closure in the window: the dashboard shows it due, each step is
/// recorded through the case view's form (with a refusal shown beside its field), and once closed
/// it has left the dashboard. An overdue case is marked in words, not colour alone.
#[tokio::test(flavor = "multi_thread")]
async fn a_case_moves_from_received_to_closed_and_leaves_the_dashboard() {
    let mut reference = String::new();
    let data = Data::new(|db, stamp| {
        let today = stamp.at.date_naive();
        reference = db.write(|tx| {
            let c = support::councillor(tx, stamp, "Alys Pennant")?;
            let old = today - chrono::Duration::days(30);
            support::complaint(tx, stamp, c, old, "Old, unacknowledged")?;
            support::complaint(tx, stamp, c, today, "Post mocking a resident")
        })?;
        Ok(())
    });
    let app = App::launch(&data).await;

    // Due this week, and the old one overdue — said in words.
    let overdue = app
        .wait_for_text(
            "section[aria-labelledby='overdue-h'] .due-item",
            "overdue by",
        )
        .await;
    assert!(overdue
        .text()
        .await
        .unwrap()
        .contains("Acknowledge the complaint"));
    let due = app
        .wait_for_text("section[aria-labelledby='soon-h'] .due-item", &reference)
        .await;
    let text = due.text().await.unwrap();
    assert!(text.contains("Due in 5 working days"), "{text}");
    app.screenshot("dashboard").await;

    due.click().await.unwrap();
    app.wait_for_text("h1", &reference).await;
    app.wait_for_text(".next", "Acknowledge the complaint")
        .await;

    // A date in the future is refused by the core, and the reason shows beside the date.
    app.fill("step-on", "01/01/2099").await;
    app.button("Record step").await.click().await.unwrap();
    let err = app.wait_for_text("#step-on-err", "in the future").await;
    assert!(err.is_displayed().await.unwrap());
    app.screenshot("case-view-refused-date").await;

    let today = chrono::Utc::now()
        .date_naive()
        .format("%d/%m/%Y")
        .to_string();
    app.fill("step-on", &today).await;
    app.button("Record step").await.click().await.unwrap();
    app.wait_for_text("#stage-h", "Stage: Acknowledged").await;
    app.button("Record step").await.click().await.unwrap();
    app.wait_for_text("#stage-h", "Stage: Initial assessment")
        .await;

    // The decision needs its outcome and reasons: checked beside each field before sending.
    app.button("Record step").await.click().await.unwrap();
    app.wait_for_text("#step-outcome-err", "Choose the decision")
        .await;
    app.wait_for_text("#step-reason-err", "Give the reasons")
        .await;
    app.choose("step-outcome", "no further action").await;
    app.fill(
        "step-reason",
        "Robust political comment, protected by Article 10.",
    )
    .await;
    app.button("Record step").await.click().await.unwrap();
    app.wait_for_text("#stage-h", "Stage: Decision").await;
    app.wait_for_text(".next", "close the case").await;
    app.screenshot("case-view").await;
    app.button("Record step").await.click().await.unwrap();
    app.wait_for_text("#stage-h", "Stage: Closed").await;
    app.wait_for_text(".procedure", "Closed on").await;
    let steps = app
        .wait_for_text("ol.steps", "Robust political comment")
        .await;
    assert!(steps.text().await.unwrap().contains("by E2E Officer"));

    // Back on the dashboard it is no longer due; the overdue one still is.
    app.button("Dashboard").await.click().await.unwrap();
    app.wait_for_text("#soon-h", "Due this week").await;
    app.wait_for_text("section[aria-labelledby='overdue-h']", "overdue by")
        .await;
    for list in ["overdue-h", "soon-h"] {
        let text = app
            .find(By::Css(format!("section[aria-labelledby='{list}']")))
            .await
            .text()
            .await
            .unwrap();
        assert!(
            !text.contains(&reference),
            "a closed case is not due: {text}"
        );
    }
    // ... and it shows in the recent activity.
    app.wait_for_text(".activity", &reference).await;
    app.quit().await;

    let db = data.db();
    let k = case::by_reference(db.conn(), &reference).unwrap();
    let p = casebook::procedure::status(db.conn(), k.id, chrono::Utc::now().date_naive()).unwrap();
    assert_eq!(p.stage, "closed");
    assert_eq!(p.decision.as_deref(), Some("no further action"));
    assert_eq!(p.stages.len(), 4);
}

/// An investigated demo case at the report stage warns until the Independent Person's views are
/// recorded in the window; pausing the clock shows the deadline as paused.
#[tokio::test(flavor = "multi_thread")]
async fn the_independent_person_warning_clears_once_their_views_are_recorded() {
    let data = Data::new(|db, stamp| {
        demo::load(db, stamp)?;
        Ok(())
    });
    let today = chrono::Utc::now().date_naive();
    let db = data.db();
    let waiting = case::list(
        db.conn(),
        &case::Filter {
            stage: Some("report".into()),
            ..case::Filter::default()
        },
    )
    .unwrap()
    .into_iter()
    .find(|k| {
        casebook::procedure::status(db.conn(), k.id, today)
            .unwrap()
            .ip_views_sought
            == Some(false)
    })
    .expect("the demo has a report awaiting the Independent Person");
    let app = App::launch(&data).await;
    app.button("Cases").await.click().await.unwrap();
    app.case_rows(40).await;
    app.open_case(&waiting.reference).await;
    app.wait_for_text(".warning", "Seek the Independent Person's views")
        .await;
    app.screenshot("case-view-investigation").await;

    app.fill("ip-person", "Margaret Ellison").await;
    app.fill("ip-views", "Agrees with the investigator's findings.")
        .await;
    app.button("Record consultation")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("form[aria-labelledby='ip-h'] li", "Margaret Ellison")
        .await;
    assert!(app
        .driver
        .find_all(By::Css(".warning"))
        .await
        .unwrap()
        .is_empty());

    app.button("Pause clock").await.click().await.unwrap();
    app.wait_for_text("#stage-h", "clock paused").await;
    app.button("Resume clock").await.click().await.unwrap();
    app.wait_for_text("ol.steps ~ p", "Clock paused").await;
    app.quit().await;
    let k = case::by_reference(data.db().conn(), &waiting.reference).unwrap();
    let p = casebook::procedure::status(data.db().conn(), k.id, today).unwrap();
    assert_eq!(p.ip_views_sought, Some(true));
    assert_eq!(p.pauses.len(), 1);
}

/// The officer's everyday path in the window: log a complaint with a screenshot (after a text file
/// offered as a screenshot is refused), tag it, assess capacity, find it by full-text search,
/// and find it all still there after reopening the app.
#[tokio::test(flavor = "multi_thread")]
async fn log_tag_assess_search_and_reopen() {
    let mut councillor_id = 0;
    let data = Data::new(|db, stamp| {
        councillor_id = db.write(|tx| support::councillor(tx, stamp, "Gwen Tallis"))?;
        Ok(())
    });
    let notes = data.dir.path().join("notes.txt");
    std::fs::write(&notes, "not a screenshot").unwrap();
    let shot = data.dir.path().join("post.png");
    let png = demo::render_screenshot(
        &demo::Post {
            platform: "Facebook",
            display_name: "Cllr Gwen Tallis",
            handle: "@gwentallis",
            text: "Allotment holders are vandals, every one of them.",
            when: "2026-11-20 21:40",
            reactions: 12,
        },
        image::ImageFormat::Png,
    )
    .unwrap();
    std::fs::write(&shot, &png).unwrap();

    let app = App::launch(&data).await;
    app.wait_for_text(".empty", "No complaints logged yet")
        .await;
    app.button("Log a complaint").await.click().await.unwrap();
    app.wait_for_text("h1", "New complaint").await;
    app.choose("c-councillor", &councillor_id.to_string()).await;
    app.fill("c-complainant_name", "Harriet Osei").await;
    app.choose("c-platform", "Facebook").await;
    app.fill("c-summary", "Councillor called allotment holders vandals.")
        .await;
    app.fill(
        "c-post_text",
        "Allotment holders are vandals, every one of them. #zephyrine",
    )
    .await;

    // A text file offered as a screenshot is refused at once, saying why.
    let input = app.find(By::Id("c-files")).await;
    input.send_keys(notes.to_string_lossy()).await.unwrap();
    let refused = app.wait_for_text(".field-error", "notes.txt").await;
    let message = refused.text().await.unwrap();
    assert!(
        message.contains("not an accepted evidence type"),
        "{message}"
    );
    app.screenshot("new-complaint-refused-file").await;

    input.send_keys(shot.to_string_lossy()).await.unwrap();
    app.wait_for_text(".files li", "post.png").await;
    app.screenshot("new-complaint").await;
    // Who captured the screenshots and when: a time that is not a time is refused beside it.
    app.fill("c-captured_by", "Harriet Osei").await;
    app.fill("c-captured_at", "last Tuesday").await;
    app.button("Save complaint").await.click().await.unwrap();
    app.wait_for_text("#c-captured_at-err", "is not a time")
        .await;
    app.fill("c-captured_at", "20/11/2026 21:45").await;
    app.button("Save complaint").await.click().await.unwrap();
    let heading = app.wait_for_text("h1", "SC-").await.text().await.unwrap();
    let reference = heading.split_whitespace().next().unwrap().to_string();
    app.wait_for_count(".gallery button[data-name='post.png']", 1)
        .await;
    // The screenshot is read in the background as the case opens, the header saying how far.
    app.wait_for_text(".ocr", "Read 1 screenshot").await;
    app.screenshot("new-complaint-read").await;
    // The text read is shown with the case, and corrected; the reading stays as read.
    app.wait_for_text("figure.reading figcaption", "Text read from evidence item")
        .await;
    app.button("Correct the text read")
        .await
        .click()
        .await
        .unwrap();
    let field = app
        .wait_for_count("form.correct textarea", 1)
        .await
        .remove(0);
    field.send_keys(" #zephyrine").await.unwrap();
    app.button("Save the correction")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("figcaption", "The officer's correction")
        .await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    let reading = app.find(By::Css("figure.reading")).await;
    app.centre(&reading).await;
    app.screenshot("evidence-reading-corrected").await;

    // Tag it, with a note.
    app.find(By::Id("tag-R8")).await.click().await.unwrap();
    app.wait_for_text("label[for='note-R8']", "Why R8 applies")
        .await;
    app.fill("note-R8", "Disrespectful to residents").await;
    app.find(By::XPath(
        "//textarea[@id='note-R8']/following-sibling::button",
    ))
    .await
    .click()
    .await
    .unwrap();
    app.wait_for_text("[role='status']", "Note on R8 saved")
        .await;

    // Assess capacity: answers count each way, then the officer's determination.
    for (code, answer) in [("I1", "yes"), ("I2", "yes"), ("I3", "no")] {
        app.find(By::Id(format!("cap-{code}-{answer}")))
            .await
            .click()
            .await
            .unwrap();
        app.wait_for_text("[role='status']", &format!("{code}: {answer}"))
            .await;
    }
    app.wait_for_text(".counts", "2 towards acting in capacity")
        .await;
    app.choose("cap-determination", "in capacity").await;
    app.fill(
        "cap-reasons",
        "Identified as a councillor and discussing council business.",
    )
    .await;
    app.button("Record determination")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text(".determination", "Recorded: In capacity")
        .await;
    app.screenshot("case-view-assessed").await;

    // Found by full-text search on a word only in the post's text.
    app.button("Cases").await.click().await.unwrap();
    app.fill("f-words", "zephyr").await;
    app.wait_for_text("#f-count", "1 case match").await;
    app.wait_for_count("tbody tr[data-reference]", 1).await;
    app.quit().await;

    // Reopen the app on the same database: all still there.
    let app = App::launch(&data).await;
    app.button("Cases").await.click().await.unwrap();
    app.fill("f-words", "zephyrine").await;
    app.wait_for_text("#f-count", "1 case match").await;
    let row = app.wait_for_count("tbody tr[data-reference]", 1).await;
    assert!(row[0].text().await.unwrap().contains(&reference));
    // The row opens on Enter.
    row[0].send_keys(Key::Enter).await.unwrap();
    app.wait_for_text("h1", &reference).await;
    assert!(app
        .find(By::Id("tag-R8"))
        .await
        .is_selected()
        .await
        .unwrap());
    app.wait_for_text(".determination", "Recorded: In capacity")
        .await;
    app.quit().await;

    let db = data.db();
    let k = case::by_reference(db.conn(), &reference).unwrap();
    let all = casebook::evidence::list(db.conn(), k.id).unwrap();
    let (reading, evidence): (Vec<_>, Vec<_>) = all.into_iter().partition(|e| {
        e.description
            .as_deref()
            .is_some_and(|d| d.starts_with("Text read from"))
    });
    assert_eq!(
        evidence.len(),
        3,
        "the screenshot, the post's text and the correction"
    );
    let logged: Vec<_> = evidence
        .iter()
        .filter(|e| e.derived_from.is_none())
        .collect();
    assert_eq!(
        logged.len(),
        2,
        "the screenshot and the post's text, as logged"
    );
    assert_eq!(reading.len(), 1, "and the words read from the screenshot");
    let corrections: Vec<_> = evidence
        .iter()
        .filter(|e| e.derived_from == Some(reading[0].id))
        .collect();
    assert_eq!(corrections.len(), 1, "and the officer's correction of them");
    let shot = evidence
        .iter()
        .find(|e| e.media_type == "image/png")
        .unwrap();
    assert_eq!(reading[0].derived_from, Some(shot.id));
    assert!(logged
        .iter()
        .all(|e| e.captured_by == "Harriet Osei" && e.captured_at == "2026-11-20T21:45:00Z"));
    assert!(evidence
        .iter()
        .any(|e| e.media_type == "image/png" && e.sha256 == casebook::audit::sha256_hex(&png)));
    assert_eq!(k.capacity_determination, "in capacity");
    let tags = casebook::assessment::tags(db.conn(), k.id).unwrap();
    assert_eq!(tags[0].note.as_deref(), Some("Disrespectful to residents"));
}

/// Every screen from the demo data: screenshots for the README, and axe-core finds no serious
/// or critical accessibility problem on any of them. Keyboard: the main navigation and a case
/// open from the keyboard alone.
#[tokio::test(flavor = "multi_thread")]
async fn every_screen_passes_an_accessibility_check() {
    let data = Data::new(|db, stamp| {
        demo::load(db, stamp)?;
        Ok(())
    });
    let app = App::launch(&data).await;
    let mut problems = Vec::new();
    let mut check = |screen: &str, found: Vec<String>| {
        problems.extend(found.into_iter().map(|p| format!("{screen}: {p}")));
    };

    app.wait_for_text("#stages-h", "Open cases by stage").await;
    app.wait_for_text("#recent-h", "Recent activity").await;
    app.screenshot("screen-dashboard").await;
    check("dashboard", app.accessibility_problems().await);

    app.button("Cases").await.click().await.unwrap();
    app.case_rows(40).await;
    app.screenshot("screen-case-list").await;
    check("case list", app.accessibility_problems().await);

    // Keyboard: focus a row, move down with the arrow key, open it with Enter.
    let rows = app
        .driver
        .find_all(By::Css("tbody tr[data-reference]"))
        .await
        .unwrap();
    let second = rows[1].attr("data-reference").await.unwrap().unwrap();
    rows[0].focus().await.unwrap();
    rows[0].send_keys(Key::Down).await.unwrap();
    let active = app.driver.active_element().await.unwrap();
    assert_eq!(
        active.attr("data-reference").await.unwrap().as_deref(),
        Some(second.as_str())
    );
    active.send_keys(Key::Enter).await.unwrap();
    app.wait_for_text("h1", &second).await;
    app.wait_for_text("#capacity-h", "Acting in capacity").await;
    app.screenshot("screen-case-view").await;
    check("case view", app.accessibility_problems().await);
    app.find(By::Id("capacity-h"))
        .await
        .scroll_into_view()
        .await
        .unwrap();
    app.screenshot("screen-case-assessment").await;

    // The evidence viewer.
    app.find(By::Css(".gallery button"))
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("dialog .facts", "SHA-256").await;
    app.wait_for_count("dialog .stage img", 1).await;
    app.screenshot("screen-evidence-viewer").await;
    check("evidence viewer", app.accessibility_problems().await);
    app.button("Close").await.click().await.unwrap();

    for (nav, heading, name) in [
        ("New complaint", "New complaint", "new-complaint"),
        ("Councillors", "Councillors", "councillors"),
        ("Catalogue", "Guidance catalogue", "catalogue"),
        ("Reports", "Reports", "reports"),
        ("Data protection", "Retention", "retention"),
        ("Settings", "Settings", "settings"),
    ] {
        app.button(nav).await.click().await.unwrap();
        app.wait_for_text("h1", heading).await;
        match name {
            "new-complaint" => {
                app.wait_for_count("#c-councillor", 1).await;
            }
            "councillors" => {
                let first = app.wait_for_text(".reg button.link", "").await;
                first.click().await.unwrap();
                app.wait_for_text("#councillor-h", "").await;
                app.wait_for_text(".cases", "SC-").await;
            }
            "catalogue" => {
                app.wait_for_text("#cat-responsibility", "Responsibilities (10)")
                    .await;
            }
            "reports" => {
                app.wait_for_count("iframe[title='Annual report preview']", 1)
                    .await;
            }
            "retention" => {
                app.wait_for_text("#schedule-h", "The retention schedule")
                    .await;
                app.screenshot("screen-retention").await;
                check("retention", app.accessibility_problems().await);
                app.button("Subject access requests")
                    .await
                    .click()
                    .await
                    .unwrap();
                app.wait_for_text("main", "No subject access requests")
                    .await;
                app.screenshot("screen-access-requests").await;
                check("access requests", app.accessibility_problems().await);
                app.button("Retention").await.click().await.unwrap();
                app.wait_for_text("#schedule-h", "The retention schedule")
                    .await;
            }
            _ => {
                app.wait_for_text(".hol", "Christmas Day").await;
            }
        }
        app.screenshot(&format!("screen-{name}")).await;
        check(name, app.accessibility_problems().await);
    }
    // The integrity check gives the audit trail's head for the officer to record.
    app.button("Check integrity").await.click().await.unwrap();
    let head = app.wait_for_text(".head", "Audit trail head").await;
    let text = head.text().await.unwrap();
    assert!(text.contains('@'), "the head to record: {text}");
    head.scroll_into_view().await.unwrap();
    app.screenshot("screen-settings-integrity").await;
    check(
        "settings after the integrity check",
        app.accessibility_problems().await,
    );
    app.quit().await;
    assert!(
        problems.is_empty(),
        "accessibility problems:\n{}",
        problems.join("\n")
    );
}

/// One window per database: a second Casebook on the same file says why it cannot open it.
/// The window comes back at the size it was left at.
#[tokio::test(flavor = "multi_thread")]
async fn one_window_per_database_and_the_window_keeps_its_size() {
    let data = Data::new(|_, _| Ok(()));
    let app = App::launch(&data).await;
    app.wait_for_text(".empty", "No complaints logged yet")
        .await;

    let said = support::first_complaint_from_app(&data.path(), data.dir.path());
    assert!(
        said.contains("is open in another Casebook window"),
        "{said}"
    );

    app.driver.set_window_rect(40, 40, 1100, 720).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.quit().await;
    let app = App::launch(&data).await;
    app.wait_for_text(".empty", "No complaints logged yet")
        .await;
    let rect = app.driver.get_window_rect().await.unwrap();
    app.quit().await;
    assert_eq!((rect.width, rect.height), (1100, 720), "{rect:?}");
}

/// Evidence that arrives later is added to the case from its view, and two complaints about the
/// same incident are linked there.
#[tokio::test(flavor = "multi_thread")]
async fn evidence_is_added_later_and_related_cases_are_linked() {
    let mut refs = Vec::new();
    let data = Data::new(|db, stamp| {
        db.write(|tx| {
            let c = support::councillor(tx, stamp, "Gwen Tallis")?;
            for summary in ["First complaint", "Second complaint"] {
                refs.push(support::complaint(
                    tx,
                    stamp,
                    c,
                    stamp.at.date_naive(),
                    summary,
                )?);
            }
            Ok(())
        })?;
        Ok(())
    });
    let later = data.dir.path().join("later.png");
    let png = demo::render_screenshot(
        &demo::Post {
            platform: "X",
            display_name: "Gwen Tallis",
            handle: "@gwen",
            text: "A reply posted the next day.",
            when: "2026-11-21 08:00",
            reactions: 3,
        },
        image::ImageFormat::Png,
    )
    .unwrap();
    std::fs::write(&later, &png).unwrap();

    let app = App::launch(&data).await;
    app.button("Cases").await.click().await.unwrap();
    app.wait_for_count("tbody tr[data-reference]", 2).await;
    app.find(By::Css(format!(
        "tr[data-reference='{}'] button.link",
        refs[0]
    )))
    .await
    .click()
    .await
    .unwrap();
    app.wait_for_text("h1", &refs[0]).await;
    app.add_evidence_file(&refs[0], &later, "later.png").await;
    app.wait_for_count(".gallery button[data-name='later.png']", 1)
        .await;

    // A redacted copy of it, added from the viewer, is linked to its original.
    app.find(By::Css(".gallery button[data-name='later.png']"))
        .await
        .click()
        .await
        .unwrap();
    let redacted = data.dir.path().join("later-redacted.png");
    let mut copy = image::load_from_memory(&png).unwrap().to_rgb8();
    for p in copy.pixels_mut().take(2000) {
        *p = image::Rgb([0, 0, 0]);
    }
    copy.save(&redacted).unwrap();
    app.wait_for_count("#redact-file", 1).await[0]
        .send_keys(redacted.to_string_lossy())
        .await
        .unwrap();
    app.wait_for_count(".gallery button[data-name='later-redacted.png']", 1)
        .await;

    // Redacted in Casebook: a box added and moved with the keyboard alone, then saved.
    app.find(By::Css(".gallery button[data-name='later.png']"))
        .await
        .click()
        .await
        .unwrap();
    app.button("Redact…").await.click().await.unwrap();
    app.button("Add a box").await.click().await.unwrap();
    let focused = app.driver.active_element().await.unwrap();
    assert_eq!(
        focused.id().await.unwrap().as_deref(),
        Some("redact-box-0"),
        "the new box has the focus"
    );
    for key in [Key::Right, Key::Right] {
        focused.send_keys(key).await.unwrap();
    }
    focused.send_keys(Key::Shift + Key::Down).await.unwrap();
    app.wait_for_count("[aria-label^='Box 1: from']", 1).await;
    app.fill("redact-reason", "Names of residents who replied")
        .await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    app.screenshot("evidence-redactor").await;
    app.button("Save the redacted copy")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_count(".gallery button[data-name='later-redacted.png']", 2)
        .await;

    // The summary is corrected in place.
    app.button("Edit summary").await.click().await.unwrap();
    app.fill(
        "summary-edit",
        "First complaint, about the reply of 21 November",
    )
    .await;
    app.button("Save summary").await.click().await.unwrap();
    app.wait_for_text("p.summary", "reply of 21 November").await;

    app.fill("l-other", &refs[1]).await;
    app.choose("l-kind", "same incident").await;
    app.button("Link").await.click().await.unwrap();
    app.wait_for_text("dd", &format!("{} (same incident)", refs[1]))
        .await;
    // A reference that does not exist is refused beside the field.
    app.fill("l-other", "SC-2026-999").await;
    app.button("Link").await.click().await.unwrap();
    app.wait_for_text("#l-err", "no case SC-2026-999").await;
    app.quit().await;

    let db = data.db();
    let k = case::by_reference(db.conn(), &refs[0]).unwrap();
    let items: Vec<_> = casebook::evidence::list(db.conn(), k.id)
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == "file")
        .collect();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0].sha256, casebook::audit::sha256_hex(&png));
    assert_eq!(
        casebook::audit::sha256_hex(&casebook::evidence::bytes(db.conn(), items[0].id).unwrap()),
        items[0].sha256,
        "the original is unchanged"
    );
    assert_eq!(
        items[1].derived_from,
        Some(items[0].id),
        "the copy points at its original"
    );
    // The box Casebook filled: added in the middle (a quarter of the width, a tenth of the
    // height), moved right 20 pixels, made 10 pixels taller.
    assert_eq!(items[2].derived_from, Some(items[0].id));
    assert!(items[2]
        .description
        .as_deref()
        .unwrap()
        .contains("Names of residents who replied"));
    let made = casebook::evidence::bytes(db.conn(), items[2].id).unwrap();
    let made = image::load_from_memory(&made).unwrap().to_rgba8();
    let (w, h) = made.dimensions();
    let (bw, bh) = (
        (w as f64 / 4.0).round() as u32,
        (h as f64 / 10.0).round() as u32,
    );
    let (bx, by) = (
        ((w - bw) as f64 / 2.0).round() as u32 + 20,
        ((h - bh) as f64 / 2.0).round() as u32,
    );
    let original = image::load_from_memory(&png).unwrap().to_rgba8();
    for (x, y, p) in made.enumerate_pixels() {
        let inside = (bx..bx + bw).contains(&x) && (by..by + bh + 10).contains(&y);
        if inside {
            assert_eq!(p.0, [0, 0, 0, 255], "{x},{y} is not covered");
        } else {
            assert_eq!(
                p,
                original.get_pixel(x, y),
                "{x},{y} changed outside the box"
            );
        }
    }
    assert!(k.summary.contains("reply of 21 November"));
    assert_eq!(case::links(db.conn(), k.id).unwrap()[0].reference, refs[1]);
}

/// A database from a newer Casebook is refused when it is unlocked, with the reason on the lock
/// screen, and left unchanged.
#[tokio::test(flavor = "multi_thread")]
async fn a_database_from_a_newer_casebook_is_refused_and_left_alone() {
    let data = Data::none();
    {
        let conn = casebook::Connection::open(data.path()).unwrap();
        conn.execute_batch("CREATE TABLE from_the_future (x); PRAGMA user_version = 99;")
            .unwrap();
    }
    let before = std::fs::read(data.path()).unwrap();
    let app = App::launch_locked(&data, &[], true).await;
    app.wait_for_text("h1", "Casebook is locked").await;
    app.wait_for_text(".warning", "not encrypted").await;
    app.button("Unlock").await.click().await.unwrap();
    app.wait_for_text("[role='alert']", "written by a newer Casebook")
        .await;
    app.quit().await;
    assert_eq!(
        std::fs::read(data.path()).unwrap(),
        before,
        "the file is unchanged"
    );
}

/// The first run sets a passphrase (a weak one refused beside the field), loads the demo and
/// quits; the next start is locked: a wrong passphrase is refused, the right one opens the
/// dashboard. The case view lists the officer who just opened it, and after the idle time the
/// app locks itself and the case is gone from the screen.
#[tokio::test(flavor = "multi_thread")]
async fn the_first_run_encrypts_the_database_and_later_starts_unlock_it_and_lock_when_idle() {
    let data = Data::none();
    let app = App::launch_locked(&data, &[], true).await;
    app.wait_for_text("h1", "Protect this database with a passphrase")
        .await;
    app.fill("passphrase", "password123").await;
    app.wait_for_text("#strength", "Too short").await;
    app.fill("confirm", "password123").await;
    app.button("Create the encrypted database")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("#passphrase-error", "Too short").await;
    let field = app.find(By::Id("passphrase")).await;
    assert_eq!(
        field.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    app.screenshot("first-run-weak-passphrase").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "first-run screen: {problems:?}");
    assert!(!data.path().exists() || std::fs::metadata(data.path()).unwrap().len() == 0);

    app.fill("passphrase", support::PASSPHRASE).await;
    app.wait_for_text("#strength", "Strong").await;
    app.fill("confirm", support::PASSPHRASE).await;
    app.button("Create the encrypted database")
        .await
        .click()
        .await
        .unwrap();
    app.button("Load demo data").await.click().await.unwrap();
    app.wait_for_text("header", "40 cases").await;
    app.quit().await;
    let raw = std::fs::read(data.path()).unwrap();
    assert!(
        !raw.starts_with(b"SQLite format 3"),
        "the new database is encrypted"
    );

    // Started without an officer named, it asks who is working once unlocked.
    let app = App::launch_locked(&data, &["--idle-lock-seconds", "6"], false).await;
    app.wait_for_text("h1", "Casebook is locked").await;
    app.fill("passphrase", "not the passphrase at all").await;
    app.button("Unlock").await.click().await.unwrap();
    app.wait_for_text("#passphrase-error", "does not open with this passphrase")
        .await;
    app.screenshot("unlock-wrong-passphrase").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "unlock screen: {problems:?}");
    app.fill("passphrase", support::PASSPHRASE).await;
    app.button("Unlock").await.click().await.unwrap();
    app.wait_for_text("h1", "Who is working?").await;
    let officers = app.wait_for_count("#officer option", 5).await;
    assert!(officers[0]
        .text()
        .await
        .unwrap()
        .contains("E2E Officer — Monitoring Officer"));
    app.screenshot("unlock-who-is-working").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "who-is-working screen: {problems:?}");
    app.button("Continue").await.click().await.unwrap();
    app.wait_for_text("h1", "Dashboard").await;
    app.wait_for_text("header .who", support::OFFICER).await;

    app.button("Cases").await.click().await.unwrap();
    let rows = app.case_rows(40).await;
    let reference = rows[0]
        .find(By::Css("button"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    rows[0]
        .find(By::Css("button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.wait_for_text("h1", &reference).await;
    app.wait_for_text("#access-h + p", support::OFFICER).await;
    app.screenshot("case-access-list").await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "case view: {problems:?}");

    // Left alone past the idle time, the app locks and the case is no longer on screen.
    app.wait_for_text("h1", "Casebook is locked").await;
    let text = app.page_text().await;
    assert!(
        !text.contains(&reference),
        "the case is hidden when locked: {text}"
    );
    app.wait_for_text("[role='status']", "locked itself").await;
    app.screenshot("idle-locked").await;
    app.quit().await;

    let looks = casebook::access::list(data.db().conn(), &Default::default()).unwrap();
    assert!(
        looks.iter().any(|l| l.action == "open case"
            && l.reference.as_deref() == Some(reference.as_str())
            && l.officer == support::OFFICER
            && l.via == "app"),
        "{looks:?}"
    );
}

/// The Reports screen previews the annual report and saves it; a bad date is refused beside its
/// field. A case is marked for publication, flagged as revealing a guidance gap, and its
/// decision notice saved, all from the window.
#[tokio::test(flavor = "multi_thread")]
async fn the_annual_report_is_previewed_and_saved_and_a_case_is_marked_for_the_papers() {
    let data = Data::new(|db, stamp| {
        demo::load(db, stamp)?;
        Ok(())
    });
    let app = App::launch(&data).await;
    app.button("Reports").await.click().await.unwrap();
    app.wait_for_text("h1", "Reports").await;
    let frame = app
        .wait_for_count("iframe[title='Annual report preview']", 1)
        .await;
    let html = frame[0].attr("srcdoc").await.unwrap().unwrap_or_default();
    assert!(html.contains("Kingsmere City Council: complaints about councillors"));
    assert!(html.contains("<svg") && html.contains("Annex: every complaint"));
    assert_eq!(frame[0].attr("sandbox").await.unwrap().as_deref(), Some(""));

    app.fill("period-from", "2025-02-30").await;
    let err = app.wait_for_text("#period-from-err", "2025-02-30").await;
    assert!(
        err.text().await.unwrap().contains("not a real date")
            || err.text().await.unwrap().contains("date")
    );
    app.fill("period-from", "2025-05-01").await;
    app.wait_for_count("#period-from-err", 0).await;
    app.screenshot("screen-reports").await;

    for (label, file, magic) in [
        ("PDF", "standards-annual-report-2025-26.pdf", &b"%PDF"[..]),
        (
            "Word (DOCX)",
            "standards-annual-report-2025-26.docx",
            &b"PK"[..],
        ),
        (
            "Tables (Excel XLSX)",
            "standards-annual-report-2025-26.xlsx",
            &b"PK"[..],
        ),
    ] {
        app.button(label).await.click().await.unwrap();
        app.wait_for_text(".status", file).await;
        let bytes = std::fs::read(data.dir.path().join(file)).unwrap();
        assert!(bytes.starts_with(magic), "{file}");
    }

    // A case: publication details (a future date is refused beside its field), a gap, a notice.
    app.button("Cases").await.click().await.unwrap();
    let rows = app.case_rows(40).await;
    let reference = rows[0].attr("data-reference").await.unwrap().unwrap();
    rows[0]
        .find(By::Css("button.link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.wait_for_text("#papers-h", "Committee papers").await;
    app.fill("pub-summary", "A councillor shared a resident's address.")
        .await;
    app.fill("pub-published", "2099-01-01").await;
    app.button("Save publication details")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("#pub-published-err", "future").await;
    app.fill("pub-published", "").await;
    app.button("Save publication details")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_count("#pub-published-err", 0).await;
    app.wait_for_text("[role='status']", "Publication details saved")
        .await;
    app.choose("gap-item", "R4").await;
    app.fill("gap-note", "Unclear whether a closed group is public.")
        .await;
    app.button("Flag a gap").await.click().await.unwrap();
    app.wait_for_text(".gaps", "Unclear whether a closed group is public.")
        .await;
    app.button("Save as Word").await.click().await.unwrap();
    app.wait_for_text(".status", "Decision notice saved as Word")
        .await;
    let notice = std::fs::read(
        data.dir
            .path()
            .join(format!("decision-notice-{reference}.docx")),
    )
    .unwrap();
    assert!(notice.starts_with(b"PK"));
    app.button("Preview").await.click().await.unwrap();
    let frame = app
        .wait_for_count("iframe[title='Decision notice preview']", 1)
        .await;
    let html = frame[0].attr("srcdoc").await.unwrap().unwrap_or_default();
    assert!(html.contains(&format!("Decision notice: complaint {reference}")));
    app.screenshot("screen-case-papers").await;
    app.quit().await;

    assert_eq!(
        data.count("SELECT count(*) FROM guidance_gap WHERE note = 'Unclear whether a closed group is public.'"),
        1
    );
    assert_eq!(
        data.count("SELECT count(*) FROM case_publication WHERE summary = 'A councillor shared a resident''s address.' AND notice_published_on IS NULL"),
        1
    );
}

/// Settings restores a backup: it is checked first, then replaces the database, whose later work
/// is gone and kept in the file set aside.
#[tokio::test(flavor = "multi_thread")]
async fn a_backup_is_checked_and_restored_from_settings() {
    let data = Data::new(|db, stamp| {
        demo::load(db, stamp)?;
        Ok(())
    });
    let backup = data.dir.path().join("backup.sqlite3");
    data.db().backup(&backup).unwrap();
    let holidays = "SELECT count(*) FROM holiday_override";
    let before = data.count(holidays);
    {
        let mut db = data.db();
        let stamp = casebook::officer::resolve(db.conn(), support::OFFICER)
            .unwrap()
            .stamp(casebook::officer::Via::Cli, chrono::Utc::now());
        let day = chrono::NaiveDate::from_ymd_opt(2031, 8, 29).unwrap();
        db.write(|tx| casebook::calendar::add_holiday(tx, &stamp, day, "After the backup"))
            .unwrap();
    }
    assert_eq!(data.count(holidays), before + 1);
    let chosen = backup.to_string_lossy().into_owned();
    let app = App::launch_with_env(&data, &[("CASEBOOK_OPEN_FILE", &chosen)]).await;
    app.button("Settings").await.click().await.unwrap();
    app.wait_for_text("#security-h", "Security").await;
    app.wait_for_text(".ok-line", "Encrypted.").await;
    app.button("Restore a backup…").await.click().await.unwrap();
    app.wait_for_text("[role='status']", "Restored 40 cases")
        .await;
    app.screenshot("settings-restored").await;
    app.button("Dashboard").await.click().await.unwrap();
    app.wait_for_text("header", "40 cases").await;
    app.quit().await;
    assert_eq!(data.count(holidays), before, "the later holiday is gone");
    let kept = std::fs::read_dir(data.dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains(".before-restore-"));
    assert!(kept, "the replaced database is kept beside it");
}
