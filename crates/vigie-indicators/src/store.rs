//! The station's stored feeds: what `vigie iocs import` (and `update`) keep, and what a scan
//! without `--iocs` uses.
//!
//! Layout under the store's folder: `manifest.json` describes every feed (its source, format,
//! indicator count, retrieval time, SHA-256); the feed files live under `files/`, named by
//! their SHA-256. A new version is written beside the old one and the manifest is replaced
//! atomically (write, sync, rename): a failed or partial import never leaves the station with
//! fewer indicators than before. Files are checked against their SHA-256 when loaded.

use crate::load::{hex_sha256, load_bytes, load_path, LoadError};
use crate::model::FeedFormat;
use crate::set::IndicatorSet;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use vigie_core::Timestamp;

/// One stored feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFeed {
    /// Stable identifier, e.g. `echap/ioc.yaml`: a new version replaces the feed of the same id.
    pub id: String,
    /// Name shown in verdicts, with credit.
    pub name: String,
    /// Where it came from: a URL, or `file:` and the path it was imported from.
    pub source: String,
    /// Its format.
    pub kind: FeedFormat,
    /// Indicators loaded from it.
    pub count: usize,
    /// When it was retrieved or imported (UTC, RFC 3339).
    pub retrieved: String,
    /// The same, in seconds since the epoch.
    pub retrieved_unix: i64,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Upstream version marker, when the source gives one: a commit, or for TAXII the last
    /// date-added seen (the next pull asks only for what was added after it).
    pub commit: Option<String>,
}

impl StoredFeed {
    /// Age in whole days at `now`.
    pub fn age_days(&self, now: Timestamp) -> i64 {
        (now.0 / 1_000_000_000 - self.retrieved_unix).max(0) / 86_400
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    feeds: Vec<StoredFeed>,
}

/// Why a feed could not be stored or the store read.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Reading or writing the store failed.
    #[error("feed store {path}: {source}")]
    Io {
        /// The path involved.
        path: String,
        /// The system error.
        source: std::io::Error,
    },
    /// The manifest is unreadable.
    #[error("feed store manifest {path} is damaged: {detail}")]
    Manifest {
        /// Its path.
        path: String,
        /// The parser's message.
        detail: String,
    },
    /// The new feed does not load.
    #[error(transparent)]
    Feed(#[from] LoadError),
    /// The new feed holds no indicator.
    #[error("{id}: the new version holds no indicator; the previous one is kept")]
    Empty {
        /// Feed id.
        id: String,
    },
    /// The new feed holds fewer indicators than the stored one.
    #[error("{id}: the new version holds {after} indicators, fewer than the {before} stored; the previous one is kept")]
    Fewer {
        /// Feed id.
        id: String,
        /// Indicators in the stored version.
        before: usize,
        /// Indicators in the new one.
        after: usize,
    },
    /// The feed must be signed by a pinned key and its signature is missing or wrong.
    #[error("{id}: {detail}; the previous version is kept")]
    Signature {
        /// Feed id.
        id: String,
        /// What is wrong with the signature.
        detail: String,
    },
    /// A stored file does not match its recorded SHA-256.
    #[error("{id}: the stored file does not match its recorded SHA-256 (altered or damaged)")]
    Altered {
        /// Feed id.
        id: String,
    },
}

impl vigie_core::Localized for StoreError {
    /// The error as a translatable message (key in the command line's translation files).
    fn message(&self) -> vigie_core::Message {
        use vigie_core::Message;
        match self {
            StoreError::Io { path, source } => Message::new("store-error-io")
                .arg("path", path)
                .arg("detail", source.to_string()),
            StoreError::Manifest { path, detail } => Message::new("store-error-manifest")
                .arg("path", path)
                .arg("detail", detail),
            StoreError::Feed(e) => e.message(),
            StoreError::Empty { id } => Message::new("store-error-empty").arg("id", id),
            StoreError::Fewer { id, before, after } => Message::new("store-error-fewer")
                .arg("id", id)
                .arg("before", before.to_string())
                .arg("after", after.to_string()),
            StoreError::Altered { id } => Message::new("store-error-altered").arg("id", id),
            StoreError::Signature { id, detail } => Message::new("store-error-signature")
                .arg("id", id)
                .arg("detail", detail),
        }
    }
}

/// What an import did with one feed: its id, and the stored feed or why it was refused.
pub type ImportOutcome = (String, Result<StoredFeed, StoreError>);

/// The stored feeds of a station.
#[derive(Debug, Clone)]
pub struct FeedStore {
    dir: PathBuf,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes a file completely and durably, then renames it into place.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let tmp = path.with_extension("partial");
    let mut f = fs::File::create(&tmp).map_err(io_err(&tmp))?;
    f.write_all(bytes).map_err(io_err(&tmp))?;
    f.sync_all().map_err(io_err(&tmp))?;
    fs::rename(&tmp, path).map_err(io_err(path))
}

impl FeedStore {
    /// The store in `dir` (created when the first feed is stored).
    pub fn new(dir: &Path) -> Self {
        FeedStore {
            dir: dir.to_path_buf(),
        }
    }

