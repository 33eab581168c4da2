//! Writes backups as iOS does — plain, or encrypted with a password (keybag, wrapped class
//! keys, encrypted Manifest.db and files) — from databases given in memory. For tests and
//! benchmarks: no iPhone is needed to exercise the reader, and a known password checks the
//! decryption end to end. Keys come from a seed, so a backup is reproducible.

use aes::cipher::{BlockEncryptMut, KeyIvInit};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::io;
use std::path::Path;

/// A file of the phone to put in the backup.
pub struct PhoneFile {
    /// Its domain (`HomeDomain`, `AppDomain-…`).
    pub domain: String,
    /// Its path in the domain.
    pub path: String,
    /// Its content.
    pub content: Vec<u8>,
}

/// How a synthetic backup is protected.
pub struct Protection<'a> {
    /// The backup password.
    pub password: &'a str,
    /// PBKDF2-HMAC-SHA256 rounds (iOS: 10 000 000; fewer keep tests fast).
    pub sha256_rounds: u32,
    /// PBKDF2-HMAC-SHA1 rounds (iOS: 10 000).
    pub sha1_rounds: u32,
}

/// An SQLite database made by `setup` (SQL statements), as file bytes.
pub fn database(setup: &str) -> io::Result<Vec<u8>> {
    let sql = |e: rusqlite::Error| io::Error::other(e.to_string());
    let mut conn = Connection::open_in_memory().map_err(sql)?;
    conn.execute_batch(setup).map_err(sql)?;
    let data = conn.serialize(rusqlite::MAIN_DB).map_err(sql)?;
    Ok(data.to_vec())
}

/// Key material derived from a seed and a label.
fn derived(seed: &[u8], label: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(seed);
    h.update(label.as_bytes());
    h.finalize().into()
}

fn wrap(kek: &[u8; 32], key: &[u8; 32]) -> io::Result<Vec<u8>> {
    let mut out = vec![0u8; 40];
    aes_kw::KekAes256::from(*kek)
        .wrap(key, &mut out)
        .map_err(|e| io::Error::other(e.to_string()))?;
    Ok(out)
}

/// AES-256-CBC with a zero IV and PKCS#7 padding, as iOS encrypts backup files.
fn encrypt(key: &[u8; 32], data: &[u8]) -> Vec<u8> {
    cbc::Encryptor::<aes::Aes256>::new(key.into(), &[0u8; 16].into())
        .encrypt_padded_vec_mut::<aes::cipher::block_padding::Pkcs7>(data)
}

fn tlv(out: &mut Vec<u8>, tag: &[u8; 4], value: &[u8]) {
    out.extend_from_slice(tag);
    out.extend_from_slice(&(value.len() as u32).to_be_bytes());
    out.extend_from_slice(value);
}

/// The archived `MBFile` record of a file (what Manifest.db's `file` column holds): its
/// path, size, mode, owner, times, protection class and, when encrypted, its wrapped key.
fn mbfile(path: &str, size: u64, class: u32, stored_key: Option<Vec<u8>>) -> io::Result<Vec<u8>> {
    use plist::{Dictionary, Uid, Value};
    let int = |v: u64| Value::Integer(v.into());
    let mut file = Dictionary::new();
    file.insert("$class".into(), Value::Uid(Uid::new(3)));
    file.insert("RelativePath".into(), Value::Uid(Uid::new(4)));
    file.insert("Size".into(), int(size));
    file.insert("ProtectionClass".into(), int(u64::from(class)));
    file.insert("Mode".into(), int(0o100644));
    file.insert("UserID".into(), int(501));
    file.insert("GroupID".into(), int(501));
    file.insert("InodeNumber".into(), int(1_000_000 + size));
    file.insert("Flags".into(), int(0));
    for t in ["LastModified", "LastStatusChange", "Birth"] {
        file.insert(t.into(), int(1_700_000_000));
    }
    let mut objects = vec![Value::String("$null".into())];
    let mut key_object = Dictionary::new();
    if let Some(k) = stored_key {
        file.insert("EncryptionKey".into(), Value::Uid(Uid::new(2)));
        key_object.insert("NS.data".into(), Value::Data(k));
    }
    objects.push(Value::Dictionary(file));
    objects.push(Value::Dictionary(key_object));
    let mut class = Dictionary::new();
    class.insert("$classname".into(), Value::String("MBFile".into()));
    class.insert(
        "$classes".into(),
        Value::Array(vec![
            Value::String("MBFile".into()),
            Value::String("NSObject".into()),
        ]),
    );
    objects.push(Value::Dictionary(class));
    objects.push(Value::String(path.into()));
    let mut top = Dictionary::new();
    top.insert("root".into(), Value::Uid(Uid::new(1)));
    let mut archive = Dictionary::new();
    archive.insert("$version".into(), Value::Integer(100_000u64.into()));
    archive.insert("$archiver".into(), Value::String("NSKeyedArchiver".into()));
    archive.insert("$top".into(), Value::Dictionary(top));
    archive.insert("$objects".into(), Value::Array(objects));
    let mut out = Vec::new();
    Value::Dictionary(archive)
        .to_writer_binary(&mut out)
        .map_err(|e| io::Error::other(e.to_string()))?;
    Ok(out)
}

