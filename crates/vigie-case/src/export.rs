//! Evidence export: one tar archive with a case's evidence files, its reports, its chain of
//! custody and a manifest, signed (Ed25519) with the station's key; and its check, which
//! needs nothing but the archive — no case file, no passphrase, no network.
//!
//! Layout: `manifest.json` first, then every file, then `manifest.sig` last. The manifest
//! lists each entry's SHA-256 over its whole tar blocks (header, content, padding) and over
//! its content; the signature covers every byte before its own header. So any byte changed
//! anywhere makes the check fail, and the check names the entry it is in.

use crate::crypto::{open, random, seal};
use crate::{CaseError, CaseId, CaseStore, EvidenceId, EvidenceInfo};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::Write;
use vigie_core::Timestamp;

pub(crate) const BLOCK: usize = 512;

/// One entry of the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// Path inside the archive.
    pub path: String,
    /// Content size in bytes.
    pub size: u64,
    /// SHA-256 of the content.
    pub sha256: String,
    /// SHA-256 of the entry's tar blocks (header, content, padding).
    pub blocks_sha256: String,
    /// For an entry sealed with a passphrase (age): the SHA-256 of the file once opened,
    /// the one the case file recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened_sha256: Option<String>,
}

/// An evidence item of the case that the archive does not carry, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withheld {
    /// The item's file name.
    pub name: String,
    /// Its SHA-256, as the case file recorded it.
    pub sha256: Option<String>,
    /// Why it is not in the archive.
    pub why: WithheldWhy,
}

/// Why an evidence item is not in an archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WithheldWhy {
    /// An operator withdrew it (added by mistake); the custody log says who and why.
    Withdrawn,
    /// An intimate image, left out when the export was made.
    Intimate,
}

/// Shortest passphrase accepted to seal intimate images in an export.
pub const MIN_SEAL_PASSPHRASE: usize = 10;

/// What an export does with the intimate images of the case's locker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntimateImages<'a> {
    /// Left out: the manifest names them, with their SHA-256.
    LeftOut,
    /// Included, each sealed with this passphrase (an age file, opened with `age -d`).
    Sealed(&'a str),
}

/// The manifest of an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always `vigie-export-1`.
    pub format: String,
    /// The case's reference.
    pub case: String,
    /// When the archive was made (UTC).
    pub made: String,
    /// Vigie's version.
    pub tool_version: String,
    /// The station's Ed25519 public key, hexadecimal.
    pub station_key: String,
    /// Every other entry of the archive, in order.
    pub entries: Vec<ManifestEntry>,
    /// The case's evidence items the archive does not carry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withheld: Vec<Withheld>,
}

/// A file to put in an export: its path in the archive and its content.
pub type ExportFile = (String, Vec<u8>);

/// A tar header (ustar) for a regular file.
fn header(path: &str, size: u64, mtime: u64) -> [u8; BLOCK] {
    let mut h = [0u8; BLOCK];
    let name = path.as_bytes();
    let n = name.len().min(99);
    h[..n].copy_from_slice(&name[..n]);
    let mut octal = |at: usize, len: usize, v: u64| {
        let s = format!("{v:0width$o}\0", width = len - 1);
        h[at..at + len].copy_from_slice(&s.as_bytes()[s.len() - len..]);
    };
    octal(100, 8, 0o644);
    octal(108, 8, 0);
    octal(116, 8, 0);
    octal(124, 12, size);
    octal(136, 12, mtime);
    h[156] = b'0';
    h[257..263].copy_from_slice(b"ustar\0");
    h[263..265].copy_from_slice(b"00");
    h[148..156].copy_from_slice(b"        ");
    let sum: u32 = h.iter().map(|&b| u32::from(b)).sum();
    let s = format!("{sum:06o}\0 ");
    h[148..156].copy_from_slice(s.as_bytes());
    h
}

/// An entry's tar blocks.
pub(crate) fn blocks(path: &str, content: &[u8], mtime: u64) -> Vec<u8> {
    let mut out = header(path, content.len() as u64, mtime).to_vec();
    out.extend_from_slice(content);
    let pad = (BLOCK - content.len() % BLOCK) % BLOCK;
    out.extend(std::iter::repeat_n(0u8, pad));
    out
}

fn hex_sha256(b: &[u8]) -> String {
    hex::encode(Sha256::digest(b))
}

/// An evidence file's path in the archive: its id and its name, made safe.
fn evidence_path(e: &EvidenceInfo) -> String {
    let safe: String = e
        .name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(70)
        .collect();
    format!("evidence/{:04}-{safe}", e.id.0)
}

/// A file sealed with a passphrase, as an age file (scrypt).
fn seal_with_passphrase(passphrase: &str, content: &[u8]) -> Result<Vec<u8>, CaseError> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.to_owned().into());
    recipient.set_work_factor(SEAL_WORK_FACTOR);
    age::encrypt(&recipient, content).map_err(|e| CaseError::Io(e.to_string()))
}

/// scrypt's work factor for sealed images (2^18, what `age` itself takes on a slow machine).
const SEAL_WORK_FACTOR: u8 = 18;