    fn manifest_path(&self) -> PathBuf {
        self.dir.join("manifest.json")
    }

    fn file_path(&self, feed: &StoredFeed) -> PathBuf {
        let ext = Path::new(&feed.id)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("feed");
        self.dir
            .join("files")
            .join(format!("{}.{ext}", feed.sha256))
    }

    /// The stored feeds; none when nothing was stored yet.
    pub fn list(&self) -> Result<Vec<StoredFeed>, StoreError> {
        Ok(self.manifest()?.feeds)
    }

    fn manifest(&self) -> Result<Manifest, StoreError> {
        let path = self.manifest_path();
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| StoreError::Manifest {
                path: path.display().to_string(),
                detail: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest::default()),
            Err(e) => Err(StoreError::Io {
                path: path.display().to_string(),
                source: e,
            }),
        }
    }

    /// Stores a new version of feed `id` (its file name gives its format). It is refused —
    /// and the stored version kept — when it does not load, holds no indicator, or holds
    /// fewer indicators than the stored version (unless `allow_fewer`).
    #[allow(clippy::too_many_arguments)]
    pub fn put(
        &self,
        id: &str,
        name: Option<&str>,
        source: &str,
        commit: Option<&str>,
        bytes: &[u8],
        now: Timestamp,
        allow_fewer: bool,
    ) -> Result<StoredFeed, StoreError> {
        let mut probe = IndicatorSet::new();
        let kind = load_bytes(&mut probe, id, bytes, name)?;
        let count = probe.len();
        if count == 0 {
            return Err(StoreError::Empty { id: id.to_owned() });
        }
        let mut manifest = self.manifest()?;
        let previous = manifest.feeds.iter().position(|f| f.id == id);
        if let Some(prev) = previous.map(|i| &manifest.feeds[i]) {
            if count < prev.count && !allow_fewer {
                return Err(StoreError::Fewer {
                    id: id.to_owned(),
                    before: prev.count,
                    after: count,
                });
            }
        }
        let feed = StoredFeed {
            id: id.to_owned(),
            name: probe
                .sources()
                .first()
                .map_or_else(|| id.to_owned(), |s| s.name.clone()),
            source: source.to_owned(),
            kind,
            count,
            retrieved: now.to_string(),
            retrieved_unix: now.0.div_euclid(1_000_000_000),
            sha256: hex_sha256(bytes),
            commit: commit.map(str::to_owned),
        };
        let files = self.dir.join("files");
        fs::create_dir_all(&files).map_err(io_err(&files))?;
        write_atomically(&self.file_path(&feed), bytes)?;
        let old = previous.map(|i| std::mem::replace(&mut manifest.feeds[i], feed.clone()));
        if old.is_none() {
            manifest.feeds.push(feed.clone());
        }
        let json = serde_json::to_vec_pretty(&manifest).map_err(|e| StoreError::Manifest {
            path: self.manifest_path().display().to_string(),
            detail: e.to_string(),
        })?;
        write_atomically(&self.manifest_path(), &json)?;
        // The previous version's file is no longer referenced (unless identical).
        if let Some(old) = old.filter(|o| o.sha256 != feed.sha256) {
            let _ = fs::remove_file(self.file_path(&old));
        }
        Ok(feed)
    }

