//! Importing a complaints log from the app: the check, the import itself, and its progress and
//! cancelling, which the Settings screen asks for while the import holds the database.

use std::ops::ControlFlow;
use std::path::Path;
use std::sync::atomic::Ordering;

use super::Session;
use crate::import;
use crate::json::{ImportCheck, ImportProgress};
use crate::Result;

impl Session {
    /// Checks (`dry_run`) or imports the complaints log at `path`: all rows or none.
    pub fn import_log(&self, path: &Path, dry_run: bool) -> Result<ImportCheck> {
        let mut db = self.db()?;
        let stamp = db.stamp();
        self.cancel_import.store(false, Ordering::SeqCst);
        self.set_import_progress(ImportProgress {
            running: true,
            ..ImportProgress::default()
        });
        let result =
            import::import_file_with(&mut db, &stamp, path, None, dry_run, &mut |done, total| {
                self.set_import_progress(ImportProgress {
                    running: true,
                    done: done as u64,
                    total: total as u64,
                });
                if self.cancel_import.load(Ordering::SeqCst) {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
        self.set_import_progress(ImportProgress::default());
        ImportCheck::from_result(path.display().to_string(), result)
    }

    /// How far the import running now has got (nothing running: all zero).
    pub fn import_progress(&self) -> ImportProgress {
        self.importing.lock().map(|p| *p).unwrap_or_default()
    }

    /// Asks the running import to stop; it stores nothing.
    pub fn cancel_import(&self) -> ImportProgress {
        self.cancel_import.store(true, Ordering::SeqCst);
        self.import_progress()
    }

    fn set_import_progress(&self, p: ImportProgress) {
        if let Ok(mut now) = self.importing.lock() {
            *now = p;
        }
    }
}
