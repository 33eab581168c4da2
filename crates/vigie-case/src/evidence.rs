//! Evidence files in the case file: captures kept from a check, imported files, exported
//! reports. Content is stored in encrypted chunks bound to the item and their position, so a
//! chunk cannot be altered, moved or swapped unnoticed; the item's SHA-256 is recorded in the
//! audit log when it is complete.

use crate::crypto::{open, seal};
use crate::store::SPACE_RESERVE;
use crate::{CaseError, CaseId, CaseStore};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use vigie_core::{Message, Timestamp};

/// Size of the encrypted pieces evidence is stored in.
pub const CHUNK: usize = 1 << 20;

/// Longest reason kept for a withdrawal, in characters.
const MAX_REASON: usize = 500;

/// An evidence item's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct EvidenceId(pub i64);

/// What an evidence item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// Traffic captured by a live check (purged after the retention period unless kept).
    Capture,
    /// A file the operator imported (a capture file, a dump).
    Import,
    /// A report or export made from the case.
    Report,
    /// A file of the evidence locker (a screenshot, a photo, a saved page): always kept.
    Locker,
}

impl EvidenceKind {
    /// Stable name (`capture`, `import`, `report`, `locker`).
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Capture => "capture",
            EvidenceKind::Import => "import",
            EvidenceKind::Report => "report",
            EvidenceKind::Locker => "locker",
        }
    }
}

/// An evidence item as listed (its content is read with [`CaseStore::read_evidence`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceInfo {
    /// Its id.
    pub id: EvidenceId,
    /// File name (as uploaded, or made by the station).
    pub name: String,
    /// What it is.
    pub kind: EvidenceKind,
    /// When storing began (UTC).
    pub added: String,
    /// SHA-256 of the whole content, once complete.
    pub sha256: Option<String>,
    /// Size in bytes, once complete.
    pub size: u64,
    /// The operator asked to keep it as evidence (never purged by retention).
    pub keep: bool,
    /// The process stopped while it was being stored: the content is what arrived before.
    pub interrupted: bool,
    /// When its content was purged by retention (hash, size and findings stay).
    pub content_purged: Option<String>,
    /// The item was withdrawn (added by mistake): kept, but left out of exports.
    #[serde(default)]
    pub withdrawn: Option<Withdrawal>,
}

/// Why and by whom an evidence item was withdrawn. Its content stays in the case file and
/// its audit entries stay in the chain: nothing is deleted, it is only left out of exports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawal {
    /// When (UTC).
    pub when: String,
    /// The operator who withdrew it.
    pub by: Option<String>,
    /// Why, as the operator wrote it.
    pub reason: String,
}

/// An item being written: feed it with [`CaseStore::write_evidence`], end with
/// [`CaseStore::finish_evidence`]. Each chunk is committed as it is written, so a crash
/// loses at most the last, unfinished chunk.
#[derive(Debug)]
pub struct EvidenceWriter {
    pub(crate) id: EvidenceId,
    pub(crate) next_chunk: i64,
    pub(crate) pending: Vec<u8>,
    hasher: Sha256,
    size: u64,
}

impl EvidenceWriter {
    /// The item's id.
    pub fn id(&self) -> EvidenceId {
        self.id
    }

    /// Bytes accepted so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Takes the start of `bytes` into the chunk being filled, hashed as it comes, as much as
    /// the chunk has room for, and says how many bytes it took. It needs no case file: a
    /// writer fed fast (a live capture) fills its chunk without the case file's lock, which
    /// only storing a full chunk takes (or none: [`crate::ChunkWriter`]).
    pub fn fill(&mut self, bytes: &[u8]) -> usize {
        let take = (CHUNK - self.pending.len()).min(bytes.len());
        self.pending.extend_from_slice(&bytes[..take]);
        self.hasher.update(&bytes[..take]);
        self.size += take as u64;
        take
    }

    /// Whether the chunk being filled is full: it is stored before more is taken.
    pub fn is_full(&self) -> bool {
        self.pending.len() == CHUNK
    }
}

fn chunk_aad(id: EvidenceId, n: i64) -> Vec<u8> {
    format!("evidence_chunks:{}:{n}", id.0).into_bytes()
}

