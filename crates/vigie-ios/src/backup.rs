//! An iTunes/Finder backup, read in place: `Info.plist` (the device), `Manifest.plist`
//! (encrypted or not), `Manifest.db` (where each file of the phone is: the file
//! `xx/<fileID>`, fileID being the SHA-1 of `domain-relativePath`). Nothing in the backup
//! folder is written: databases are opened read-only and immutable (no journal, no lock
//! file).

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};

/// Largest plist read from a backup (device information, preferences).
pub const MAX_PLIST: u64 = 16 * 1024 * 1024;

/// Why a backup could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The folder is not an iPhone backup.
    #[error("{0} is not an iPhone backup (no Manifest.db)")]
    NotABackup(String),
    /// The backup is encrypted and the check needs its password.
    #[error("the backup is encrypted")]
    Encrypted,
    /// A file of the backup could not be read.
    #[error("{file}: {detail}")]
    Unreadable {
        /// The file.
        file: String,
        /// What went wrong.
        detail: String,
    },
}

impl BackupError {
    /// The error as a translatable message.
    pub fn message(&self) -> vigie_core::Message {
        use vigie_core::Message;
        match self {
            BackupError::NotABackup(p) => Message::new("ios-error-not-a-backup").arg("path", p),
            BackupError::Encrypted => Message::new("ios-error-encrypted"),
            BackupError::Unreadable { file, detail } => Message::new("ios-error-unreadable")
                .arg("file", file)
                .arg("detail", detail),
        }
    }
}

/// Reads a plist file (binary or XML), bounded in size.
pub fn read_plist(path: &Path) -> Result<plist::Value, BackupError> {
    let unreadable = |detail: String| BackupError::Unreadable {
        file: path.display().to_string(),
        detail,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| unreadable(e.to_string()))?
        .len();
    if size > MAX_PLIST {
        return Err(unreadable(format!(
            "{size} bytes, more than a plist may hold here"
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    plist_from_bytes(&bytes).map_err(unreadable)
}

/// Parses a plist (binary or XML) held in memory.
pub fn plist_from_bytes(bytes: &[u8]) -> Result<plist::Value, String> {
    plist::Value::from_reader(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())
}

/// Opens an SQLite file read-only and immutable: the backup is never changed, not even by
/// a journal or lock file.
pub fn open_db(path: &Path) -> Result<Connection, BackupError> {
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
    .map_err(|e| BackupError::Unreadable {
        file: path.display().to_string(),
        detail: e.to_string(),
    })?;
    // A damaged or hostile database must not make a query run forever or use much memory.
    let _ = conn.pragma_update(None, "cache_size", -8_000);
    Ok(conn)
}

/// A backup folder.
pub struct Backup {
    dir: PathBuf,
    manifest: Connection,
    /// `Info.plist`, where the backup has one.
    pub info: Option<plist::Value>,
}

impl Backup {
    /// Opens the backup in `dir`. An encrypted backup is refused with
    /// [`BackupError::Encrypted`] (its files cannot be read without the password).
    pub fn open(dir: &Path) -> Result<Backup, BackupError> {
        let manifest_db = dir.join("Manifest.db");
        if !manifest_db.is_file() {
            return Err(BackupError::NotABackup(dir.display().to_string()));
        }
        let manifest_plist = dir.join("Manifest.plist");
        if manifest_plist.is_file() {
            let m = read_plist(&manifest_plist)?;
            let encrypted = m
                .as_dictionary()
                .and_then(|d| d.get("IsEncrypted"))
                .and_then(plist::Value::as_boolean)
                .unwrap_or(false);
            if encrypted {
                return Err(BackupError::Encrypted);
            }
        }
        // An encrypted Manifest.db is not SQLite (no header): say so rather than "file is
        // not a database".
        let mut header = [0u8; 16];
        let is_sqlite = std::fs::File::open(&manifest_db)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
            .is_ok()
            && &header == b"SQLite format 3\0";
        if !is_sqlite {
            return Err(BackupError::Encrypted);
        }
        let manifest = open_db(&manifest_db)?;
        manifest
            .query_row("SELECT count(*) FROM Files", [], |r| r.get::<_, i64>(0))
            .map_err(|e| BackupError::Unreadable {
                file: manifest_db.display().to_string(),
                detail: e.to_string(),
            })?;
        let info_path = dir.join("Info.plist");
        let info = if info_path.is_file() {
            Some(read_plist(&info_path)?)
        } else {
            None
        };
        Ok(Backup {
            dir: dir.to_path_buf(),
            manifest,
            info,
        })
    }

    /// The backup folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A text value of `Info.plist`.
    pub fn info_text(&self, key: &str) -> Option<String> {
        let v = self.info.as_ref()?.as_dictionary()?.get(key)?;
        v.as_string()
            .map(str::to_owned)
            .or_else(|| v.as_date().map(|d| d.to_xml_format()))
    }

    /// Where the backup keeps the file `relative_path` of `domain`, if it has it.
    pub fn file(&self, domain: &str, relative_path: &str) -> Option<PathBuf> {
        let id: String = self
            .manifest
            .query_row(
                "SELECT fileID FROM Files WHERE domain = ?1 AND relativePath = ?2 AND flags = 1",
                [domain, relative_path],
                |r| r.get(0),
            )
            .optional()
            .ok()
            .flatten()?;
        self.stored(&id)
    }

    /// The stored copy of file `id`, if present (`xx/<id>`, or flat in old backups).
    fn stored(&self, id: &str) -> Option<PathBuf> {
        if id.len() < 3 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        [self.dir.join(&id[..2]).join(id), self.dir.join(id)]
            .into_iter()
            .find(|p| p.is_file())
    }

    /// Every file whose relative path ends with `suffix`, in any domain: (domain, relative
    /// path, stored copy).
    pub fn files_ending_with(&self, suffix: &str) -> Vec<(String, String, PathBuf)> {
        let Ok(mut stmt) = self.manifest.prepare(
            "SELECT fileID, domain, relativePath FROM Files WHERE flags = 1 AND relativePath LIKE ?1 ESCAPE '\\'",
        ) else {
            return vec![];
        };
        let pattern = format!(
            "%{}",
            suffix
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let rows = stmt.query_map([pattern], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        });
        let Ok(rows) = rows else {
            return vec![];
        };
        rows.filter_map(Result::ok)
            .filter(|(_, _, p)| p.ends_with(suffix))
            .filter_map(|(id, d, p)| self.stored(&id).map(|s| (d, p, s)))
            .collect()
    }

    /// Calls `each` with the domain and relative path of every entry of the manifest.
    pub fn for_each_entry(&self, each: &mut dyn FnMut(&str, &str)) -> Result<u64, BackupError> {
        let fail = |e: rusqlite::Error| BackupError::Unreadable {
            file: "Manifest.db".into(),
            detail: e.to_string(),
        };
        let mut stmt = self
            .manifest
            .prepare("SELECT domain, relativePath FROM Files")
            .map_err(fail)?;
        let mut rows = stmt.query([]).map_err(fail)?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(fail)? {
            let d: String = row.get(0).unwrap_or_default();
            let p: String = row.get(1).unwrap_or_default();
            each(&d, &p);
            n += 1;
        }
        Ok(n)
    }
}
