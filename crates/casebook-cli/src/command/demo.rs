//! `casebook demo`: fill an empty database with the fictional demo council.

use casebook::{demo, Db, Stamp};

use crate::print::out;

pub(crate) fn run(db: &mut Db, stamp: &Stamp) -> casebook::Result<()> {
    let s = demo::load_with(db, stamp, &|tx, s| casebook_papers::letter::demo(tx, s))?;
    out!(
        "Loaded the demo council into {}: {} councillors, {} cases with screenshots and assessments.",
        db.path().display(),
        s.councillors,
        s.cases
    );
    out!("Try: casebook case list   |   casebook search abusive   |   casebook verify");
    Ok(())
}
