//! Encrypted backups, written by the project's own writer exactly as iOS encrypts them
//! (keybag with PBKDF2-SHA256 then PBKDF2-SHA1, RFC 3394 wrapped class and file keys,
//! AES-256-CBC files and Manifest.db): the right password reads the same as the plain
//! backup, a wrong one or none is a clear error, and the backup folder is never changed.

use std::path::{Path, PathBuf};
use vigie_ios::synthetic::{database, write_backup, PhoneFile, Protection};
use vigie_ios::{Backup, BackupError, SeenKind};

const PASSWORD: &str = "correct horse battery";

fn files() -> Vec<PhoneFile> {
    let sms = database(
        "CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT, date INTEGER);
         INSERT INTO message VALUES (1, 'see https://badbadbad.example.org/x now', 588813210539788032);
         INSERT INTO message VALUES (2, 'no link here', 588813210539788033);
         CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT);
         INSERT INTO handle VALUES (1, 'someone@example.net');",
    )
    .expect("sms.db");
    let usage = database(
        "CREATE TABLE ZPROCESS (Z_PK INTEGER PRIMARY KEY, ZPROCNAME TEXT, ZBUNDLENAME TEXT, ZFIRSTTIMESTAMP REAL);
         INSERT INTO ZPROCESS VALUES (1, 'A/com.apple.Maps', 'com.apple.Maps', 600000000);
         INSERT INTO ZPROCESS VALUES (2, 'roleaboutd', NULL, 600000001);
         INSERT INTO ZPROCESS VALUES (4, 'B/com.apple.Music', 'com.apple.Music', 600000002);",
    )
    .expect("DataUsage.sqlite");
    let mut prefs = Vec::new();
    let mut d = plist::Dictionary::new();
    d.insert("LDMGlobalEnabled".into(), plist::Value::Boolean(true));
    plist::Value::Dictionary(d)
        .to_writer_binary(&mut prefs)
        .expect("plist");
    vec![
        PhoneFile {
            domain: "HomeDomain".into(),
            path: "Library/SMS/sms.db".into(),
            content: sms,
        },
        PhoneFile {
            domain: "WirelessDomain".into(),
            path: "Library/Databases/DataUsage.sqlite".into(),
            content: usage,
        },
        PhoneFile {
            domain: "HomeDomain".into(),
            path: "Library/Preferences/.GlobalPreferences.plist".into(),
            content: prefs,
        },
    ]
}

fn fresh(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vigie-ios-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = vec![];
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            if e.path().is_dir() {
                pending.push(e.path());
            } else {
                out.push((e.path(), std::fs::read(e.path()).expect("read")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_right_password_reads_what_the_plain_backup_shows() {
    let plain_dir = fresh("plain");
    let enc_dir = fresh("encrypted");
    let apps = ["com.example.app", "net.whatsapp.WhatsApp"];
    write_backup(&plain_dir, &files(), &apps, None).expect("plain backup");
    let protection = Protection {
        password: PASSWORD,
        sha256_rounds: 1_000,
        sha1_rounds: 100,
    };
    write_backup(&enc_dir, &files(), &apps, Some(&protection)).expect("encrypted backup");
    // The encrypted files hold none of the clear text.
    for (path, bytes) in snapshot(&enc_dir) {
        assert!(
            !bytes.windows(9).any(|w| w == b"badbadbad"),
            "{} holds clear text",
            path.display()
        );
    }
    let before = snapshot(&enc_dir);

    let plain =
        vigie_ios::read_backup(&Backup::open(&plain_dir, None).expect("open")).expect("read");
    let backup = Backup::open(&enc_dir, Some(PASSWORD)).expect("the password opens it");
    assert!(backup.is_encrypted());
    let decrypted = vigie_ios::read_backup(&backup).expect("read");
    assert_eq!(decrypted.seen, plain.seen);
    assert_eq!(decrypted.apps, plain.apps);
    assert_eq!(decrypted.missing_processes, plain.missing_processes);
    assert_eq!(decrypted.lockdown_mode, Some(true));
    let link = decrypted
        .seen
        .iter()
        .find(|s| s.kind == SeenKind::Url)
        .expect("the link");
    assert_eq!(link.value, "https://badbadbad.example.org/x");
    assert_eq!(link.file, "HomeDomain/Library/SMS/sms.db");
    assert_eq!(link.locator, "message ROWID 1");
    assert!(decrypted
        .seen
        .iter()
        .any(|s| s.kind == SeenKind::Email && s.value == "someone@example.net"));
    assert!(decrypted
        .seen
        .iter()
        .any(|s| s.kind == SeenKind::Process && s.value == "roleaboutd"));
    assert_eq!(decrypted.missing_processes.len(), 1);
    assert_eq!(decrypted.missing_processes[0].id, 3);
    // Reading changed nothing, and wrote nothing, in the backup folder.
    assert_eq!(snapshot(&enc_dir), before);

    assert!(matches!(
        Backup::open(&enc_dir, Some("wrong password")),
        Err(BackupError::WrongPassword)
    ));
    assert!(matches!(
        Backup::open(&enc_dir, None),
        Err(BackupError::Encrypted)
    ));
    let _ = std::fs::remove_dir_all(&plain_dir);
    let _ = std::fs::remove_dir_all(&enc_dir);
}
