//! Tombstones: one per item a disposal destroyed, with the SHA-256 and size of what it held.
//! Part of their disposal's audited record (see [`crate::disposal`]).

use serde::Serialize;

use crate::sql::Sql;
use crate::{sql_params, Result};

/// One destroyed item and the SHA-256 of what it held.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, ts_rs::TS)]
#[ts(export)]
pub struct Tombstone {
    pub reference: String,
    pub item: String,
    pub sha256: String,
    pub size: i64,
}

/// The tombstones of disposal `id`, in order.
pub fn tombstones(conn: &impl Sql, id: i64) -> Result<Vec<Tombstone>> {
    conn.rows(
        "SELECT reference, item, sha256, size FROM tombstone WHERE disposal_id = ?1 ORDER BY id",
        &sql_params![id],
    )?
    .iter()
    .map(|r| {
        Ok(Tombstone {
            reference: r.get(0)?,
            item: r.get(1)?,
            sha256: r.get(2)?,
            size: r.get(3)?,
        })
    })
    .collect()
}