/// Refuses to go on when the disk holding `dir` has less than [`SPACE_RESERVE`] free.
/// Where free space cannot be read, writing goes on (the database's own errors remain).
pub(crate) fn space_left(dir: &std::path::Path) -> Result<(), CaseError> {
    match nix::sys::statvfs::statvfs(dir) {
        Ok(v) => {
            let free = v.blocks_available().saturating_mul(v.fragment_size());
            if free < SPACE_RESERVE {
                Err(CaseError::DiskFull {
                    free_mb: free / 1_000_000,
                })
            } else {
                Ok(())
            }
        }
        Err(_) => Ok(()),
    }
}

/// Stores chunk `n` of item `id`, sealed with `key`, on `conn`, committed at once.
pub(crate) fn insert_chunk(
    conn: &rusqlite::Connection,
    key: &[u8; 32],
    (id, n): (EvidenceId, i64),
    data: &[u8],
) -> Result<(), CaseError> {
    conn.execute(
        "INSERT INTO evidence_chunks (evidence_id, n, data) VALUES (?1, ?2, ?3)",
        params![id.0, n, seal(key, &chunk_aad(id, n), data)?],
    )?;
    Ok(())
}

impl CaseStore {
    fn evidence_body(&self, id: i64, sealed: &[u8]) -> Result<EvidenceInfo, CaseError> {
        self.open_json("evidence", id, sealed)
    }

    /// Rewrites an item's record with its audit entry (inside the caller's transaction).
    fn put_evidence(
        &mut self,
        case: Option<CaseId>,
        info: &EvidenceInfo,
        action: &str,
        now: Timestamp,
    ) -> Result<(), CaseError> {
        self.put_record("evidence", info.id.0, case, info, action, now)
    }

    /// Starts storing an evidence item in a case.
    pub fn begin_evidence(
        &mut self,
        case: CaseId,
        name: &str,
        kind: EvidenceKind,
        now: Timestamp,
    ) -> Result<EvidenceWriter, CaseError> {
        self.in_transaction(|s| {
            let id = EvidenceId(s.next_id("evidence")?);
            let info = EvidenceInfo {
                id,
                name: name.to_owned(),
                kind,
                added: now.to_string(),
                sha256: None,
                size: 0,
                keep: false,
                interrupted: false,
                content_purged: None,
                withdrawn: None,
            };
            s.put_evidence(Some(case), &info, "evidence-started", now)?;
            Ok(EvidenceWriter {
                id,
                next_chunk: 0,
                pending: Vec::with_capacity(CHUNK),
                hasher: Sha256::new(),
                size: 0,
            })
        })
    }

    fn store_chunk(&mut self, id: EvidenceId, n: i64, data: &[u8]) -> Result<(), CaseError> {
        insert_chunk(&self.conn, &self.data_key, (id, n), data)
    }

    /// Adds bytes to an item; full chunks are encrypted and committed at once.
    pub fn write_evidence(
        &mut self,
        w: &mut EvidenceWriter,
        bytes: &[u8],
    ) -> Result<(), CaseError> {
        // Only what enters the item counts in its hash and size: after a refusal (a full
        // disk), the item holds exactly what was hashed.
        let mut rest = bytes;
        loop {
            // A chunk left full by an earlier refusal is stored first.
            self.store_full_chunk(w)?;
            if rest.is_empty() {
                return Ok(());
            }
            rest = &rest[w.fill(rest)..];
        }
    }

    /// Stores the writer's chunk if it is full (encrypted and committed at once). On a full
    /// disk it is refused and kept whole in the writer, for a later attempt.
    fn store_full_chunk(&mut self, w: &mut EvidenceWriter) -> Result<(), CaseError> {
        if !w.is_full() {
            return Ok(());
        }
        self.check_space()?;
        self.store_chunk(w.id, w.next_chunk, &w.pending)?;
        w.next_chunk += 1;
        w.pending.clear();
        Ok(())
    }

    /// Free space on the case file's disk, in bytes, where it can be read.
    pub fn free_space(&self) -> Option<u64> {
        nix::sys::statvfs::statvfs(&self.dir)
            .ok()
            .map(|v| v.blocks_available().saturating_mul(v.fragment_size()))
    }

    /// Refuses to go on when the case file's disk has less than [`SPACE_RESERVE`] free.
    /// Where free space cannot be read, writing goes on (the database's own errors remain).
    pub(crate) fn check_space(&self) -> Result<(), CaseError> {
        space_left(&self.dir)
    }

    /// Ends an item: the last chunk is stored and its SHA-256 and size recorded and logged.
    pub fn finish_evidence(
        &mut self,
        w: EvidenceWriter,
        now: Timestamp,
    ) -> Result<EvidenceInfo, CaseError> {
        self.close_evidence(w, false, now)
    }

