//! A video added to a case with "Add a video…" (the system's dialog stands in for by
//! CASEBOOK_OPEN_FILE): checked and hashed from the disk, streamed into the database when the
//! evidence is saved, and played in the viewer; a web page named `.mp4` is refused with its
//! reason and nothing is kept.

use std::path::PathBuf;

use thirtyfour::prelude::*;

use crate::support::{self, App, Data};

fn clip(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/casebook-cli/tests/fixtures/video")
        .join(name)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_video_is_added_from_the_disk_and_played_in_the_viewer() {
    let mut reference = String::new();
    let data = Data::new(|db, stamp| {
        db.write(|tx| {
            let c = support::councillor(tx, stamp, "Gwen Tallis")?;
            reference = support::complaint(tx, stamp, c, stamp.at.date_naive(), "A TikTok clip")?;
            Ok(())
        })
    });
    let webm = clip("clip.webm");
    let app = App::launch_with_env(&data, &[("CASEBOOK_OPEN_FILE", &webm.to_string_lossy())]).await;
    app.open_listed(&reference).await;

    // A web page named .mp4, dropped in as a file: refused, naming the file and why.
    let page = data.dir.path().join("funny.mp4");
    std::fs::write(
        &page,
        "<html><script>document.title='pwned'</script></html>",
    )
    .unwrap();
    app.find(By::XPath(
        "//summary[normalize-space()='Add evidence to this case']",
    ))
    .await
    .click()
    .await
    .unwrap();
    app.wait_for_count("#e-files", 1).await[0]
        .send_keys(page.to_string_lossy())
        .await
        .unwrap();
    app.wait_for_text(
        ".add-evidence .field-error",
        "funny.mp4 is named .mp4 but its contents are not a MP4 video",
    )
    .await;

    app.button("Add a video…").await.click().await.unwrap();
    app.wait_for_text(".add-evidence .files li", "clip.webm")
        .await;
    let offered = app
        .wait_for_text(".add-evidence .files li", "video/webm")
        .await;
    app.centre(&offered).await;
    app.screenshot("evidence-video-offered").await;
    app.button(&format!("Add to {reference}"))
        .await
        .click()
        .await
        .unwrap();
    let card = app
        .wait_for_count(".gallery button[data-name='clip.webm']", 1)
        .await
        .remove(0);
    assert!(app.content(&card).await.contains("WEBM VIDEO"));
    card.click().await.unwrap();
    app.wait_for_count("dialog[open] video", 1).await;
    // The player reads the clip: two seconds of 320 × 180.
    let mut facts = serde_json::Value::Null;
    for _ in 0..100 {
        facts = app
            .driver
            .execute(
                "const v = document.querySelector('dialog[open] video'); \
                 return [v.readyState, v.duration, v.videoWidth, v.videoHeight, v.error && v.error.code];",
                vec![],
            )
            .await
            .unwrap()
            .json()
            .clone();
        if facts[0].as_i64().unwrap_or(0) >= 1 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        facts[0].as_i64().unwrap_or(0) >= 1,
        "the player read the clip: {facts}"
    );
    let duration = facts[1].as_f64().unwrap_or(0.0);
    assert!((1.8..2.2).contains(&duration), "{facts}");
    assert_eq!(
        (facts[2].as_i64(), facts[3].as_i64()),
        (Some(320), Some(180)),
        "{facts}"
    );
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    app.screenshot("evidence-video").await;
    app.quit().await;

    let db = data.db();
    let k = casebook::case::by_reference(db.conn(), &reference).unwrap();
    let items = casebook::evidence::list(db.conn(), k.id).unwrap();
    assert_eq!(items.len(), 1, "the page was not kept: {items:#?}");
    assert_eq!(items[0].media_type, "video/webm");
    let bytes = std::fs::read(&webm).unwrap();
    assert_eq!(items[0].sha256, casebook::audit::sha256_hex(&bytes));
    assert_eq!(
        casebook::evidence::bytes(db.conn(), items[0].id).unwrap(),
        bytes
    );
}
