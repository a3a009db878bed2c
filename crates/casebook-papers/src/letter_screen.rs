//! The case view's letters, on an officer's [`Session`]: the letters the case can have now, a
//! draft from its template for the officer to edit, its preview as it will print, and keeping
//! it on the case as a hashed case document.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use casebook::letters;
use casebook::procedure::Letter;
use casebook::{case, text, Result, Session};

use crate::letter::{self, Draft};
use crate::template::Templates;
use crate::{template, Format, Paper};

/// A letter the case can have now, as the screen offers it.
#[derive(Debug, Serialize, TS)]
#[ts(export)]
pub struct LetterOffer {
    pub kind: &'static str,
    pub party: &'static str,
    /// "Decision letter to the councillor".
    pub label: String,
}

/// The letters case `reference` can have now (the rules allow each kind to each party).
pub fn offers(session: &Session, reference: &str) -> Result<Vec<LetterOffer>> {
    let db = session.db()?;
    let k = case::by_reference(db.conn(), reference)?;
    Ok(letter::offered(db.conn(), k.id)?
        .into_iter()
        .map(|(kind, party)| LetterOffer {
            kind,
            party,
            label: label(kind, party),
        })
        .collect())
}

/// "Decision letter to the councillor".
pub fn label(kind: &str, party: &str) -> String {
    format!(
        "{} letter to the {}",
        text::capitalise(kind),
        letters::party_words(party)
    )
}

/// The letter of `kind` to `party` as its template makes it today.
pub fn draft(session: &Session, reference: &str, kind: &str, party: &str) -> Result<Draft> {
    let db = session.db()?;
    let folder = template::folder_for(db.path());
    letter::draft(
        db.conn(),
        reference,
        (kind, party),
        session.today(),
        Templates::Folder(&folder),
    )
}

/// The (perhaps edited) letter as a self-contained HTML page, for the preview.
pub fn preview(markdown: &str) -> Result<String> {
    let paper = Paper::new(markdown.to_string(), String::new(), "")?;
    Ok(String::from_utf8_lossy(&paper.render(Format::Html)?).into_owned())
}

/// A letter the officer has drafted, edited and asked to keep.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct LetterInput {
    pub kind: String,
    pub party: String,
    pub markdown: String,
    /// `pdf` or `docx` (or `html`, `md`).
    pub format: String,
}

/// Renders the letter and keeps it on case `reference`; nothing is kept if rendering fails.
pub fn keep(session: &Session, reference: &str, input: &LetterInput) -> Result<Letter> {
    let format = Format::parse("format", &input.format)?;
    let made_at = session.db()?.stamp().at_text();
    let d = draft(session, reference, &input.kind, &input.party)?;
    let kept = letter::keep(&d, &input.markdown, format, &made_at, |new| {
        session.save_letter(reference, new)
    })?;
    Ok(kept.letter)
}
