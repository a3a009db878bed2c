//! [`Sql`] on SQLite: a connection (or, through `Deref`, a transaction), its statements kept in
//! the connection's cache.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params_from_iter, Connection, ToSql, Transaction};

use super::{Dialect, Param, Row, Sql, Value};
use crate::Result;

impl ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Param::Null => ValueRef::Null,
            Param::Int(i) => ValueRef::Integer(*i),
            Param::Real(f) => ValueRef::Real(*f),
            Param::Text(s) => ValueRef::Text(s.as_bytes()),
            Param::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

/// The column names of each query's result, made once per statement text (a row read by name
/// looks its column up in them): an import runs some sixty statements a row.
fn names_of(sql: &str, stmt: &rusqlite::Statement<'_>) -> Arc<[String]> {
    thread_local! {
        static NAMES: RefCell<HashMap<String, Arc<[String]>>> = RefCell::new(HashMap::new());
    }
    NAMES.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(names) = cache.get(sql) {
            return names.clone();
        }
        let names: Arc<[String]> = stmt.column_names().into_iter().map(String::from).collect();
        // Twice as many texts as a connection keeps prepared statements; queries made afresh
        // (with their own text) would otherwise pile up.
        if cache.len() >= 1024 {
            cache.clear();
        }
        cache.insert(sql.to_string(), names.clone());
        names
    })
}

fn value_of(v: ValueRef<'_>) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Real(f),
        // Text Casebook wrote is UTF-8; anything else is shown with replacement characters.
        ValueRef::Text(t) => Value::Text(match std::str::from_utf8(t) {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(t).into_owned(),
        }),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

impl Sql for Connection {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn run(&self, sql: &str, params: &[Param<'_>]) -> Result<usize> {
        Ok(self
            .prepare_cached(sql)?
            .execute(params_from_iter(params.iter()))?)
    }

    fn rows(&self, sql: &str, params: &[Param<'_>]) -> Result<Vec<Row>> {
        let mut out = Vec::new();
        self.each(sql, params, &mut |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }

    fn each(
        &self,
        sql: &str,
        params: &[Param<'_>],
        f: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.prepare_cached(sql)?;
        let width = stmt.column_count();
        // Looked up at the first row: many queries find none.
        let mut names: Option<Arc<[String]>> = None;
        let mut rows = stmt.query(params_from_iter(params.iter()))?;
        while let Some(r) = rows.next()? {
            let values = (0..width)
                .map(|i| r.get_ref(i).map(value_of))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let names = names.get_or_insert_with(|| names_of(sql, r.as_ref()));
            f(Row::new(names.clone(), values))?;
        }
        Ok(())
    }

    fn insert(&self, sql: &str, params: &[Param<'_>]) -> Result<i64> {
        self.run(sql, params)?;
        Ok(self.last_insert_rowid())
    }
}

/// A transaction runs its statements on its connection.
impl Sql for Transaction<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn run(&self, sql: &str, params: &[Param<'_>]) -> Result<usize> {
        Connection::run(self, sql, params)
    }

    fn rows(&self, sql: &str, params: &[Param<'_>]) -> Result<Vec<Row>> {
        Connection::rows(self, sql, params)
    }

    fn each(
        &self,
        sql: &str,
        params: &[Param<'_>],
        f: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<()> {
        Connection::each(self, sql, params, f)
    }

    fn insert(&self, sql: &str, params: &[Param<'_>]) -> Result<i64> {
        Connection::insert(self, sql, params)
    }
}
