//! [`Sql`] on PostgreSQL: a connection that keeps each statement prepared once (the server runs
//! the same few hundred statements all day), and transactions on it.
//!
//! Values follow SQLite's storage classes: integers go to whichever integer, boolean or real
//! column the statement has there, text to text, bytes to `bytea`; a value that does not fit its
//! column is an error naming the column's type, never a silent conversion.

use std::cell::RefCell;
use std::collections::HashMap;
use std::error::Error as StdError;
use std::sync::Arc;

use bytes::BytesMut;
use postgres::types::{FromSql, IsNull, ToSql, Type};
use postgres::{Client, GenericClient, NoTls, Statement, Transaction};

use super::{numbered_for_postgres, Dialect, Param, Row, Sql, Value};
use crate::{Error, Result};

type BoxError = Box<dyn StdError + Sync + Send>;

impl ToSql for Param<'_> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, BoxError> {
        match (self, ty) {
            (Param::Null, _) => Ok(IsNull::Yes),
            (Param::Int(i), &Type::INT8) => i.to_sql(ty, out),
            (Param::Int(i), &Type::INT4) => i32::try_from(*i)?.to_sql(ty, out),
            (Param::Int(i), &Type::INT2) => i16::try_from(*i)?.to_sql(ty, out),
            (Param::Int(i), &Type::BOOL) => (*i != 0).to_sql(ty, out),
            (Param::Int(i), &Type::FLOAT8) => (*i as f64).to_sql(ty, out),
            (Param::Real(f), &Type::FLOAT8) => f.to_sql(ty, out),
            (Param::Text(s), _) if <&str as ToSql>::accepts(ty) => s.as_ref().to_sql(ty, out),
            (Param::Blob(b), &Type::BYTEA) => b.as_ref().to_sql(ty, out),
            (v, ty) => Err(format!("{v:?} does not fit a column of type {ty}").into()),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

impl<'a> FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Value, BoxError> {
        Ok(match *ty {
            Type::INT8 => Value::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Int(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => Value::Int(i16::from_sql(ty, raw)?.into()),
            Type::BOOL => Value::Int(bool::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::BYTEA => Value::Blob(raw.to_vec()),
            ref t if <String as FromSql>::accepts(t) => Value::Text(String::from_sql(ty, raw)?),
            ref t => return Err(format!("a column of type {t} is not read by the store").into()),
        })
    }

    fn from_sql_null(_: &Type) -> std::result::Result<Value, BoxError> {
        Ok(Value::Null)
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// PostgreSQL's error with its cause ("error serializing parameter 0: Text(..) does not fit…").
pub(crate) fn db_error(e: postgres::Error) -> Error {
    match e.source() {
        Some(cause) => Error::Db(format!("{e}: {cause}")),
        None => Error::Db(e.to_string()),
    }
}

/// Prepared statements by their text, kept for the connection's life.
type Prepared = HashMap<String, Statement>;

/// A connection to the team server's PostgreSQL database. As [`Sql`], each statement run on it
/// is its own transaction; [`PgConn::transaction`] groups several.
pub struct PgConn {
    client: RefCell<Client>,
    prepared: RefCell<Prepared>,
}

/// A transaction on a [`PgConn`]: everything run in it is kept by [`PgTx::commit`], or none of it
/// (dropped without committing, it rolls back).
pub struct PgTx<'c> {
    tx: RefCell<Transaction<'c>>,
    prepared: RefCell<&'c mut Prepared>,
}

impl PgConn {
    /// Connects to the database at `url` (any libpq URL or key=value string).
    pub fn connect(url: &str) -> Result<PgConn> {
        let client = Client::connect(url, NoTls).map_err(|e| {
            Error::Unavailable(format!("database: cannot connect to PostgreSQL: {e}"))
        })?;
        Ok(PgConn::from_client(client))
    }

    pub fn from_client(client: Client) -> PgConn {
        PgConn {
            client: RefCell::new(client),
            prepared: RefCell::default(),
        }
    }

    /// The connection itself (for migrations and whole scripts).
    pub fn client(&mut self) -> &mut Client {
        self.client.get_mut()
    }

    /// Starts a transaction.
    pub fn transaction(&mut self) -> Result<PgTx<'_>> {
        let tx = self.client.get_mut().transaction().map_err(db_error)?;
        Ok(PgTx {
            tx: RefCell::new(tx),
            prepared: RefCell::new(self.prepared.get_mut()),
        })
    }
}

impl PgTx<'_> {
    /// Keeps everything run in the transaction.
    pub fn commit(self) -> Result<()> {
        self.tx.into_inner().commit().map_err(db_error)
    }
}

/// `sql` prepared on `client`, once per connection.
fn statement(
    client: &mut impl GenericClient,
    prepared: &mut Prepared,
    sql: &str,
) -> Result<Statement> {
    if let Some(s) = prepared.get(sql) {
        return Ok(s.clone());
    }
    let s = client.prepare(&numbered_for_postgres(sql)).map_err(|e| {
        // The statement's opening words say which one PostgreSQL could not take.
        let start: String = sql
            .split_whitespace()
            .take(12)
            .collect::<Vec<_>>()
            .join(" ");
        Error::Db(format!("{}: in `{start}…`", db_error(e)))
    })?;
    prepared.insert(sql.to_string(), s.clone());
    Ok(s)
}

fn refs<'p>(params: &'p [Param<'_>]) -> Vec<&'p (dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

fn run_on(
    c: &mut impl GenericClient,
    p: &mut Prepared,
    sql: &str,
    params: &[Param<'_>],
) -> Result<usize> {
    let s = statement(c, p, sql)?;
    let n = c.execute(&s, &refs(params)).map_err(db_error)?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// Runs `sql` on `c`, handing `f` each row as it comes.
fn each_on(
    c: &mut impl GenericClient,
    p: &mut Prepared,
    sql: &str,
    params: &[Param<'_>],
    f: &mut dyn FnMut(Row) -> Result<()>,
) -> Result<()> {
    use postgres::fallible_iterator::FallibleIterator;
    let s = statement(c, p, sql)?;
    let names: Arc<[String]> = s.columns().iter().map(|c| c.name().to_string()).collect();
    let mut rows = c.query_raw(&s, params.iter()).map_err(db_error)?;
    while let Some(r) = rows.next().map_err(db_error)? {
        let values = (0..names.len())
            .map(|i| r.try_get::<_, Value>(i).map_err(db_error))
            .collect::<Result<Vec<_>>>()?;
        f(Row::new(names.clone(), values))?;
    }
    Ok(())
}

/// [`Sql`] on a PostgreSQL session that is `$client` (a `RefCell` of a [`GenericClient`]), with
/// its statements kept in `$prepared`.
macro_rules! sql_on_postgres {
    ($type:ty, $client:ident, $prepared:ident) => {
        impl Sql for $type {
            fn dialect(&self) -> Dialect {
                Dialect::Postgres
            }

            fn run(&self, sql: &str, params: &[Param<'_>]) -> Result<usize> {
                let mut p = self.$prepared.borrow_mut();
                run_on(&mut *self.$client.borrow_mut(), &mut p, sql, params)
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
                let mut p = self.$prepared.borrow_mut();
                each_on(&mut *self.$client.borrow_mut(), &mut p, sql, params, f)
            }

            fn insert(&self, sql: &str, params: &[Param<'_>]) -> Result<i64> {
                self.value(&format!("{sql} RETURNING id"), params)
            }
        }
    };
}

sql_on_postgres!(PgTx<'_>, tx, prepared);
sql_on_postgres!(PgConn, client, prepared);
