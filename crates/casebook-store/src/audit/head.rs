//! The audit trail's head (its newest entry), and finding an anchored head written in a paper.

use serde::Serialize;

use crate::sql::Sql;
use crate::Result;

/// The newest entry of the audit trail: its number, hash and time. Written down somewhere the
/// database cannot reach (a paper, a backup's label, the officer's notebook), it anchors the
/// trail: `verify --anchor HASH@SEQ` finds any rewrite of the trail at or before it, which the
/// chain alone cannot (a forger can recompute every hash after the record they edit).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export, rename = "AuditHead")]
pub struct Head {
    pub seq: i64,
    pub hash: String,
    pub at: String,
}

impl Head {
    /// `HASH@SEQ`, as `verify --anchor` takes it.
    pub fn anchor(&self) -> String {
        format!("{}@{}", self.hash, self.seq)
    }
}

/// The trail's newest entry, or `None` before the first.
pub fn head(conn: &impl Sql) -> Result<Option<Head>> {
    conn.row_opt(
        "SELECT seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1",
        &[],
    )?
    .map(|r| {
        Ok(Head {
            seq: r.get("seq")?,
            hash: r.get("hash")?,
            at: r.get("at")?,
        })
    })
    .transpose()
}

/// The first `HASH@SEQ` (64 hex digits, `@`, a number) in `text`.
pub fn find_anchor(text: &str) -> Option<(i64, String)> {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(at) = text[from..].find('@').map(|i| i + from) {
        let hash_start = at.checked_sub(64);
        let digits = b[at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if let Some(start) = hash_start.filter(|_| digits > 0) {
            // Bytes first: `start` need not be a character boundary unless these are all hex.
            let hash = &b[start..at];
            let before_ok = start == 0 || !b[start - 1].is_ascii_hexdigit();
            if before_ok && hash.iter().all(|c| c.is_ascii_hexdigit()) {
                let hash = String::from_utf8_lossy(hash).to_ascii_lowercase();
                if let Ok(seq) = text[at + 1..at + 1 + digits].parse() {
                    return Some((seq, hash));
                }
            }
        }
        from = at + 1;
    }
    None
}
