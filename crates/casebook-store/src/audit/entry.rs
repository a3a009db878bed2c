//! One audit entry, how it is chained, and the two changes the trail allows once written:
//! resealing an entry from before content hashes (once, its content untouched), and erasing an
//! entry's content under a disposal that lists it.
//!
//! An entry's hash covers the hash before it, its number, time, officer, action, record and the
//! record's state hash, and the hash of its content (`reason` and `changes`, the part that may
//! hold personal data). Erasing the content keeps the chain whole: the entry still carries its
//! content hash and points at the disposal that authorised the erasure.

use serde::Serialize;

use super::GENESIS;
use crate::sql::{Row, Sql};
use crate::{sql_params, Error, Result};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export, rename = "AuditEntry")]
pub struct Entry {
    pub seq: i64,
    pub at: String,
    /// The officer's name (free text in entries made before the officer register).
    pub actor: String,
    /// The registered officer who made the change; None in entries made before the register.
    pub officer_id: Option<i64>,
    pub action: String,
    pub entity: String,
    pub entity_id: i64,
    pub reason: Option<String>,
    /// JSON: the whole record on create/delete; `{field: {from, to}}` on update. `{}` once
    /// erased under a disposal.
    pub changes: String,
    pub state_hash: Option<String>,
    /// The hash of `reason` and `changes` as written ([`content_hash`]); None only in an entry
    /// from before content hashes that could not be resealed.
    pub content_hash: Option<String>,
    /// The hash a resealed entry carried before (anchors taken then still match it).
    pub legacy_hash: Option<String>,
    /// The disposal under which this entry's content was erased.
    pub disposal_id: Option<i64>,
    pub prev_hash: String,
    pub hash: String,
}

/// The content an erased entry keeps.
pub const ERASED: &str = "{}";

/// The hash of an entry's content: its reason and its changes.
pub fn content_hash(reason: Option<&str>, changes: &str) -> String {
    chain_hash(&[reason.unwrap_or(""), changes])
}