    /// Imports a feed file, or the feeds of a folder (those a folder load uses: exports of the
    /// same indicators are left out). Each feed is stored under `<folder name>/<file name>`.
    /// Returns, per feed, what was stored or why it was refused.
    pub fn import(
        &self,
        path: &Path,
        now: Timestamp,
        allow_fewer: bool,
        pins: &Pins,
    ) -> Result<Vec<ImportOutcome>, StoreError> {
        let mut probe = IndicatorSet::new();
        load_path(&mut probe, path)?;
        let mut out = vec![];
        for src in probe.sources() {
            if src.format == FeedFormat::MvtIndex {
                continue;
            }
            let p = Path::new(&src.path);
            let file = p.file_name().and_then(|n| n.to_str()).unwrap_or("feed");
            let parent = p
                .parent()
                .and_then(|d| d.file_name())
                .and_then(|n| n.to_str())
                .unwrap_or("import");
            let id = format!("{parent}/{file}");
            let result = fs::read(p)
                .map_err(|e| StoreError::Io {
                    path: src.path.clone(),
                    source: e,
                })
                .and_then(|bytes| {
                    // A pinned feed carries its detached signature beside it: FILE.sig.
                    let sig = fs::read(format!("{}.sig", src.path)).ok();
                    pins.check(&id, &bytes, sig.as_deref())?;
                    self.put(
                        &id,
                        Some(&src.name),
                        &format!("file:{}", src.path),
                        None,
                        &bytes,
                        now,
                        allow_fewer,
                    )
                });
            out.push((id, result));
        }
        Ok(out)
    }

    /// A stored feed and its bytes, checked against its SHA-256; `None` when it is not stored.
    pub fn read(&self, id: &str) -> Result<Option<(StoredFeed, Vec<u8>)>, StoreError> {
        let Some(feed) = self.list()?.into_iter().find(|f| f.id == id) else {
            return Ok(None);
        };
        let path = self.file_path(&feed);
        let bytes = fs::read(&path).map_err(io_err(&path))?;
        if hex_sha256(&bytes) != feed.sha256 {
            return Err(StoreError::Altered { id: feed.id });
        }
        Ok(Some((feed, bytes)))
    }

    /// Loads every stored feed, each checked against its SHA-256. A feed that fails the check
    /// is an error: a verdict must not silently use fewer indicators than the station shows.
    pub fn load(&self) -> Result<IndicatorSet, StoreError> {
        let mut set = IndicatorSet::new();
        for feed in self.list()? {
            let path = self.file_path(&feed);
            let bytes = fs::read(&path).map_err(io_err(&path))?;
            if hex_sha256(&bytes) != feed.sha256 {
                return Err(StoreError::Altered { id: feed.id });
            }
            load_bytes(&mut set, &feed.id, &bytes, Some(&feed.name))?;
        }
        Ok(set)
    }
}

/// Feeds that must be signed: an id prefix (e.g. `echap/`, or empty for all) and the Ed25519
/// public key whose detached signature (64 bytes, raw or hexadecimal) a new version must carry.
#[derive(Debug, Clone, Default)]
pub struct Pins {
    pins: Vec<(String, VerifyingKey)>,
}

impl Pins {
    /// No pinned feed.
    pub fn none() -> Self {
        Pins::default()
    }

