//! Backups received from a phone, kept inside the case file: every file of the backup in
//! 1 MiB chunks encrypted like evidence, its name sealed too (looked up by a keyed hash), its
//! SHA-256 recorded. Nothing of the backup is ever written to disk in clear. When the backup
//! is complete, the number of files, their size and a digest of every (name, SHA-256) are
//! written in the audit log.

use crate::crypto::sha256;
use crate::crypto::{open, seal};
use crate::store::to_json;
use crate::CHUNK;
use crate::{CaseError, CaseId, CaseStore};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use vigie_core::Timestamp;

/// A backup kept in a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceBackupId(pub i64);

/// What is recorded of a backup kept in a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceBackupInfo {
    /// Its id.
    pub id: DeviceBackupId,
    /// What it is (`iPhone <UDID>`).
    pub label: String,
    /// When receiving began (UTC).
    pub started: String,
    /// When it was complete (UTC); `None` while receiving, or when interrupted.
    pub finished: Option<String>,
    /// Files kept.
    pub files: u64,
    /// Their total size.
    pub bytes: u64,
    /// SHA-256 of the sorted lines `name SHA-256` of every file.
    pub digest: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct FileMeta {
    name: String,
    size: u64,
    sha256: Option<String>,
}

/// A file of a backup being written.
#[derive(Debug)]
pub struct DeviceBackupFile {
    id: i64,
    next_chunk: i64,
    pending: Vec<u8>,
    hasher: Sha256,
    size: u64,
    name: String,
}

fn chunk_aad(file: i64, n: i64) -> Vec<u8> {
    format!("device-backup-chunk:{file}:{n}").into_bytes()
}

fn meta_aad(file: i64) -> Vec<u8> {
    format!("device-backup-file:{file}").into_bytes()
}

/// SHA-256 of the sorted lines `name SHA-256` of every file of a backup.
fn digest_of(files: &[(i64, FileMeta)]) -> String {
    let mut lines: Vec<String> = files
        .iter()
        .map(|(_, m)| format!("{} {}", m.name, m.sha256.as_deref().unwrap_or("-")))
        .collect();
    lines.sort();
    let mut digest = Sha256::new();
    for l in &lines {
        digest.update(l.as_bytes());
        digest.update(b"\n");
    }
    hex::encode(digest.finalize())
}

impl CaseStore {
    fn file_lookup(&self, backup: DeviceBackupId, name: &str) -> Vec<u8> {
        sha256(&[&self.lookup_key, &backup.0.to_be_bytes(), name.as_bytes()]).to_vec()
    }

    /// The record of a backup.
    pub fn device_backup(
        &self,
        id: DeviceBackupId,
    ) -> Result<(CaseId, DeviceBackupInfo), CaseError> {
        let (case, body) = self
            .row_of("device_backups", id.0)?
            .ok_or_else(|| CaseError::Damaged(format!("no device backup {}", id.0)))?;
        Ok((case, self.open_json("device_backups", id.0, &body)?))
    }

    /// The backups kept in a case.
    pub fn device_backups(&self, case: CaseId) -> Result<Vec<DeviceBackupInfo>, CaseError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM device_backups WHERE case_id = ?1 ORDER BY id")?;
        let ids: Vec<i64> = stmt
            .query_map([case.0], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.into_iter()
            .map(|id| self.device_backup(DeviceBackupId(id)).map(|(_, i)| i))
            .collect()
    }

    /// Starts keeping a backup received from a phone in `case`.
    pub fn begin_device_backup(
        &mut self,
        case: CaseId,
        label: &str,
        now: Timestamp,
    ) -> Result<DeviceBackupId, CaseError> {
        self.in_transaction(|s| {
            let id = DeviceBackupId(s.next_id("device_backups")?);
            let info = DeviceBackupInfo {
                id,
                label: label.to_owned(),
                started: now.to_string(),
                finished: None,
                files: 0,
                bytes: 0,
                digest: None,
            };
            s.put_record(
                "device_backups",
                id.0,
                Some(case),
                &info,
                "device-backup-started",
                now,
            )?;
            Ok(id)
        })
    }

