//! Letters to the parties, as stored: each letter made is kept as a case document (its file, as
//! the officer saved it, hashed) with a row saying what kind it is, whom it is to and the date it
//! bears; sending it records when and how. The rules are `casebook_domain::procedure`'s.

use chrono::NaiveDate;

pub use crate::party_rows::letters as list;
use crate::party_rows::{from_row, SELECT};
use crate::procedure::{check_day, check_letter, check_sent, parse_day, Letter, LetterFacts};
use crate::sql::Sql;
use crate::{audit, case, document, procedure, sql_params, text, Error, Result, Stamp};

/// Letter `id` of case `case_id`.
pub fn get(conn: &impl Sql, case_id: i64, id: i64) -> Result<Letter> {
    conn.row_opt(
        &format!("{SELECT} WHERE id = ?1 AND case_id = ?2"),
        &sql_params![id, case_id],
    )?
    .map(|r| from_row(&r))
    .transpose()?
    .ok_or_else(|| Error::not_found("letter", id.to_string()))
}

/// What the letters a case may have are worked out from.
pub fn facts_of<'a>(k: &'a case::Case, rows: &'a procedure::Rows) -> LetterFacts<'a> {
    LetterFacts {
        facts: procedure::facts(k),
        stages: &rows.stages,
        confidentiality: rows.confidentiality.as_ref(),
        investigation: rows.investigation.as_ref(),
        reviews: &rows.reviews,
        ip_consulted: !rows.ip.is_empty(),
    }
}

/// Checks that a letter of `kind` to `party` can be written for case `case_id` now; the kind and
/// party as stored.
pub fn allowed(
    conn: &impl Sql,
    case_id: i64,
    kind: &str,
    party: &str,
) -> Result<(&'static str, &'static str)> {
    let k = case::get(conn, case_id)?;
    let rows = procedure::rows(conn, case_id)?;
    check_letter(&facts_of(&k, &rows), kind, party)
}

/// A letter made, to keep.
pub struct NewLetter<'a> {
    pub kind: &'a str,
    pub party: &'a str,
    pub recipient: Option<&'a str>,
    pub dated: NaiveDate,
    /// The file as the officer saved it.
    pub bytes: &'a [u8],
    pub file_name: &'a str,
}

/// Keeps a letter made for case `case_id`: its file as a case document, and its row (not yet sent).
pub fn save(tx: &impl Sql, stamp: &Stamp, case_id: i64, l: &NewLetter<'_>) -> Result<Letter> {
    let k = case::get(tx, case_id)?;
    let (kind, party) = allowed(tx, case_id, l.kind, l.party)?;
    let recipient = text::optional("recipient", l.recipient, 200)?;
    let received = parse_day(&k.received_on).unwrap_or(l.dated);
    check_day(
        "dated",
        l.dated,
        (received, "the day the complaint was received"),
        stamp.at.date_naive(),
    )?;
    let title = format!(
        "{} letter to the {}, {}",
        text::capitalise(kind),
        party_words(party),
        l.dated
    );
    let doc = document::add(
        tx,
        stamp,
        case_id,
        document::NewDocument {
            kind: "letter",
            title: &title,
            bytes: l.bytes,
            file_name: l.file_name,
        },
    )?;
    let id = tx.insert(
        "INSERT INTO letter (case_id, kind, party, recipient, dated, document_id, made_by, made_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        &sql_params![
            case_id,
            kind,
            party,
            recipient,
            l.dated.to_string(),
            doc.id,
            &stamp.actor,
            stamp.at_text()
        ],
    )?;
    audit::record(tx, stamp, "letter", id, None, None)?;
    get(tx, case_id, id)
}

/// Records that letter `id` was sent on `on`, by email or post.
pub fn mark_sent(
    tx: &impl Sql,
    stamp: &Stamp,
    case_id: i64,
    id: i64,
    on: NaiveDate,
    by: &str,
) -> Result<Letter> {
    let k = case::get(tx, case_id)?;
    let letter = get(tx, case_id, id)
        .map_err(|_| Error::not_found("letter", format!("{id} on {}", k.reference)))?;
    let by = check_sent(&k.reference, &letter, on, by, stamp.at.date_naive())?;
    let before = audit::snapshot(tx, "letter", id)?;
    tx.run(
        "UPDATE letter SET sent_on = ?2, sent_by = ?3 WHERE id = ?1",
        &sql_params![id, on.to_string(), by],
    )?;
    audit::record(tx, stamp, "letter", id, before, None)?;
    get(tx, case_id, id)
}

/// "the complainant", "the Independent Person", "the parish clerk": whom a party is, in words.
pub fn party_words(party: &str) -> &'static str {
    match party {
        "complainant" => "complainant",
        "councillor" => "councillor",
        "ip" => "Independent Person",
        _ => "clerk",
    }
}
