//! Where a backup's files are read from: a folder on disk, read in place, or any other
//! place behind [`BackupFiles`] (a backup received from a phone into the encrypted case
//! file). Every read is bounded in size.

use crate::error::{BackupError, PlistError};
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

    /// Whether the file `name` is there (a link counts: reading it says why it is not read).
    pub(crate) fn exists(&self, name: &str) -> bool {
        match self {
            Storage::Folder(d) => d.join(name).symlink_metadata().is_ok(),
            Storage::Files(f) => f.exists(name),
        }
    }

    /// The content of `name`, `None` when absent, refused over `max` bytes.
    pub(crate) fn read(&self, name: &str, max: u64) -> Result<Option<Vec<u8>>, BackupError> {
        match self {
            Storage::Folder(d) => match inside(d, name)? {
                Some(p) => read_bounded(&p, max).map(Some),
                None => Ok(None),
            },
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
            .map_err(|e| BackupError::plist(self.describe(name), e))
    }
}

/// The deepest nesting of arrays and dictionaries read in a plist. iOS writes a few levels;
/// a file nested thousands deep (750 KB is enough for 50 000) would overflow the stack of
/// whatever walks or drops the value, so it is refused before anything is built.
pub const MAX_PLIST_DEPTH: usize = 256;

/// Parses a plist (binary, XML or ASCII) held in memory, refusing one nested deeper than
/// [`MAX_PLIST_DEPTH`].
pub fn plist_from_bytes(bytes: &[u8]) -> Result<plist::Value, PlistError> {
    let malformed = |e: plist::Error| PlistError::Malformed(e.to_string());
    let mut depth = 0usize;
    for event in plist::stream::Reader::new(std::io::Cursor::new(bytes)) {
        match event.map_err(malformed)? {
            plist::stream::Event::StartArray(_) | plist::stream::Event::StartDictionary(_) => {
                depth += 1;
                if depth > MAX_PLIST_DEPTH {
                    return Err(PlistError::TooDeep(MAX_PLIST_DEPTH));
                }
            }
            plist::stream::Event::EndCollection => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    plist::Value::from_reader(std::io::Cursor::new(bytes)).map_err(malformed)
}

/// Where the regular file `name` is in the backup folder `root`, `None` when absent: every
/// step from the root is looked at without following links, and a link is refused, so that
/// whoever made the backup cannot have a file of the station read in its place.
pub(crate) fn inside(root: &Path, name: &str) -> Result<Option<PathBuf>, BackupError> {
    let mut at = root.to_path_buf();
    for part in Path::new(name).components() {
        match part {
            std::path::Component::Normal(step) => at.push(step),
            _ => {
                return Err(BackupError::unreadable(
                    name,
                    "not a name inside the backup",
                ))
            }
        }
        match at.symlink_metadata() {
            Err(_) => return Ok(None),
            Ok(m) if m.file_type().is_symlink() => {
                return Err(BackupError::Link {
                    file: at.display().to_string(),
                })
            }
            Ok(_) => {}
        }
    }
    Ok(at.is_file().then_some(at))
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