impl Entry {
    /// An entry about `entity` `entity_id` by officer `officer_id` as `stamp` names them, with no
    /// action or content yet; [`append`] numbers, seals and chains it.
    pub(super) fn about(
        stamp: &crate::Stamp,
        officer_id: i64,
        entity: &str,
        entity_id: i64,
    ) -> Entry {
        Entry {
            seq: 0,
            at: stamp.at_text(),
            actor: stamp.actor.clone(),
            officer_id: Some(officer_id),
            action: String::new(),
            entity: entity.to_string(),
            entity_id,
            reason: None,
            changes: String::new(),
            state_hash: None,
            content_hash: None,
            legacy_hash: None,
            disposal_id: None,
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    /// The hash this entry must carry, given its fields and the previous entry's hash: over its
    /// content hash, or (an entry never resealed) over its content as the trail first hashed it.
    pub fn compute_hash(&self) -> String {
        match &self.content_hash {
            Some(content) => {
                let (seq, entity_id) = (self.seq.to_string(), self.entity_id.to_string());
                let officer = self.officer_id.map(|id| id.to_string()).unwrap_or_default();
                chain_hash(&[
                    self.prev_hash.as_str(),
                    &seq,
                    &self.at,
                    &self.actor,
                    &officer,
                    &self.action,
                    &self.entity,
                    &entity_id,
                    self.state_hash.as_deref().unwrap_or(""),
                    content,
                ])
            }
            None => self.legacy_hash_now(),
        }
    }

    /// The hash the entry would carry under the first design (over its content itself).
    pub fn legacy_hash_now(&self) -> String {
        let (seq, entity_id) = (self.seq.to_string(), self.entity_id.to_string());
        let officer = self.officer_id.map(|id| format!("officer:{id}"));
        let mut parts = vec![
            self.prev_hash.as_str(),
            &seq,
            &self.at,
            &self.actor,
            &self.action,
            &self.entity,
            &entity_id,
            self.reason.as_deref().unwrap_or(""),
            &self.changes,
            self.state_hash.as_deref().unwrap_or(""),
        ];
        // Entries from before the officer register carry no id, and keep the hash they had.
        parts.extend(officer.as_deref());
        chain_hash(&parts)
    }

    /// Whether the content is still there and is what the entry's content hash says.
    pub fn content_intact(&self) -> bool {
        self.content_hash
            .as_deref()
            .is_none_or(|h| h == content_hash(self.reason.as_deref(), &self.changes))
    }
}

/// SHA-256 over `parts`, each followed by a unit separator: the hash of one link of a chain (an
/// audit entry, an access-log entry), given its fields with the previous link's hash first.
pub(crate) fn chain_hash<S: AsRef<str>>(parts: &[S]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in parts {
        h.update(part.as_ref().as_bytes());
        h.update([0x1f]);
    }
    hex::encode(h.finalize())
}

pub(super) fn append(tx: &impl Sql, mut e: Entry) -> Result<()> {
    let last: Option<(i64, String)> = tx
        .row_opt("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", &[])?
        .map(|r| Ok::<_, Error>((r.get(0)?, r.get(1)?)))
        .transpose()?;
    let (prev_seq, prev_hash) = last.unwrap_or((0, GENESIS.to_string()));
    e.seq = prev_seq + 1;
    e.prev_hash = prev_hash;
    e.content_hash = Some(content_hash(e.reason.as_deref(), &e.changes));
    e.hash = e.compute_hash();
    store(tx, &e)
}

fn store(tx: &impl Sql, e: &Entry) -> Result<()> {
    // Every field, by name: one added to Entry must be stored here too.
    let Entry {
        seq,
        at,
        actor,
        officer_id,
        action,
        entity,
        entity_id,
        reason,
        changes,
        state_hash,
        content_hash,
        legacy_hash,
        disposal_id,
        prev_hash,
        hash,
    } = e;
    tx.run(
        "INSERT INTO audit (seq, at, actor, officer_id, action, entity, entity_id, reason, changes,
                            state_hash, content_hash, legacy_hash, disposal_id, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        // By position, in the order the columns are listed above.
        &sql_params![
            *seq,
            at,
            actor,
            *officer_id,
            action,
            entity,
            *entity_id,
            reason.as_deref(),
            changes,
            state_hash.as_deref(),
            content_hash.as_deref(),
            legacy_hash.as_deref(),
            *disposal_id,
            prev_hash,
            hash,
        ],
    )?;
    Ok(())
}

/// An entry from a row holding [`ENTRY_COLUMNS`], read by name.
pub(super) fn entry_from_row(r: &Row) -> Result<Entry> {
    Ok(Entry {
        seq: r.get("seq")?,
        at: r.get("at")?,
        actor: r.get("actor")?,
        officer_id: r.get("officer_id")?,
        action: r.get("action")?,
        entity: r.get("entity")?,
        entity_id: r.get("entity_id")?,
        reason: r.get("reason")?,
        changes: r.get("changes")?,
        state_hash: r.get("state_hash")?,
        content_hash: r.get("content_hash")?,
        legacy_hash: r.get("legacy_hash")?,
        disposal_id: r.get("disposal_id")?,
        prev_hash: r.get("prev_hash")?,
        hash: r.get("hash")?,
    })
}

pub(super) const ENTRY_COLUMNS: &str = "seq, at, actor, officer_id, action, entity, entity_id, \
     reason, changes, state_hash, content_hash, legacy_hash, disposal_id, prev_hash, hash";

/// Every entry in order, for `verify`.
pub fn all(conn: &impl Sql) -> Result<Vec<Entry>> {
    conn.rows(
        &format!("SELECT {ENTRY_COLUMNS} FROM audit ORDER BY seq"),
        &[],
    )?
    .iter()
    .map(entry_from_row)
    .collect()
}

/// Whether some entries were written before content hashes and are still to be resealed.
pub fn needs_reseal(conn: &impl Sql) -> Result<bool> {
    needs_reseal_of(conn, "audit")
}

/// Whether chain `table` (`audit` or `access_log`) has entries still to be resealed.
pub(crate) fn needs_reseal_of(conn: &impl Sql, table: &'static str) -> Result<bool> {
    // Only the two chains' fixed names are ever put into this SQL.
    Ok(conn
        .row_opt(
            &format!("SELECT 1 FROM {table} WHERE content_hash IS NULL LIMIT 1"),
            &[],
        )?
        .is_some())
}

/// Reseals a trail written before content hashes: once its old chain is checked link by link,
/// each entry gets its content hash and a hash over it (the old hash is kept beside it). Returns
/// how many entries were resealed: none if the old chain does not check out (`verify` then
/// reports where), or if newer entries already follow the old ones.
pub fn reseal(tx: &impl Sql) -> Result<usize> {
    reseal_chain(tx, "audit", &all(tx)?)
}

/// A link of a chain (the audit trail, the access log), as resealing sees it.
pub(crate) trait Link {
    fn seq(&self) -> i64;
    fn prev_hash(&self) -> &str;
    fn hash(&self) -> &str;
    fn has_content_hash(&self) -> bool;
    /// The hash the link must carry under the design before content hashes.
    fn first_design_hash(&self) -> String;
    /// The link sealed after `prev`: its content hash, and the hash it then carries.
    fn sealed_after(&self, prev: &str) -> (String, String);
}

impl Link for Entry {
    fn seq(&self) -> i64 {
        self.seq
    }
    fn prev_hash(&self) -> &str {
        &self.prev_hash
    }
    fn hash(&self) -> &str {
        &self.hash
    }
    fn has_content_hash(&self) -> bool {
        self.content_hash.is_some()
    }
    fn first_design_hash(&self) -> String {
        self.legacy_hash_now()
    }
    fn sealed_after(&self, prev: &str) -> (String, String) {
        let mut sealed = self.clone();
        let content = content_hash(self.reason.as_deref(), &self.changes);
        sealed.content_hash = Some(content.clone());
        sealed.prev_hash = prev.to_string();
        (content, sealed.compute_hash())
    }
}

/// Reseals `entries`, the whole of chain `table` (`audit` or `access_log`) in order: nothing
/// unless every entry predates content hashes and the old chain checks out link by link; then
/// each gets its content hash and a hash over it, chained anew, its old hash kept beside it.
pub(crate) fn reseal_chain<L: Link>(
    tx: &impl Sql,
    table: &'static str,
    entries: &[L],
) -> Result<usize> {
    if entries.iter().any(Link::has_content_hash) {
        return Ok(0);
    }
    let mut prev = GENESIS;
    for e in entries {
        if e.prev_hash() != prev || e.first_design_hash() != e.hash() {
            return Ok(0);
        }
        prev = e.hash();
    }
    // Only the two chains' fixed names are ever put into this SQL.
    let update = format!(
        "UPDATE {table} SET content_hash = ?1, legacy_hash = hash, prev_hash = ?2, hash = ?3
         WHERE seq = ?4"
    );
    let mut prev = GENESIS.to_string();
    for e in entries {
        let (content, hash) = e.sealed_after(&prev);
        tx.run(&update, &sql_params![content, &prev, &hash, e.seq()])?;
        prev = hash;
    }
    Ok(entries.len())
}

/// Erases the content of entries `seqs` under disposal `disposal_id` (which must list them).
pub(crate) fn erase(tx: &impl Sql, seqs: &[i64], disposal_id: i64) -> Result<()> {
    for seq in seqs {
        let erased = tx.run(
            "UPDATE audit SET changes = '{}', reason = NULL, disposal_id = ?2
             WHERE seq = ?1 AND disposal_id IS NULL AND content_hash IS NOT NULL",
            &sql_params![*seq, disposal_id],
        )?;
        if erased != 1 {
            return Err(Error::conflict(
                "audit",
                format!(
                    "audit entry {seq} cannot be erased: it predates content hashes and the \
                     trail before them does not verify; run `casebook verify`"
                ),
            ));
        }
    }
    Ok(())
}
