//! A complaint that arrived by email, added to a case: the message and its screenshot become two
//! linked items, and the viewer shows the email's headers and its HTML body as text, with no
//! script in the page.

use casebook::demo;
use thirtyfour::prelude::*;

use crate::support::{self, App, Data};

/// An email whose HTML body carries a script, with `png` attached.
fn message(png: &[u8]) -> Vec<u8> {
    use std::fmt::Write;
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    // Base64, as a mail client encodes an attachment (76 characters a line).
    let mut data = String::new();
    for (n, chunk) in png.chunks(3).enumerate() {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            let c = if i <= chunk.len() {
                ALPHABET[(v >> (18 - 6 * i) & 63) as usize]
            } else {
                b'='
            };
            data.push(c as char);
        }
        if (n + 1) % 19 == 0 {
            data.push_str("\r\n");
        }
    }
    let mut m = String::new();
    write!(
        m,
        "From: Ann Ross <ann@example.org>\r\nTo: standards@kingsmere.gov.uk\r\n\
         Subject: Complaint about Cllr Tallis\r\nDate: Sat, 14 Mar 2026 09:30:00 +0000\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
         --b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <p>Please look at the post.</p><script>document.title='pwned';alert('x')</script>\r\n\
         --b1\r\nContent-Type: image/png; name=\"post.png\"\r\n\
         Content-Disposition: attachment; filename=\"post.png\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{data}\r\n--b1--\r\n"
    )
    .unwrap();
    m.into_bytes()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_email_with_a_script_is_shown_as_text_and_its_screenshot_added_beside_it() {
    let mut reference = String::new();
    let data = Data::new(|db, stamp| {
        db.write(|tx| {
            let c = support::councillor(tx, stamp, "Gwen Tallis")?;
            reference = support::complaint(tx, stamp, c, stamp.at.date_naive(), "By email")?;
            Ok(())
        })
    });
    let png = demo::render_screenshot(
        &demo::Post {
            platform: "Facebook",
            display_name: "Cllr Gwen Tallis",
            handle: "gwen.tallis",
            text: "Residents who object are cranks.",
            when: "2026-03-13 21:00",
            reactions: 9,
        },
        image::ImageFormat::Png,
    )
    .unwrap();
    let eml = data.dir.path().join("complaint.eml");
    std::fs::write(&eml, message(&png)).unwrap();

    let app = App::launch(&data).await;
    app.open_listed(&reference).await;
    app.add_evidence_file(&reference, &eml, "complaint.eml")
        .await;
    app.wait_for_count(".gallery button[data-name='post.png']", 1)
        .await;
    app.find(By::Css(".gallery button[data-name='complaint.eml']"))
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text(".mail .body", "Please look at the post.")
        .await;
    app.wait_for_text(".mail dd", "Ann Ross <ann@example.org>")
        .await;
    let inside = app
        .driver
        .execute(
            "const d = document.querySelector('dialog[open]'); \
             return [d.querySelectorAll('script, iframe, object, embed').length, document.title];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(inside.json()[0], 0, "no active element in the viewer");
    assert_ne!(inside.json()[1], "pwned", "the email's script never ran");
    let text = app.page_text().await;
    assert!(
        !text.contains("alert("),
        "the script is not even shown as text"
    );
    let problems = app.accessibility_problems().await;
    assert!(problems.is_empty(), "{problems:#?}");
    app.screenshot("evidence-email").await;
    // The attached screenshot is read in the background, the header saying how far.
    app.wait_for_text(".ocr", "Read 1 screenshot").await;
    app.quit().await;

    let db = data.db();
    let k = casebook::case::by_reference(db.conn(), &reference).unwrap();
    let items = casebook::evidence::list(db.conn(), k.id).unwrap();
    assert_eq!(items.len(), 3, "{items:#?}");
    assert_eq!(items[0].media_type, "message/rfc822");
    assert_eq!(items[1].derived_from, Some(items[0].id));
    assert_eq!(
        casebook::evidence::bytes(db.conn(), items[1].id).unwrap(),
        png
    );
    assert_eq!(
        items[2].derived_from,
        Some(items[1].id),
        "the screenshot's words"
    );
    let words = casebook::evidence::bytes(db.conn(), items[2].id).unwrap();
    assert!(
        String::from_utf8_lossy(&words).contains("cranks"),
        "{items:#?}"
    );
}
