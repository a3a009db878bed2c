//! A council with thousands of complaints: the case list draws only the rows on screen, however
//! far it is scrolled, and the keyboard still reaches every case.

use casebook::import;
use thirtyfour::prelude::*;

use crate::support::{App, Data};

/// Cases in the test council: enough for 30 pages of the list.
const CASES: usize = 3_000;
/// The most rows the list may hold in the DOM at once.
const MOST_ROWS: usize = 200;

/// A complaints log of `n` rows, one a day back from 2026-06-30 (newest first), about 40
/// councillors.
fn log(n: usize) -> String {
    let mut csv = String::from(
        "received_on,complainant_name,complainant_type,councillor_name,council,platform,summary\n",
    );
    let last = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
    for i in 0..n {
        let day = last - chrono::Duration::days(i as i64);
        csv.push_str(&format!(
            "{day},Resident {i},public,Cllr Member {},Kingsmere City Council,Facebook,Post number {i} about the ward\n",
            i % 40
        ));
    }
    csv
}

async fn rows_in_dom(app: &App) -> Vec<WebElement> {
    app.driver.find_all(By::Css("tbody tr")).await.unwrap()
}

/// Scrolls the list to `top` (pixels; a large number is the end) and waits for the rows there.
async fn scroll_to(app: &App, top: &str) {
    app.driver
        .execute(
            &format!("const s = document.getElementById('case-scroller'); s.scrollTop = {top}; s.dispatchEvent(new Event('scroll'));"),
            vec![],
        )
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_case_list_keeps_only_the_rows_on_screen_in_the_dom() {
    let data = Data::new(|db, stamp| {
        let bytes = log(CASES);
        db.write(|tx| import::import(tx, stamp, bytes.as_bytes(), "many.csv", false))?;
        Ok(())
    });
    let app = App::launch(&data).await;
    // The dashboard: every case waits to be acknowledged, and only the first ten are drawn until
    // the officer asks for all of them.
    app.wait_for_text("#overdue-h", "3,000").await;
    let overdue = "section[aria-labelledby='overdue-h'] .due-item";
    let drawn = app.driver.find_all(By::Css(overdue)).await.unwrap().len();
    assert_eq!(drawn, 10, "overdue items drawn on the dashboard");
    app.screenshot("dashboard-3000").await;
    app.button("Show all 3,000").await.click().await.unwrap();
    // Fetched when asked for: the button changes once they are drawn.
    let fewer = app.button("Show the first 10 only").await;
    let all = app.driver.find_all(By::Css(overdue)).await.unwrap().len();
    assert_eq!(all, CASES, "every overdue item, once asked for");
    fewer.click().await.unwrap();
    app.button("Show all 3,000").await;
    let drawn = app.driver.find_all(By::Css(overdue)).await.unwrap().len();
    assert_eq!(drawn, 10, "back to the first ten");

    app.button("Cases").await.click().await.unwrap();
    let first = app.case_rows(CASES).await;
    app.wait_for_text("#f-count", "3,000 cases").await;
    assert!(first.len() < 100, "one screen drawn, not {}", first.len());
    app.screenshot("case-list-3000").await;

    // To the end: the oldest case is drawn, and still only a screenful of rows.
    scroll_to(&app, "s.scrollHeight").await;
    let last = format!("tr[aria-rowindex='{}'][data-reference]", CASES + 1);
    let oldest = app.find(By::Css(last.as_str())).await;
    assert!(app
        .content(&oldest)
        .await
        .contains("Post number 2999 about"));
    let dom = rows_in_dom(&app).await.len();
    assert!(dom <= MOST_ROWS, "{dom} rows in the DOM at the end");
    app.screenshot("case-list-3000-end").await;

    // Back to the top: the newest case again, and the far pages let go.
    scroll_to(&app, "0").await;
    let top = app
        .find(By::Css("tr[aria-rowindex='2'][data-reference]"))
        .await;
    assert!(
        app.content(&top).await.contains("Post number 0 about"),
        "newest first"
    );
    let dom = rows_in_dom(&app).await.len();
    assert!(dom <= MOST_ROWS, "{dom} rows in the DOM back at the top");

    // The keyboard reaches the last case (End) and opens it (Enter).
    top.focus().await.unwrap();
    top.send_keys(Key::End).await.unwrap();
    let oldest = app.find(By::Css(last.as_str())).await;
    let reference = oldest.attr("data-reference").await.unwrap().unwrap();
    let focused = app
        .driver
        .execute(
            "return document.activeElement.getAttribute('data-reference');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        focused.json().as_str(),
        Some(reference.as_str()),
        "End moves to the oldest case"
    );
    oldest.send_keys(Key::Enter).await.unwrap();
    app.wait_for_text("h1", &reference).await;
    app.quit().await;
}