/// What a file of the archive holds: an evidence item, streamed from the case file as it is
/// written, or bytes made for the archive (the chain of custody, the reports, a sealed
/// image).
enum Content {
    Evidence(EvidenceInfo),
    Bytes(Vec<u8>),
}

/// A file of the archive being made: path, content and, when sealed, the opened SHA-256.
type ArchiveFile = (String, Content, Option<String>);

/// A writer that hashes what goes through it: the whole archive, and what the signature
/// covers (everything before the signature's own header).
struct Hashing<'a> {
    out: &'a mut dyn Write,
    archive: Sha256,
    signed: Sha256,
}

impl Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.archive.update(&buf[..n]);
        self.signed.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A sink that only hashes, twice: the content, and the tar blocks it is part of.
struct HashSink {
    content: Sha256,
    blocks: Sha256,
}

impl Write for HashSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.content.update(buf);
        self.blocks.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The zero bytes that pad content of `size` bytes to whole tar blocks.
fn padding(size: u64) -> Vec<u8> {
    vec![0u8; ((BLOCK as u64 - size % BLOCK as u64) % BLOCK as u64) as usize]
}

impl CaseStore {
    /// The evidence files an export carries, and the items it leaves out with why.
    fn evidence_files(
        &self,
        case: CaseId,
        intimate: IntimateImages<'_>,
    ) -> Result<(Vec<ArchiveFile>, Vec<Withheld>), CaseError> {
        let sensitive: Vec<EvidenceId> = self
            .locker(case)?
            .into_iter()
            .filter(|i| i.entry.sensitive)
            .filter_map(|i| i.entry.evidence)
            .collect();
        let (mut files, mut withheld) = (Vec::new(), Vec::new());
        for e in self.evidence(case)? {
            let why = match (&e.withdrawn, sensitive.contains(&e.id), intimate) {
                (Some(_), _, _) => Some(WithheldWhy::Withdrawn),
                (None, true, IntimateImages::LeftOut) => Some(WithheldWhy::Intimate),
                _ => None,
            };
            if let Some(why) = why {
                let (name, sha256) = (e.name.clone(), e.sha256.clone());
                withheld.push(Withheld { name, sha256, why });
                continue;
            }
            if e.content_purged.is_some() {
                continue;
            }
            match intimate {
                IntimateImages::Sealed(pass) if sensitive.contains(&e.id) => {
                    let mut content = Vec::new();
                    self.read_evidence(e.id, &mut content)?;
                    let path = format!("{}.age", evidence_path(&e));
                    let sealed = Content::Bytes(seal_with_passphrase(pass, &content)?);
                    files.push((path, sealed, e.sha256));
                }
                // An item still being written (a live check's capture) is taken as it is
                // now; a complete one is streamed when the archive is written.
                _ if e.sha256.is_none() => {
                    let mut now_held = Vec::new();
                    self.read_evidence(e.id, &mut now_held)?;
                    files.push((evidence_path(&e), Content::Bytes(now_held), None));
                }
                _ => files.push((evidence_path(&e), Content::Evidence(e), None)),
            }
        }
        Ok((files, withheld))
    }
}

/// The fingerprint of a station's public key: its SHA-256, 64 hex digits.
pub fn fingerprint(key: &VerifyingKey) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

impl CaseStore {
    /// The fingerprint of the station's key, which `vigie verify --key` compares an
    /// archive's signer with (the key is made the first time it is needed).
    pub fn station_fingerprint(&mut self, now: Timestamp) -> Result<String, CaseError> {
        Ok(fingerprint(&self.station_key(now)?.verifying_key()))
    }

    /// The station's signing key, made (and logged) the first time it is needed; kept
    /// sealed in the case file.
    pub fn station_key(&mut self, now: Timestamp) -> Result<SigningKey, CaseError> {
        if let Some(key) = self.stored_station_key()? {
            return Ok(key);
        }
        let key = SigningKey::from_bytes(&random::<32>());
        let sealed = seal(&self.data_key, b"station-key", key.as_bytes())?;
        self.in_transaction(|s| {
            s.conn.execute(
                "INSERT INTO meta (name, value) VALUES ('station-key', ?1)",
                [sealed],
            )?;
            s.audit(now, "station-key-created", None, None)
        })?;
        Ok(key)
    }

    /// The fingerprint of the station's key if it was made (reports print it).
    pub fn made_station_fingerprint(&self) -> Result<Option<String>, CaseError> {
        Ok(self
            .stored_station_key()?
            .map(|k| fingerprint(&k.verifying_key())))
    }

    /// The station's signing key, if it was made.
    pub(crate) fn stored_station_key(&self) -> Result<Option<SigningKey>, CaseError> {
        let stored: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE name = 'station-key'",
                [],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(sealed) = stored {
            let bytes = open(&self.data_key, b"station-key", &sealed)
                .ok_or_else(|| CaseError::Damaged("station key".into()))?;
            let secret: [u8; 32] = bytes
                .as_slice()
                .try_into()
                .map_err(|_| CaseError::Damaged("station key".into()))?;
            return Ok(Some(SigningKey::from_bytes(&secret)));
        }
        Ok(None)
    }

