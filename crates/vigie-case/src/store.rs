//! The case store: tables, audit chain, verification.

use crate::crypto::{derive, open, random, seal, sha256, KdfParams};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use vigie_core::{Message, Timestamp};

/// Why the case file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// The database could not be read or written.
    #[error("case file: {0}")]
    Db(#[from] rusqlite::Error),
    /// The passphrase does not open this case file.
    #[error("the passphrase does not open this case file")]
    WrongPassphrase,
    /// The file's own records are damaged beyond use.
    #[error("the case file is damaged: {0}")]
    Damaged(String),
    /// No case with this reference.
    #[error("no case {0}")]
    NoCase(String),
    /// No evidence item with this id.
    #[error("no evidence item {0}")]
    NoEvidence(i64),
    /// No locker item with this id.
    #[error("no locker item {0}")]
    NoLockerItem(i64),
    /// An operator with this name exists already.
    #[error("operator {0} exists already")]
    OperatorExists(String),
    /// Reading what was to be stored failed.
    #[error("reading: {0}")]
    Io(String),
    /// The disk holding the case file is nearly full: writing stopped to keep room for
    /// recording what is already stored.
    #[error("the disk holding the case file is nearly full ({free_mb} MB left)")]
    DiskFull {
        /// Free space left, in megabytes.
        free_mb: u64,
    },
}

impl vigie_core::Localized for CaseError {
    /// The error as a translatable message.
    fn message(&self) -> vigie_core::Message {
        match self {
            CaseError::Db(e) => Message::new("case-error-db").arg("detail", e.to_string()),
            CaseError::WrongPassphrase => Message::new("case-error-passphrase"),
            CaseError::Damaged(d) => Message::new("case-error-damaged").arg("detail", d),
            CaseError::NoCase(r) => Message::new("case-error-no-case").arg("reference", r),
            CaseError::NoEvidence(id) => {
                Message::new("case-error-no-evidence").arg("id", id.to_string())
            }
            CaseError::NoLockerItem(id) => {
                Message::new("case-error-no-locker-item").arg("id", id.to_string())
            }
            CaseError::OperatorExists(n) => {
                Message::new("case-error-operator-exists").arg("name", n)
            }
            CaseError::Io(d) => Message::new("case-error-io").arg("detail", d),
            CaseError::DiskFull { free_mb } => {
                Message::new("case-error-disk-full").arg("free", free_mb.to_string())
            }
        }
    }
}

/// A case's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CaseId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CaseBody {
    pub(crate) reference: String,
    pub(crate) created: String,
    pub(crate) closed: Option<String>,
}

/// A case as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseSummary {
    /// The case's reference (e.g. a complaint number).
    pub reference: String,
    /// When it was opened (UTC).
    pub created: String,
    /// When it was closed, if it is.
    pub closed: Option<String>,
    /// Scans stored in it.
    pub scans: usize,
}

/// One check stored in a case: what was checked, with what, what was found, and the keys of
/// what was observed (names, addresses, certificate hashes, packages...) for retro-checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanRecord {
    /// Kind of check (`network`, `android`, `ios`...).
    pub kind: String,
    /// When it was made (UTC).
    pub made: String,
    /// Vigie's version.
    pub tool_version: String,
    /// The feeds used: (name, SHA-256).
    pub feeds: Vec<(String, String)>,
    /// What was checked (capture files, device), with SHA-256 where there is a file.
    pub sources: Vec<(String, Option<String>)>,
    /// The verdict as the command line prints it in JSON.
    pub verdict: serde_json::Value,
    /// Observed values worth re-checking when feeds change: (kind, value).
    pub observed: Vec<(String, String)>,
}

/// A past check that matches an indicator added to the feeds after it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetroMatch {
    /// When the past check was made.
    pub scan_made: String,
    /// What it had observed: (kind, value).
    pub observed: (String, String),
    /// The indicator that now matches: value, kind, app, source.
    pub indicator: (String, String, Option<String>, String),
    /// When the match was found.
    pub found: String,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the chain.
    pub seq: i64,
    /// When (UTC).
    pub at: String,
    /// What happened: `store-created`, `case-opened`, `scan-stored`, `scan-purged`, `case-purged`.
    pub action: String,
    /// The row it concerns (`cases:3`, `scans:12`).
    pub object: Option<String>,
    /// SHA-256 of the row's content as stored.
    pub sha256: Option<String>,
    /// Who did it (an operator of the station app), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
}

