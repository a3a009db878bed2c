//! End-to-end tests: the real `casebook-desktop` binary in a real window, driven through
//! WebKitWebDriver (W3C WebDriver for WebKitGTK). Needs a display: `scripts/test.sh` runs them
//! under `xvfb-run`. Screenshots of each screen are written to `target/tmp/e2e-screenshots/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use casebook::case::NewCase;
use casebook::councillor::NewCouncillor;
use casebook::{case, councillor, demo};
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
    let rows = app.wait_for_count("tbody tr", 40).await;
    let first = rows[0].text().await.unwrap();
    assert!(
        first.contains(&newest.reference),
        "first row is the newest case: {first}"
    );
    assert!(first.contains(&newest.councillor), "{first}");
    let header = app
        .driver
        .find(By::Css("header"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(header.contains("40 cases"), "{header}");
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
        .driver
        .find(By::XPath("//button[normalize-space()='Load demo data']"))
        .await
        .unwrap();
    button.click().await.unwrap();
    app.wait_for_count("tbody tr", 40).await;
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
            let c = councillor::add(
                tx,
                stamp,
                &NewCouncillor {
                    name: "<b>Mallory</b>".into(),
                    council: "Kingsmere City Council".into(),
                    ..NewCouncillor::default()
                },
            )?;
            case::create(
                tx,
                stamp,
                &NewCase {
                    received_on: stamp.at.date_naive(),
                    channel: "email".into(),
                    complainant_name: "Test".into(),
                    complainant_type: "public".into(),
                    councillor_id: c.id,
                    platform: "X".into(),
                    summary: HOSTILE.into(),
                    ..NewCase::default()
                },
                None,
            )
        })?;
        Ok(())
    });
    let app = App::launch(&data).await;
    let rows = app.wait_for_count("tbody tr", 1).await;
    let text = rows[0].text().await.unwrap();
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
    let title = app.driver.title().await.unwrap();
    assert_eq!(title, "Casebook", "no injected script ran");
    app.quit().await;
}
