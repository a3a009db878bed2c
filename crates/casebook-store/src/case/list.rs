//! Listing cases: the filters, the sorts and the pages of the case list, in SQL on indexed
//! columns and each case's kept progress (see [`crate::progress`]).

use serde::{Deserialize, Serialize};

use super::platform;
use crate::sql::{Dialect, Param, Row, Spelled, Sql};
use crate::{text, Error, Result};

/// Which cases to list; every field narrows the list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub year: Option<i32>,
    pub councillor_id: Option<i64>,
    pub council: Option<String>,
    pub platform: Option<String>,
    /// A catalogue code (R5, L8, …) the case is tagged with.
    pub tag: Option<String>,
    /// in capacity / not in capacity / undetermined
    pub determination: Option<String>,
    /// A procedure stage (received … closed), or "open" for every case not closed.
    pub stage: Option<String>,
    /// Words to find, as in `search::search` (every word; the last may be a prefix).
    pub words: Option<String>,
    /// On the team server: only the cases this account has a duty on (see `assignment`).
    pub assigned_to: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "CaseSummary")]
pub struct Summary {
    pub id: i64,
    pub reference: String,
    pub received_on: String,
    pub councillor_id: i64,
    pub councillor: String,
    pub council: String,
    pub platform: String,
    pub summary: String,
    pub capacity_determination: String,
    /// Procedure stage: received, acknowledged, … closed.
    pub stage: String,
    /// Catalogue codes the case is tagged with, in catalogue order.
    pub tags: Vec<String>,
    pub evidence_count: i64,
}

/// The columns of a [`Summary`], for the case `k` (its councillor `c`, its kept progress `p`).
fn summary_sql(d: Dialect) -> String {
    let tags = match d {
        Dialect::Sqlite => {
            "SELECT group_concat(code, ';') FROM (SELECT i.code FROM case_tag t
             JOIN catalogue_item i ON i.id = t.item_id WHERE t.case_id = k.id ORDER BY i.position)"
        }
        Dialect::Postgres => {
            "SELECT string_agg(i.code, ';' ORDER BY i.position) FROM case_tag t
             JOIN catalogue_item i ON i.id = t.item_id WHERE t.case_id = k.id"
        }
    };
    format!(
        "SELECT k.id, k.reference, k.received_on, c.id AS councillor_id,
            c.name AS councillor, c.council, k.platform, k.summary, k.capacity_determination,
            ({tags}) AS tags,
            (SELECT count(*) FROM evidence e WHERE e.case_id = k.id) AS evidence_count,
            p.stage
         FROM cases k JOIN councillor c ON c.id = k.councillor_id
         JOIN case_progress p ON p.case_id = k.id"
    )
}

/// One case's [`Summary`].
static SUMMARY_OF_ONE: Spelled = Spelled::new(|d| format!("{} WHERE k.id = ?1", summary_sql(d)));

/// A filter's `WHERE` clause (over `k`, `c` and `p`), its arguments, and whether it reads the
/// councillor `c` and the kept progress `p`.
struct Clause {
    sql: String,
    args: Vec<Param<'static>>,
    councillor: bool,
    progress: bool,
}

impl Clause {
    /// The `FROM` this clause reads: with `every` join (a sort may read the councillor or the
    /// stage), or, to count its matches, the councillor and the kept progress only when it reads
    /// them (each case has exactly one of each), so an unfiltered count reads an index of the
    /// cases not disposed of, not every case's row.
    fn from(&self, every: bool) -> String {
        let mut from = String::from("FROM cases k");
        if every || self.councillor {
            from.push_str(" JOIN councillor c ON c.id = k.councillor_id");
        }
        if every || self.progress {
            from.push_str(" JOIN case_progress p ON p.case_id = k.id");
        }
        from
    }
}

