//! `casebook ocr --all`: read the words in every screenshot and PDF not read yet (with Tesseract;
//! a PDF's own text, or its pages drawn by poppler and read), and keep them as the post's text
//! beside each file (searchable), with a progress bar.

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use casebook::{evidence, ocr, Db, Error, Stamp};

use crate::print::{out, print_json, JsonFlag};

#[derive(Args)]
pub(crate) struct OcrArgs {
    /// Every screenshot, photo and PDF not read yet (the only way for now).
    #[arg(long, required = true)]
    all: bool,
    #[command(flatten)]
    json: JsonFlag,
}

/// What a run read.
#[derive(serde::Serialize)]
struct Done {
    engine: String,
    read: usize,
    with_no_words: Vec<i64>,
    /// PDFs that could not be read, and why.
    not_read: Vec<(i64, String)>,
    mean_confidence: Option<f64>,
}

pub(crate) fn run(db: &mut Db, stamp: &Stamp, a: OcrArgs) -> casebook::Result<()> {
    debug_assert!(a.all);
    let engine = ocr::engine()?;
    let unread = ocr::unread(db.conn())?;
    let bar =
        ProgressBar::with_draw_target(Some(unread.len() as u64), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("Reading screenshots [{bar:40}] {pos}/{len} ({eta} left)")
            .map_err(|e| Error::invalid("progress", e.to_string()))?
            .progress_chars("=> "),
    );
    let mut done = Done {
        engine: engine.clone(),
        read: 0,
        with_no_words: Vec::new(),
        not_read: Vec::new(),
        mean_confidence: None,
    };
    let mut confidence = 0.0;
    for item in &unread {
        // Read outside any transaction (Tesseract takes a while); each kept in one of its own.
        let bytes = evidence::bytes(db.conn(), item.id)?;
        let reading = match ocr::read_item(&item.media_type, &bytes, &engine) {
            Ok(reading) => reading,
            // A PDF poppler cannot read (or no poppler): said after the run; the rest go on.
            Err(e @ (Error::Invalid { .. } | Error::Unavailable(_)))
                if item.media_type == "application/pdf" =>
            {
                done.not_read.push((item.id, e.to_string()));
                bar.inc(1);
                continue;
            }
            Err(e) => return Err(e),
        };
        match db.write(|tx| ocr::keep(tx, stamp, item, &reading))? {
            Some(_) => {
                done.read += 1;
                confidence += reading.confidence;
            }
            None => done.with_no_words.push(item.id),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    if done.read > 0 {
        done.mean_confidence = Some(confidence / done.read as f64);
    }
    if a.json.json {
        return print_json(&done);
    }
    out!(
        "Read {} screenshot(s) with {engine}{}.",
        done.read,
        done.mean_confidence
            .map(|c| format!(", mean word confidence {c:.0}%"))
            .unwrap_or_default()
    );
    if !done.with_no_words.is_empty() {
        let ids: Vec<String> = done.with_no_words.iter().map(i64::to_string).collect();
        out!("No words found in item(s) {}.", ids.join(", "));
    }
    for (id, why) in &done.not_read {
        out!("Item {id} was not read: {why}");
    }
    Ok(())
}
