//! `casebook init`: create the database (or bring it up to date) and say where it is.

use casebook::{db, Db};

use crate::print::out;

pub(crate) fn run(db: &Db) {
    out!(
        "Database ready at {} (schema version {}).",
        db.path().display(),
        db::schema_version()
    );
}
