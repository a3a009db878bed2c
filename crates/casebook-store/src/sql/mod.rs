//! One way for the store to run a statement on either engine: SQLite (the desktop's file) or
//! PostgreSQL (the team server, feature `postgres`). The store's statements are written once, in
//! the SQL both engines take, with numbered parameters `?1`, `?2`… (turned into PostgreSQL's `$1`,
//! `$2`… when they run there); where the engines differ, a statement asks [`Sql::dialect`].
//!
//! Parameters go in as [`Param`]s and values come back as [`Value`]s (SQLite's five storage
//! classes); rows come back as [`Row`]s read by
//! column name or position into any [`FromValue`] type, with an error naming the column when a
//! value is not of the type asked for.

mod lite;
#[cfg(feature = "postgres")]
pub mod pg;

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use crate::{Error, Result};

/// The engine a statement runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// SQL for the integer at `key` of the JSON text in `column` (fixed names only: both are put
    /// into the statement as they are).
    pub fn json_int(self, column: &str, key: &str) -> String {
        match self {
            Dialect::Sqlite => format!("json_extract({column}, '$.{key}')"),
            Dialect::Postgres => format!("(({column})::jsonb ->> '{key}')::bigint"),
        }
    }

    /// SQL for `column` equal to `value` ignoring the case of ASCII letters, answered through
    /// the index each engine has for it (SQLite's NOCASE, PostgreSQL's on `lower(column)`).
    pub fn nocase_eq(self, column: &str, value: &str) -> String {
        match self {
            Dialect::Sqlite => format!("{column} = {value} COLLATE NOCASE"),
            Dialect::Postgres => format!("lower({column}) = lower({value})"),
        }
    }

    /// `INSERT` that skips a row whose key is already there: SQLite's `INSERT OR IGNORE` (its
    /// `ON CONFLICT DO NOTHING` keeps a statement journal, which costs most inside an import's
    /// savepoints), PostgreSQL's `ON CONFLICT DO NOTHING`. `rest` is the statement after
    /// `INSERT`, from `INTO`.
    pub fn insert_or_skip(self, rest: &str) -> String {
        match self {
            Dialect::Sqlite => format!("INSERT OR IGNORE {rest}"),
            Dialect::Postgres => format!("INSERT {rest} ON CONFLICT DO NOTHING"),
        }
    }

    /// An `INSERT` of `columns` into `table` that replaces the row with the same first column
    /// (its key): SQLite's `INSERT OR REPLACE`, PostgreSQL's `ON CONFLICT … DO UPDATE`. Fixed
    /// names only.
    pub fn replace_into(self, table: &str, columns: &[&str]) -> String {
        let params: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let (names, values) = (columns.join(", "), params.join(", "));
        match self {
            Dialect::Sqlite => {
                format!("INSERT OR REPLACE INTO {table} ({names}) VALUES ({values})")
            }
            Dialect::Postgres => {
                let set: Vec<String> = columns[1..]
                    .iter()
                    .map(|c| format!("{c} = excluded.{c}"))
                    .collect();
                format!(
                    "INSERT INTO {table} ({names}) VALUES ({values}) ON CONFLICT ({}) DO UPDATE SET {}",
                    columns[0],
                    set.join(", ")
                )
            }
        }
    }

    /// `column` as an expression SQLite will not answer through an index (its unary `+`), for a
    /// query better read in another order; PostgreSQL plans it as it is.
    pub fn unindexed(self, column: &str) -> String {
        match self {
            Dialect::Sqlite => format!("+{column}"),
            Dialect::Postgres => column.to_string(),
        }
    }
}

/// A statement whose text depends on the engine, made the first time each engine runs it: for
/// the statements an import runs on every row, where formatting the text each time would be
/// work done again and again. Declared as a `static` beside the code that runs it.
pub struct Spelled {
    make: fn(Dialect) -> String,
    sqlite: OnceLock<String>,
    postgres: OnceLock<String>,
}

impl Spelled {
    pub const fn new(make: fn(Dialect) -> String) -> Spelled {
        Spelled {
            make,
            sqlite: OnceLock::new(),
            postgres: OnceLock::new(),
        }
    }

    /// The statement as `d` spells it.
    pub fn sql(&'static self, d: Dialect) -> &'static str {
        let cell = match d {
            Dialect::Sqlite => &self.sqlite,
            Dialect::Postgres => &self.postgres,
        };
        cell.get_or_init(|| (self.make)(d))
    }
}

/// A value read from a statement's result.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
}

/// A value passed to a statement: text and bytes borrowed where the caller has them, so a
/// parameter costs no copy.
#[derive(Debug, Clone, PartialEq)]
pub enum Param<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
    Blob(Cow<'a, [u8]>),
}

impl From<i64> for Param<'_> {
    fn from(v: i64) -> Self {
        Param::Int(v)
    }
}

impl From<i32> for Param<'_> {
    fn from(v: i32) -> Self {
        Param::Int(v.into())
    }
}