/// The file ID iOS gives a file: SHA-1 of `domain-path`, hexadecimal.
pub fn file_id(domain: &str, path: &str) -> String {
    use sha1::Digest as _;
    hex::encode(sha1::Sha1::digest(format!("{domain}-{path}").as_bytes()))
}

/// The seed every key of a synthetic backup comes from.
const SEED: &[u8] = b"vigie synthetic backup";
/// The protection classes of the keybag.
const CLASSES: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/// The protection class of the files.
const FILE_CLASS: u32 = 3;
/// The protection class of `Manifest.db`.
const MANIFEST_CLASS: u32 = 4;

/// The key of a protection class.
fn class_key(class: u32) -> [u8; 32] {
    derived(SEED, &format!("class {class}"))
}

/// A key as iOS stores it: its protection class (little endian), then the key wrapped with
/// that class's key.
fn stored_key(class: u32, key: &[u8; 32]) -> io::Result<Vec<u8>> {
    let mut stored = class.to_le_bytes().to_vec();
    stored.extend(wrap(&class_key(class), key)?);
    Ok(stored)
}

/// A row of `Manifest.db`'s `Files`: file ID, domain, path, archived record.
type ManifestRow = (String, String, String, Vec<u8>);

/// Writes each file at `xx/<fileID>` (encrypted under its own key when protected); their
/// manifest rows.
fn write_files(dir: &Path, files: &[PhoneFile], protected: bool) -> io::Result<Vec<ManifestRow>> {
    let mut rows = vec![];
    for f in files {
        let id = file_id(&f.domain, &f.path);
        let sub = dir.join(&id[..2]);
        std::fs::create_dir_all(&sub)?;
        let size = f.content.len() as u64;
        let (content, record) = if protected {
            let key = derived(SEED, &format!("file {id}"));
            let stored = stored_key(FILE_CLASS, &key)?;
            (
                encrypt(&key, &f.content),
                mbfile(&f.path, size, FILE_CLASS, Some(stored))?,
            )
        } else {
            (f.content.clone(), mbfile(&f.path, size, FILE_CLASS, None)?)
        };
        std::fs::write(sub.join(&id), content)?;
        rows.push((id, f.domain.clone(), f.path.clone(), record));
    }
    Ok(rows)
}

/// `Manifest.db` listing `rows`, as file bytes.
fn manifest_db(rows: &[ManifestRow]) -> io::Result<Vec<u8>> {
    let sql = |e: rusqlite::Error| io::Error::other(e.to_string());
    let mut conn = Connection::open_in_memory().map_err(sql)?;
    conn.execute_batch(
        "CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, flags INTEGER, file BLOB);
         CREATE INDEX FilesDomainIdx ON Files(domain);
         CREATE INDEX FilesRelativePathIdx ON Files(relativePath);
         CREATE TABLE Properties (key TEXT PRIMARY KEY, value BLOB);",
    )
    .map_err(sql)?;
    {
        let mut insert = conn
            .prepare("INSERT INTO Files VALUES (?1, ?2, ?3, 1, ?4)")
            .map_err(sql)?;
        for (id, domain, path, record) in rows {
            insert
                .execute(rusqlite::params![id, domain, path, record])
                .map_err(sql)?;
        }
    }
    Ok(conn.serialize(rusqlite::MAIN_DB).map_err(sql)?.to_vec())
}

/// The keybag of a protected backup: its salts and rounds, and every class key wrapped
/// with the key derived from the password.
fn keybag(p: &Protection) -> io::Result<Vec<u8>> {
    let (salt, dp_salt) = (&derived(SEED, "salt")[..20], &derived(SEED, "dpsl")[..20]);
    let mut first = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(
        p.password.as_bytes(),
        dp_salt,
        p.sha256_rounds,
        &mut first,
    );
    let mut password_key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha1::Sha1>(&first, salt, p.sha1_rounds, &mut password_key);
    let mut bag = vec![];
    tlv(&mut bag, b"VERS", &4u32.to_be_bytes());
    tlv(&mut bag, b"TYPE", &1u32.to_be_bytes());
    tlv(&mut bag, b"UUID", &derived(SEED, "uuid")[..16]);
    tlv(&mut bag, b"HMCK", &[0u8; 40]);
    tlv(&mut bag, b"WRAP", &0u32.to_be_bytes());
    tlv(&mut bag, b"SALT", salt);
    tlv(&mut bag, b"ITER", &p.sha1_rounds.to_be_bytes());
    tlv(&mut bag, b"DPWT", &1u32.to_be_bytes());
    tlv(&mut bag, b"DPIC", &p.sha256_rounds.to_be_bytes());
    tlv(&mut bag, b"DPSL", dp_salt);
    for class in CLASSES {
        tlv(
            &mut bag,
            b"UUID",
            &derived(SEED, &format!("uuid {class}"))[..16],
        );
        tlv(&mut bag, b"CLAS", &class.to_be_bytes());
        tlv(&mut bag, b"WRAP", &2u32.to_be_bytes());
        tlv(&mut bag, b"KTYP", &0u32.to_be_bytes());
        tlv(&mut bag, b"WPKY", &wrap(&password_key, &class_key(class))?);
    }
    Ok(bag)
}