    fn backup_file_row(
        &self,
        backup: DeviceBackupId,
        name: &str,
    ) -> Result<Option<i64>, CaseError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM device_backup_files WHERE backup_id = ?1 AND lookup = ?2",
                params![backup.0, self.file_lookup(backup, name)],
                |r| r.get(0),
            )
            .optional()?)
    }

    fn put_file_meta(
        &mut self,
        backup: DeviceBackupId,
        id: Option<i64>,
        meta: &FileMeta,
    ) -> Result<i64, CaseError> {
        let id = match id {
            Some(id) => id,
            None => self.next_id("device_backup_files")?,
        };
        let plain = to_json(meta)?;
        let sealed = seal(&self.data_key, &meta_aad(id), &plain)?;
        self.conn.execute(
            "INSERT OR REPLACE INTO device_backup_files (id, backup_id, lookup, body) VALUES (?1, ?2, ?3, ?4)",
            params![id, backup.0, self.file_lookup(backup, &meta.name), sealed],
        )?;
        Ok(id)
    }

    fn file_meta(&self, id: i64, body: &[u8]) -> Result<FileMeta, CaseError> {
        let plain = open(&self.data_key, &meta_aad(id), body)
            .ok_or_else(|| CaseError::Damaged(format!("device backup file {id}")))?;
        serde_json::from_slice(&plain).map_err(|e| CaseError::Damaged(e.to_string()))
    }

    fn drop_backup_file(&mut self, id: i64) -> Result<(), CaseError> {
        self.conn
            .execute("DELETE FROM device_backup_chunks WHERE file_id = ?1", [id])?;
        self.conn
            .execute("DELETE FROM device_backup_files WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Starts a file of the backup (replacing one of the same name).
    pub fn begin_backup_file(
        &mut self,
        backup: DeviceBackupId,
        name: &str,
    ) -> Result<DeviceBackupFile, CaseError> {
        if let Some(old) = self.backup_file_row(backup, name)? {
            self.drop_backup_file(old)?;
        }
        let id = self.put_file_meta(
            backup,
            None,
            &FileMeta {
                name: name.to_owned(),
                size: 0,
                sha256: None,
            },
        )?;
        Ok(DeviceBackupFile {
            id,
            next_chunk: 0,
            pending: Vec::new(),
            hasher: Sha256::new(),
            size: 0,
            name: name.to_owned(),
        })
    }

    fn store_backup_chunk(&mut self, f: &mut DeviceBackupFile) -> Result<(), CaseError> {
        self.check_space()?;
        let sealed = seal(&self.data_key, &chunk_aad(f.id, f.next_chunk), &f.pending)?;
        self.conn.execute(
            "INSERT OR REPLACE INTO device_backup_chunks (file_id, n, data) VALUES (?1, ?2, ?3)",
            params![f.id, f.next_chunk, sealed],
        )?;
        f.next_chunk += 1;
        f.pending.clear();
        Ok(())
    }

    /// Adds bytes to a file of the backup.
    pub fn write_backup_file(
        &mut self,
        f: &mut DeviceBackupFile,
        mut bytes: &[u8],
    ) -> Result<(), CaseError> {
        while !bytes.is_empty() {
            let take = (CHUNK - f.pending.len()).min(bytes.len());
            f.pending.extend_from_slice(&bytes[..take]);
            f.hasher.update(&bytes[..take]);
            f.size += take as u64;
            bytes = &bytes[take..];
            if f.pending.len() == CHUNK {
                self.store_backup_chunk(f)?;
            }
        }
        Ok(())
    }

    /// Ends a file of the backup: its last chunk, size and SHA-256.
    pub fn finish_backup_file(
        &mut self,
        backup: DeviceBackupId,
        mut f: DeviceBackupFile,
    ) -> Result<(), CaseError> {
        if !f.pending.is_empty() {
            self.store_backup_chunk(&mut f)?;
        }
        let meta = FileMeta {
            name: f.name.clone(),
            size: f.size,
            sha256: Some(hex::encode(f.hasher.finalize_reset())),
        };
        self.put_file_meta(backup, Some(f.id), &meta)?;
        Ok(())
    }

    /// Every file of the backup: row id and what is known of it.
    fn backup_files(&self, backup: DeviceBackupId) -> Result<Vec<(i64, FileMeta)>, CaseError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, body FROM device_backup_files WHERE backup_id = ?1 ORDER BY id")?;
        let rows: Vec<(i64, Vec<u8>)> = stmt
            .query_map([backup.0], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        rows.into_iter()
            .map(|(id, body)| Ok((id, self.file_meta(id, &body)?)))
            .collect()
    }

    /// Renames a file, or a folder with what it holds.
    pub fn move_backup_item(
        &mut self,
        backup: DeviceBackupId,
        from: &str,
        to: &str,
    ) -> Result<(), CaseError> {
        let prefix = format!("{from}/");
        for (id, mut meta) in self.backup_files(backup)? {
            let renamed = if meta.name == from {
                to.to_owned()
            } else if let Some(rest) = meta.name.strip_prefix(&prefix) {
                format!("{to}/{rest}")
            } else {
                continue;
            };
            if let Some(old) = self.backup_file_row(backup, &renamed)? {
                self.drop_backup_file(old)?;
            }
            meta.name = renamed;
            self.put_file_meta(backup, Some(id), &meta)?;
        }
        Ok(())
    }

    /// Removes a file, or a folder with what it holds.
    pub fn remove_backup_item(
        &mut self,
        backup: DeviceBackupId,
        path: &str,
    ) -> Result<(), CaseError> {
        let prefix = format!("{path}/");
        for (id, meta) in self.backup_files(backup)? {
            if meta.name == path || meta.name.starts_with(&prefix) {
                self.drop_backup_file(id)?;
            }
        }
        Ok(())
    }

    /// Copies a file of the backup.
    pub fn copy_backup_file(
        &mut self,
        backup: DeviceBackupId,
        from: &str,
        to: &str,
    ) -> Result<(), CaseError> {
        let Some(content) = self.read_backup_file(backup, from, u64::MAX)? else {
            return Ok(());
        };
        let mut f = self.begin_backup_file(backup, to)?;
        self.write_backup_file(&mut f, &content)?;
        self.finish_backup_file(backup, f)
    }

    /// What a folder of the backup holds: name, size, whether it is a folder.
    pub fn list_backup_dir(
        &self,
        backup: DeviceBackupId,
        dir: &str,
    ) -> Result<Vec<(String, u64, bool)>, CaseError> {
        let prefix = format!("{dir}/");
        let mut out: std::collections::BTreeMap<String, (u64, bool)> = Default::default();
        for (_, meta) in self.backup_files(backup)? {
            if let Some(rest) = meta.name.strip_prefix(&prefix) {
                match rest.split_once('/') {
                    Some((sub, _)) => {
                        out.insert(sub.to_owned(), (0, true));
                    }
                    None => {
                        out.insert(rest.to_owned(), (meta.size, false));
                    }
                }
            }
        }
        Ok(out.into_iter().map(|(n, (s, d))| (n, s, d)).collect())
    }

    /// Whether the backup has the file `name`.
    pub fn has_backup_file(&self, backup: DeviceBackupId, name: &str) -> bool {
        matches!(self.backup_file_row(backup, name), Ok(Some(_)))
    }

    /// The content of a file of the backup (`None` when absent), refused over `max` bytes.
    pub fn read_backup_file(
        &self,
        backup: DeviceBackupId,
        name: &str,
        max: u64,
    ) -> Result<Option<Vec<u8>>, CaseError> {
        let Some(id) = self.backup_file_row(backup, name)? else {
            return Ok(None);
        };
        let body: Vec<u8> = self.conn.query_row(
            "SELECT body FROM device_backup_files WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?;
        let meta = self.file_meta(id, &body)?;
        if meta.size > max {
            return Err(CaseError::Io(format!(
                "{name}: {} bytes, more than is read here",
                meta.size
            )));
        }
        let mut out = Vec::with_capacity(usize::try_from(meta.size).unwrap_or(0));
        let mut stmt = self
            .conn
            .prepare("SELECT n, data FROM device_backup_chunks WHERE file_id = ?1 ORDER BY n")?;
        let rows = stmt.query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))?;
        for (expected, row) in rows.enumerate() {
            let (n, sealed) = row?;
            if n != expected as i64 {
                return Err(CaseError::Damaged(format!(
                    "{name}: chunk {expected} missing"
                )));
            }
            let plain = open(&self.data_key, &chunk_aad(id, n), &sealed)
                .ok_or_else(|| CaseError::Damaged(format!("{name}: chunk {n} altered")))?;
            out.extend_from_slice(&plain);
        }
        if out.len() as u64 != meta.size {
            return Err(CaseError::Damaged(format!("{name}: incomplete")));
        }
        Ok(Some(out))
    }

    /// Ends receiving a backup: its files, size and digest are recorded and logged.
    pub fn finish_device_backup(
        &mut self,
        backup: DeviceBackupId,
        now: Timestamp,
    ) -> Result<DeviceBackupInfo, CaseError> {
        let files = self.backup_files(backup)?;
        let (_, mut info) = self.device_backup(backup)?;
        info.finished = Some(now.to_string());
        info.files = files.len() as u64;
        info.bytes = files.iter().map(|(_, m)| m.size).sum();
        info.digest = Some(digest_of(&files));
        self.in_transaction(|s| {
            s.put_record(
                "device_backups",
                backup.0,
                None,
                &info,
                "device-backup-stored",
                now,
            )?;
            Ok(info)
        })
    }
}