impl From<u32> for Param<'_> {
    fn from(v: u32) -> Self {
        Param::Int(v.into())
    }
}

impl From<bool> for Param<'_> {
    fn from(v: bool) -> Self {
        Param::Int(v.into())
    }
}

impl From<f64> for Param<'_> {
    fn from(v: f64) -> Self {
        Param::Real(v)
    }
}

impl<'a> From<&'a str> for Param<'a> {
    fn from(v: &'a str) -> Self {
        Param::Text(Cow::Borrowed(v))
    }
}

impl From<String> for Param<'_> {
    fn from(v: String) -> Self {
        Param::Text(Cow::Owned(v))
    }
}

impl<'a> From<&'a String> for Param<'a> {
    fn from(v: &'a String) -> Self {
        Param::Text(Cow::Borrowed(v))
    }
}

impl<'a> From<&'a [u8]> for Param<'a> {
    fn from(v: &'a [u8]) -> Self {
        Param::Blob(Cow::Borrowed(v))
    }
}

impl From<Vec<u8>> for Param<'_> {
    fn from(v: Vec<u8>) -> Self {
        Param::Blob(Cow::Owned(v))
    }
}

/// A value read from one statement, passed on to another (a row copied between engines).
impl From<Value> for Param<'static> {
    fn from(v: Value) -> Self {
        match v {
            Value::Null => Param::Null,
            Value::Int(i) => Param::Int(i),
            Value::Real(f) => Param::Real(f),
            Value::Text(s) => Param::from(s),
            Value::Blob(b) => Param::from(b),
        }
    }
}

impl<'a, T: Into<Param<'a>>> From<Option<T>> for Param<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Param::Null, Into::into)
    }
}

/// Parameters for a statement: `sql_params![a, b]` gives `[Param; 2]`, borrowing what it can.
#[macro_export]
macro_rules! sql_params {
    ($($v:expr),* $(,)?) => {
        [$($crate::sql::Param::from($v)),*]
    };
}

/// A type a column's value can be read as.
pub trait FromValue: Sized {
    /// `column` names the column in the error when the value is not of this type.
    fn from_value(v: Value, column: &str) -> Result<Self>;
}

fn wrong_type(column: &str, wanted: &str, v: &Value) -> Error {
    Error::Db(format!("column {column}: expected {wanted}, found {v:?}"))
}

impl FromValue for Value {
    fn from_value(v: Value, _: &str) -> Result<Value> {
        Ok(v)
    }
}

impl FromValue for i64 {
    fn from_value(v: Value, column: &str) -> Result<i64> {
        match v {
            Value::Int(i) => Ok(i),
            other => Err(wrong_type(column, "an integer", &other)),
        }
    }
}

impl FromValue for i32 {
    fn from_value(v: Value, column: &str) -> Result<i32> {
        let i = i64::from_value(v, column)?;
        i32::try_from(i).map_err(|_| wrong_type(column, "a 32-bit integer", &Value::Int(i)))
    }
}

impl FromValue for u32 {
    fn from_value(v: Value, column: &str) -> Result<u32> {
        let i = i64::from_value(v, column)?;
        u32::try_from(i).map_err(|_| wrong_type(column, "a count", &Value::Int(i)))
    }
}

impl FromValue for bool {
    fn from_value(v: Value, column: &str) -> Result<bool> {
        Ok(i64::from_value(v, column)? != 0)
    }
}

impl FromValue for f64 {
    fn from_value(v: Value, column: &str) -> Result<f64> {
        match v {
            Value::Real(f) => Ok(f),
            // Both engines give a whole-number result of arithmetic on reals as an integer.
            Value::Int(i) => Ok(i as f64),
            other => Err(wrong_type(column, "a number", &other)),
        }
    }
}

