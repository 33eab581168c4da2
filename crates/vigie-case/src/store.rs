//! The case file itself: opening it (keys from the passphrase), transactions, the audit
//! chain's next entry, sealed rows, and the operator named in what is written.

use crate::crypto::{derive, open, random, seal, sha256, KdfParams};
use crate::{CaseError, CaseId};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{de::DeserializeOwned, Serialize};
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use vigie_core::Timestamp;

/// An open case file.
pub struct CaseStore {
    pub(crate) conn: Connection,
    pub(crate) data_key: [u8; 32],
    pub(crate) lookup_key: [u8; 32],
    pub(crate) actor: Option<String>,
    /// The folder holding the case file, whose free space evidence writes watch.
    pub(crate) dir: PathBuf,
    /// The case file's name in it (its audit head is kept beside it).
    pub(crate) file_name: std::ffi::OsString,
    /// The audit entry this process last recorded as the head (0: none yet), so that a
    /// commit that logged nothing (an evidence chunk) writes no head.
    pub(crate) head_seq: i64,
}

/// Shortest passphrase for a case file, chosen at first start (app or command line) or
/// when it is changed: it alone protects everything the file holds.
pub const MIN_CASE_PASSPHRASE: usize = 12;

/// What is wrong with `pass` as a new case file passphrase, if anything: too short, or
/// too easy to guess ([`crate::is_guessable`]).
pub fn passphrase_problem(pass: &str) -> Option<CaseError> {
    if pass.chars().count() < MIN_CASE_PASSPHRASE {
        return Some(CaseError::ShortPassphrase(MIN_CASE_PASSPHRASE));
    }
    crate::is_guessable("", pass).then_some(CaseError::GuessablePassphrase)
}

/// Free space kept on the case file's disk: evidence content stops being written below it,
/// so that closing items, saving checks and the audit log still have room.
pub const SPACE_RESERVE: u64 = 64 * 1024 * 1024;

/// The keys leave memory with the case file: nothing of them stays in freed memory for a
/// later allocation, a crash dump or swap to show.
impl Drop for CaseStore {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.data_key.zeroize();
        self.lookup_key.zeroize();
    }
}

impl std::fmt::Debug for CaseStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CaseStore(..)")
    }
}

/// A column's raw bytes whatever type it was changed to (tampering can change types too,
/// and text that is not UTF-8 must not stop verification).
pub(crate) fn bytes_of(v: rusqlite::types::ValueRef<'_>) -> Vec<u8> {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Blob(b) | ValueRef::Text(b) => b.to_vec(),
        ValueRef::Integer(i) => i.to_be_bytes().to_vec(),
        ValueRef::Real(r) => r.to_be_bytes().to_vec(),
        ValueRef::Null => Vec::new(),
    }
}

pub(crate) fn aad(table: &str, id: i64) -> Vec<u8> {
    format!("{table}:{id}").into_bytes()
}

/// JSON bytes of a record to seal.
pub(crate) fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, CaseError> {
    serde_json::to_vec(value).map_err(|e| CaseError::Damaged(e.to_string()))
}

/// The case file acting for an operator: every audit entry written through it names them.
/// The operator named before comes back when it is dropped.
pub struct Acting<'a> {
    store: &'a mut CaseStore,
    before: Option<String>,
}

impl Deref for Acting<'_> {
    type Target = CaseStore;
    fn deref(&self) -> &CaseStore {
        self.store
    }
}

impl DerefMut for Acting<'_> {
    fn deref_mut(&mut self) -> &mut CaseStore {
        self.store
    }
}

impl Drop for Acting<'_> {
    fn drop(&mut self) {
        self.store.actor = self.before.take();
    }
}

/// Makes the case file readable and writable by its owner only (0600): created so when
/// absent (SQLite then gives its journal files the same mode), tightened when an older
/// release left it readable by others (a file the process does not own is left as it is).
fn owner_only(path: &Path) -> Result<(), CaseError> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let mode = std::fs::metadata(path)
                .map_err(|e| CaseError::Io(e.to_string()))?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
            }
            Ok(())
        }
        Err(e) => Err(CaseError::Io(e.to_string())),
    }
}