/// The `WHERE` clause (over `k`, `c` and `p`) and its arguments for `filter`.
fn filtered(d: Dialect, filter: &Filter) -> Result<Clause> {
    let mut sql = String::from(" WHERE k.disposal_id IS NULL");
    let mut args: Vec<Param<'static>> = Vec::new();
    let (mut councillor, mut progress) = (false, false);
    if let Some(y) = filter.year {
        // A range on the indexed date rather than a function of it.
        sql.push_str(" AND k.received_on BETWEEN ? AND ?");
        args.push(Param::from(format!("{y:04}-01-01")));
        args.push(Param::from(format!("{y:04}-12-31")));
    }
    if let Some(id) = filter.councillor_id {
        sql.push_str(" AND k.councillor_id = ?");
        args.push(Param::from(id));
    }
    if let Some(council) = &filter.council {
        councillor = true;
        sql.push_str(" AND ");
        sql.push_str(&d.nocase_eq("c.council", "?"));
        args.push(Param::from(council.trim().to_string()));
    }
    if let Some(p) = &filter.platform {
        sql.push_str(" AND k.platform = ?");
        args.push(Param::from(platform("platform", p)?));
    }
    if let Some(code) = &filter.tag {
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM case_tag t JOIN catalogue_item i ON i.id = t.item_id
                          WHERE t.case_id = k.id AND {})",
            d.nocase_eq("i.code", "?")
        ));
        args.push(Param::from(code.trim().to_string()));
    }
    if let Some(d) = &filter.determination {
        let d = text::one_of(
            "determination",
            d,
            casebook_domain::vocabulary::DETERMINATIONS,
        )?;
        sql.push_str(" AND k.capacity_determination = ?");
        args.push(Param::from(d.to_string()));
    }
    if let Some(words) = filter.words.as_deref() {
        let found = match d {
            Dialect::Sqlite => casebook_domain::text::fts_query(words).map(|q| {
                (
                    " AND k.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)",
                    q,
                )
            }),
            Dialect::Postgres => casebook_domain::text::ts_query(words).map(|q| {
                (
                    " AND k.id IN (SELECT rowid FROM case_search
                                   WHERE words @@ to_tsquery('english', ?))",
                    q,
                )
            }),
        };
        if let Some((clause, q)) = found {
            sql.push_str(clause);
            args.push(Param::from(q));
        }
    }
    if let Some(account) = filter.assigned_to {
        sql.push_str(" AND k.id IN (SELECT case_id FROM case_assignment WHERE account_id = ?)");
        args.push(Param::Int(account));
    }
    match filter.stage.as_deref().map(str::trim) {
        None | Some("") => {}
        Some(s) if s.eq_ignore_ascii_case("open") => {
            progress = true;
            sql.push_str(" AND p.stage <> 'closed'");
        }
        Some(s) => {
            let s = text::one_of("stage", s, casebook_domain::procedure::STAGES)?;
            progress = true;
            sql.push_str(" AND p.stage = ?");
            args.push(Param::from(s.to_string()));
        }
    }
    Ok(Clause {
        sql,
        args,
        councillor,
        progress,
    })
}

fn summary_from_row(r: &Row) -> Result<Summary> {
    let tags: Option<String> = r.get("tags")?;
    Ok(Summary {
        id: r.get("id")?,
        reference: r.get("reference")?,
        received_on: r.get("received_on")?,
        councillor_id: r.get("councillor_id")?,
        councillor: r.get("councillor")?,
        council: r.get("council")?,
        platform: r.get("platform")?,
        summary: r.get("summary")?,
        capacity_determination: r.get("capacity_determination")?,
        tags: tags
            .map(|t| t.split(';').map(String::from).collect())
            .unwrap_or_default(),
        evidence_count: r.get("evidence_count")?,
        stage: r.get("stage")?,
    })
}

