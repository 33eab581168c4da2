//! What every module reads with: the rows of a query, and where a value seen goes.

use crate::model::{IosBackup, Seen, SeenKind};
use rusqlite::Connection;

/// Records a value seen by `module` in `file`, at `locator`.
pub(crate) fn push(
    out: &mut IosBackup,
    module: &'static str,
    kind: SeenKind,
    value: String,
    file: &str,
    locator: String,
    when: Option<String>,
) {
    out.seen.push(Seen {
        kind,
        value,
        file: file.to_owned(),
        locator,
        when,
        module,
    });
}

/// Runs `sql`, handing each row to `each`; how many rows there were.
pub(crate) fn each_row(
    conn: &Connection,
    sql: &str,
    each: &mut dyn FnMut(&rusqlite::Row<'_>),
) -> rusqlite::Result<u64> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        n += 1;
        each(row);
    }
    Ok(n)
}
