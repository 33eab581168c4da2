//! An iTunes/Finder backup, read in place: `Info.plist` (the device), `Manifest.plist`
//! (encrypted or not, and the keybag), `Manifest.db` (where each file of the phone is: the
//! file `xx/<fileID>`, fileID being the SHA-1 of `domain-relativePath`). Nothing in the
//! backup folder is written: plain databases are opened read-only and immutable (no journal,
//! no lock file); those of an encrypted backup are decrypted in memory only.

use crate::crypto::{decrypt, parse_keybag, ClassKeys, UnlockError};
use crate::error::BackupError;
use crate::sqlite::{is_sqlite, is_sqlite_file, memory_db, open_db};
use crate::storage::{inside, plist_from_bytes, BackupFiles, Storage};
use rusqlite::{Connection, OptionalExtension, ToSql};
use std::path::{Path, PathBuf};

/// Largest plist read from a backup (device information, preferences).
const MAX_PLIST: u64 = 16 * 1024 * 1024;
/// Largest database of an encrypted backup decrypted in memory.
const MAX_DECRYPTED: u64 = 1024 * 1024 * 1024;

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

/// A backup folder.
pub struct Backup {
    storage: Storage,
    manifest: Connection,
    keys: Option<ClassKeys>,
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

/// The bytes of `Manifest.db`, as stored.
fn manifest_db_bytes(storage: &Storage) -> Result<Vec<u8>, BackupError> {
    storage
        .read("Manifest.db", MAX_DECRYPTED)?
        .ok_or_else(|| BackupError::NotABackup(storage.describe("Manifest.db")))
}

/// Opens the `Manifest.db` of a plain backup; one that is not SQLite is encrypted.
fn open_plain_manifest(storage: &Storage) -> Result<Connection, BackupError> {
    match storage {
        Storage::Folder(dir) => {
            let manifest_db = inside(dir, "Manifest.db")?
                .ok_or_else(|| BackupError::NotABackup(storage.place()))?;
            // An encrypted Manifest.db is not SQLite (no header): say so rather than "file
            // is not a database".
            if !is_sqlite_file(&manifest_db) {
                return Err(BackupError::Encrypted);
            }
            open_db(&manifest_db)
        }
        Storage::Files(_) => {
            let bytes = manifest_db_bytes(storage)?;
            if !is_sqlite(&bytes) {
                return Err(BackupError::Encrypted);
            }
            memory_db(bytes, Path::new(&storage.describe("Manifest.db")))
        }
    }
}

/// Unlocks the keybag of an encrypted backup's `Manifest.plist` with `password`, and
/// decrypts its `Manifest.db` in memory.
fn open_encrypted_manifest(
    storage: &Storage,
    manifest_plist: Option<&plist::Value>,
    password: Option<&str>,
) -> Result<(Connection, ClassKeys), BackupError> {
    let damaged =
        |detail: &str| BackupError::unreadable(storage.describe("Manifest.plist"), detail);
    let data = |k: &str| manifest_plist?.as_dictionary()?.get(k)?.as_data();
    let password = password.ok_or(BackupError::Encrypted)?;
    let keybag = data("BackupKeyBag").ok_or_else(|| damaged("no BackupKeyBag"))?;
    let keybag = parse_keybag(keybag).map_err(|e| damaged(&e.to_string()))?;
    let keys = keybag.unlock(password).map_err(|e| match e {
        UnlockError::WrongPassword => BackupError::WrongPassword,
        UnlockError::Unreasonable => damaged("unreasonable keybag"),
    })?;
    let manifest_key = data("ManifestKey")
        .and_then(|k| keys.file_key(k))
        .ok_or_else(|| damaged("no usable ManifestKey"))?;
    let db_name = storage.describe("Manifest.db");
    let plain = decrypt(&manifest_key, manifest_db_bytes(storage)?, None)
        .map_err(|e| BackupError::unreadable(db_name.clone(), e))?;
    Ok((memory_db(plain, Path::new(&db_name))?, keys))
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
            return Err(BackupError::NotABackup(storage.place()));
        }
        let manifest_plist = storage.read_plist("Manifest.plist", MAX_PLIST)?;
        let encrypted = manifest_plist
            .as_ref()
            .and_then(|m| m.as_dictionary()?.get("IsEncrypted")?.as_boolean())
            .unwrap_or(false);
        let (manifest, keys) = if encrypted {
            let (manifest, keys) =
                open_encrypted_manifest(&storage, manifest_plist.as_ref(), password)?;
            (manifest, Some(keys))
        } else {
            (open_plain_manifest(&storage)?, None)
        };
        manifest
            .query_row("SELECT count(*) FROM Files", [], |r| r.get::<_, i64>(0))
            .map_err(|e| BackupError::unreadable(storage.describe("Manifest.db"), e))?;
        let info = storage.read_plist("Info.plist", MAX_PLIST)?;
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
        self.storage.place()
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

