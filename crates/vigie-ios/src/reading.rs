//! What every module reads with: the files of the backup it finds, read into its
//! [`ModuleRun`] (what was read, or why not); the rows of a query and the values of a row;
//! and where what it finds in one file goes ([`Reading`]).

use crate::backup::{Backup, FileRef};
use crate::error::BackupError;
use crate::links::links_in;
use crate::model::{IosBackup, ModuleRun, Seen, SeenKind};
use rusqlite::{Connection, Row, Statement};

/// One module reading one file: what it finds goes into the backup read so far, named by
/// the module and the file.
pub(crate) struct Reading<'a> {
    /// Everything read from the backup so far.
    pub(crate) out: &'a mut IosBackup,
    /// The module reading.
    pub(crate) module: &'static str,
    /// The file read, as evidence names it (`HomeDomain/Library/SMS/sms.db`).
    pub(crate) file: &'a str,
}

impl Reading<'_> {
    /// Records a value seen at `locator` of the file.
    pub(crate) fn seen(
        &mut self,
        kind: SeenKind,
        value: String,
        locator: String,
        when: Option<String>,
    ) {
        self.out.seen.push(Seen {
            kind,
            value,
            file: self.file.to_owned(),
            locator,
            when,
            module: self.module,
        });
    }
}

/// How a module reads a database: the rows it read.
pub(crate) type ReadDatabase = fn(&Connection, &mut Reading<'_>) -> rusqlite::Result<u64>;
/// How a module reads a plist: the entries it read.
pub(crate) type ReadPlist = fn(&plist::Value, &mut Reading<'_>) -> u64;

/// Opens a database of the backup and hands it to `read`, noting in `run` the file, the
/// rows read, or why it could not be read.
pub(crate) fn read_database(
    backup: &Backup,
    file: FileRef,
    out: &mut IosBackup,
    run: &mut ModuleRun,
    module: &'static str,
    read: &dyn Fn(&Connection, &mut Reading<'_>) -> rusqlite::Result<u64>,
) {
    let opened = backup.database(&file);
    read_file(file, opened, out, run, module, |conn, r| {
        read(conn, r).map_err(|e| e.to_string())
    });
}

/// Reads a plist of the backup and hands its root to `read`, noting in `run` the file, the
/// entries read, or why it could not be read.
pub(crate) fn read_plist(
    backup: &Backup,
    file: FileRef,
    out: &mut IosBackup,
    run: &mut ModuleRun,
    module: &'static str,
    read: ReadPlist,
) {
    let parsed = backup.read_plist(&file);
    read_file(file, parsed, out, run, module, |root, r| Ok(read(root, r)));
}

/// Hands what was read of `file` to `read`, noting in the run the file, the rows read, or
/// why it could not be read.
fn read_file<T>(
    file: FileRef,
    opened: Result<T, BackupError>,
    out: &mut IosBackup,
    run: &mut ModuleRun,
    module: &'static str,
    read: impl FnOnce(&T, &mut Reading<'_>) -> Result<u64, String>,
) {
    match opened {
        Ok(content) => {
            let mut reading = Reading {
                out,
                module,
                file: &file.label,
            };
            match read(&content, &mut reading) {
                Ok(n) => run.rows += n,
                Err(e) => run.problem = Some(format!("{}: {e}", file.label)),
            }
        }
        Err(e) => run.problem = Some(e.to_string()),
    }
    run.files.push(file.label);
}

/// The value of `key` in a plist dictionary.
pub(crate) fn plist_key<'a>(v: &'a plist::Value, key: &str) -> Option<&'a plist::Value> {
    v.as_dictionary()?.get(key)
}

/// The entries of a plist dictionary whose values are dictionaries (the others are passed
/// over).
pub(crate) fn dictionaries(
    v: &plist::Value,
) -> impl Iterator<Item = (&String, &plist::Dictionary)> {
    v.as_dictionary()
        .into_iter()
        .flatten()
        .filter_map(|(k, v)| Some((k, v.as_dictionary()?)))
}

/// Runs `sql`, handing each row to `each`; how many rows there were.
pub(crate) fn each_row(
    conn: &Connection,
    sql: &str,
    each: &mut dyn FnMut(&Row<'_>),
) -> rusqlite::Result<u64> {
    rows_of(&mut conn.prepare(sql)?, each)
}

/// Hands each row of a prepared query to `each`; how many rows there were.
pub(crate) fn rows_of(
    stmt: &mut Statement<'_>,
    each: &mut dyn FnMut(&Row<'_>),
) -> rusqlite::Result<u64> {
    let mut rows = stmt.query([])?;
    let mut n = 0;
    while let Some(row) = rows.next()? {
        n += 1;
        each(row);
    }
    Ok(n)
}

/// The number in column `i` of a row (0 when it is none).
pub(crate) fn id_at(row: &Row<'_>, i: usize) -> i64 {
    row.get(i).unwrap_or_default()
}

/// The text in column `i` of a row, if there is one.
pub(crate) fn text_at(row: &Row<'_>, i: usize) -> Option<String> {
    row.get::<_, Option<String>>(i).ok().flatten()
}

/// The time in column `i` of a row, read by `time`, if there is a plausible one.
pub(crate) fn time_at(row: &Row<'_>, i: usize, time: fn(f64) -> Option<String>) -> Option<String> {
    row.get::<_, Option<f64>>(i).ok().flatten().and_then(time)
}

/// A query whose rows are an id, texts holding links, and a time: messages, browser
/// histories and tabs, favicons.
pub(crate) struct LinkRows {
    /// The query.
    sql: &'static str,
    /// How its rows are named in evidence (`message ROWID`).
    table: &'static str,
    /// How many text columns follow the id; the time is the column after them.
    texts: usize,
    /// How its times read.
    time: fn(f64) -> Option<String>,
    /// Each text is one link (a history, a favicon) rather than a message holding links.
    whole_url: bool,
}

impl LinkRows {
    /// Rows whose `texts` texts are each one link (a history, a favicon).
    pub(crate) const fn links(
        sql: &'static str,
        table: &'static str,
        texts: usize,
        time: fn(f64) -> Option<String>,
    ) -> LinkRows {
        LinkRows {
            sql,
            table,
            texts,
            time,
            whole_url: true,
        }
    }

    /// Rows whose text is a message holding links.
    pub(crate) const fn messages(
        sql: &'static str,
        table: &'static str,
        time: fn(f64) -> Option<String>,
    ) -> LinkRows {
        LinkRows {
            sql,
            table,
            texts: 1,
            time,
            whole_url: false,
        }
    }

    /// Records the links of every row; how many rows there were.
    pub(crate) fn read(&self, conn: &Connection, r: &mut Reading<'_>) -> rusqlite::Result<u64> {
        each_row(conn, self.sql, &mut |row| {
            // The time is read once, and only for a row that has a text.
            let mut when: Option<Option<String>> = None;
            for i in 1..=self.texts {
                let Some(text) = text_at(row, i) else {
                    continue;
                };
                let when = when.get_or_insert_with(|| time_at(row, self.texts + 1, self.time));
                let links = if self.whole_url {
                    vec![text]
                } else {
                    links_in(&text)
                };
                for link in links {
                    let locator = format!("{} {}", self.table, id_at(row, 0));
                    r.seen(SeenKind::Url, link, locator, when.clone());
                }
            }
        })
    }
}
