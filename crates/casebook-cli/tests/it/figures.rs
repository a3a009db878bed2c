//! A decision notice shows the case's screenshots, each as its redacted copy where the officer
//! made one (never the original then), in the web page, the Word file and the PDF alike.

use std::io::Read;

use casebook::case::{self, Filter};
use casebook::redaction::Area;
use casebook::{evidence, intake};
use casebook_papers::template::Templates;
use casebook_papers::{decision, Format};
use image::RgbaImage;

use crate::support::{self, stamp};

fn pixels(bytes: &[u8]) -> RgbaImage {
    image::load_from_memory(bytes).unwrap().to_rgba8()
}

/// Every PNG picture in a Word file.
fn docx_pictures(docx: &[u8]) -> Vec<RgbaImage> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().to_string())
        .filter(|n| n.starts_with("word/media/") && n.ends_with(".png"))
        .collect();
    names
        .iter()
        .map(|n| {
            let mut bytes = Vec::new();
            zip.by_name(n).unwrap().read_to_end(&mut bytes).unwrap();
            pixels(&bytes)
        })
        .collect()
}

#[test]
fn the_decision_notice_shows_the_redacted_copy_in_every_format() {
    let mut t = support::open();
    t.demo();
    let conn = t.db.conn();
    let (k, shot) = case::list(conn, &Filter::default())
        .unwrap()
        .into_iter()
        .find_map(|k| {
            let items = evidence::list(conn, k.id).unwrap();
            let shot = items.into_iter().find(|e| e.media_type == "image/png")?;
            Some((k, shot))
        })
        .expect("a demo case with a screenshot");
    let area = Area::parse("box", "0,0,90,40").unwrap();
    let s = stamp();
    t.db.write(|tx| intake::redact(tx, &s, k.id, shot.id, &[area], "A resident's name"))
        .unwrap();
    let conn = t.db.conn();
    let copy = evidence::list(conn, k.id)
        .unwrap()
        .into_iter()
        .find(|e| e.derived_from == Some(shot.id))
        .unwrap();
    let redacted = pixels(&evidence::bytes(conn, copy.id).unwrap());
    let original = pixels(&evidence::bytes(conn, shot.id).unwrap());
    assert!(redacted.get_pixel(5, 5).0 == [0, 0, 0, 255]);

    let today = s.at.date_naive();
    let made_at = "2026-12-07T10:00:00Z";
    let paper = decision::paper(conn, &k.reference, today, Templates::Builtin, made_at).unwrap();
    let ids: Vec<i64> = paper.figures.iter().map(|f| f.id).collect();
    assert!(ids.contains(&copy.id), "{ids:?}");
    assert!(
        !ids.contains(&shot.id),
        "the original is not shown: {ids:?}"
    );
    assert!(
        paper
            .markdown
            .contains(&format!("```evidence\n{}\n```", copy.id)),
        "{}",
        paper.markdown
    );
    let figure = paper.figures.iter().find(|f| f.id == copy.id).unwrap();
    assert_eq!(
        pixels(&figure.png),
        redacted,
        "the figure is the copy, pixel for pixel"
    );

    let html = String::from_utf8(paper.render(Format::Html).unwrap()).unwrap();
    assert_eq!(
        html.matches("<img src=\"data:image/png;base64,").count(),
        paper.figures.len()
    );
    assert!(
        html.contains(&format!("alt=\"Evidence item {}: a redacted copy", copy.id)),
        "{html}"
    );

    let word = docx_pictures(&paper.render(Format::Docx).unwrap());
    assert!(
        word.contains(&redacted),
        "the Word file holds the redacted copy"
    );
    assert!(!word.contains(&original), "and not the original");

    let pdf = lopdf::Document::load_mem(&paper.render(Format::Pdf).unwrap()).unwrap();
    let images: Vec<(i64, i64)> = pdf
        .objects
        .values()
        .filter_map(|o| {
            let d = &o.as_stream().ok()?.dict;
            let image = d.get(b"Subtype").ok()?.as_name().ok()? == b"Image";
            let w = d.get(b"Width").ok()?.as_i64().ok()?;
            let h = d.get(b"Height").ok()?.as_i64().ok()?;
            image.then_some((w, h))
        })
        .collect();
    assert!(
        images.contains(&(i64::from(redacted.width()), i64::from(redacted.height()))),
        "the PDF holds a picture the copy's size: {images:?}"
    );
}
