//! One-statement queries and changes through the connection's statement cache: rusqlite's own
//! `query_row` and `execute` parse their SQL afresh each call, which an import (tens of
//! statements a row) or a report (one a case) pays for thousands of times.

use rusqlite::{Connection, Params, Row};

pub(crate) trait Cached {
    /// As [`Connection::query_row`], with the statement kept in the cache.
    fn row<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>;

    /// As [`Connection::execute`], with the statement kept in the cache.
    fn run<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize>;
}

impl Cached for Connection {
    fn row<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    fn run<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }
}