    /// Writes the export of `case` to `out`: every evidence file whose content is kept and
    /// that was not withdrawn (intimate images left out or sealed, as `intimate` says), the
    /// chain of custody, the evidence locker's records, and `extra` files (the reports), all
    /// listed in a signed manifest. Logged in the audit log with the archive's SHA-256.
    pub fn export(
        &mut self,
        case: CaseId,
        reference: &str,
        extra: &[ExportFile],
        intimate: IntimateImages<'_>,
        out: &mut dyn Write,
        now: Timestamp,
    ) -> Result<String, CaseError> {
        let key = self.station_key(now)?;
        let mtime = u64::try_from(now.0 / 1_000_000_000).unwrap_or(0);
        let io = |e: std::io::Error| CaseError::Io(e.to_string());
        let (mut files, withheld) = self.evidence_files(case, intimate)?;
        let custody = serde_json::to_vec_pretty(&self.audit_for_case(case)?)
            .map_err(|e| CaseError::Damaged(e.to_string()))?;
        files.push(("custody.json".into(), Content::Bytes(custody), None));
        let locker = self.locker(case)?;
        if !locker.is_empty() {
            // What was typed about each item and what its file says, apart; no image.
            let json = serde_json::to_vec_pretty(&locker)
                .map_err(|e| CaseError::Damaged(e.to_string()))?;
            files.push(("locker.json".into(), Content::Bytes(json), None));
        }
        files.extend(
            extra
                .iter()
                .map(|(p, c)| (p.clone(), Content::Bytes(c.clone()), None)),
        );
        let mut entries = Vec::with_capacity(files.len());
        for (path, content, opened_sha256) in &files {
            entries.push(self.manifest_entry(path, content, opened_sha256, mtime)?);
        }
        let manifest = Manifest {
            format: "vigie-export-1".into(),
            case: reference.to_owned(),
            made: now.to_string(),
            tool_version: env!("CARGO_PKG_VERSION").into(),
            station_key: hex::encode(key.verifying_key().as_bytes()),
            entries,
            withheld,
        };
        let manifest_json =
            serde_json::to_vec_pretty(&manifest).map_err(|e| CaseError::Damaged(e.to_string()))?;
        let mut w = Hashing {
            out,
            archive: Sha256::new(),
            signed: Sha256::new(),
        };
        w.write_all(&blocks("manifest.json", &manifest_json, mtime))
            .map_err(io)?;
        for ((path, content, _), entry) in files.iter().zip(&manifest.entries) {
            w.write_all(&header(path, entry.size, mtime)).map_err(io)?;
            match content {
                Content::Bytes(b) => w.write_all(b).map_err(io)?,
                Content::Evidence(e) => {
                    self.read_evidence(e.id, &mut w)?;
                }
            }
            w.write_all(&padding(entry.size)).map_err(io)?;
        }
        let signature = key.sign(&w.signed.clone().finalize());
        w.write_all(&blocks("manifest.sig", &signature.to_bytes(), mtime))
            .map_err(io)?;
        w.write_all(&[0u8; 2 * BLOCK]).map_err(io)?;
        w.flush().map_err(io)?;
        let sha = hex::encode(w.archive.finalize());
        let id = case.0;
        let digest = Some(sha.clone());
        self.in_transaction(|s| {
            s.audit_digest(
                now,
                "case-exported",
                Some(format!("cases:{id}")),
                digest,
                None,
            )
        })?;
        Ok(sha)
    }
}

impl CaseStore {
    /// A file's entry in the manifest: its size and SHA-256, and the SHA-256 of its tar
    /// blocks, an evidence item read (streamed) once for them.
    fn manifest_entry(
        &self,
        path: &str,
        content: &Content,
        opened_sha256: &Option<String>,
        mtime: u64,
    ) -> Result<ManifestEntry, CaseError> {
        let (size, sha256, blocks_sha256) = match content {
            Content::Bytes(b) => (
                b.len() as u64,
                hex_sha256(b),
                hex_sha256(&blocks(path, b, mtime)),
            ),
            Content::Evidence(e) => {
                let mut blocks = Sha256::new();
                blocks.update(header(path, e.size, mtime));
                let mut sink = HashSink {
                    content: Sha256::new(),
                    blocks,
                };
                let size = self.read_evidence(e.id, &mut sink)?;
                if size != e.size {
                    return Err(CaseError::Damaged(format!("evidence {}", e.id.0)));
                }
                sink.blocks.update(padding(size));
                (
                    size,
                    hex::encode(sink.content.finalize()),
                    hex::encode(sink.blocks.finalize()),
                )
            }
        };
        Ok(ManifestEntry {
            path: path.to_owned(),
            size,
            sha256,
            blocks_sha256,
            opened_sha256: opened_sha256.clone(),
        })
    }
}

#[cfg(test)]
#[path = "export_tests.rs"]
mod tests;