    /// Pins feeds whose id starts with `prefix` to the 32-byte public key given in hexadecimal.
    pub fn add(&mut self, prefix: &str, public_key_hex: &str) -> Result<(), String> {
        let bytes = from_hex(public_key_hex.trim()).ok_or("the public key is not hexadecimal")?;
        let arr: [u8; 32] = bytes
            .try_into()
            .map_err(|_| "an Ed25519 public key has 32 bytes".to_owned())?;
        let key = VerifyingKey::from_bytes(&arr).map_err(|e| e.to_string())?;
        self.pins.push((prefix.to_owned(), key));
        Ok(())
    }

    /// True when feed `id` must be signed.
    pub fn covers(&self, id: &str) -> bool {
        self.pins.iter().any(|(p, _)| id.starts_with(p.as_str()))
    }

    /// Checks a new version of feed `id` against the keys pinned for it (none: accepted).
    pub fn check(
        &self,
        id: &str,
        bytes: &[u8],
        signature: Option<&[u8]>,
    ) -> Result<(), StoreError> {
        let keys: Vec<&VerifyingKey> = self
            .pins
            .iter()
            .filter(|(p, _)| id.starts_with(p.as_str()))
            .map(|(_, k)| k)
            .collect();
        if keys.is_empty() {
            return Ok(());
        }
        let err = |detail: &str| StoreError::Signature {
            id: id.to_owned(),
            detail: detail.to_owned(),
        };
        let sig = signature.ok_or_else(|| err("it must be signed and no signature was found"))?;
        let raw = if sig.len() == 64 {
            sig.to_vec()
        } else {
            from_hex(std::str::from_utf8(sig).unwrap_or_default().trim())
                .ok_or_else(|| err("the signature is unreadable"))?
        };
        let arr: [u8; 64] = raw
            .try_into()
            .map_err(|_| err("the signature is unreadable"))?;
        let sig = Signature::from_bytes(&arr);
        if keys.iter().any(|k| k.verify(bytes, &sig).is_ok()) {
            Ok(())
        } else {
            Err(err("its signature does not match the pinned key"))
        }
    }
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("vigie-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn keeps_the_previous_version_when_the_new_one_is_worse() {
        let dir = tmp("worse");
        let store = FeedStore::new(&dir);
        let t = Timestamp::from_secs_nanos(1_700_000_000, 0);
        let put = |id: &str, bytes: &[u8]| store.put(id, None, "test", None, bytes, t, false);
        let v1 = put("lists/domains.txt", b"a.example\nb.example\n").expect("stored");
        assert_eq!(v1.count, 2);
        assert!(matches!(
            put("lists/domains.txt", b"a.example\n"),
            Err(StoreError::Fewer {
                before: 2,
                after: 1,
                ..
            })
        ));
        assert!(matches!(
            put("lists/domains.txt", b"# nothing\n"),
            Err(StoreError::Empty { .. })
        ));
        assert!(put("bundle/x.stix2", b"{\"objects\": [").is_err());
        let set = store.load().expect("loads");
        assert_eq!(set.len(), 2);
        assert_eq!(set.sources()[0].sha256, v1.sha256);
        // A newer, larger version replaces it and the old file goes.
        put("lists/domains.txt", b"a.example\nb.example\nc.example\n").expect("stored");
        assert_eq!(store.list().expect("list")[0].count, 3);
        assert_eq!(fs::read_dir(dir.join("files")).expect("files").count(), 1);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn altered_files_are_refused() {
        let dir = tmp("altered");
        let store = FeedStore::new(&dir);
        let feed = store
            .put(
                "lists/domains.txt",
                None,
                "test",
                None,
                b"a.example\n",
                Timestamp(0),
                false,
            )
            .expect("stored");
        fs::write(store.file_path(&feed), b"b.example\n").expect("tamper");
        assert!(matches!(store.load(), Err(StoreError::Altered { .. })));
        let _ = fs::remove_dir_all(&dir);
    }
}
