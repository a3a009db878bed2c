//! Every audited record compared with the state the audit trail says it should be in.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use super::Problem;
use crate::audit::{self, Snapshot};
use crate::sql::{Param, Sql};
use crate::Result;

pub(super) fn check_records(
    conn: &impl Sql,
    entries: &[audit::Entry],
    problems: &mut Vec<Problem>,
) -> Result<usize> {
    // What the audit trail says each record should be now.
    let mut expected: HashMap<(String, i64), Expected> = HashMap::new();
    for e in entries {
        let changes: Value = serde_json::from_str(&e.changes).unwrap_or(Value::Null);
        let key = (e.entity.clone(), e.entity_id);
        let state = expected.remove(&key).and_then(|x| x.state);
        expected.insert(
            key,
            Expected {
                state: audit::replay(state, &e.action, &changes),
                state_hash: e.state_hash.clone(),
                seq: e.seq,
            },
        );
    }
    let mut checked = 0;
    for entity in audit::audited() {
        let ids: Vec<i64> = conn
            .rows(&format!("SELECT id FROM {entity} ORDER BY id"), &[])?
            .iter()
            .map(|r| r.get(0))
            .collect::<Result<_>>()?;
        for id in &ids {
            checked += 1;
            let actual = audit::snapshot(conn, entity, *id)?;
            let detail = match (expected.get(&(entity.to_string(), *id)), actual) {
                (None, _) => {
                    Some("is not in the audit trail: it was added outside Casebook".to_string())
                }
                (
                    Some(Expected {
                        state: None, seq, ..
                    }),
                    _,
                ) => Some(format!(
                    "was deleted (audit entry {seq}) but is present again"
                )),
                (
                    Some(Expected {
                        state: Some(want),
                        state_hash,
                        seq,
                    }),
                    Some(have),
                ) if !hash_matches(state_hash.as_deref(), entity, &have) => Some(format!(
                    "has been changed outside Casebook since audit entry {seq}: {}",
                    describe_difference(want, &have)
                )),
                _ => None,
            };
            // Naming the case or councillor costs a query: only for records with a problem.
            if let Some(detail) = detail {
                problems.push(Problem {
                    area: "record",
                    location: record_location(conn, entity, *id)?,
                    detail,
                });
            }
        }
        let present: std::collections::HashSet<i64> = ids.into_iter().collect();
        for ((e, id), Expected { state, seq, .. }) in &expected {
            if e == entity && state.is_some() && !present.contains(id) {
                problems.push(Problem {
                    area: "record",
                    location: format!("{entity} {id}"),
                    detail: format!(
                        "is missing: the audit trail (entry {seq}) says it exists; it was deleted outside Casebook"
                    ),
                });
            }
        }
    }
    problems.sort_by(|a, b| (a.area, &a.location).cmp(&(b.area, &b.location)));
    Ok(checked)
}

/// `cases 7 (SC-2026-007)`; other records hanging off a case name it too.
fn record_location(conn: &impl Sql, entity: &str, id: i64) -> Result<String> {
    let part_sql;
    let sql = match entity {
        "cases" => "SELECT reference FROM cases WHERE id = ?1",
        "councillor" => "SELECT name FROM councillor WHERE id = ?1",
        _ if audit::CASE_PARTS.contains(&entity) => {
            // The table name comes from the fixed list of audited case parts.
            part_sql = format!(
                "SELECT k.reference FROM {entity} x JOIN cases k ON k.id = x.case_id WHERE x.id = ?1"
            );
            part_sql.as_str()
        }
        _ => return Ok(format!("{entity} {id}")),
    };
    let label: Option<String> = conn.value_opt(sql, &[Param::Int(id)])?;
    Ok(match label {
        Some(l) => format!("{entity} {id} ({l})"),
        None => format!("{entity} {id}"),
    })
}

/// Whether `recorded` is the hash of the record as it is: as [`audit::state_hash`] makes it, or
/// as a desktop app before it did ([`audit::column_order_state_hash`]).
fn hash_matches(recorded: Option<&str>, entity: &str, have: &Snapshot) -> bool {
    recorded.is_some_and(|r| {
        r == audit::state_hash(have) || r == audit::column_order_state_hash(entity, have)
    })
}

/// A record's state according to the audit trail: replayed fields, the recorded hash, and the
/// number of the last entry about it.
struct Expected {
    state: Option<Snapshot>,
    state_hash: Option<String>,
    seq: i64,
}

fn describe_difference(want: &Snapshot, have: &Snapshot) -> String {
    let fields: BTreeSet<&str> = want
        .keys()
        .chain(have.keys())
        .filter(|k| want.get(*k) != have.get(*k))
        .map(String::as_str)
        .collect();
    if fields.is_empty() {
        "its recorded hash does not match".into()
    } else {
        let names: Vec<&str> = fields.into_iter().collect();
        format!(
            "field(s) {} differ from the audited values",
            names.join(", ")
        )
    }
}