impl FromValue for String {
    fn from_value(v: Value, column: &str) -> Result<String> {
        match v {
            Value::Text(s) => Ok(s),
            other => Err(wrong_type(column, "text", &other)),
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(v: Value, column: &str) -> Result<Vec<u8>> {
        match v {
            Value::Blob(b) => Ok(b),
            other => Err(wrong_type(column, "bytes", &other)),
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: Value, column: &str) -> Result<Option<T>> {
        match v {
            Value::Null => Ok(None),
            v => T::from_value(v, column).map(Some),
        }
    }
}

/// One row of a result: its columns' names (shared by every row of the result) and values.
#[derive(Debug, Clone)]
pub struct Row {
    names: Arc<[String]>,
    values: Vec<Value>,
}

/// A column by position (from 0) or by name.
pub trait Column {
    fn index_in(&self, names: &[String]) -> Result<usize>;
}

impl Column for usize {
    fn index_in(&self, names: &[String]) -> Result<usize> {
        (*self < names.len())
            .then_some(*self)
            .ok_or_else(|| Error::Db(format!("column {self}: the result has {}", names.len())))
    }
}

impl Column for &str {
    fn index_in(&self, names: &[String]) -> Result<usize> {
        names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(self))
            .ok_or_else(|| Error::Db(format!("column {self}: not in the result")))
    }
}

impl Row {
    pub(crate) fn new(names: Arc<[String]>, values: Vec<Value>) -> Row {
        Row { names, values }
    }

    /// The values, in the order of the result's columns.
    pub fn into_values(self) -> Vec<Value> {
        self.values
    }

    /// The row's values to be read one after another, each moved out rather than copied (for a
    /// row read whole, in the order its query selects its columns).
    pub fn columns(self) -> Columns {
        Columns {
            names: self.names,
            values: self.values.into_iter(),
            at: 0,
        }
    }

    /// The value of a column, as `T`.
    pub fn get<T: FromValue>(&self, column: impl Column) -> Result<T> {
        let i = column.index_in(&self.names)?;
        T::from_value(self.values[i].clone(), &self.names[i])
    }
}

/// A row's values read in order (see [`Row::columns`]).
pub struct Columns {
    names: Arc<[String]>,
    values: std::vec::IntoIter<Value>,
    at: usize,
}

impl Columns {
    /// The next column's value, as `T`.
    pub fn take<T: FromValue>(&mut self) -> Result<T> {
        let v = self.values.next().ok_or_else(|| {
            Error::Db(format!(
                "column {}: the result has {}",
                self.at,
                self.names.len()
            ))
        })?;
        self.at += 1;
        T::from_value(v, &self.names[self.at - 1])
    }
}

/// Running statements, on a connection or inside a transaction, on either engine.
pub trait Sql {
    /// Which engine this is, for the few statements the engines spell differently.
    fn dialect(&self) -> Dialect;

    /// Runs a statement that returns no rows; how many rows it changed.
    fn run(&self, sql: &str, params: &[Param<'_>]) -> Result<usize>;

    /// Runs a query; every row of its result.
    fn rows(&self, sql: &str, params: &[Param<'_>]) -> Result<Vec<Row>>;

    /// Runs a query and hands each row of its result to `f` in turn, one row in memory at a time
    /// (for results too big to hold whole: every stored file, say). `f` must not run statements
    /// itself: PostgreSQL's connection is busy sending the rows.
    fn each(
        &self,
        sql: &str,
        params: &[Param<'_>],
        f: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<()>;

    /// Runs an `INSERT` into a table whose key is `id`; the new row's id.
    fn insert(&self, sql: &str, params: &[Param<'_>]) -> Result<i64>;

    /// The first row of a query's result, if it has one.
    fn row_opt(&self, sql: &str, params: &[Param<'_>]) -> Result<Option<Row>> {
        Ok(self.rows(sql, params)?.into_iter().next())
    }

    /// The one row a query must return.
    fn row(&self, sql: &str, params: &[Param<'_>]) -> Result<Row> {
        self.row_opt(sql, params)?
            .ok_or_else(|| Error::Db("the query returned no row".into()))
    }

    /// The first column of the first row of a query's result, if it has one.
    fn value_opt<T: FromValue>(&self, sql: &str, params: &[Param<'_>]) -> Result<Option<T>> {
        self.row_opt(sql, params)?.map(|r| r.get(0)).transpose()
    }

    /// The first column of the one row a query must return.
    fn value<T: FromValue>(&self, sql: &str, params: &[Param<'_>]) -> Result<T> {
        self.row(sql, params)?.get(0)
    }
}

/// `?N` parameters as PostgreSQL's `$N` (a bare `?` is numbered in order), leaving string
/// literals, quoted names and comments as they are.
pub fn numbered_for_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut next = 1;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    digits = next.to_string();
                }
                next += 1;
                out.push('$');
                out.push_str(&digits);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_numbered_for_postgres_outside_literals_names_and_comments() {
        assert_eq!(
            numbered_for_postgres("SELECT ?1, '?2', \"a?\" -- ?3\n FROM t WHERE x = ?12 AND y = ?"),
            "SELECT $1, '?2', \"a?\" -- ?3\n FROM t WHERE x = $12 AND y = $3"
        );
        assert_eq!(
            numbered_for_postgres("'it''s ?1' || ?1"),
            "'it''s ?1' || $1"
        );
    }

    #[test]
    fn values_read_as_the_type_asked_or_say_which_column_is_not() {
        let row = Row::new(
            Arc::from(vec![
                "id".to_string(),
                "name".to_string(),
                "gone".to_string(),
            ]),
            vec![Value::Int(7), Value::Text("Ann".into()), Value::Null],
        );
        assert_eq!(row.get::<i64>("ID").unwrap(), 7);
        assert_eq!(row.get::<String>(1).unwrap(), "Ann");
        assert_eq!(row.get::<Option<String>>("gone").unwrap(), None);
        let e = row.get::<i64>("name").unwrap_err().to_string();
        assert!(e.contains("column name: expected an integer"), "{e}");
        let e = row.get::<i64>("nope").unwrap_err().to_string();
        assert!(e.contains("column nope: not in the result"), "{e}");
    }
}