impl CaseStore {
    /// SHA-256 and size of a file of a backup, read again chunk by chunk (one in memory at a
    /// time); `None` when a chunk is missing, out of place or altered.
    fn rehash_backup_file(&self, id: i64) -> Result<Option<(String, u64)>, CaseError> {
        let mut stmt = self
            .conn
            .prepare("SELECT n, data FROM device_backup_chunks WHERE file_id = ?1 ORDER BY n")?;
        let mut rows = stmt.query([id])?;
        let (mut hasher, mut size, mut expected) = (Sha256::new(), 0u64, 0i64);
        while let Some(row) = rows.next()? {
            let n: i64 = row.get(0)?;
            let sealed = crate::store::bytes_of(row.get_ref(1)?);
            let Some(plain) = open(&self.data_key, &chunk_aad(id, n), &sealed) else {
                return Ok(None);
            };
            if n != expected {
                return Ok(None);
            }
            expected += 1;
            hasher.update(&plain);
            size += plain.len() as u64;
        }
        Ok(Some((hex::encode(hasher.finalize()), size)))
    }

    /// Reads every file of every complete backup again and checks it against its SHA-256,
    /// and the files' list against the digest the audit log holds. A backup whose receiving
    /// was interrupted has no digest: it is noted, not counted as altered.
    pub(crate) fn verify_device_backups(
        &self,
        problems: &mut Vec<vigie_core::Message>,
        notes: &mut Vec<vigie_core::Message>,
    ) -> Result<(), CaseError> {
        use vigie_core::Message;
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM device_backups ORDER BY id")?;
        let ids: Vec<i64> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for id in ids {
            let row = format!("device_backups:{id}");
            let Ok((_, info)) = self.device_backup(DeviceBackupId(id)) else {
                continue; // reported with the rows
            };
            let files = match self.backup_files(info.id) {
                Ok(f) => f,
                Err(_) => {
                    problems.push(Message::new("case-verify-backup-digest").arg("row", &row));
                    continue;
                }
            };
            let Some(digest) = &info.digest else {
                notes.push(
                    Message::new("case-verify-backup-interrupted")
                        .arg("name", &info.label)
                        .arg("started", &info.started)
                        .arg("count", files.len().to_string()),
                );
                continue;
            };
            let mut altered = 0;
            for (file, meta) in &files {
                let ok = matches!(
                    self.rehash_backup_file(*file)?,
                    Some((hash, size)) if Some(&hash) == meta.sha256.as_ref() && size == meta.size
                );
                if !ok {
                    altered += 1;
                    problems.push(
                        Message::new("case-verify-backup-file-altered")
                            .arg("row", &row)
                            .arg("name", &meta.name),
                    );
                }
            }
            let bytes: u64 = files.iter().map(|(_, m)| m.size).sum();
            if &digest_of(&files) != digest
                || files.len() as u64 != info.files
                || bytes != info.bytes
            {
                problems.push(Message::new("case-verify-backup-digest").arg("row", &row));
            } else if altered == 0 {
                notes.push(
                    Message::new("case-verify-backup-ok")
                        .arg("name", &info.label)
                        .arg("count", files.len().to_string()),
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "device_backup_tests.rs"]
mod tests;
