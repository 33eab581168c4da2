//! The backup's SQLite databases, opened without writing anything: a file read-only and
//! immutable (no journal, no lock file), or a copy held in memory (a decrypted database).

use crate::error::BackupError;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// The first bytes of every SQLite database.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";
/// Page cache of a database, in KiB (negative: SQLite's unit for a size): a damaged or
/// hostile database must not make a query use much memory.
const CACHE_KIB: i64 = -8_000;

/// Whether `bytes` start as an SQLite database does (an encrypted one does not).
pub(crate) fn is_sqlite(bytes: &[u8]) -> bool {
    bytes.starts_with(SQLITE_HEADER)
}

/// Whether the file at `path` starts as an SQLite database does.
pub(crate) fn is_sqlite_file(path: &Path) -> bool {
    let mut header = [0u8; SQLITE_HEADER.len()];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
        .is_ok()
        && is_sqlite(&header)
}

/// An SQLite database held in memory (a decrypted one), opened read-only.
pub(crate) fn memory_db(mut bytes: Vec<u8>, name: &Path) -> Result<Connection, BackupError> {
    // A database left in WAL mode cannot be opened from memory: its in-memory copy is marked
    // as a rollback-journal database (bytes 18 and 19 of the header), the file is untouched.
    if bytes.len() >= 100 && is_sqlite(&bytes) {
        for b in &mut bytes[18..20] {
            if *b == 2 {
                *b = 1;
            }
        }
    }
    let unreadable = |e: rusqlite::Error| BackupError::unreadable(name.display().to_string(), e);
    let mut conn = Connection::open_in_memory().map_err(unreadable)?;
    let len = bytes.len();
    conn.deserialize_read_exact(rusqlite::MAIN_DB, std::io::Cursor::new(bytes), len, true)
        .map_err(unreadable)?;
    let _ = conn.pragma_update(None, "cache_size", CACHE_KIB);
    Ok(conn)
}

/// Opens an SQLite file read-only and immutable: the backup is never changed, not even by
/// a journal or lock file.
pub(crate) fn open_db(path: &Path) -> Result<Connection, BackupError> {
    let mut uri = String::from("file:");
    for c in path.display().to_string().chars() {
        match c {
            '?' | '#' | '%' => uri.push_str(&format!("%{:02X}", c as u32)),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    let conn = Connection::open_with_flags(
        &uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| BackupError::unreadable(path.display().to_string(), e))?;
    // A damaged or hostile database must not make a query run forever or use much memory.
    let _ = conn.pragma_update(None, "cache_size", CACHE_KIB);
    Ok(conn)
}