    /// The files a query of the manifest selects (`fileID, domain, relativePath, file` of
    /// `Files`, with `parameter`) whose relative path `keep` accepts.
    fn files_where(
        &self,
        sql: &str,
        parameter: &dyn ToSql,
        keep: &dyn Fn(&str) -> bool,
    ) -> Vec<FileRef> {
        let Ok(mut stmt) = self.manifest.prepare(sql) else {
            return vec![];
        };
        let rows = stmt.query_map([parameter], |r| {
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
            .filter(|(_, _, path, _)| keep(path))
            .filter_map(|(id, domain, path, record)| {
                Some(FileRef {
                    label: format!("{domain}/{path}"),
                    stored: self.stored(&id)?,
                    record,
                })
            })
            .collect()
    }

    /// Every file of `domain` whose name starts with `prefix`.
    pub fn files_named(&self, domain: &str, prefix: &str) -> Vec<FileRef> {
        self.files_where(
            "SELECT fileID, domain, relativePath, file FROM Files WHERE flags = 1 AND domain = ?1",
            &domain,
            &|path| {
                path.rsplit('/')
                    .next()
                    .is_some_and(|n| n.starts_with(prefix))
            },
        )
    }

    /// Every file whose relative path ends with `suffix`, in any domain.
    pub fn files_ending_with(&self, suffix: &str) -> Vec<FileRef> {
        let pattern = format!(
            "%{}",
            suffix
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        self.files_where(
            "SELECT fileID, domain, relativePath, file FROM Files WHERE flags = 1 AND relativePath LIKE ?1 ESCAPE '\\'",
            &pattern,
            &|path| path.ends_with(suffix),
        )
    }

    /// The content of a file: as stored, or decrypted in memory for an encrypted backup.
    pub fn read(&self, file: &FileRef) -> Result<Vec<u8>, BackupError> {
        let unreadable = |detail: &str| BackupError::unreadable(file.label.clone(), detail);
        let bytes = self
            .storage
            .read(&file.stored.to_string_lossy(), MAX_DECRYPTED)?
            .ok_or_else(|| unreadable("missing from the backup"))?;
        let Some(keys) = &self.keys else {
            return Ok(bytes);
        };
        let (stored_key, size) = file
            .record
            .as_deref()
            .and_then(archived_key_and_size)
            .ok_or_else(|| unreadable("no encryption key in the manifest"))?;
        let key = keys
            .file_key(&stored_key)
            .ok_or_else(|| unreadable("its key does not unwrap"))?;
        decrypt(&key, bytes, size).map_err(|e| unreadable(&e))
    }

    /// A plist of the backup, read (and decrypted) in memory.
    pub fn read_plist(&self, file: &FileRef) -> Result<plist::Value, BackupError> {
        let bytes = self.read(file)?;
        plist_from_bytes(&bytes).map_err(|e| BackupError::plist(file.label.clone(), e))
    }

    /// A database of the backup, opened read-only: in place when the backup is plain,
    /// decrypted in memory when it is encrypted.
    pub fn database(&self, file: &FileRef) -> Result<Connection, BackupError> {
        if let (None, Storage::Folder(dir)) = (&self.keys, &self.storage) {
            let stored = inside(dir, &file.stored.to_string_lossy())?.ok_or_else(|| {
                BackupError::unreadable(file.label.clone(), "missing from the backup")
            })?;
            return open_db(&stored);
        }
        memory_db(self.read(file)?, Path::new(&file.label))
    }

    /// Calls `each` with the domain and relative path of every entry of the manifest.
    pub fn for_each_entry(&self, each: &mut dyn FnMut(&str, &str)) -> Result<u64, BackupError> {
        let fail = |e: rusqlite::Error| BackupError::unreadable("Manifest.db", e);
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
