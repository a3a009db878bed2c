//! Importing a complaints log kept as an Excel workbook from Settings: checked first (a bad row
//! named by its spreadsheet row, nothing stored), then imported whole.

use casebook::demo;
use rust_xlsxwriter::Workbook;
use thirtyfour::prelude::*;

use crate::support::{App, Data};

const HEAD: [&str; 7] = [
    "received_on",
    "complainant_name",
    "complainant_type",
    "councillor_name",
    "council",
    "platform",
    "summary",
];

/// A workbook whose first sheet is the log: the header, then `rows`.
fn workbook(path: &std::path::Path, rows: &[[&str; 7]]) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in std::iter::once(&HEAD).chain(rows).enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save(path).unwrap();
}

/// The app, its file dialog answering with `log`, on Settings with the log chosen for import.
async fn choosing(data: &Data, log: &std::path::Path) -> App {
    let chosen = log.to_string_lossy().into_owned();
    let app = App::launch_with_env(data, &[("CASEBOOK_OPEN_FILE", &chosen)]).await;
    app.button("Settings").await.click().await.unwrap();
    app.wait_for_text("#import-h", "Import a complaints log")
        .await;
    app.button("Choose a log file…")
        .await
        .click()
        .await
        .unwrap();
    app
}

#[tokio::test(flavor = "multi_thread")]
async fn a_log_kept_as_a_workbook_is_checked_then_imported_from_settings() {
    let data = Data::new(|db, stamp| demo::load(db, stamp).map(drop));
    let good = [
        "14/03/2026",
        "Ann Ross",
        "public",
        "Gwen Tallis",
        "Kingsmere City Council",
    ];
    let row = |summary| {
        [
            good[0], good[1], good[2], good[3], good[4], "Facebook", summary,
        ]
    };
    let bad = data.dir.path().join("bad-log.xlsx");
    let mut wrong = row("A date that is not one");
    wrong[0] = "31/02/2026";
    workbook(&bad, &[row("Called residents cranks"), wrong]);
    let before = data.count("SELECT count(*) FROM cases");

    let app = choosing(&data, &bad).await;
    let listed = app.wait_for_text(".rows li", "Row 3, received_on").await;
    app.centre(&listed).await;
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    app.screenshot("settings-import-refused").await;
    app.quit().await;
    assert_eq!(
        data.count("SELECT count(*) FROM cases"),
        before,
        "nothing was stored"
    );

    let log = data.dir.path().join("log.xlsx");
    workbook(
        &log,
        &[
            row("Called residents cranks"),
            row("Shared a resident's address"),
        ],
    );
    let app = choosing(&data, &log).await;
    app.wait_for_text("[role='status']", "All 2 rows are good")
        .await;
    app.button("Import 2 complaints")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text(".ok-box", "Imported 2 complaints").await;
    app.screenshot("settings-import-done").await;
    app.find(By::Id("import-h")).await;
    app.quit().await;
    assert_eq!(data.count("SELECT count(*) FROM cases"), before + 2);
}