/// Writes `name` in `dir` as an XML plist.
fn write_plist(dir: &Path, name: &str, d: plist::Dictionary) -> io::Result<()> {
    plist::Value::Dictionary(d)
        .to_file_xml(dir.join(name))
        .map_err(|e| io::Error::other(e.to_string()))
}

/// Writes `Manifest.plist` and `Manifest.db` (encrypted with its own key when protected).
fn write_manifest(dir: &Path, db: &[u8], protection: Option<&Protection>) -> io::Result<()> {
    let mut manifest = plist::Dictionary::new();
    manifest.insert("Version".into(), plist::Value::String("10.0".into()));
    manifest.insert(
        "IsEncrypted".into(),
        plist::Value::Boolean(protection.is_some()),
    );
    match protection {
        Some(p) => {
            let manifest_key = derived(SEED, "manifest");
            manifest.insert("BackupKeyBag".into(), plist::Value::Data(keybag(p)?));
            manifest.insert(
                "ManifestKey".into(),
                plist::Value::Data(stored_key(MANIFEST_CLASS, &manifest_key)?),
            );
            std::fs::write(dir.join("Manifest.db"), encrypt(&manifest_key, db))?;
        }
        None => std::fs::write(dir.join("Manifest.db"), db)?,
    }
    write_plist(dir, "Manifest.plist", manifest)
}

/// Writes `Info.plist`: the device, and `apps` as its installed applications.
fn write_info(dir: &Path, apps: &[&str]) -> io::Result<()> {
    let mut info = plist::Dictionary::new();
    for (k, v) in [
        ("Device Name", "Test iPhone"),
        ("Product Type", "iPhone14,5"),
        ("Product Version", "17.5"),
        ("Build Version", "21F79"),
    ] {
        info.insert(k.into(), plist::Value::String(v.into()));
    }
    let apps = apps
        .iter()
        .map(|a| plist::Value::String((*a).into()))
        .collect();
    info.insert("Installed Applications".into(), plist::Value::Array(apps));
    write_plist(dir, "Info.plist", info)
}

/// Writes a backup of `files` into `dir` (created), with `Info.plist` naming the device and
/// `apps`; encrypted when `protection` is given.
pub fn write_backup(
    dir: &Path,
    files: &[PhoneFile],
    apps: &[&str],
    protection: Option<&Protection>,
) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let rows = write_files(dir, files, protection.is_some())?;
    write_manifest(dir, &manifest_db(&rows)?, protection)?;
    write_info(dir, apps)
}

/// The files of a large backup, to measure a check: an sms.db with the columns iOS and MVT
/// use, holding `messages` messages (one in a hundred with a link, and one with the link
/// `https://badbadbad.example.org/`), and as many photos listed in the manifest.
pub fn large_backup(messages: u64) -> io::Result<Vec<PhoneFile>> {
    let mut sql = String::from(
        "CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL,
             text TEXT, handle_id INTEGER DEFAULT 0, service TEXT, date INTEGER, date_read INTEGER,
             date_delivered INTEGER, is_from_me INTEGER DEFAULT 0, account TEXT);
         CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL,
             country TEXT, service TEXT NOT NULL, uncanonicalized_id TEXT);
         INSERT INTO handle VALUES (1, '+33600000000', 'fr', 'SMS', NULL);
         BEGIN;",
    );
    for n in 1..=messages {
        let text = if n % 100 == 0 {
            format!("look https://site{n}.example.org/page?id={n}")
        } else {
            format!("message number {n}, see you later")
        };
        let date = 600_000_000_000_000_000u64 + n * 1_000_000_000;
        sql.push_str(&format!(
            "INSERT INTO message VALUES ({n}, 'guid-{n}', '{text}', 1, 'SMS', {date}, {date}, {date}, {}, 'p:+33600000001');",
            n % 2
        ));
    }
    sql.push_str("INSERT INTO message VALUES (0, 'guid-0', 'Please click here https://badbadbad.example.org/', 1, 'SMS', 588813210539788032, 0, 0, 0, 'p:+33600000001'); COMMIT;");
    let mut files = vec![PhoneFile {
        domain: "HomeDomain".into(),
        path: "Library/SMS/sms.db".into(),
        content: database(&sql)?,
    }];
    for n in 0..messages {
        files.push(PhoneFile {
            domain: "CameraRollDomain".into(),
            path: format!("Media/DCIM/100APPLE/IMG_{n:05}.HEIC"),
            content: format!("photo {n}").into_bytes(),
        });
    }
    Ok(files)
}
