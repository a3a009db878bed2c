//! Moving a desktop Casebook (an SQLite file) into a council's schema on the team server: every
//! record copied as it is, in one PostgreSQL transaction, so the audit trail's hashes, the access
//! log's chain and every stored file's SHA-256 arrive unchanged; then the derived tables (search,
//! kept progress) made afresh and the whole council checked as `verify` checks a file. Anything
//! short of a clean check rolls the move back.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::Connection;
use serde::Serialize;

use crate::sql::{Param, Sql};
use crate::{audit, progress, search, verify, Error, Result};

/// What a move brought in.
#[derive(Debug, Clone, Serialize)]
pub struct Moved {
    pub council_id: i64,
    /// Rows copied, by table.
    pub tables: BTreeMap<String, usize>,
    pub audit_entries: usize,
    pub evidence_items: usize,
    pub blobs_rehashed: usize,
    pub head: Option<audit::Head>,
}

/// Tables made from the others on each engine (the search index, each case's kept progress and
/// due dates), and each engine's own bookkeeping: made afresh on the server, not copied.
fn derived(table: &str) -> bool {
    table.starts_with("sqlite_")
        || table.starts_with("case_search")
        || matches!(
            table,
            "case_progress" | "case_due" | "refinery_schema_history"
        )
}

/// The file's tables in an order where each comes after every table it refers to.
fn in_reference_order(file: &Connection) -> Result<Vec<String>> {
    let names: Vec<String> = file
        .rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
            &[],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<Vec<String>>>()?
        .into_iter()
        .filter(|n| !derived(n))
        .collect();
    let mut refers: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for n in &names {
        let parents = file
            .rows(
                "SELECT \"table\" FROM pragma_foreign_key_list(?1)",
                &[Param::from(n)],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect::<Result<BTreeSet<String>>>()?;
        refers.insert(n.clone(), parents.into_iter().filter(|p| p != n).collect());
    }
    let mut order = Vec::new();
    let mut placed = BTreeSet::new();
    while order.len() < names.len() {
        let ready: Vec<String> = names
            .iter()
            .filter(|n| !placed.contains(*n))
            .filter(|n| refers[*n].iter().all(|p| placed.contains(p)))
            .cloned()
            .collect();
        if ready.is_empty() {
            return Err(Error::invalid(
                "file",
                "its tables refer to each other in a circle; it is not a Casebook database",
            ));
        }
        for n in ready {
            placed.insert(n.clone());
            order.push(n);
        }
    }
    Ok(order)
}

/// Column names of `table` in the file.
fn file_columns(file: &Connection, table: &str) -> Result<Vec<String>> {
    file.rows(
        "SELECT name FROM pragma_table_info(?1)",
        &[Param::from(table)],
    )?
    .iter()
    .map(|r| r.get(0))
    .collect()
}

/// Copies the desktop database `file` (already opened, so at the newest schema, and checked by
/// the caller) into council `council_id`'s schema at `url`, which must hold no case yet: its
/// seeded catalogue and settings are replaced by the file's. The trail's head on the server must
/// equal the file's, and the server's copy must pass every check of `verify`.
pub fn move_in(url: &str, council_id: i64, file: &Connection) -> Result<Moved> {
    let mut server = crate::council::open_council(url, council_id)?;
    let tx = server.transaction()?;
    let held: i64 = tx.value("SELECT count(*) FROM cases", &[])?;
    if held > 0 {
        return Err(Error::invalid(
            "council",
            format!(
                "council {council_id} already holds {held} case(s) on the server; a file moves \
                 only into a council with none. Nothing was changed."
            ),
        ));
    }
    let order = in_reference_order(file)?;
    // Every table of the council's schema starts empty (the schema's seed included); TRUNCATE
    // fires no row triggers, and the append-only tables are empty in a council with no case.
    let every: Vec<String> = tx
        .rows(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
             AND tablename <> 'refinery_schema_history' ORDER BY tablename",
            &[],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<_>>()?;
    let server_tables: BTreeSet<&str> = every.iter().map(String::as_str).collect();
    // Names come from the database's own catalogue, quoted.
    let quoted: Vec<String> = every.iter().map(|t| quote(t)).collect();
    tx.run(
        &format!("TRUNCATE {} RESTART IDENTITY", quoted.join(", ")),
        &[],
    )?;
    let mut tables = BTreeMap::new();
    for table in &order {
        if !server_tables.contains(table.as_str()) {
            return Err(Error::invalid(
                "file",
                format!(
                    "its table {table} has no place on this server: the file is from a newer \
                     Casebook. Nothing was changed."
                ),
            ));
        }
        let columns = file_columns(file, table)?;
        let wanted: BTreeSet<String> = tx
            .rows(
                "SELECT column_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = ?1",
                &[Param::from(table)],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect::<Result<_>>()?;
        if let Some(c) = columns.iter().find(|c| !wanted.contains(*c)) {
            return Err(Error::invalid(
                "file",
                format!(
                    "its column {table}.{c} has no place on this server: the file is from a newer \
                     Casebook. Nothing was changed."
                ),
            ));
        }
        let names: Vec<String> = columns.iter().map(|c| quote(c)).collect();
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let insert = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            quote(table),
            names.join(", "),
            marks.join(", ")
        );
        let select = format!(
            "SELECT {} FROM {} ORDER BY rowid",
            names.join(", "),
            quote(table)
        );
        let mut copied = 0;
        file.each(&select, &[], &mut |row| {
            let params: Vec<Param<'static>> =
                row.into_values().into_iter().map(Param::from).collect();
            tx.run(&insert, &params)?;
            copied += 1;
            Ok(())
        })?;
        tables.insert(table.clone(), copied);
    }
    // Identities go on from the highest id copied.
    let serials: Vec<(String, String)> = tx
        .rows(
            "SELECT table_name, column_name FROM information_schema.columns
             WHERE table_schema = current_schema()
               AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL",
            &[],
        )?
        .iter()
        .map(|r| Ok((r.get(0)?, r.get(1)?)))
        .collect::<Result<_>>()?;
    for (table, column) in serials {
        tx.run(
            &format!(
                "SELECT setval(pg_get_serial_sequence(?1, ?2),
                               coalesce((SELECT max({c}) FROM {t}), 0) + 1, false)",
                c = quote(&column),
                t = quote(&table)
            ),
            &[Param::from(quote(&table)), Param::from(column.as_str())],
        )?;
    }
    search::rebuild_all(&tx)?;
    progress::rebuild_all(&tx)?;
    let report = verify::verify(&tx)?;
    if let Some(p) = report.problems.first() {
        return Err(Error::invalid(
            "file",
            format!(
                "the copy on the server fails verify ({} problem(s); the first: {} {}: {}); \
                 nothing was moved",
                report.problems.len(),
                p.area,
                p.location,
                p.detail
            ),
        ));
    }
    let head = audit::head(file)?;
    if report.head != head {
        return Err(Error::invalid(
            "file",
            "the audit trail's head on the server differs from the file's; nothing was moved",
        ));
    }
    tx.commit()?;
    Ok(Moved {
        council_id,
        tables,
        audit_entries: report.audit_entries,
        evidence_items: report.evidence_items,
        blobs_rehashed: report.blobs_rehashed,
        head,
    })
}

/// A name from a database's own catalogue, quoted for SQL.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
