//! A council's Casebook on the team server: its own PostgreSQL schema (`council_<id>`) with the
//! same tables and rules as a desktop file's, opened and brought up to date here, and the one way
//! to change it ([`CouncilDb::write`]), as [`crate::Db::write`] is for a file.

use casebook_domain::{Error, Result};

use crate::sql::pg::{db_error, PgConn, PgTx};
use crate::sql::Sql;
use crate::{progress, search};

mod council_migrations {
    refinery::embed_migrations!("migrations-pg-council");
}

/// Connects to the database at `url` to work on council `council_id`'s Casebook: its own schema
/// (`council_<id>`, made and brought up to date here) with the same tables as a desktop file's.
/// Nothing run on this connection can reach another council's rows.
pub fn open_council(url: &str, council_id: i64) -> Result<PgConn> {
    let mut conn = PgConn::connect(url)?;
    crate::team::migrate(conn.client())?;
    // The schema's name is made from a number, never from text.
    let schema = format!("council_{council_id}");
    conn.client()
        .batch_execute(&format!(
            "CREATE SCHEMA IF NOT EXISTS {schema}; SET search_path TO {schema};"
        ))
        .map_err(db_error)?;
    council_migrations::migrations::runner()
        .run(conn.client())
        .map_err(|e| Error::Migration(e.to_string()))?;
    conn.client()
        .batch_execute(crate::audit::TOUCHED_TABLE)
        .map_err(db_error)?;
    Ok(conn)
}

/// One council's Casebook, on one connection of its own.
pub struct CouncilDb {
    conn: PgConn,
    id: i64,
}

impl CouncilDb {
    /// Opens council `council_id`'s Casebook at `url` (see [`open_council`]).
    pub fn open(url: &str, council_id: i64) -> Result<CouncilDb> {
        Ok(CouncilDb {
            conn: open_council(url, council_id)?,
            id: council_id,
        })
    }

    pub fn id(&self) -> i64 {
        self.id
    }

    /// The connection, for reading outside a transaction (each statement sees what is committed
    /// when it runs), as [`crate::Db::conn`] is for a file.
    pub fn conn(&self) -> &PgConn {
        &self.conn
    }

    /// Runs `f` in one transaction: all of it is stored, or (on any error) none of it. The search
    /// index and kept progress of every case it changed are brought up to date before the commit.
    pub fn write<T>(&mut self, f: impl FnOnce(&PgTx<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let out = f(&tx)?;
        progress::refresh_touched(&tx)?;
        search::reindex_touched(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in a transaction that is then rolled back, whatever `f` returns: a dry run.
    pub fn trial<T>(&mut self, f: impl FnOnce(&PgTx<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        f(&tx)
    }

    /// Runs `f` on one consistent view of the council's records (a read-only transaction).
    pub fn read<T>(&mut self, f: impl FnOnce(&PgTx<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        tx.run("SET TRANSACTION READ ONLY", &[])?;
        f(&tx)
    }
}
