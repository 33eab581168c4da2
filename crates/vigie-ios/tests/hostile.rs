//! Backups made by whoever hands them over (issue 20, item 5): a plist nested far deeper
//! than iOS writes is refused with a clear error instead of overflowing the stack (which
//! aborted the whole station), and a symbolic link inside the backup is never followed out
//! of it.

use std::path::Path;
use vigie_ios::synthetic::{database, write_backup, PhoneFile};
use vigie_ios::{read_backup, Backup, BackupError};

/// An XML plist of `levels` arrays, each inside the one before.
fn nested_arrays(levels: usize) -> Vec<u8> {
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n");
    xml.push_str(&"<array>".repeat(levels));
    xml.push_str(&"</array>".repeat(levels));
    xml.push_str("\n</plist>\n");
    xml.into_bytes()
}

/// A fresh folder of the system's temporary space for test `name`.
fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("vigie-ios-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn sms_db() -> Vec<u8> {
    database(
        "CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT, date INTEGER);
         INSERT INTO message (text, date) VALUES ('hello', 0);",
    )
    .expect("sms.db")
}

fn sms_file() -> PhoneFile {
    PhoneFile {
        domain: "HomeDomain".into(),
        path: "Library/SMS/sms.db".into(),
        content: sms_db(),
    }
}

/// Runs `f` on a thread with the stack a server's worker has (2 MiB), as the station does.
fn on_worker_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("the check ended without a panic")
}

#[test]
fn deeply_nested_info_plist_is_refused_not_a_crash() {
    let dir = scratch("1");
    let backup = dir.join("backup");
    write_backup(&backup, &[sms_file()], &[], None).expect("backup");
    // 50 000 levels, 750 KB: what aborted the station from a case page.
    std::fs::write(backup.join("Info.plist"), nested_arrays(50_000)).expect("Info.plist");
    let outcome = on_worker_stack(move || Backup::open(&backup, None).map(|_| ()));
    match outcome {
        Err(BackupError::TooDeep { file, .. }) => assert!(file.ends_with("Info.plist"), "{file}"),
        other => panic!("expected a too-deep error, got {other:?}"),
    }
}

#[test]
fn deeply_nested_plist_inside_the_backup_is_noted_and_the_rest_read() {
    let dir = scratch("2");
    let backup = dir.join("backup");
    let prefs = PhoneFile {
        domain: "HomeDomain".into(),
        path: "Library/Preferences/.GlobalPreferences.plist".into(),
        content: nested_arrays(50_000),
    };
    write_backup(&backup, &[sms_file(), prefs], &[], None).expect("backup");
    let read = on_worker_stack(move || {
        let opened = Backup::open(&backup, None).expect("opens");
        read_backup(&opened).expect("reads")
    });
    let problems: Vec<String> = read
        .modules
        .iter()
        .filter_map(|m| m.problem.clone())
        .collect();
    assert!(
        problems.iter().any(|why| why.contains("levels")),
        "the nested file is said unreadable: {problems:?}"
    );
    assert!(read.modules.iter().any(|m| m.rows > 0), "the rest is read");
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) {
    std::os::unix::fs::symlink(target, at).expect("symlink");
}

#[cfg(unix)]
#[test]
fn a_file_linked_out_of_the_backup_is_not_read() {
    let dir = scratch("3");
    let backup = dir.join("backup");
    write_backup(&backup, &[sms_file()], &[], None).expect("backup");
    // A secret of the station, outside the backup, that the link points at.
    let secret = dir.join("station-secret.db");
    std::fs::write(&secret, sms_db()).expect("secret");
    let id = vigie_ios::synthetic::file_id("HomeDomain", "Library/SMS/sms.db");
    let stored = backup.join(&id[..2]).join(&id);
    std::fs::remove_file(&stored).expect("remove");
    link(&secret, &stored);
    let opened = Backup::open(&backup, None).expect("opens");
    let file = opened
        .file("HomeDomain", "Library/SMS/sms.db")
        .expect("listed in the manifest");
    match opened.read(&file) {
        Err(BackupError::Link { file }) => assert!(file.contains(&id), "{file}"),
        other => panic!("expected a link error, got {:?}", other.map(|b| b.len())),
    }
    assert!(matches!(
        opened.database(&file),
        Err(BackupError::Link { .. })
    ));
}

#[cfg(unix)]
#[test]
fn a_linked_manifest_or_folder_is_not_followed() {
    let dir = scratch("4");
    let real = dir.join("real");
    write_backup(&real, &[sms_file()], &[], None).expect("backup");
    // Manifest.db itself a link.
    let backup = dir.join("backup");
    write_backup(&backup, &[sms_file()], &[], None).expect("backup");
    std::fs::remove_file(backup.join("Manifest.db")).expect("remove");
    link(&real.join("Manifest.db"), &backup.join("Manifest.db"));
    assert!(matches!(
        Backup::open(&backup, None),
        Err(BackupError::Link { .. })
    ));
    // A folder of stored files a link to a folder elsewhere.
    let id = vigie_ios::synthetic::file_id("HomeDomain", "Library/SMS/sms.db");
    let other = dir.join("other");
    write_backup(&other, &[sms_file()], &[], None).expect("backup");
    std::fs::remove_dir_all(other.join(&id[..2])).expect("remove");
    link(&real.join(&id[..2]), &other.join(&id[..2]));
    let opened = Backup::open(&other, None).expect("opens");
    let file = opened
        .file("HomeDomain", "Library/SMS/sms.db")
        .expect("listed");
    assert!(matches!(opened.read(&file), Err(BackupError::Link { .. })));
}
