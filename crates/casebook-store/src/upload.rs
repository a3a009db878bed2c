//! Videos sent to a team server in parts, before they are evidence (PostgreSQL only: the desktop
//! streams a video in from its own disk). An upload names its case, the officer sending it and
//! the length it says it has; its parts are kept under its stream number in `blob_part` (see
//! [`crate::blob`]) as they come, in order, until it is finished as an evidence item or
//! abandoned (see `migrations-pg-council/V7__video_parts.sql`).

use crate::sql::Sql;
use crate::{blob, sql_params, Error, Result};

/// An upload begun and not yet finished.
#[derive(Debug, Clone)]
pub struct Upload {
    pub stream: i64,
    pub case_id: i64,
    pub account_id: i64,
    pub name: Option<String>,
    /// The length it said it has.
    pub size: u64,
    /// Its parts so far, and the bytes they hold.
    pub parts: i64,
    pub received: u64,
}

/// Begins an upload of `size` bytes for case `case_id` by account `account_id`; its stream.
pub fn start(
    tx: &impl Sql,
    case_id: i64,
    account_id: i64,
    name: Option<&str>,
    size: u64,
    at: &str,
) -> Result<i64> {
    let stream = blob::new_stream(tx)?;
    tx.run(
        "INSERT INTO upload (stream, case_id, account_id, name, size, started_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        &sql_params![stream, case_id, account_id, name, size as i64, at],
    )?;
    Ok(stream)
}

/// Upload `stream`, if it is begun and not finished.
pub fn get(conn: &impl Sql, stream: i64) -> Result<Option<Upload>> {
    let Some(r) = conn.row_opt(
        "SELECT case_id, account_id, name, size FROM upload WHERE stream = ?1",
        &sql_params![stream],
    )?
    else {
        return Ok(None);
    };
    let (parts, received) = blob::stream_length(conn, stream)?;
    let size: i64 = r.get(3)?;
    Ok(Some(Upload {
        stream,
        case_id: r.get(0)?,
        account_id: r.get(1)?,
        name: r.get(2)?,
        size: u64::try_from(size).unwrap_or(0),
        parts,
        received,
    }))
}

/// Ends upload `stream` once its parts are an evidence item (they stay, named by its blob).
pub fn finished(tx: &impl Sql, stream: i64) -> Result<()> {
    let gone = tx.run("DELETE FROM upload WHERE stream = ?1", &sql_params![stream])?;
    if gone == 0 {
        return Err(Error::not_found("upload", stream.to_string()));
    }
    Ok(())
}

/// Deletes every upload begun before `before` (an instant as the audit trail writes one) and not
/// finished, with its parts; how many.
pub fn abandon_before(tx: &impl Sql, before: &str) -> Result<usize> {
    let old: Vec<i64> = tx
        .rows(
            "SELECT stream FROM upload WHERE started_at < ?1",
            &sql_params![before],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<_>>()?;
    for stream in &old {
        blob::drop_stream(tx, *stream)?;
        tx.run(
            "DELETE FROM upload WHERE stream = ?1",
            &sql_params![*stream],
        )?;
    }
    Ok(old.len())
}