/// What [`CaseStore::verify`] found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct VerifyReport {
    /// Audit entries checked.
    pub entries: usize,
    /// Rows checked.
    pub rows: usize,
    /// Problems found, translatable; none means everything checks.
    pub problems: Vec<Message>,
    /// What is worth knowing without being a problem (a backup re-read and matching, one
    /// whose receiving was interrupted), translatable.
    pub notes: Vec<Message>,
}

/// An open case file.
pub struct CaseStore {
    pub(crate) conn: Connection,
    pub(crate) data_key: [u8; 32],
    pub(crate) lookup_key: [u8; 32],
    pub(crate) actor: Option<String>,
    /// The folder holding the case file, whose free space evidence writes watch.
    pub(crate) dir: PathBuf,
}

/// Free space kept on the case file's disk: evidence content stops being written below it,
/// so that closing items, saving checks and the audit log still have room.
pub const SPACE_RESERVE: u64 = 64 * 1024 * 1024;

impl std::fmt::Debug for CaseStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CaseStore(..)")
    }
}

const GENESIS: [u8; 32] = [0; 32];

/// An audit row as stored: sequence, previous hash, sealed entry, hash.
type AuditRow = (i64, Vec<u8>, Vec<u8>, Vec<u8>);

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

impl CaseStore {
    /// Opens the case file at `path`, creating it (with `params` for new stores) when absent.
    pub fn open(
        path: &Path,
        passphrase: &str,
        params: KdfParams,
        now: Timestamp,
    ) -> Result<Self, CaseError> {
        let conn = Connection::open(path)?;
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
                let kek = derive(passphrase.as_bytes(), &salt, kdf)
                    .ok_or_else(|| CaseError::Damaged("key derivation".into()))?;
                let keys = open(&kek, b"keys", &wrapped).ok_or(CaseError::WrongPassphrase)?;
                if keys.len() != 64 {
                    return Err(CaseError::Damaged("key record".into()));
                }
                let mut data_key = [0u8; 32];
                let mut lookup_key = [0u8; 32];
                data_key.copy_from_slice(&keys[..32]);
                lookup_key.copy_from_slice(&keys[32..]);
                CaseStore {
                    conn,
                    data_key,
                    lookup_key,
                    actor: None,
                    dir: dir.clone(),
                }
            }
            (None, None, None) => {
                let salt = random::<16>();
                let kek = derive(passphrase.as_bytes(), &salt, params)
                    .ok_or_else(|| CaseError::Damaged("key derivation parameters".into()))?;
                let (data_key, lookup_key) = (random::<32>(), random::<32>());
                let wrapped = seal(&kek, b"keys", &[data_key, lookup_key].concat());
                let kdf =
                    serde_json::to_vec(&params).map_err(|e| CaseError::Damaged(e.to_string()))?;
                let tx = conn.unchecked_transaction()?;
                tx.execute(
                    "INSERT INTO meta (name, value) VALUES ('salt', ?1), ('kdf', ?2), ('keys', ?3)",
                    params![&salt[..], kdf, wrapped],
                )?;
                tx.commit()?;
                let mut s = CaseStore {
                    conn,
                    data_key,
                    lookup_key,
                    actor: None,
                    dir: dir.clone(),
                };
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

    /// Names the operator whose actions the next audit entries record (`None`: unnamed,
    /// e.g. the command line).
    pub fn set_actor(&mut self, actor: Option<&str>) {
        self.actor = actor.map(str::to_owned);
    }

    /// The operator named in the next audit entries, if any.
    pub fn actor(&self) -> Option<&str> {
        self.actor.as_deref()
    }

    pub(crate) fn in_transaction<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, CaseError>,
    ) -> Result<T, CaseError> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f(self) {
            Ok(v) => {
                self.conn.execute_batch("COMMIT")?;
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

    /// Appends an audit entry (inside the caller's transaction).
    pub(crate) fn audit(
        &mut self,
        now: Timestamp,
        action: &str,
        object: Option<String>,
        content: Option<&[u8]>,
    ) -> Result<(), CaseError> {
        let last: Option<(i64, Vec<u8>)> = self
            .conn
            .query_row(
                "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let (seq, prev) = match last {
            Some((s, h)) => (s + 1, h),
            None => (1, GENESIS.to_vec()),
        };
        let entry = AuditEntry {
            seq,
            at: now.to_string(),
            action: action.to_owned(),
            object,
            sha256: content.map(|c| hex::encode(sha256(&[c]))),
            actor: self.actor.clone(),
        };
        let plain = serde_json::to_vec(&entry).map_err(|e| CaseError::Damaged(e.to_string()))?;
        let sealed = seal(&self.data_key, &aad("audit", seq), &plain);
        let hash = sha256(&[&prev, &sealed]);
        self.conn.execute(
            "INSERT INTO audit (seq, prev, entry, hash) VALUES (?1, ?2, ?3, ?4)",
            params![seq, prev, sealed, &hash[..]],
        )?;
        Ok(())
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

    /// The case with this reference, opened (and logged) if it does not exist yet.
    pub fn case(&mut self, reference: &str, now: Timestamp) -> Result<CaseId, CaseError> {
        let lookup = self.lookup(reference);
        if let Some(id) = self
            .conn
            .query_row("SELECT id FROM cases WHERE lookup = ?1", [&lookup], |r| {
                r.get(0)
            })
            .optional()?
        {
            return Ok(CaseId(id));
        }
        let body = CaseBody {
            reference: reference.trim().to_owned(),
            created: now.to_string(),
            closed: None,
        };
        self.in_transaction(|s| {
            let id = s.next_id("cases")?;
            let plain = serde_json::to_vec(&body).map_err(|e| CaseError::Damaged(e.to_string()))?;
            s.conn.execute(
                "INSERT INTO cases (id, lookup, body) VALUES (?1, ?2, ?3)",
                params![id, lookup, seal(&s.data_key, &aad("cases", id), &plain)],
            )?;
            s.audit(
                now,
                "case-opened",
                Some(format!("cases:{id}")),
                Some(&plain),
            )?;
            Ok(CaseId(id))
        })
    }

    /// Closes a case: it stays readable, and the app offers no new check in it.
    pub fn close(&mut self, reference: &str, now: Timestamp) -> Result<(), CaseError> {
        let id = self.find(reference)?;
        let sealed: Vec<u8> =
            self.conn
                .query_row("SELECT body FROM cases WHERE id = ?1", [id.0], |r| r.get(0))?;
        let mut body = self.case_body(id.0, &sealed)?;
        if body.closed.is_some() {
            return Ok(());
        }
        body.closed = Some(now.to_string());
        let plain = serde_json::to_vec(&body).map_err(|e| CaseError::Damaged(e.to_string()))?;
        self.in_transaction(|s| {
            s.conn.execute(
                "UPDATE cases SET body = ?2 WHERE id = ?1",
                params![id.0, seal(&s.data_key, &aad("cases", id.0), &plain)],
            )?;
            s.audit(
                now,
                "case-closed",
                Some(format!("cases:{}", id.0)),
                Some(&plain),
            )
        })
    }

    /// A case's summary.
    pub fn summary(&self, reference: &str) -> Result<CaseSummary, CaseError> {
        let wanted = reference.trim();
        self.cases()?
            .into_iter()
            .find(|c| c.reference == wanted)
            .ok_or_else(|| CaseError::NoCase(reference.to_owned()))
    }

    /// Finds a case by reference.
    pub fn find(&self, reference: &str) -> Result<CaseId, CaseError> {
        self.conn
            .query_row(
                "SELECT id FROM cases WHERE lookup = ?1",
                [self.lookup(reference)],
                |r| r.get(0),
            )
            .optional()?
            .map(CaseId)
            .ok_or_else(|| CaseError::NoCase(reference.to_owned()))
    }

    /// Stores a scan in a case, with its audit entry, in one transaction.
    pub fn add_scan(
        &mut self,
        case: CaseId,
        scan: &ScanRecord,
        now: Timestamp,
    ) -> Result<i64, CaseError> {
        let plain = serde_json::to_vec(scan).map_err(|e| CaseError::Damaged(e.to_string()))?;
        self.in_transaction(|s| {
            let id = s.next_id("scans")?;
            s.conn.execute(
                "INSERT INTO scans (id, case_id, body) VALUES (?1, ?2, ?3)",
                params![id, case.0, seal(&s.data_key, &aad("scans", id), &plain)],
            )?;
            s.audit(
                now,
                "scan-stored",
                Some(format!("scans:{id}")),
                Some(&plain),
            )?;
            Ok(id)
        })
    }

    pub(crate) fn case_body(&self, id: i64, sealed: &[u8]) -> Result<CaseBody, CaseError> {
        let plain = open(&self.data_key, &aad("cases", id), sealed)
            .ok_or_else(|| CaseError::Damaged(format!("case row {id}")))?;
        serde_json::from_slice(&plain).map_err(|e| CaseError::Damaged(e.to_string()))
    }

    /// Every case, with its number of scans.
    pub fn cases(&self) -> Result<Vec<CaseSummary>, CaseError> {
        let mut stmt = self.conn.prepare("SELECT c.id, c.body, (SELECT COUNT(*) FROM scans s WHERE s.case_id = c.id) FROM cases c ORDER BY c.id")?;
        let rows: Vec<(i64, Vec<u8>, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, body, n)| {
                let b = self.case_body(id, &body)?;
                Ok(CaseSummary {
                    reference: b.reference,
                    created: b.created,
                    closed: b.closed,
                    scans: usize::try_from(n).unwrap_or(0),
                })
            })
            .collect()
    }

    /// The scans of a case, oldest first.
    pub fn scans(&self, case: CaseId) -> Result<Vec<ScanRecord>, CaseError> {
        Ok(self
            .scans_with_ids(case)?
            .into_iter()
            .map(|(_, r)| r)
            .collect())
    }

    /// The scans of a case with their ids, oldest first.
    pub fn scans_with_ids(&self, case: CaseId) -> Result<Vec<(i64, ScanRecord)>, CaseError> {
        self.rows_of_case("scans", case)?
            .into_iter()
            .map(|(id, body)| self.scan_row(id, &body).map(|r| (id, r)))
            .collect()
    }

    /// One scan by its id, with the reference of its case; `None` when there is none.
    pub fn scan_by_id(&self, id: i64) -> Result<Option<(String, ScanRecord)>, CaseError> {
        let row: Option<(i64, Vec<u8>)> = self
            .conn
            .query_row("SELECT case_id, body FROM scans WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let Some((case_id, body)) = row else {
            return Ok(None);
        };
        let record = self.scan_row(id, &body)?;
        let reference = self
            .case_ids()?
            .into_iter()
            .find(|(c, _)| c.0 == case_id)
            .map(|(_, r)| r)
            .ok_or_else(|| CaseError::Damaged(format!("scan {id} without its case")))?;
        Ok(Some((reference, record)))
    }

    fn scan_row(&self, id: i64, body: &[u8]) -> Result<ScanRecord, CaseError> {
        let plain = open(&self.data_key, &aad("scans", id), body)
            .ok_or_else(|| CaseError::Damaged(format!("scan row {id}")))?;
        serde_json::from_slice(&plain).map_err(|e| CaseError::Damaged(e.to_string()))
    }

    /// The audit entries that concern a case: the case itself, its scans, retro-check
    /// matches and evidence files, oldest first (its chain of custody).
    pub fn audit_for_case(&self, case: CaseId) -> Result<Vec<AuditEntry>, CaseError> {
        let mut objects = std::collections::HashSet::new();
        objects.insert(format!("cases:{}", case.0));
        for table in ["scans", "retro", "evidence", "interviews", "locker"] {
            for id in self.ids_in_case(table, case)? {
                objects.insert(format!("{table}:{id}"));
            }
        }
        Ok(self
            .audit_log()?
            .into_iter()
            .filter(|e| e.object.as_ref().is_some_and(|o| objects.contains(o)))
            .collect())
    }

    /// Records retro-check matches in a case; one already recorded (same check, observed
    /// value and indicator) is not recorded twice. Returns those newly recorded.
    pub fn add_retro_matches(
        &mut self,
        case: CaseId,
        matches: &[RetroMatch],
        now: Timestamp,
    ) -> Result<Vec<RetroMatch>, CaseError> {
        let known = self.retro_matches(case)?;
        let fresh: Vec<RetroMatch> = matches
            .iter()
            .filter(|m| {
                !known.iter().any(|k| {
                    k.scan_made == m.scan_made
                        && k.observed == m.observed
                        && k.indicator == m.indicator
                })
            })
            .cloned()
            .collect();
        self.in_transaction(|s| {
            for m in &fresh {
                let id = s.next_id("retro")?;
                let plain = serde_json::to_vec(m).map_err(|e| CaseError::Damaged(e.to_string()))?;
                s.conn.execute(
                    "INSERT INTO retro (id, case_id, body) VALUES (?1, ?2, ?3)",
                    params![id, case.0, seal(&s.data_key, &aad("retro", id), &plain)],
                )?;
                s.audit(
                    now,
                    "retro-match",
                    Some(format!("retro:{id}")),
                    Some(&plain),
                )?;
            }
            Ok(())
        })?;
        Ok(fresh)
    }

    /// The retro-check matches recorded in a case, oldest first.
    pub fn retro_matches(&self, case: CaseId) -> Result<Vec<RetroMatch>, CaseError> {
        self.rows_of_case("retro", case)?
            .into_iter()
            .map(|(id, body)| {
                let plain = open(&self.data_key, &aad("retro", id), &body)
                    .ok_or_else(|| CaseError::Damaged(format!("retro row {id}")))?;
                serde_json::from_slice(&plain).map_err(|e| CaseError::Damaged(e.to_string()))
            })
            .collect()
    }

    /// Every case with its id, for re-checks.
    pub fn case_ids(&self) -> Result<Vec<(CaseId, String)>, CaseError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, body FROM cases ORDER BY id")?;
        let rows: Vec<(i64, Vec<u8>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, body)| Ok((CaseId(id), self.case_body(id, &body)?.reference)))
            .collect()
    }

