//! An iTunes/Finder backup, read in place: `Info.plist` (the device), `Manifest.plist`
//! (encrypted or not, and the keybag), `Manifest.db` (where each file of the phone is: the
//! file `xx/<fileID>`, fileID being the SHA-1 of `domain-relativePath`). Nothing in the
//! backup folder is written: plain databases are opened read-only and immutable (no journal,
//! no lock file); those of an encrypted backup are decrypted in memory only.

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use std::path::{Path, PathBuf};

/// Largest plist read from a backup (device information, preferences).
pub const MAX_PLIST: u64 = 16 * 1024 * 1024;
/// Largest database of an encrypted backup decrypted in memory.
pub const MAX_DECRYPTED: u64 = 1024 * 1024 * 1024;

/// Why a backup could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The folder is not an iPhone backup.
    #[error("{0} is not an iPhone backup (no Manifest.db)")]
    NotABackup(String),
    /// The backup is encrypted and the check needs its password.
    #[error("the backup is encrypted")]
    Encrypted,
    /// The password given does not open the backup.
    #[error("the password does not open this backup")]
    WrongPassword,
    /// A file of the backup could not be read.
    #[error("{file}: {detail}")]
    Unreadable {
        /// The file.
        file: String,
        /// What went wrong.
        detail: String,
    },
}

