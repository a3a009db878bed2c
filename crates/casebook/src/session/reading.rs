//! Reading the screenshots of a file's cases in the background ([`crate::ocr`]): one at a time,
//! holding the database only to fetch each image and to keep what was read, so the app stays in
//! use while Tesseract works; its progress is read without the database's lock.

use serde::Serialize;

use super::Session;
use crate::views::Detail;
use crate::{evidence, ocr, Error, Result};

/// How far reading the screenshots has got.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct OcrProgress {
    pub running: bool,
    /// Screenshots looked at, and to look at, in this run.
    pub done: u64,
    pub total: u64,
    /// Screenshots whose words were kept.
    pub read: u64,
    /// Why OCR cannot run here (Tesseract not installed), if it cannot.
    pub unavailable: Option<String>,
}

impl Session {
    fn set_reading(&self, change: impl FnOnce(&mut OcrProgress)) {
        if let Ok(mut p) = self.reading.lock() {
            change(&mut p);
        }
    }

    /// How far reading the screenshots has got.
    pub fn ocr_progress(&self) -> OcrProgress {
        self.reading.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// Keeps the officer's correction of reading `reading` on case `reference` ([`ocr::correct`]).
    pub fn correct_reading(&self, reference: &str, reading: i64, text: &str) -> Result<Detail> {
        self.change_detail(reference, |tx, s, id| {
            ocr::correct(tx, s, id, reading, text).map(drop)
        })
    }

    /// Marks a run of reading as started, unless one is running: whether it was (then
    /// [`Session::read_started`] must follow, on whatever thread).
    pub fn start_reading(&self) -> bool {
        let Ok(mut p) = self.reading.lock() else {
            return false;
        };
        if p.running {
            return false;
        }
        *p = OcrProgress {
            running: true,
            ..OcrProgress::default()
        };
        true
    }

    /// Reads every screenshot not read yet and keeps its words ([`ocr::keep`]), for a run
    /// [`Session::start_reading`] started; returns when all are done.
    pub fn read_started(&self) -> Result<OcrProgress> {
        let result = self.read_each();
        self.set_reading(|p| {
            p.running = false;
            if let Err(e) = &result {
                p.unavailable = Some(e.to_string());
            }
        });
        result.map(|()| self.ocr_progress())
    }

    fn read_each(&self) -> Result<()> {
        let engine = ocr::engine()?;
        let unread = ocr::unread(self.db()?.conn())?;
        self.set_reading(|p| p.total = unread.len() as u64);
        for item in unread {
            let bytes = evidence::bytes(self.db()?.conn(), item.id)?;
            // Tesseract works without the database's lock.
            let reading = match ocr::read_item(&item.media_type, &bytes, &engine) {
                Ok(reading) => Some(reading),
                // Without poppler, PDFs wait (the header says why); screenshots go on.
                Err(Error::Unavailable(why)) if item.media_type == "application/pdf" => {
                    self.set_reading(|p| p.unavailable = Some(why));
                    None
                }
                // A file intake took in but nothing can read (a PDF with no pages): no words.
                Err(Error::Invalid { .. }) => None,
                Err(e) => return Err(e),
            };
            let kept = match reading {
                Some(reading) => self.write(|tx, s| ocr::keep(tx, s, &item, &reading))?,
                None => None,
            };
            self.set_reading(|p| {
                p.done += 1;
                p.read += u64::from(kept.is_some());
            });
        }
        Ok(())
    }
}
