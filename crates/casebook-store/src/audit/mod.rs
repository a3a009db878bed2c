//! The audit trail: every change to a stored record is one append-only entry (who, when, what
//! changed), hash-chained to the entry before it. Each entry also carries the hash of the record's
//! state after the change, so `verify` can tell a record edited outside Casebook from one edited
//! through it.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::sync::OnceLock;

use casebook_domain::officer::{Role, Via};

use crate::sql::{self, Spelled, Sql};
use crate::{schema, sql_params, Error, Result};

mod entry;
mod head;
pub use entry::{all, content_hash, needs_reseal, reseal, Entry, ERASED};
use entry::{append, entry_from_row, ENTRY_COLUMNS};
pub(crate) use entry::{chain_hash, erase, needs_reseal_of, reseal_chain, Link};
pub use head::{find_anchor, head, Head};

/// Who is making a change or looking, from where, and when. Passed in by the caller: the core
/// never reads the clock.
#[derive(Debug, Clone)]
pub struct Stamp {
    /// The officer's name as recorded beside their id.
    pub actor: String,
    /// The registered officer (see [`crate::officer`]). Every change and every look needs one; a
    /// stamp without one only opens a database (whose opener may become its first officer).
    pub officer: Option<i64>,
    pub role: Option<Role>,
    pub via: Via,
    pub at: DateTime<Utc>,
}

impl Stamp {
    /// The stamp of someone opening a database, named `actor`, who is not yet known to be a
    /// registered officer.
    pub fn new(actor: impl Into<String>, at: DateTime<Utc>) -> Stamp {
        Stamp {
            actor: actor.into(),
            officer: None,
            role: None,
            via: Via::Cli,
            at,
        }
    }

    /// The stamp of registered officer `id` (`name`, in `role`) working through `via`.
    pub fn officer(id: i64, name: &str, role: Role, via: Via, at: DateTime<Utc>) -> Stamp {
        Stamp {
            actor: name.to_string(),
            officer: Some(id),
            role: Some(role),
            via,
            at,
        }
    }

    /// The officer's id, or an error naming the actor when the stamp has none.
    pub fn officer_id(&self) -> Result<i64> {
        self.officer.ok_or_else(|| {
            Error::invalid(
                "actor",
                format!(
                    "'{}' is not a registered officer; only registered officers may work on cases",
                    self.actor
                ),
            )
        })
    }

    /// The time as stored: RFC 3339 in UTC to the second.
    pub fn at_text(&self) -> String {
        timestamp(self.at)
    }
}