    /// The row ids of a case's records in `table` (a table name of this file, never input).
    /// The (id, sealed body) rows of a case in `table`, oldest first.
    pub(crate) fn rows_of_case(
        &self,
        table: &str,
        case: CaseId,
    ) -> Result<Vec<(i64, Vec<u8>)>, CaseError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, body FROM {table} WHERE case_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt
            .query_map([case.0], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    fn ids_in_case(&self, table: &str, case: CaseId) -> Result<Vec<i64>, CaseError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id FROM {table} WHERE case_id = ?1 ORDER BY id"
        ))?;
        let ids = stmt
            .query_map([case.0], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }

    /// Deletes a case and its scans; the audit log keeps that it happened (not what it held).
    pub fn purge(&mut self, reference: &str, now: Timestamp) -> Result<(), CaseError> {
        let case = self.find(reference)?;
        let scan_ids = self.ids_in_case("scans", case)?;
        let retro_ids = self.ids_in_case("retro", case)?;
        let evidence_ids = self.ids_in_case("evidence", case)?;
        let interview_ids = self.ids_in_case("interviews", case)?;
        let locker_ids = self.ids_in_case("locker", case)?;
        let backup_ids = self.ids_in_case("device_backups", case)?;
        self.in_transaction(|s| {
            for id in &interview_ids {
                s.audit(now, "scan-purged", Some(format!("interviews:{id}")), None)?;
            }
            s.conn
                .execute("DELETE FROM interviews WHERE case_id = ?1", [case.0])?;
            for id in &locker_ids {
                s.audit(now, "scan-purged", Some(format!("locker:{id}")), None)?;
            }
            s.conn
                .execute("DELETE FROM locker WHERE case_id = ?1", [case.0])?;
            for id in &backup_ids {
                s.conn.execute(
                    "DELETE FROM device_backup_chunks WHERE file_id IN (SELECT id FROM device_backup_files WHERE backup_id = ?1)",
                    [id],
                )?;
                s.conn
                    .execute("DELETE FROM device_backup_files WHERE backup_id = ?1", [id])?;
                s.conn
                    .execute("DELETE FROM device_backups WHERE id = ?1", [id])?;
                s.audit(now, "evidence-purged", Some(format!("device_backups:{id}")), None)?;
            }
            // Pieces left without their file (a crash, or a row removed outside Vigie) hold
            // backup data too.
            s.conn.execute(
                "DELETE FROM device_backup_chunks WHERE file_id NOT IN (SELECT id FROM device_backup_files)",
                [],
            )?;
            for id in &evidence_ids {
                s.conn
                    .execute("DELETE FROM evidence_chunks WHERE evidence_id = ?1", [id])?;
                s.conn.execute("DELETE FROM evidence WHERE id = ?1", [id])?;
                s.audit(now, "evidence-purged", Some(format!("evidence:{id}")), None)?;
            }
            // Each removed row is logged, so that verification tells purges from deletions.
            for id in &scan_ids {
                s.audit(now, "scan-purged", Some(format!("scans:{id}")), None)?;
            }
            s.conn
                .execute("DELETE FROM scans WHERE case_id = ?1", [case.0])?;
            for id in &retro_ids {
                s.audit(now, "scan-purged", Some(format!("retro:{id}")), None)?;
            }
            s.conn
                .execute("DELETE FROM retro WHERE case_id = ?1", [case.0])?;
            s.conn
                .execute("DELETE FROM cases WHERE id = ?1", [case.0])?;
            s.audit(now, "case-purged", Some(format!("cases:{}", case.0)), None)
        })
    }

    /// Records the answers of the interview checklist for a case (a JSON document the app
    /// writes); earlier answers stay in the file, the latest count.
    pub fn save_interview(
        &mut self,
        case: CaseId,
        answers: &serde_json::Value,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        let plain = serde_json::to_vec(answers).map_err(|e| CaseError::Damaged(e.to_string()))?;
        self.in_transaction(|s| {
            let id = s.next_id("interviews")?;
            s.conn.execute(
                "INSERT INTO interviews (id, case_id, body) VALUES (?1, ?2, ?3)",
                params![
                    id,
                    case.0,
                    seal(&s.data_key, &aad("interviews", id), &plain)
                ],
            )?;
            s.audit(
                now,
                "interview-saved",
                Some(format!("interviews:{id}")),
                Some(&plain),
            )
        })
    }

    /// The latest answers of the interview checklist of a case, if any.
    pub fn interview(&self, case: CaseId) -> Result<Option<serde_json::Value>, CaseError> {
        let row: Option<(i64, Vec<u8>)> = self
            .conn
            .query_row(
                "SELECT id, body FROM interviews WHERE case_id = ?1 ORDER BY id DESC LIMIT 1",
                [case.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((id, body)) = row else {
            return Ok(None);
        };
        let plain = open(&self.data_key, &aad("interviews", id), &body)
            .ok_or_else(|| CaseError::Damaged(format!("interview row {id}")))?;
        serde_json::from_slice(&plain)
            .map(Some)
            .map_err(|e| CaseError::Damaged(e.to_string()))
    }

    /// The audit log, decrypted, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, CaseError> {
        let mut stmt = self
            .conn
            .prepare("SELECT seq, entry FROM audit ORDER BY seq")?;
        let rows: Vec<(i64, Vec<u8>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(seq, sealed)| {
                let plain = open(&self.data_key, &aad("audit", seq), &sealed)
                    .ok_or_else(|| CaseError::Damaged(format!("audit entry {seq}")))?;
                serde_json::from_slice(&plain).map_err(|e| CaseError::Damaged(e.to_string()))
            })
            .collect()
    }

    /// Checks the whole file: the audit chain (order, links, content), and every case and scan
    /// row against the SHA-256 its audit entry recorded. Nothing is changed.
    pub fn verify(&self) -> Result<VerifyReport, CaseError> {
        let mut report = VerifyReport::default();
        let mut recorded: std::collections::HashMap<String, Option<String>> =
            std::collections::HashMap::new();
        let mut purged = std::collections::HashSet::new();
        let mut stmt = self
            .conn
            .prepare("SELECT seq, prev, entry, hash FROM audit ORDER BY seq")?;
        let rows: Vec<AuditRow> = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    bytes_of(r.get_ref(1)?),
                    bytes_of(r.get_ref(2)?),
                    bytes_of(r.get_ref(3)?),
                ))
            })?
            .collect::<Result<_, _>>()?;
        let mut expected_prev = GENESIS.to_vec();
        for (i, (seq, prev, entry, hash)) in rows.iter().enumerate() {
            report.entries += 1;
            let problem = |key: &str| Message::new(key).arg("seq", seq.to_string());
            if *seq != i as i64 + 1 {
                report.problems.push(problem("case-verify-audit-gap"));
            }
            if *prev != expected_prev || *hash != sha256(&[prev, entry]).to_vec() {
                report.problems.push(problem("case-verify-audit-chain"));
            }
            expected_prev = hash.clone();
            match open(&self.data_key, &aad("audit", *seq), entry)
                .and_then(|p| serde_json::from_slice::<AuditEntry>(&p).ok())
            {
                Some(e) if e.seq == *seq => match (e.action.as_str(), e.object) {
                    ("case-purged" | "scan-purged" | "evidence-purged", Some(o)) => {
                        purged.insert(o);
                    }
                    // An export's hash is the archive's, not the case row's.
                    ("case-exported", _) => {}
                    // Entries without content (a login, a check started) only name a row.
                    (_, Some(o)) if e.sha256.is_some() => {
                        recorded.insert(o, e.sha256);
                    }
                    _ => {}
                },
                _ => report.problems.push(problem("case-verify-audit-entry")),
            }
        }
        for table in [
            "cases",
            "scans",
            "retro",
            "operators",
            "evidence",
            "interviews",
            "locker",
            "device_backups",
        ] {
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT id, body FROM {table}"))?;
            let rows: Vec<(i64, Vec<u8>)> = stmt
                .query_map([], |r| Ok((r.get(0)?, bytes_of(r.get_ref(1)?))))?
                .collect::<Result<_, _>>()?;
            for (id, body) in rows {
                report.rows += 1;
                let object = format!("{table}:{id}");
                let row_problem = |key: &str| Message::new(key).arg("row", &object);
                match open(&self.data_key, &aad(table, id), &body) {
                    None => report.problems.push(row_problem("case-verify-row-altered")),
                    Some(plain) => match recorded.remove(&object) {
                        Some(Some(h)) if h == hex::encode(sha256(&[&plain])) => {}
                        Some(_) => report.problems.push(row_problem("case-verify-row-altered")),
                        None => report
                            .problems
                            .push(row_problem("case-verify-row-unlogged")),
                    },
                }
            }
        }
        self.verify_evidence_content(&mut report.problems)?;
        self.verify_device_backups(&mut report.problems, &mut report.notes)?;
        // Rows the log recorded that are gone without a purge entry.
        let mut missing: Vec<String> = recorded
            .into_keys()
            .filter(|o| !purged.contains(o))
            .collect();
        missing.sort();
        for o in missing {
            report
                .problems
                .push(Message::new("case-verify-row-missing").arg("row", o));
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("vigie-case-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("dir");
        d.join("cases.db")
    }

    fn scan(n: u32) -> ScanRecord {
        ScanRecord {
            kind: "network".into(),
            made: format!("2026-11-24T10:0{n}:00Z"),
            tool_version: "0.1.0".into(),
            feeds: vec![("Echap".into(), "ab".repeat(32))],
            sources: vec![("phone.pcap".into(), Some("cd".repeat(32)))],
            verdict: serde_json::json!({"verdict": "nothing_found"}),
            observed: vec![("domain".into(), format!("n{n}.example"))],
        }
    }

    const T: Timestamp = Timestamp(1_764_000_000_000_000_000);

    #[test]
    fn stores_reopens_and_verifies() {
        let path = tmp("ok");
        {
            let mut s =
                CaseStore::open(&path, "correct horse", KdfParams::for_tests(), T).expect("create");
            let c = s.case("PV-2026-00042", T).expect("case");
            assert_eq!(s.case("PV-2026-00042 ", T).expect("same case"), c);
            s.add_scan(c, &scan(1), T).expect("scan");
            s.add_scan(c, &scan(2), T).expect("scan");
        }
        let s = CaseStore::open(&path, "correct horse", KdfParams::for_tests(), T).expect("reopen");
        let cases = s.cases().expect("list");
        assert_eq!(cases.len(), 1);
        assert_eq!(
            (cases[0].reference.as_str(), cases[0].scans),
            ("PV-2026-00042", 2)
        );
        assert_eq!(
            s.scans(s.find("PV-2026-00042").expect("find"))
                .expect("scans")[1],
            scan(2)
        );
        let r = s.verify().expect("verify");
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        // store-created, station-key-created, case-opened, two scans.
        assert_eq!((r.entries, r.rows), (5, 3));
        assert!(matches!(
            CaseStore::open(&path, "wrong", KdfParams::for_tests(), T),
            Err(CaseError::WrongPassphrase)
        ));
        // Nothing readable in the file: no reference, no domain.
        let raw = std::fs::read(&path).expect("file");
        let text = String::from_utf8_lossy(&raw);
        assert!(!text.contains("PV-2026") && !text.contains("n1.example"));
    }

    #[test]
    fn tampering_is_reported() {
        let path = tmp("tamper");
        let mut s = CaseStore::open(&path, "pw", KdfParams::for_tests(), T).expect("create");
        let c = s.case("REF-1", T).expect("case");
        s.add_scan(c, &scan(1), T).expect("scan");
        s.add_scan(c, &scan(2), T).expect("scan");
        // Swap two scan rows: each still decrypts under its own key, but not at the other id.
        s.conn.execute_batch("UPDATE scans SET id = 99 WHERE id = 1; UPDATE scans SET id = 1 WHERE id = 2; UPDATE scans SET id = 2 WHERE id = 99;").expect("swap");
        assert!(!s.verify().expect("verify").problems.is_empty());
        // Delete an audit entry.
        let path2 = tmp("tamper2");
        let mut s2 = CaseStore::open(&path2, "pw", KdfParams::for_tests(), T).expect("create");
        let c2 = s2.case("REF-2", T).expect("case");
        s2.add_scan(c2, &scan(1), T).expect("scan");
        s2.conn
            .execute("DELETE FROM audit WHERE seq = 2", [])
            .expect("delete");
        let problems: Vec<String> = s2
            .verify()
            .expect("verify")
            .problems
            .into_iter()
            .map(|m| m.key)
            .collect();
        assert!(
            problems.contains(&"case-verify-audit-gap".to_owned()),
            "{problems:?}"
        );
        // Delete a scan without purge.
        let path3 = tmp("tamper3");
        let mut s3 = CaseStore::open(&path3, "pw", KdfParams::for_tests(), T).expect("create");
        let c3 = s3.case("REF-3", T).expect("case");
        s3.add_scan(c3, &scan(1), T).expect("scan");
        s3.conn.execute("DELETE FROM scans", []).expect("delete");
        let problems: Vec<String> = s3
            .verify()
            .expect("verify")
            .problems
            .into_iter()
            .map(|m| m.key)
            .collect();
        assert_eq!(problems, vec!["case-verify-row-missing".to_owned()]);
    }

    #[test]
    fn purge_removes_the_case_and_logs_it() {
        let path = tmp("purge");
        let mut s = CaseStore::open(&path, "pw", KdfParams::for_tests(), T).expect("create");
        let c = s.case("REF-9", T).expect("case");
        s.add_scan(c, &scan(1), T).expect("scan");
        s.purge("REF-9", T).expect("purge");
        assert!(s.cases().expect("list").is_empty());
        assert!(matches!(s.find("REF-9"), Err(CaseError::NoCase(_))));
        assert_eq!(
            s.audit_log()
                .expect("log")
                .last()
                .map(|e| e.action.clone())
                .as_deref(),
            Some("case-purged")
        );
        assert!(
            s.verify().expect("verify").problems.is_empty(),
            "{:?}",
            s.verify().expect("verify").problems
        );
        // After a purge, a scan deleted from another case is still reported.
        let other = s.case("REF-10", T).expect("case");
        s.add_scan(other, &scan(2), T).expect("scan");
        s.conn
            .execute("DELETE FROM scans WHERE case_id = ?1", [other.0])
            .expect("delete");
        let problems: Vec<String> = s
            .verify()
            .expect("verify")
            .problems
            .into_iter()
            .map(|m| m.key)
            .collect();
        assert_eq!(problems, vec!["case-verify-row-missing".to_owned()]);
    }
}