impl CaseStore {
    /// Opens the case file at `path`, creating it (with `params` for new stores) when absent.
    pub fn open(
        path: &Path,
        passphrase: &str,
        params: KdfParams,
        now: Timestamp,
    ) -> Result<Self, CaseError> {
        owner_only(path)?;
        let conn = Connection::open(path)?;
        let file_name = path.file_name().unwrap_or_default().to_owned();
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS cases (id INTEGER PRIMARY KEY, lookup BLOB NOT NULL UNIQUE, body BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS scans (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, body BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS retro (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, body BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY, prev BLOB NOT NULL, entry BLOB NOT NULL, hash BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS operators (id INTEGER PRIMARY KEY, lookup BLOB NOT NULL UNIQUE, body BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS evidence (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, body BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS evidence_chunks (evidence_id INTEGER NOT NULL, n INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (evidence_id, n));
             CREATE TABLE IF NOT EXISTS interviews (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, body BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS locker (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, body BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS answers (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, body BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS device_backups (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, body BLOB NOT NULL);
             CREATE TABLE IF NOT EXISTS device_backup_files (id INTEGER PRIMARY KEY, backup_id INTEGER NOT NULL, lookup BLOB NOT NULL, body BLOB NOT NULL, UNIQUE (backup_id, lookup));
             CREATE TABLE IF NOT EXISTS device_backup_chunks (file_id INTEGER NOT NULL, n INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (file_id, n));",
        )?;
        let meta = |name: &str| -> Result<Option<Vec<u8>>, CaseError> {
            Ok(conn
                .query_row("SELECT value FROM meta WHERE name = ?1", [name], |r| {
                    r.get(0)
                })
                .optional()?)
        };
        let (salt, kdf, wrapped) = (meta("salt")?, meta("kdf")?, meta("keys")?);
        let store = match (salt, kdf, wrapped) {
            (Some(salt), Some(kdf), Some(wrapped)) => {
                let kdf: KdfParams =
                    serde_json::from_slice(&kdf).map_err(|e| CaseError::Damaged(e.to_string()))?;
                if !kdf.within_bounds() {
                    return Err(CaseError::KdfOutOfBounds);
                }
                let kek = zeroize::Zeroizing::new(
                    derive(passphrase.as_bytes(), &salt, kdf)
                        .ok_or_else(|| CaseError::Damaged("key derivation".into()))?,
                );
                let keys = zeroize::Zeroizing::new(
                    open(&kek, b"keys", &wrapped).ok_or(CaseError::WrongPassphrase)?,
                );
                if keys.len() != 64 {
                    return Err(CaseError::Damaged("key record".into()));
                }
                let mut data_key = [0u8; 32];
                let mut lookup_key = [0u8; 32];
                data_key.copy_from_slice(&keys[..32]);
                lookup_key.copy_from_slice(&keys[32..]);
                CaseStore::with_keys(conn, data_key, lookup_key, &dir, &file_name)
            }
            (None, None, None) => {
                let salt = random::<16>();
                let kek = zeroize::Zeroizing::new(
                    derive(passphrase.as_bytes(), &salt, params)
                        .ok_or_else(|| CaseError::Damaged("key derivation parameters".into()))?,
                );
                let (data_key, lookup_key) = (random::<32>(), random::<32>());
                let both = zeroize::Zeroizing::new([data_key, lookup_key].concat());
                let wrapped = seal(&kek, b"keys", &both)?;
                let kdf =
                    serde_json::to_vec(&params).map_err(|e| CaseError::Damaged(e.to_string()))?;
                let tx = conn.unchecked_transaction()?;
                tx.execute(
                    "INSERT INTO meta (name, value) VALUES ('salt', ?1), ('kdf', ?2), ('keys', ?3)",
                    params![&salt[..], kdf, wrapped],
                )?;
                tx.commit()?;
                let mut s = CaseStore::with_keys(conn, data_key, lookup_key, &dir, &file_name);
                s.in_transaction(|s| s.audit(now, "store-created", None, None))?;
                // The station's signing key (for evidence exports) is made with the store.
                s.station_key(now)?;
                s
            }
            _ => return Err(CaseError::Damaged("incomplete key records".into())),
        };
        let mut store = store;
        store
            .conn
            .busy_timeout(std::time::Duration::from_secs(10))?;
        store.recover_interrupted(now)?;
        Ok(store)
    }

    /// The case file acting for `operator` (`None`: unnamed, e.g. the command line) until
    /// the returned guard is dropped.
    pub fn acting(&mut self, operator: Option<&str>) -> Acting<'_> {
        let before = std::mem::replace(&mut self.actor, operator.map(str::to_owned));
        Acting {
            store: self,
            before,
        }
    }

    /// The case file acting for `operator` from now on (a process that acts for one person,
    /// such as the command line); [`CaseStore::acting`] names another for a while.
    pub fn for_operator(mut self, operator: Option<&str>) -> Self {
        self.actor = operator.map(str::to_owned);
        self
    }

    /// The operator named in the next audit entries, if any.
    pub fn actor(&self) -> Option<&str> {
        self.actor.as_deref()
    }

    /// The case file open on `conn` with its keys, in `dir` under `file_name`.
    fn with_keys(
        conn: Connection,
        data_key: [u8; 32],
        lookup_key: [u8; 32],
        dir: &Path,
        file_name: &std::ffi::OsStr,
    ) -> CaseStore {
        CaseStore {
            conn,
            data_key,
            lookup_key,
            actor: None,
            dir: dir.to_path_buf(),
            file_name: file_name.to_owned(),
            head_seq: 0,
        }
    }

    /// Changes the passphrase that opens the case file: the file's keys are wrapped again
    /// under a key derived from `new` with a fresh salt (nothing else is re-encrypted), and
    /// the change is logged. The old passphrase opens nothing afterwards.
    pub fn change_passphrase(
        &mut self,
        new: &str,
        params: KdfParams,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let salt = random::<16>();
        let kek = zeroize::Zeroizing::new(
            derive(new.as_bytes(), &salt, params)
                .ok_or_else(|| CaseError::Damaged("key derivation parameters".into()))?,
        );
        let both = zeroize::Zeroizing::new([self.data_key, self.lookup_key].concat());
        let wrapped = seal(&kek, b"keys", &both)?;
        let kdf = serde_json::to_vec(&params).map_err(|e| CaseError::Damaged(e.to_string()))?;
        self.in_transaction(|s| {
            for (name, value) in [
                ("salt", &salt[..]),
                ("kdf", &kdf[..]),
                ("keys", &wrapped[..]),
            ] {
                s.conn.execute(
                    "UPDATE meta SET value = ?2 WHERE name = ?1",
                    params![name, value],
                )?;
            }
            s.audit(now, "passphrase-changed", None, None)
        })
    }

    pub(crate) fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, CaseError>,
    ) -> Result<T, CaseError> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f(self) {
            Ok(v) => {
                self.conn.execute_batch("COMMIT")?;
                self.record_head();
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    pub(crate) fn lookup(&self, reference: &str) -> Vec<u8> {
        sha256(&[&self.lookup_key, reference.trim().as_bytes()]).to_vec()
    }

    /// The next row id of a table. Ids are never reused, even after a purge, so that the
    /// audit log's references stay unambiguous.
    pub(crate) fn next_id(&self, table: &str) -> Result<i64, CaseError> {
        let name = format!("next_{table}");
        let stored: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT value FROM meta WHERE name = ?1", [&name], |r| {
                r.get(0)
            })
            .optional()?;
        let next = stored
            .and_then(|v| String::from_utf8(v).ok())
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(1);
        self.conn.execute(
            "INSERT INTO meta (name, value) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            params![name, (next + 1).to_string().into_bytes()],
        )?;
        Ok(next)
    }

    /// Seals `plain` as row `id` of `table` (a table of this file, never input): a new row
    /// of `case`, or — without a case — the row rewritten in place; then logs `action` with
    /// its SHA-256 (inside the caller's transaction).
    pub(crate) fn put_row(
        &mut self,
        table: &str,
        id: i64,
        case: Option<i64>,
        plain: &[u8],
        action: &str,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let sealed = seal(&self.data_key, &aad(table, id), plain)?;
        // A closed case takes nothing new; what the station finds later in what it already
        // holds (retro-checks against newer indicators) is still recorded.
        if let (Some(c), false) = (case, table == "retro") {
            self.ensure_open(CaseId(c))?;
        }
        match case {
            Some(c) => self.conn.execute(
                &format!("INSERT INTO {table} (id, case_id, body) VALUES (?1, ?2, ?3)"),
                params![id, c, sealed],
            )?,
            None => self.conn.execute(
                &format!("UPDATE {table} SET body = ?2 WHERE id = ?1"),
                params![id, sealed],
            )?,
        };
        let object = Some(format!("{table}:{id}"));
        self.audit_in(now, action, object, Some(plain), case)
    }

    /// Row `id` of `table` (a table of this file, never input): its case and sealed body.
    pub(crate) fn row_of(
        &self,
        table: &str,
        id: i64,
    ) -> Result<Option<(CaseId, Vec<u8>)>, CaseError> {
        let sql = format!("SELECT case_id, body FROM {table} WHERE id = ?1");
        let row = self
            .conn
            .query_row(&sql, [id], |r| Ok((CaseId(r.get(0)?), r.get(1)?)))
            .optional()?;
        Ok(row)
    }

    /// Writes `record` as row `id` of `table` (see [`CaseStore::put_row`]).
    pub(crate) fn put_record<T: Serialize>(
        &mut self,
        table: &str,
        id: i64,
        case: Option<CaseId>,
        record: &T,
        action: &str,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let plain = to_json(record)?;
        self.put_row(table, id, case.map(|c| c.0), &plain, action, now)
    }

    /// The (id, sealed body) rows a query of this file's own gives.
    pub(crate) fn select_rows(&self, sql: &str) -> Result<Vec<(i64, Vec<u8>)>, CaseError> {
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Opens row `id` of `table` (sealed bytes `body`).
    pub(crate) fn open_row(&self, table: &str, id: i64, body: &[u8]) -> Result<Vec<u8>, CaseError> {
        open(&self.data_key, &aad(table, id), body)
            .ok_or_else(|| CaseError::Damaged(format!("{table} row {id}")))
    }

    /// Opens row `id` of `table` and reads its JSON.
    pub(crate) fn open_json<T: DeserializeOwned>(
        &self,
        table: &str,
        id: i64,
        body: &[u8],
    ) -> Result<T, CaseError> {
        serde_json::from_slice(&self.open_row(table, id, body)?)
            .map_err(|e| CaseError::Damaged(e.to_string()))
    }
}