/// The name to record for changes: the one given (`--actor`, `CASEBOOK_ACTOR`) unless blank, else
/// the login name, else "unknown". Shared by the CLI and the desktop app.
pub fn actor_name(given: Option<&str>) -> String {
    given
        .filter(|a| !a.trim().is_empty())
        .map(String::from)
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .or_else(|| std::env::var("LOGNAME").ok().filter(|u| !u.is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

pub fn timestamp(t: DateTime<Utc>) -> String {
    // RFC 3339 to the second with a Z, written directly (a strftime pattern is parsed on every
    // call, and every audit entry takes a time).
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The audited tables (see [`schema::AUDITED`] for their columns), by entity name.
pub fn audited() -> impl Iterator<Item = &'static str> {
    schema::AUDITED.iter().map(|t| t.entity)
}

/// Audited tables whose rows belong to one case through a `case_id` column.
pub const CASE_PARTS: &[&str] = &[
    "evidence",
    "case_tag",
    "capacity_answer",
    "stage_event",
    "ip_consultation",
    "confidentiality_decision",
    "clock_pause",
    "case_note",
    "case_publication",
    "guidance_gap",
    "retention_extension",
    "legal_hold",
    "councillor_notification",
    "case_document",
    "investigation",
    "investigation_cost",
    "review_request",
    "letter",
];

/// The previous hash of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

pub type Snapshot = Map<String, Value>;

/// The current state of one record as a JSON object (column → value), or `None` if it is absent.
/// It holds exactly the columns [`schema::AUDITED`] names for the table (a column added later only
/// once it holds a value), so adding a column does not change the snapshot of existing records.
pub fn snapshot(conn: &impl Sql, entity: &str, id: i64) -> Result<Option<Snapshot>> {
    snapshot_of(conn, table(entity), id)
}

/// [`snapshot`] of a record of `table`.
pub fn snapshot_of(conn: &impl Sql, table: &schema::Table, id: i64) -> Result<Option<Snapshot>> {
    let Some(r) = conn.row_opt(&select_sql(table), &sql_params![id])? else {
        return Ok(None);
    };
    let mut row = Map::new();
    // By position: the columns are selected in the order named.
    for (name, value) in table.all_columns().zip(r.into_values()) {
        let value = json_of(value);
        if value.is_null() && table.added.contains(&name) {
            continue;
        }
        row.insert(name.to_string(), value);
    }
    let entity = table.entity;
    if entity == "catalogue_version" {
        let list = conn
            .rows(
                "SELECT id, kind, code, title, text, position FROM catalogue_item
                 WHERE version_id = ?1 ORDER BY id",
                &sql_params![id],
            )?
            .iter()
            .map(|r| {
                Ok(json!({
                    "id": r.get::<i64>("id")?, "kind": r.get::<String>("kind")?,
                    "code": r.get::<String>("code")?, "title": r.get::<String>("title")?,
                    "text": r.get::<String>("text")?, "position": r.get::<i64>("position")?,
                }))
            })
            .collect::<Result<Vec<_>>>()?;
        row.insert("items".into(), Value::Array(list));
    }
    if entity == "disposal" {
        // Its tombstones are part of it: one deleted or changed is a change to the disposal.
        let stones = crate::tombstone::tombstones(conn, id)?;
        row.insert(
            "tombstones".into(),
            serde_json::to_value(stones).unwrap_or_default(),
        );
    }
    Ok(Some(row))
}

/// `SELECT` every column of `table` `WHERE id = ?1`: written once for each table of
/// [`schema::AUDITED`], not per snapshot (a snapshot is taken before and after every audited
/// change); written afresh for any other table (a schema's later form, in its tests).
fn select_sql(table: &schema::Table) -> Cow<'static, str> {
    fn sql_of(t: &schema::Table) -> String {
        let names: Vec<&str> = t.all_columns().collect();
        format!(
            "SELECT {} FROM {} WHERE id = ?1",
            names.join(", "),
            t.entity
        )
    }
    static SQL: OnceLock<Vec<String>> = OnceLock::new();
    let all = SQL.get_or_init(|| schema::AUDITED.iter().map(sql_of).collect());
    // By its columns too, not by name alone: a table of the same name may list other columns.
    let same = |t: &schema::Table| {
        t.entity == table.entity && t.columns == table.columns && t.added == table.added
    };
    match schema::AUDITED.iter().position(same) {
        Some(i) => Cow::Borrowed(all[i].as_str()),
        None => Cow::Owned(sql_of(table)),
    }
}

fn table(entity: &str) -> &'static schema::Table {
    // Only the fixed list is ever interpolated into SQL.
    schema::table(entity).unwrap_or_else(|| panic!("{entity} is not an audited entity"))
}

/// A stored value as a snapshot holds it: bytes by their SHA-256.
fn json_of(v: sql::Value) -> Value {
    match v {
        sql::Value::Null => Value::Null,
        sql::Value::Int(i) => Value::from(i),
        sql::Value::Real(f) => Value::from(f),
        sql::Value::Text(t) => Value::from(t),
        sql::Value::Blob(b) => Value::from(format!("sha256:{}", sha256_hex(&b))),
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Hash of a snapshot: SHA-256 of its JSON with every object's keys in sorted order.
///
/// The JSON is written out here rather than by `Value::to_string`, whose key order depends on
/// whether any crate in the build turns on serde_json's `preserve_order` feature: the desktop
/// app's dependencies do, the CLI's do not, and both must hash a record alike.
pub fn state_hash(s: &Snapshot) -> String {
    sha256_hex(canonical_json(s).as_bytes())
}

/// A snapshot as JSON with its keys sorted: what an entry's changes are written as, and what
/// [`state_hash`] hashes.
fn canonical_json(s: &Snapshot) -> String {
    snapshot_json(s, &|_, keys| keys.sort())
}

/// The hash Casebook's desktop app recorded before [`state_hash`] fixed the key order: the keys in
/// the order the table lists its columns (a catalogue version's items in the order of their own
/// columns). `verify` accepts it for records last changed through such an app.
pub fn column_order_state_hash(entity: &str, s: &Snapshot) -> String {
    let columns: Vec<&str> = schema::table(entity)
        .map(|t| t.all_columns().collect())
        .unwrap_or_default();
    let order = |depth: usize, keys: &mut Vec<&String>| {
        let listed: &[&str] = if depth == 0 {
            &columns
        } else {
            CATALOGUE_ITEM_KEYS
        };
        let rank = |k: &str| listed.iter().position(|c| *c == k).unwrap_or(listed.len());
        keys.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    };
    sha256_hex(snapshot_json(s, &order).as_bytes())
}

/// The keys of each item in a catalogue version's snapshot, in the order they were written.
const CATALOGUE_ITEM_KEYS: &[&str] = &["id", "kind", "code", "title", "text", "position"];

/// The snapshot `s` as compact JSON, as `serde_json` writes it, with each object's keys put in
/// order by `order` (given the object's depth and its keys).
fn snapshot_json(s: &Snapshot, order: &dyn Fn(usize, &mut Vec<&String>)) -> String {
    type Order<'a> = &'a dyn Fn(usize, &mut Vec<&String>);
    // Written into one buffer: serde_json writes each key and scalar straight into it.
    fn object(out: &mut Vec<u8>, map: &Map<String, Value>, depth: usize, order: Order<'_>) {
        let mut keys: Vec<&String> = map.keys().collect();
        order(depth, &mut keys);
        out.push(b'{');
        for (i, k) in keys.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            write(out, k.as_str());
            out.push(b':');
            value(out, &map[k.as_str()], depth + 1, order);
        }
        out.push(b'}');
    }
    fn value(out: &mut Vec<u8>, v: &Value, depth: usize, order: Order<'_>) {
        match v {
            Value::Object(map) => object(out, map, depth, order),
            Value::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    value(out, item, depth, order);
                }
                out.push(b']');
            }
            scalar => write(out, scalar),
        }
    }
    fn write(out: &mut Vec<u8>, v: &(impl Serialize + ?Sized)) {
        // Writing a string or a JSON scalar into memory cannot fail.
        let _ = serde_json::to_writer(&mut *out, v);
    }
    let mut out = Vec::with_capacity(512);
    object(&mut out, s, 0, order);
    // serde_json writes UTF-8, and the punctuation between is ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// Records the change to `entity` `id` made in `tx` since `before` was taken (None: it is new).
/// Does nothing when nothing changed.
pub fn record(
    tx: &impl Sql,
    stamp: &Stamp,
    entity: &str,
    id: i64,
    before: Option<Snapshot>,
    reason: Option<&str>,
) -> Result<()> {
    let officer_id = stamp.officer_id()?;
    if stamp.role.is_some_and(|r| !r.may_change()) {
        return Err(Error::invalid(
            "actor",
            format!(
                "{} is a Read-only officer: they may look at cases but not change them",
                stamp.actor
            ),
        ));
    }
    let after = snapshot(tx, entity, id)?;
    let (action, changes, state_hash) = match (&before, &after) {
        (None, None) => return Ok(()),
        // A new record's content is its state: written out once, hashed as it is stored.
        (None, Some(a)) => {
            let json = canonical_json(a);
            let hash = sha256_hex(json.as_bytes());
            ("create", json, Some(hash))
        }
        (Some(b), None) => ("delete", canonical_json(b), None),
        (Some(b), Some(a)) => {
            let diff = diff(b, a);
            if diff.is_empty() {
                return Ok(());
            }
            ("update", canonical_json(&diff), Some(state_hash(a)))
        }
    };
    touch(tx, entity, id, after.as_ref().or(before.as_ref()))?;
    append(
        tx,
        Entry {
            action: action.to_string(),
            reason: reason.map(String::from),
            changes,
            state_hash,
            ..Entry::about(stamp, officer_id, entity, id)
        },
    )
}

/// Records that `entity` `id` was emptied (or, if it is gone, deleted) by the disposal
/// `certificate`. The entry holds no personal data: only the certificate, and the hash of the
/// record as it is left.
pub(crate) fn record_disposal(
    tx: &impl Sql,
    stamp: &Stamp,
    entity: &str,
    id: i64,
    certificate: &str,
) -> Result<()> {
    let officer_id = stamp.officer_id()?;
    let after = snapshot(tx, entity, id)?;
    let changes = match &after {
        Some(_) => json!({ "disposal": { "from": null, "to": certificate } }),
        None => json!({}),
    };
    touch(tx, entity, id, after.as_ref())?;
    append(
        tx,
        Entry {
            action: if after.is_some() { "update" } else { "delete" }.into(),
            reason: Some(format!(
                "disposed of under the retention schedule ({certificate})"
            )),
            changes: changes.to_string(),
            state_hash: after.as_ref().map(state_hash),
            ..Entry::about(stamp, officer_id, entity, id)
        },
    )
}

/// The temporary (per-connection) table of the cases changed in the open transaction; created when
/// the database is opened, filled by [`record`], emptied by `search::reindex_touched`.
/// Beside it, `touched_clock`: a day whose holiday changed, or NULL when a setting that may be a
/// time target, or a line of the retention schedule, changed (emptied by
/// `progress::refresh_touched`).
pub(crate) const TOUCHED_TABLE: &str =
    "CREATE TEMP TABLE IF NOT EXISTS touched_case (id INTEGER PRIMARY KEY);
     CREATE TEMP TABLE IF NOT EXISTS touched_clock (day TEXT);";

/// Notes that the change just recorded to `entity` `id` (whose state before or after is
/// `snapshot`) may change what the index holds for some cases.
fn touch(tx: &impl Sql, entity: &str, id: i64, snapshot: Option<&Snapshot>) -> Result<()> {
    static CASE: Spelled = Spelled::new(|d| d.insert_or_skip("INTO touched_case (id) VALUES (?1)"));
    static COUNCILLORS_CASES: Spelled = Spelled::new(|d| {
        d.insert_or_skip("INTO touched_case (id) SELECT id FROM cases WHERE councillor_id = ?1")
    });
    let d = tx.dialect();
    match entity {
        "cases" => {
            tx.run(CASE.sql(d), &sql_params![id])?;
        }
        "councillor" => {
            tx.run(COUNCILLORS_CASES.sql(d), &sql_params![id])?;
        }
        // The calendar, the targets or the retention schedule: what is kept of the cases they
        // can affect is recomputed (for a holiday, those received by its day; else every case).
        "holiday_override" | "setting" | "retention_rule" => {
            let day = snapshot.and_then(|s| s.get("day")).and_then(|v| v.as_str());
            let target = snapshot
                .and_then(|s| s.get("key"))
                .and_then(|v| v.as_str())
                .is_some_and(|k| k.ends_with("_working_days"));
            if entity != "setting" || target {
                tx.run(
                    "INSERT INTO touched_clock (day) VALUES (?1)",
                    &sql_params![day],
                )?;
            }
        }
        _ if CASE_PARTS.contains(&entity) => {
            if let Some(case_id) = snapshot
                .and_then(|s| s.get("case_id"))
                .and_then(|v| v.as_i64())
            {
                tx.run(CASE.sql(d), &sql_params![case_id])?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// `{field: {"from": old, "to": new}}` for every field that differs.
fn diff(before: &Snapshot, after: &Snapshot) -> Snapshot {
    let mut out = Map::new();
    for key in before.keys().chain(after.keys()) {
        let (b, a) = (before.get(key), after.get(key));
        if b != a && !out.contains_key(key) {
            out.insert(
                key.clone(),
                json!({ "from": b.cloned().unwrap_or(Value::Null), "to": a.cloned().unwrap_or(Value::Null) }),
            );
        }
    }
    out
}

/// Applies one entry's `changes` to the state replayed so far; the inverse of how they were made.
pub fn replay(state: Option<Snapshot>, action: &str, changes: &Value) -> Option<Snapshot> {
    match (action, changes) {
        ("create", Value::Object(m)) => Some(m.clone()),
        ("delete", _) => None,
        ("update", Value::Object(m)) => {
            let mut s = state.unwrap_or_default();
            for (k, v) in m {
                s.insert(k.clone(), v.get("to").cloned().unwrap_or(Value::Null));
            }
            Some(s)
        }
        _ => state,
    }
}

/// The history of one case: entries about the case and the records that hang off it
/// (evidence, tags, capacity answers, links, stages, consultations, pauses), oldest first.
pub fn for_case(conn: &impl Sql, case_id: i64) -> Result<Vec<Entry>> {
    let d = conn.dialect();
    let (of_case, of_other) = (
        d.json_int("changes", "case_id"),
        d.json_int("changes", "other_case_id"),
    );
    let mut sql = format!(
        "SELECT {ENTRY_COLUMNS} FROM audit WHERE (entity = 'cases' AND entity_id = ?1)
         OR (entity = 'case_link' AND ({of_case} = ?1 OR {of_other} = ?1))"
    );
    for table in CASE_PARTS {
        // Creates and deletes carry the whole row; updates only what changed, so those are
        // matched through the row itself. Table names come from the fixed list above.
        sql.push_str(&format!(
            " OR (entity = '{table}' AND ({of_case} = ?1
                  OR entity_id IN (SELECT id FROM {table} WHERE case_id = ?1)))"
        ));
    }
    sql.push_str(" ORDER BY seq");
    conn.rows(&sql, &sql_params![case_id])?
        .iter()
        .map(entry_from_row)
        .collect()
}

/// An audit entry with the reference of the case it concerns, if any.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Activity {
    #[serde(flatten)]
    pub entry: Entry,
    pub reference: Option<String>,
}

/// The latest `limit` changes to cases and what hangs off them, newest first (the dashboard's
/// recent activity). The trail is read backwards from its newest entry until `limit` match: the
/// `+` keeps SQLite from answering the entity test through its index instead, which gathered and
/// sorted every case entry (some 900,000 at 100,000 cases, 0.4 s) to keep the newest twelve.
pub fn recent(conn: &impl Sql, limit: usize) -> Result<Vec<Activity>> {
    let d = conn.dialect();
    let of_case = d.json_int("a.changes", "case_id");
    let mut case_id = format!(
        "CASE WHEN a.entity = 'cases' THEN a.entity_id
              WHEN a.entity = 'case_link' THEN {of_case}"
    );
    for table in CASE_PARTS {
        // Table names come from the fixed list of audited case parts.
        case_id.push_str(&format!(
            " WHEN a.entity = '{table}' THEN coalesce({of_case},
                  (SELECT case_id FROM {table} WHERE id = a.entity_id))"
        ));
    }
    case_id.push_str(" END");
    let entities: Vec<String> = ["cases", "case_link"]
        .iter()
        .chain(CASE_PARTS)
        .map(|t| format!("'{t}'"))
        .collect();
    let sql = format!(
        "SELECT {cols}, (SELECT reference FROM cases k WHERE k.id = {case_id}) AS reference
         FROM audit a WHERE {entity} IN ({list}) ORDER BY a.seq DESC LIMIT ?1",
        cols = ENTRY_COLUMNS
            .split(", ")
            .map(|c| format!("a.{c}"))
            .collect::<Vec<_>>()
            .join(", "),
        entity = d.unindexed("a.entity"),
        list = entities.join(", ")
    );
    conn.rows(&sql, &sql_params![limit as i64])?
        .iter()
        .map(|r| {
            Ok(Activity {
                entry: entry_from_row(r)?,
                reference: r.get("reference")?,
            })
        })
        .collect()
}