/// Cases matching `filter`, newest first (every one: for a councillor's page, an export; the case
/// list pages through [`page`]).
pub fn list(conn: &impl Sql, filter: &Filter) -> Result<Vec<Summary>> {
    let d = conn.dialect();
    let Clause { sql, args, .. } = filtered(d, filter)?;
    let sql = format!(
        "{}{sql} ORDER BY k.received_on DESC, k.reference DESC, k.id DESC",
        summary_sql(d)
    );
    conn.rows(&sql, &args)?
        .iter()
        .map(summary_from_row)
        .collect()
}

/// What the case list can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "CaseSortKey")]
pub enum SortKey {
    Reference,
    #[default]
    ReceivedOn,
    Councillor,
    Platform,
    /// In the procedure's order.
    Stage,
    CapacityDetermination,
}

/// A sort of the case list: a key and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export, rename = "CaseSort")]
pub struct Sort {
    pub key: SortKey,
    pub ascending: bool,
}

impl Default for Sort {
    /// Newest first.
    fn default() -> Self {
        Sort {
            key: SortKey::ReceivedOn,
            ascending: false,
        }
    }
}

impl Sort {
    /// The `ORDER BY` for this sort; ties newest first, then by id, so pages never overlap.
    fn order_by(self, d: Dialect) -> String {
        let dir = if self.ascending { "ASC" } else { "DESC" };
        let first = match self.key {
            SortKey::ReceivedOn => format!("k.received_on {dir}, k.reference {dir}"),
            // SC-2026-014: by year, then number (which may outgrow three digits).
            SortKey::Reference => format!(
                "substr(k.reference, 4, 4) {dir}, CAST(substr(k.reference, 9) AS INTEGER) {dir}"
            ),
            SortKey::Councillor => match d {
                Dialect::Sqlite => format!("c.name COLLATE NOCASE {dir}"),
                Dialect::Postgres => format!("lower(c.name) {dir}"),
            },
            SortKey::Platform => format!("k.platform {dir}"),
            SortKey::Stage => format!("p.stage_rank {dir}"),
            SortKey::CapacityDetermination => format!("k.capacity_determination {dir}"),
        };
        format!(" ORDER BY {first}, k.received_on DESC, k.id DESC")
    }
}

/// One page of the case list.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "CaseListPage")]
pub struct Page {
    /// How many cases match the filter in all.
    pub total: i64,
    /// The position of the first row in the whole list.
    pub offset: i64,
    pub rows: Vec<Summary>,
}

/// The most rows one page may hold.
pub const MAX_PAGE: u32 = 500;

/// Up to `limit` cases matching `filter` in `sort` order from position `offset`, and how many
/// match in all. Filtering, sorting and counting happen in SQL on indexed columns; only the rows
/// of the page are read in full.
pub fn page(conn: &impl Sql, filter: &Filter, sort: Sort, offset: u32, limit: u32) -> Result<Page> {
    if limit == 0 || limit > MAX_PAGE {
        return Err(Error::invalid(
            "limit",
            format!("must be between 1 and {MAX_PAGE} rows, not {limit}"),
        ));
    }
    let d = conn.dialect();
    let clause = filtered(d, filter)?;
    let (sql, args) = (&clause.sql, &clause.args);
    let total: i64 = conn.value(
        &format!("SELECT count(*) {}{sql}", clause.from(false)),
        args,
    )?;
    let ids: Vec<i64> = conn
        .rows(
            &format!(
                "SELECT k.id {}{sql}{} LIMIT {limit} OFFSET {offset}",
                clause.from(true),
                sort.order_by(d)
            ),
            args,
        )?
        .iter()
        .map(|r| r.get(0))
        .collect::<Result<_>>()?;
    let one = SUMMARY_OF_ONE.sql(d);
    let rows = ids
        .iter()
        .map(|id| summary_from_row(&conn.row(one, &[Param::Int(*id)])?))
        .collect::<Result<_>>()?;
    Ok(Page {
        total,
        offset: i64::from(offset),
        rows,
    })
}
