//! Vigie against Amnesty's MVT on MVT's own iPhone test backup, with the same indicators:
//! every alert `mvt-ios check-backup` raises must have a Vigie finding naming the database
//! and row (MVT is the peer; `.ci/run` installs it from PyPI). Also: the backup stored in a
//! case (the databases read, as evidence) verifies, the backup folder is left unchanged, and
//! an encrypted backup or a wrong folder is a clear error. Skipped with a message where
//! `../shared` is absent; the MVT part is skipped where `mvt-ios` is not installed.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn vigie(data: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--lang", "en"];
    all.extend_from_slice(args);
    common::run_vigie(data, &all)
}

/// Size and modification time of every file of a folder.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut out = vec![];
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let m = e.metadata().expect("metadata");
            if m.is_dir() {
                pending.push(e.path());
            } else {
                out.push((e.path(), m.len(), m.modified().expect("mtime")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_mvt_alert_has_a_vigie_finding_and_the_backup_is_untouched() {
    let Some(shared) = common::shared() else {
        return;
    };
    let backup = shared.join("mvt/ios_backup");
    let data = common::fresh_dir("mvt-ios");
    let stix = common::ios_test_stix(&data);
    let before = snapshot(&backup);
    let out = vigie(
        &data,
        &[
            "scan",
            "ios-backup",
            backup.to_str().expect("path"),
            "--iocs",
            stix.to_str().expect("path"),
            "--format",
            "json",
            "--case",
            "PV-IOS",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let findings = doc["findings"].as_array().expect("findings").clone();
    let has = |rule: &str, needle: &str| {
        findings
            .iter()
            .any(|f| f["rule"] == rule && serde_json::to_string(f).expect("json").contains(needle))
    };
    // Each finding names the database and the row.
    assert!(
        has("IOS-IOC-URL", "HomeDomain/Library/SMS/sms.db")
            && has("IOS-IOC-URL", "message ROWID 3")
    );
    assert!(has("IOS-IOC-DOMAIN", "ObservedDomains domainID 1"));
    assert!(has("IOS-IOC-PROCESS", "ZPROCESS Z_PK 30"));
    assert!(has("IOS-IOC-APP", "ch.icoaching.typewise"));
    assert!(has("IOS-DATAUSAGE-MISSING", "ZPROCESS Z_PK 5"));
    assert!(has("IOS-LOCKDOWN-MODE", "LDMGlobalEnabled"));
    assert_eq!(doc["device"]["Product Type"], "iPhone9,3");
    assert_eq!(doc["lockdown_mode"], true);
    assert!(doc["privacy_grants"]
        .as_array()
        .is_some_and(|g| g.len() == 11));
    // Nothing in the backup folder changed (no journal, no lock file, no new file).
    assert_eq!(snapshot(&backup), before, "the backup folder was changed");
    // The databases read are evidence in the case, and the case file verifies.
    let show = vigie(&data, &["case", "show", "PV-IOS"]);
    let shown = String::from_utf8_lossy(&show.stdout);
    assert!(shown.contains("iPhone"), "{shown}");
    let verify = vigie(&data, &["case", "verify"]);
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );

    // The peer, on the same backup and indicators.
    if Command::new("mvt-ios").arg("--help").output().is_err() {
        eprintln!("SKIPPED: mvt-ios is not installed (pip install mvt; .ci/run installs it)");
        return;
    }
    let mvt_out = data.join("mvt");
    let run = Command::new("mvt-ios")
        .args(["check-backup", "--iocs"])
        .arg(&stix)
        .arg("--output")
        .arg(&mvt_out)
        .arg(&backup)
        .output()
        .expect("mvt-ios");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let alerts: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(mvt_out.join("alerts.json")).expect("alerts"))
            .expect("alerts json");
    assert!(alerts.len() >= 5, "MVT raised {} alerts", alerts.len());
    for a in &alerts {
        let module = a["module"].as_str().unwrap_or_default();
        let matched = a["matched_indicator"]["value"].as_str();
        let found = match (module, matched) {
            (_, Some(value)) => findings.iter().any(|f| f["indicator"]["value"] == value),
            ("datausage", None) => {
                let id = a["event"]["proc_id"].as_i64().expect("proc_id") + 1;
                has("IOS-DATAUSAGE-MISSING", &format!("ZPROCESS Z_PK {id}"))
            }
            ("global_preferences", None) => has("IOS-LOCKDOWN-MODE", "LDMGlobalEnabled"),
            _ => false,
        };
        assert!(found, "MVT alert without a Vigie finding: {a}");
    }
    eprintln!(
        "MVT: {} alerts; Vigie: {} findings, each MVT alert matched",
        alerts.len(),
        findings.len()
    );
}

#[test]
fn an_encrypted_backup_or_a_wrong_folder_is_a_clear_error() {
    let Some(shared) = common::shared() else {
        return;
    };
    let data = common::fresh_dir("ios-errors");
    let copy = data.join("backup");
    std::fs::create_dir_all(&copy).expect("dir");
    std::fs::copy(
        shared.join("mvt/ios_backup/Manifest.db"),
        copy.join("Manifest.db"),
    )
    .expect("copy");
    std::fs::write(
        copy.join("Manifest.plist"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\"><dict><key>IsEncrypted</key><true/></dict></plist>\n",
    )
    .expect("write");
    let out = vigie(&data, &["scan", "ios-backup", copy.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("encrypted"));
    let out = vigie(&data, &["scan", "ios-backup", data.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not an iPhone backup"));
    // A damaged Manifest.db: an error, no panic.
    std::fs::remove_file(copy.join("Manifest.plist")).expect("remove");
    std::fs::write(copy.join("Manifest.db"), b"SQLite format 3\0garbage").expect("write");
    let out = vigie(&data, &["scan", "ios-backup", copy.to_str().expect("path")]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("could not be read"));
}

#[test]
fn an_encrypted_backup_is_read_with_its_password_and_never_decrypted_to_disk() {
    use vigie_ios::synthetic::{database, write_backup, PhoneFile, Protection};
    let data = common::fresh_dir("ios-encrypted");
    let stix = common::ios_test_stix(&data);
    let backup = data.join("backup");
    let sms = database(
        "CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT, date INTEGER);
         INSERT INTO message VALUES (7, 'Please click here https://badbadbad.example.org/', 588813210539788032);
         CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT);",
    )
    .expect("sms.db");
    let files = [PhoneFile {
        domain: "HomeDomain".into(),
        path: "Library/SMS/sms.db".into(),
        content: sms,
    }];
    let protection = Protection {
        password: "a long backup password",
        sha256_rounds: 10_000,
        sha1_rounds: 1_000,
    };
    write_backup(&backup, &files, &["com.example.app"], Some(&protection)).expect("backup");
    let pw = data.join("password.txt");
    std::fs::write(&pw, "a long backup password\n").expect("write");
    let wrong = data.join("wrong.txt");
    std::fs::write(&wrong, "not it\n").expect("write");
    let b = backup.to_str().expect("path");
    let out = vigie(&data, &["scan", "ios-backup", b]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--password-file"));
    let out = vigie(
        &data,
        &[
            "scan",
            "ios-backup",
            b,
            "--password-file",
            wrong.to_str().expect("path"),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not open"));
    let out = vigie(
        &data,
        &[
            "scan",
            "ios-backup",
            b,
            "--password-file",
            pw.to_str().expect("path"),
            "--iocs",
            stix.to_str().expect("path"),
            "--format",
            "json",
            "--case",
            "PV-ENC",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let text = serde_json::to_string(&doc["findings"]).expect("json");
    assert!(
        text.contains("IOS-IOC-URL") && text.contains("message ROWID 7"),
        "{text}"
    );
    // The decrypted sms.db went into the encrypted case file only: no clear text anywhere
    // in the station's folder or the backup.
    for dir in [&data, &backup] {
        let mut pending = vec![dir.clone()];
        while let Some(d) = pending.pop() {
            for e in std::fs::read_dir(&d).expect("dir").flatten() {
                if e.path().is_dir() {
                    pending.push(e.path());
                } else if e
                    .path()
                    .extension()
                    .is_none_or(|x| x != "stix2" && x != "txt")
                {
                    let bytes = std::fs::read(e.path()).expect("read");
                    assert!(
                        !bytes.windows(9).any(|w| w == b"badbadbad"),
                        "clear text in {}",
                        e.path().display()
                    );
                }
            }
        }
    }
    let verify = vigie(&data, &["case", "verify"]);
    assert!(verify.status.success());
    // The peer decrypts the same backup with the same password: the format is iOS's.
    if Command::new("mvt-ios").arg("--help").output().is_err() {
        eprintln!("SKIPPED: mvt-ios is not installed (pip install mvt; .ci/run installs it)");
        return;
    }
    let decrypted = data.join("mvt-decrypted");
    let run = Command::new("mvt-ios")
        .args(["decrypt-backup", "-p", "a long backup password", "-d"])
        .arg(&decrypted)
        .arg(&backup)
        .output()
        .expect("mvt-ios");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let id = vigie_ios::synthetic::file_id("HomeDomain", "Library/SMS/sms.db");
    let clear = std::fs::read(decrypted.join(&id[..2]).join(&id)).expect("MVT decrypted sms.db");
    assert_eq!(
        clear, files[0].content,
        "MVT decrypts the file to its original bytes"
    );
}