impl vigie_core::Localized for BackupError {
    /// The error as a translatable message.
    fn message(&self) -> vigie_core::Message {
        use vigie_core::Message;
        match self {
            BackupError::NotABackup(p) => Message::new("ios-error-not-a-backup").arg("path", p),
            BackupError::Encrypted => Message::new("ios-error-encrypted"),
            BackupError::WrongPassword => Message::new("ios-error-wrong-password"),
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

/// Reads a whole file, refusing one larger than `max` bytes.
fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, BackupError> {
    let unreadable = |detail: String| BackupError::Unreadable {
        file: path.display().to_string(),
        detail,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| unreadable(e.to_string()))?
        .len();
    if size > max {
        return Err(unreadable(format!("{size} bytes, more than is read here")));
    }
    std::fs::read(path).map_err(|e| unreadable(e.to_string()))
}

/// An SQLite database held in memory (a decrypted one), opened read-only.
fn memory_db(mut bytes: Vec<u8>, name: &Path) -> Result<Connection, BackupError> {
    // A database left in WAL mode cannot be opened from memory: its in-memory copy is marked
    // as a rollback-journal database (bytes 18 and 19 of the header), the file is untouched.
    if bytes.len() >= 100 && bytes.starts_with(b"SQLite format 3\0") {
        for b in &mut bytes[18..20] {
            if *b == 2 {
                *b = 1;
            }
        }
    }
    let unreadable = |e: rusqlite::Error| BackupError::Unreadable {
        file: name.display().to_string(),
        detail: e.to_string(),
    };
    let mut conn = Connection::open_in_memory().map_err(unreadable)?;
    let len = bytes.len();
    conn.deserialize_read_exact(rusqlite::MAIN_DB, std::io::Cursor::new(bytes), len, true)
        .map_err(unreadable)?;
    let _ = conn.pragma_update(None, "cache_size", -8_000);
    Ok(conn)
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

/// A file of the backup, as the manifest lists it.
#[derive(Clone, Debug)]
pub struct FileRef {
    /// `domain/relativePath`, as evidence names it.
    pub label: String,
    /// Where the backup keeps it, relative to the backup's root.
    pub stored: PathBuf,
    /// Its manifest record (an archived `MBFile`: encryption key, size), for encrypted backups.
    record: Option<Vec<u8>>,
}

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
enum Storage {
    /// A folder on disk, read in place.
    Folder(PathBuf),
    /// Elsewhere (each file read whole, in memory).
    Files(Box<dyn BackupFiles>),
}

impl Storage {
    fn describe(&self, name: &str) -> String {
        match self {
            Storage::Folder(d) => d.join(name).display().to_string(),
            Storage::Files(f) => format!("{}/{name}", f.describe()),
        }
    }

    fn exists(&self, name: &str) -> bool {
        match self {
            Storage::Folder(d) => d.join(name).is_file(),
            Storage::Files(f) => f.exists(name),
        }
    }

    /// The content of `name`, `None` when absent.
    fn read(&self, name: &str, max: u64) -> Result<Option<Vec<u8>>, BackupError> {
        match self {
            Storage::Folder(d) => {
                let p = d.join(name);
                if !p.is_file() {
                    return Ok(None);
                }
                read_bounded(&p, max).map(Some)
            }
            Storage::Files(f) => f.read(name, max).map_err(|detail| BackupError::Unreadable {
                file: self.describe(name),
                detail,
            }),
        }
    }
}

/// A backup folder.
pub struct Backup {
    storage: Storage,
    manifest: Connection,
    keys: Option<crate::crypto::ClassKeys>,
    /// `Info.plist`, where the backup has one.
    pub info: Option<plist::Value>,
}

/// The file key and size recorded in an archived `MBFile` (NSKeyedArchiver plist).
fn archived_key_and_size(record: &[u8]) -> Option<(Vec<u8>, Option<u64>)> {
    let v = plist_from_bytes(record).ok()?;
    let d = v.as_dictionary()?;
    let objects = d.get("$objects")?.as_array()?;
    let root = d.get("$top")?.as_dictionary()?.get("root")?.as_uid()?.get();
    let root = objects.get(usize::try_from(root).ok()?)?.as_dictionary()?;
    let size = root.get("Size").and_then(plist::Value::as_unsigned_integer);
    let key = root.get("EncryptionKey")?.as_uid()?.get();
    let key = objects.get(usize::try_from(key).ok()?)?.as_dictionary()?;
    Some((key.get("NS.data")?.as_data()?.to_vec(), size))
}

impl Backup {
    /// Opens the backup in `dir`. An encrypted backup needs its `password`
    /// ([`BackupError::Encrypted`] without one, [`BackupError::WrongPassword`] when it does
    /// not open it).
    pub fn open(dir: &Path, password: Option<&str>) -> Result<Backup, BackupError> {
        Backup::open_storage(Storage::Folder(dir.to_path_buf()), password)
    }

    /// Opens a backup whose files are read through `files` (a backup received from a phone
    /// into the case file).
    pub fn open_files(
        files: Box<dyn BackupFiles>,
        password: Option<&str>,
    ) -> Result<Backup, BackupError> {
        Backup::open_storage(Storage::Files(files), password)
    }

    fn open_storage(storage: Storage, password: Option<&str>) -> Result<Backup, BackupError> {
        if !storage.exists("Manifest.db") {
            let place = match &storage {
                Storage::Folder(d) => d.display().to_string(),
                Storage::Files(f) => f.describe(),
            };
            return Err(BackupError::NotABackup(place));
        }
        let manifest_name = storage.describe("Manifest.plist");
        let manifest_info = match storage.read("Manifest.plist", MAX_PLIST)? {
            Some(bytes) => {
                Some(
                    plist_from_bytes(&bytes).map_err(|detail| BackupError::Unreadable {
                        file: manifest_name.clone(),
                        detail,
                    })?,
                )
            }
            None => None,
        };
        let field = |k: &str| {
            manifest_info
                .as_ref()
                .and_then(|m| m.as_dictionary())
                .and_then(|d| d.get(k))
        };
        let encrypted = field("IsEncrypted")
            .and_then(plist::Value::as_boolean)
            .unwrap_or(false);
        let damaged = |detail: &str| BackupError::Unreadable {
            file: manifest_name.clone(),
            detail: detail.to_owned(),
        };
        let db_name = storage.describe("Manifest.db");
        let read_db = |storage: &Storage| -> Result<Vec<u8>, BackupError> {
            storage
                .read("Manifest.db", MAX_DECRYPTED)?
                .ok_or_else(|| BackupError::NotABackup(db_name.clone()))
        };
        let (manifest, keys) =
            if encrypted {
                let password = password.ok_or(BackupError::Encrypted)?;
                let keybag = field("BackupKeyBag")
                    .and_then(plist::Value::as_data)
                    .ok_or_else(|| damaged("no BackupKeyBag"))?;
                let keybag = crate::crypto::parse_keybag(keybag).map_err(|e| damaged(&e))?;
                let keys = keybag.unlock(password).map_err(|e| match e {
                    crate::crypto::UnlockError::WrongPassword => BackupError::WrongPassword,
                    crate::crypto::UnlockError::Unreasonable => damaged("unreasonable keybag"),
                })?;
                let manifest_key = field("ManifestKey")
                    .and_then(plist::Value::as_data)
                    .and_then(|k| keys.file_key(k))
                    .ok_or_else(|| damaged("no usable ManifestKey"))?;
                let plain = crate::crypto::decrypt(&manifest_key, read_db(&storage)?, None)
                    .map_err(|e| BackupError::Unreadable {
                        file: db_name.clone(),
                        detail: e,
                    })?;
                (memory_db(plain, Path::new(&db_name))?, Some(keys))
            } else {
                match &storage {
                    Storage::Folder(dir) => {
                        let manifest_db = dir.join("Manifest.db");
                        // An encrypted Manifest.db is not SQLite (no header): say so rather than
                        // "file is not a database".
                        let mut header = [0u8; 16];
                        let is_sqlite = std::fs::File::open(&manifest_db)
                            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
                            .is_ok()
                            && &header == b"SQLite format 3\0";
                        if !is_sqlite {
                            return Err(BackupError::Encrypted);
                        }
                        (open_db(&manifest_db)?, None)
                    }
                    Storage::Files(_) => {
                        let bytes = read_db(&storage)?;
                        if !bytes.starts_with(b"SQLite format 3\0") {
                            return Err(BackupError::Encrypted);
                        }
                        (memory_db(bytes, Path::new(&db_name))?, None)
                    }
                }
            };
        manifest
            .query_row("SELECT count(*) FROM Files", [], |r| r.get::<_, i64>(0))
            .map_err(|e| BackupError::Unreadable {
                file: db_name.clone(),
                detail: e.to_string(),
            })?;
        let info = match storage.read("Info.plist", MAX_PLIST)? {
            Some(bytes) => {
                Some(
                    plist_from_bytes(&bytes).map_err(|detail| BackupError::Unreadable {
                        file: storage.describe("Info.plist"),
                        detail,
                    })?,
                )
            }
            None => None,
        };
        Ok(Backup {
            storage,
            manifest,
            keys,
            info,
        })
    }

    /// Whether the backup is encrypted (and was opened with its password).
    pub fn is_encrypted(&self) -> bool {
        self.keys.is_some()
    }

    /// Where the backup is, for messages.
    pub fn location(&self) -> String {
        match &self.storage {
            Storage::Folder(d) => d.display().to_string(),
            Storage::Files(f) => f.describe(),
        }
    }

    /// A text value of `Info.plist`.
    pub fn info_text(&self, key: &str) -> Option<String> {
        let v = self.info.as_ref()?.as_dictionary()?.get(key)?;
        v.as_string()
            .map(str::to_owned)
            .or_else(|| v.as_date().map(|d| d.to_xml_format()))
    }

    /// The file `relative_path` of `domain`, if the backup has it.
    pub fn file(&self, domain: &str, relative_path: &str) -> Option<FileRef> {
        let (id, record): (String, Option<Vec<u8>>) = self
            .manifest
            .query_row(
                "SELECT fileID, file FROM Files WHERE domain = ?1 AND relativePath = ?2 AND flags = 1",
                [domain, relative_path],
                |r| Ok((r.get(0)?, r.get(1).ok())),
            )
            .optional()
            .ok()
            .flatten()?;
        Some(FileRef {
            label: format!("{domain}/{relative_path}"),
            stored: self.stored(&id)?,
            record,
        })
    }

    /// Where file `id` is stored, if present (`xx/<id>`, or flat in old backups), relative to
    /// the backup's root.
    fn stored(&self, id: &str) -> Option<PathBuf> {
        if id.len() < 3 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        [format!("{}/{id}", &id[..2]), id.to_owned()]
            .into_iter()
            .find(|p| self.storage.exists(p))
            .map(PathBuf::from)
    }

    /// Every file of `domain` whose name starts with `prefix`.
    pub fn files_named(&self, domain: &str, prefix: &str) -> Vec<FileRef> {
        let Ok(mut stmt) = self.manifest.prepare(
            "SELECT fileID, relativePath, file FROM Files WHERE flags = 1 AND domain = ?1",
        ) else {
            return vec![];
        };
        let rows = stmt.query_map([domain], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Vec<u8>>(2).ok(),
            ))
        });
        let Ok(rows) = rows else {
            return vec![];
        };
        rows.filter_map(Result::ok)
            .filter(|(_, p, _)| p.rsplit('/').next().is_some_and(|n| n.starts_with(prefix)))
            .filter_map(|(id, p, record)| {
                Some(FileRef {
                    label: format!("{domain}/{p}"),
                    stored: self.stored(&id)?,
                    record,
                })
            })
            .collect()
    }

    /// Every file whose relative path ends with `suffix`, in any domain.
    pub fn files_ending_with(&self, suffix: &str) -> Vec<FileRef> {
        let Ok(mut stmt) = self.manifest.prepare(
            "SELECT fileID, domain, relativePath, file FROM Files WHERE flags = 1 AND relativePath LIKE ?1 ESCAPE '\\'",
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
                r.get::<_, Vec<u8>>(3).ok(),
            ))
        });
        let Ok(rows) = rows else {
            return vec![];
        };
        rows.filter_map(Result::ok)
            .filter(|(_, _, p, _)| p.ends_with(suffix))
            .filter_map(|(id, d, p, record)| {
                Some(FileRef {
                    label: format!("{d}/{p}"),
                    stored: self.stored(&id)?,
                    record,
                })
            })
            .collect()
    }

    /// The content of a file: as stored, or decrypted in memory for an encrypted backup.
    pub fn read(&self, file: &FileRef) -> Result<Vec<u8>, BackupError> {
        let name = file.stored.to_string_lossy();
        let bytes =
            self.storage
                .read(&name, MAX_DECRYPTED)?
                .ok_or_else(|| BackupError::Unreadable {
                    file: file.label.clone(),
                    detail: "missing from the backup".into(),
                })?;
        let Some(keys) = &self.keys else {
            return Ok(bytes);
        };
        let unreadable = |detail: String| BackupError::Unreadable {
            file: file.label.clone(),
            detail,
        };
        let (stored_key, size) = file
            .record
            .as_deref()
            .and_then(archived_key_and_size)
            .ok_or_else(|| unreadable("no encryption key in the manifest".into()))?;
        let key = keys
            .file_key(&stored_key)
            .ok_or_else(|| unreadable("its key does not unwrap".into()))?;
        crate::crypto::decrypt(&key, bytes, size).map_err(unreadable)
    }

    /// A plist of the backup, read (and decrypted) in memory.
    pub fn read_plist(&self, file: &FileRef) -> Result<plist::Value, BackupError> {
        let bytes = self.read(file)?;
        plist_from_bytes(&bytes).map_err(|detail| BackupError::Unreadable {
            file: file.label.clone(),
            detail,
        })
    }

    /// A database of the backup, opened read-only: in place when the backup is plain,
    /// decrypted in memory when it is encrypted.
    pub fn database(&self, file: &FileRef) -> Result<Connection, BackupError> {
        if let (None, Storage::Folder(dir)) = (&self.keys, &self.storage) {
            return open_db(&dir.join(&file.stored));
        }
        memory_db(self.read(file)?, Path::new(&file.label))
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