    /// Ends an item whose content stopped arriving part-way (an upload cut off): what
    /// arrived is kept, hashed and marked interrupted.
    pub fn finish_interrupted_evidence(
        &mut self,
        w: EvidenceWriter,
        now: Timestamp,
    ) -> Result<EvidenceInfo, CaseError> {
        self.close_evidence(w, true, now)
    }

    fn close_evidence(
        &mut self,
        mut w: EvidenceWriter,
        interrupted: bool,
        now: Timestamp,
    ) -> Result<EvidenceInfo, CaseError> {
        if !w.pending.is_empty() {
            self.store_chunk(w.id, w.next_chunk, &w.pending)?;
        }
        let mut info = self.evidence_info(w.id)?.1;
        info.sha256 = Some(hex::encode(w.hasher.finalize_reset()));
        info.size = w.size;
        info.interrupted = interrupted;
        let action = if interrupted {
            "evidence-recovered"
        } else {
            "evidence-stored"
        };
        self.in_transaction(|s| {
            s.put_evidence(None, &info, action, now)?;
            Ok(info)
        })
    }

    /// Stores a whole file read from `content` as one item.
    pub fn add_evidence(
        &mut self,
        case: CaseId,
        name: &str,
        kind: EvidenceKind,
        content: &mut dyn Read,
        now: Timestamp,
    ) -> Result<EvidenceInfo, CaseError> {
        let mut w = self.begin_evidence(case, name, kind, now)?;
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = match content.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(CaseError::Io(e.to_string())),
            };
            self.write_evidence(&mut w, &buf[..n])?;
        }
        self.finish_evidence(w, now)
    }

    fn evidence_info(&self, id: EvidenceId) -> Result<(CaseId, EvidenceInfo), CaseError> {
        let (case, body) = self
            .row_of("evidence", id.0)?
            .ok_or(CaseError::NoEvidence(id.0))?;
        Ok((case, self.evidence_body(id.0, &body)?))
    }

    /// The case an item belongs to, and the item.
    pub fn evidence_item(&self, id: EvidenceId) -> Result<(CaseId, EvidenceInfo), CaseError> {
        self.evidence_info(id)
    }

    /// The evidence items of a case, oldest first.
    pub fn evidence(&self, case: CaseId) -> Result<Vec<EvidenceInfo>, CaseError> {
        self.rows_of_case("evidence", case)?
            .into_iter()
            .map(|(id, body)| self.evidence_body(id, &body))
            .collect()
    }

    /// Writes an item's content to `out`, checking each chunk and the whole SHA-256.
    pub fn read_evidence(&self, id: EvidenceId, out: &mut dyn Write) -> Result<u64, CaseError> {
        let (_, info) = self.evidence_info(id)?;
        let (hash, size) = self.stream_chunks(id, &mut |c| {
            out.write_all(c).map_err(|e| CaseError::Io(e.to_string()))
        })?;
        if info.sha256.as_deref().is_some_and(|h| h != hash)
            || (info.sha256.is_some() && size != info.size)
        {
            return Err(CaseError::Damaged(format!("evidence {}", id.0)));
        }
        Ok(size)
    }

    /// Decrypts an item's chunks in order, giving each to `each`; returns SHA-256 and size.
    fn stream_chunks(
        &self,
        id: EvidenceId,
        each: &mut dyn FnMut(&[u8]) -> Result<(), CaseError>,
    ) -> Result<(String, u64), CaseError> {
        let mut stmt = self
            .conn
            .prepare("SELECT n, data FROM evidence_chunks WHERE evidence_id = ?1 ORDER BY n")?;
        let mut rows = stmt.query([id.0])?;
        let mut hasher = Sha256::new();
        let (mut expected, mut size) = (0i64, 0u64);
        while let Some(row) = rows.next()? {
            let n: i64 = row.get(0)?;
            let data = crate::store::bytes_of(row.get_ref(1)?);
            let plain = (n == expected)
                .then(|| open(&self.data_key, &chunk_aad(id, n), &data))
                .flatten()
                .ok_or_else(|| CaseError::Damaged(format!("evidence {} chunk {n}", id.0)))?;
            hasher.update(&plain);
            size += plain.len() as u64;
            each(&plain)?;
            expected += 1;
        }
        Ok((hex::encode(hasher.finalize()), size))
    }

    /// Marks an item to be kept as evidence: retention never purges it.
    pub fn keep_evidence(&mut self, id: EvidenceId, now: Timestamp) -> Result<(), CaseError> {
        let (_, mut info) = self.evidence_info(id)?;
        info.keep = true;
        self.in_transaction(|s| s.put_evidence(None, &info, "evidence-kept", now))
    }

    /// Withdraws an item added by mistake, saying why: it stays in the case file and its
    /// audit trail, named as withdrawn by the acting operator, and exports leave it out.
    pub fn withdraw_evidence(
        &mut self,
        id: EvidenceId,
        reason: &str,
        now: Timestamp,
    ) -> Result<EvidenceInfo, CaseError> {
        let reason: String = reason.trim().chars().take(MAX_REASON).collect();
        if reason.is_empty() {
            return Err(CaseError::NoReason);
        }
        let (_, mut info) = self.evidence_info(id)?;
        if info.withdrawn.is_some() {
            return Ok(info);
        }
        info.withdrawn = Some(Withdrawal {
            when: now.to_string(),
            by: self.actor().map(str::to_owned),
            reason,
        });
        self.in_transaction(|s| {
            s.put_evidence(None, &info, "evidence-withdrawn", now)?;
            Ok(info)
        })
    }

    /// Retention: purges the content of live-check captures added before `cutoff` and not
    /// kept as evidence; their hash, size and the findings made from them stay. Returns how
    /// many were purged.
    pub fn purge_raw_captures(
        &mut self,
        cutoff: Timestamp,
        now: Timestamp,
    ) -> Result<usize, CaseError> {
        let cutoff = cutoff.to_string();
        let rows = self.select_rows("SELECT id, body FROM evidence ORDER BY id")?;
        let mut due = vec![];
        for (id, body) in rows {
            let info = self.evidence_body(id, &body)?;
            // RFC 3339 UTC times of one format order as text.
            if info.kind == EvidenceKind::Capture
                && !info.keep
                && info.content_purged.is_none()
                && info.added < cutoff
            {
                due.push(info);
            }
        }
        let count = due.len();
        self.in_transaction(|s| {
            for mut info in due {
                s.conn.execute(
                    "DELETE FROM evidence_chunks WHERE evidence_id = ?1",
                    [info.id.0],
                )?;
                info.content_purged = Some(now.to_string());
                s.put_evidence(None, &info, "evidence-content-purged", now)?;
            }
            Ok(())
        })?;
        Ok(count)
    }

    /// Items whose storing was cut short (the process was killed): what arrived is kept,
    /// hashed, marked interrupted and logged, so that nothing already saved is lost.
    pub(crate) fn recover_interrupted(&mut self, now: Timestamp) -> Result<(), CaseError> {
        let rows = self.select_rows("SELECT id, body FROM evidence ORDER BY id")?;
        for (id, body) in rows {
            let Ok(mut info) = self.evidence_body(id, &body) else {
                continue; // verify() reports it
            };
            if info.sha256.is_some() || info.content_purged.is_some() {
                continue;
            }
            let Ok((hash, size)) = self.stream_chunks(info.id, &mut |_| Ok(())) else {
                continue;
            };
            info.sha256 = Some(hash);
            info.size = size;
            info.interrupted = true;
            self.in_transaction(|s| s.put_evidence(None, &info, "evidence-recovered", now))?;
        }
        Ok(())
    }

    /// Checks every complete item's content against its recorded SHA-256.
    pub(crate) fn verify_evidence_content(
        &self,
        problems: &mut Vec<Message>,
    ) -> Result<(), CaseError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, body FROM evidence ORDER BY id")?;
        let rows: Vec<(i64, Vec<u8>)> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, crate::store::bytes_of(r.get_ref(1)?)))
            })?
            .collect::<Result<_, _>>()?;
        for (id, body) in rows {
            let Ok(info) = self.evidence_body(id, &body) else {
                continue; // reported with the rows
            };
            let Some(recorded) = &info.sha256 else {
                continue;
            };
            if info.content_purged.is_some() {
                continue;
            }
            let ok = matches!(
                self.stream_chunks(info.id, &mut |_| Ok(())),
                Ok((hash, size)) if &hash == recorded && size == info.size
            );
            if !ok {
                problems.push(
                    Message::new("case-verify-evidence-altered")
                        .arg("row", format!("evidence:{id}"))
                        .arg("name", &info.name),
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "evidence_tests.rs"]
mod tests;
