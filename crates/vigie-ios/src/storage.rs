//! Where a backup's files are read from: a folder on disk, read in place, or any other
//! place behind [`BackupFiles`] (a backup received from a phone into the encrypted case
//! file). Every read is bounded in size.

use crate::error::BackupError;
use std::path::{Path, PathBuf};

/// Where a backup's files are read from, other than a plain folder: a backup received from
/// a phone into the encrypted case file. Names are relative to the backup's root
/// (`Manifest.db`, `ab/ab12…`).
pub trait BackupFiles: Send {
    /// Where the backup is, for messages.
    fn describe(&self) -> String;
    /// The content of `name` (`Ok(None)` when absent), refusing one larger than `max` bytes.
    fn read(&self, name: &str, max: u64) -> Result<Option<Vec<u8>>, String>;
    /// Whether `name` is there.
    fn exists(&self, name: &str) -> bool;
}

/// Where the backup's files are.
pub(crate) enum Storage {
    /// A folder on disk, read in place.
    Folder(PathBuf),
    /// Elsewhere (each file read whole, in memory).
    Files(Box<dyn BackupFiles>),
}

impl Storage {
    /// Where the backup is, for messages.
    pub(crate) fn place(&self) -> String {
        match self {
            Storage::Folder(d) => d.display().to_string(),
            Storage::Files(f) => f.describe(),
        }
    }

    /// Where the file `name` is, for messages.
    pub(crate) fn describe(&self, name: &str) -> String {
        match self {
            Storage::Folder(d) => d.join(name).display().to_string(),
            Storage::Files(f) => format!("{}/{name}", f.describe()),
        }
    }

    /// Whether the file `name` is there.
    pub(crate) fn exists(&self, name: &str) -> bool {
        match self {
            Storage::Folder(d) => d.join(name).is_file(),
            Storage::Files(f) => f.exists(name),
        }
    }

    /// The content of `name`, `None` when absent, refused over `max` bytes.
    pub(crate) fn read(&self, name: &str, max: u64) -> Result<Option<Vec<u8>>, BackupError> {
        match self {
            Storage::Folder(d) => {
                let p = d.join(name);
                if !p.is_file() {
                    return Ok(None);
                }
                read_bounded(&p, max).map(Some)
            }
            Storage::Files(f) => f
                .read(name, max)
                .map_err(|detail| BackupError::unreadable(self.describe(name), detail)),
        }
    }

    /// The plist `name` (binary or XML), `None` when absent, refused over `max` bytes.
    pub(crate) fn read_plist(
        &self,
        name: &str,
        max: u64,
    ) -> Result<Option<plist::Value>, BackupError> {
        let Some(bytes) = self.read(name, max)? else {
            return Ok(None);
        };
        plist_from_bytes(&bytes)
            .map(Some)
            .map_err(|detail| BackupError::unreadable(self.describe(name), detail))
    }
}

/// Parses a plist (binary or XML) held in memory.
pub fn plist_from_bytes(bytes: &[u8]) -> Result<plist::Value, String> {
    plist::Value::from_reader(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())
}

/// Reads a whole file, refusing one larger than `max` bytes.
fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, BackupError> {
    let unreadable = |detail: String| BackupError::unreadable(path.display().to_string(), detail);
    let size = std::fs::metadata(path)
        .map_err(|e| unreadable(e.to_string()))?
        .len();
    if size > max {
        return Err(unreadable(format!("{size} bytes, more than is read here")));
    }
    std::fs::read(path).map_err(|e| unreadable(e.to_string()))
}
