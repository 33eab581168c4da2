//! Vigie against Amnesty's MVT on MVT's own iPhone test backup, with the same indicators:
//! every alert `mvt-ios check-backup` raises must have a Vigie finding naming the database
//! and row (MVT is the peer; `.ci/run` installs it from PyPI). Also: the backup stored in a
//! case (the databases read, as evidence) verifies, the backup folder is left unchanged, and
//! an encrypted backup or a wrong folder is a clear error. Skipped with a message where
//! `../shared` is absent; the MVT part is skipped where `mvt-ios` is not installed.

mod common;

use common::{arg, assert_code, assert_ok, assert_refused, has_finding, Vigie};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn vigie(data: &Path) -> Vigie {
    Vigie::at(data).lang("en")
}

/// `vigie scan ios-backup BACKUP --iocs STIX --format json ARGS`, which finds something
/// (exit 1): the check's document.
fn scan_backup(data: &Path, backup: &Path, stix: &Path, args: &[&str]) -> Value {
    let more = [&["--format", "json"], args].concat();
    let out = vigie(data).scan("ios-backup", backup, &[stix], &more);
    assert_code(&out, 1);
    common::json(&out)
}

/// Whether the peer is installed; where not, says that its part of the test is skipped.
fn mvt_ios_installed() -> bool {
    let installed = Command::new("mvt-ios").arg("--help").output().is_ok();
    if !installed {
        eprintln!("SKIPPED: mvt-ios is not installed (pip install mvt; .ci/run installs it)");
    }
    installed
}

/// The peer's alerts: `mvt-ios check-backup --iocs STIX --output OUT BACKUP`.
fn mvt_alerts(stix: &Path, out: &Path, backup: &Path) -> Vec<Value> {
    let run = Command::new("mvt-ios")
        .args(["check-backup", "--iocs"])
        .arg(stix)
        .arg("--output")
        .arg(out)
        .arg(backup)
        .output()
        .expect("mvt-ios");
    assert_ok(&run);
    serde_json::from_slice(&std::fs::read(out.join("alerts.json")).expect("alerts"))
        .expect("alerts json")
}

/// Every MVT alert has a Vigie finding: the one with the alert's indicator, or, for an alert
/// without an indicator, what `by_module` finds for its module.
fn assert_every_alert_found(
    alerts: &[Value],
    findings: &[Value],
    by_module: impl Fn(&str, &Value) -> bool,
) {
    for a in alerts {
        let module = a["module"].as_str().unwrap_or_default();
        let found = match a["matched_indicator"]["value"].as_str() {
            Some(value) => findings.iter().any(|f| f["indicator"]["value"] == value),
            None => by_module(module, a),
        };
        assert!(found, "MVT alert without a Vigie finding: {a}");
    }
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
    let doc = scan_backup(&data, &backup, &stix, &["--case", "PV-IOS"]);
    let findings = common::findings(&doc);
    let has = |rule: &str, needle: &str| has_finding(&findings, rule, needle);
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
    let shown = common::stdout(&vigie(&data).run(&["case", "show", "PV-IOS"]));
    assert!(shown.contains("iPhone"), "{shown}");
    assert_ok(&vigie(&data).run(&["case", "verify"]));
    // The report names the iPhone and the databases read, with their hashes.
    let report = common::html_report(&vigie(&data), "PV-IOS", &data.join("report.html"));
    assert!(
        report.contains("iPhone9,3, iOS 14.3"),
        "device in the annex"
    );
    assert!(report.contains("HomeDomain/Library/SMS/sms.db"));
    assert!(report.contains("Lockdown Mode is on"));

    // The peer, on the same backup and indicators.
    if !mvt_ios_installed() {
        return;
    }
    let alerts = mvt_alerts(&stix, &data.join("mvt"), &backup);
    assert!(alerts.len() >= 5, "MVT raised {} alerts", alerts.len());
    assert_every_alert_found(&alerts, &findings, |module, a| match module {
        "datausage" => {
            let id = a["event"]["proc_id"].as_i64().expect("proc_id") + 1;
            has("IOS-DATAUSAGE-MISSING", &format!("ZPROCESS Z_PK {id}"))
        }
        "global_preferences" => has("IOS-LOCKDOWN-MODE", "LDMGlobalEnabled"),
        _ => false,
    });
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
    let scan = |dir: &Path| vigie(&data).run(&["scan", "ios-backup", arg(dir)]);
    assert_refused(&scan(&copy), "encrypted");
    assert_refused(&scan(&data), "not an iPhone backup");
    // A damaged Manifest.db: an error, no panic.
    std::fs::remove_file(copy.join("Manifest.plist")).expect("remove");
    std::fs::write(copy.join("Manifest.db"), b"SQLite format 3\0garbage").expect("write");
    assert_refused(&scan(&copy), "could not be read");
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
    let scan =
        |args: &[&str]| vigie(&data).run(&[&["scan", "ios-backup", arg(&backup)], args].concat());
    assert_refused(&scan(&[]), "--password-file");
    assert_refused(&scan(&["--password-file", arg(&wrong)]), "does not open");
    let doc = scan_backup(
        &data,
        &backup,
        &stix,
        &["--password-file", arg(&pw), "--case", "PV-ENC"],
    );
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
    assert_ok(&vigie(&data).run(&["case", "verify"]));
    // The peer decrypts the same backup with the same password: the format is iOS's.
    if !mvt_ios_installed() {
        return;
    }
    let decrypted = data.join("mvt-decrypted");
    let run = Command::new("mvt-ios")
        .args(["decrypt-backup", "-p", "a long backup password", "-d"])
        .arg(&decrypted)
        .arg(&backup)
        .output()
        .expect("mvt-ios");
    assert_ok(&run);
    let id = vigie_ios::synthetic::file_id("HomeDomain", "Library/SMS/sms.db");
    let clear = std::fs::read(decrypted.join(&id[..2]).join(&id)).expect("MVT decrypted sms.db");
    assert_eq!(
        clear, files[0].content,
        "MVT decrypts the file to its original bytes"
    );
}

/// A backup with the calendar, address lookups and Chrome icons MVT reads, each holding a
/// planted trace: every MVT alert on it has a Vigie finding.
#[test]
fn calendar_lookups_and_icons_match_mvt() {
    use vigie_ios::synthetic::{database, write_backup, PhoneFile};
    let data = common::fresh_dir("ios-modules");
    let calendar = database(
        "CREATE TABLE CalendarItem (ROWID INTEGER PRIMARY KEY, summary TEXT, description TEXT,
            start_date REAL, end_date REAL, all_day INTEGER, calendar_id INTEGER, organizer_id INTEGER,
            url TEXT, last_modified REAL, external_id TEXT, external_mod_tag TEXT, unique_identifier TEXT,
            hidden INTEGER, UUID TEXT, creation_date REAL, action TEXT, created_by_id INTEGER);
         CREATE TABLE Participant (ROWID INTEGER PRIMARY KEY, UUID TEXT, email TEXT, phone_number TEXT,
            comment TEXT, last_modified REAL);
         INSERT INTO Participant VALUES (1, 'P-1', 'organizer@evil.example', NULL, NULL, 700000000);
         INSERT INTO CalendarItem VALUES (1, 'Meeting', 'Notes', 700000000, 700003600, 0, 1, 1, NULL,
            700000000, NULL, NULL, 'u1', 0, 'EVENT-UUID-1', 700000000, NULL, NULL);
         INSERT INTO CalendarItem VALUES (2, 'Dentist', 'see https://ordinary.example/x', 700100000, 700103600,
            0, 1, NULL, NULL, 700100000, NULL, NULL, 'u2', 0, 'EVENT-UUID-2', 700100000, NULL, NULL);",
    )
    .expect("Calendar.sqlitedb");
    let favicons = database(
        "CREATE TABLE icon_mapping (id INTEGER PRIMARY KEY, page_url TEXT, icon_id INTEGER);
         CREATE TABLE favicons (id INTEGER PRIMARY KEY, url TEXT, icon_type INTEGER);
         CREATE TABLE favicon_bitmaps (id INTEGER PRIMARY KEY, icon_id INTEGER, last_updated INTEGER, last_requested INTEGER);
         INSERT INTO favicons VALUES (1, 'https://cdn.favicon-evil.example/icon.png', 1);
         INSERT INTO icon_mapping VALUES (1, 'https://favicon-evil.example/login', 1);
         INSERT INTO favicon_bitmaps VALUES (1, 1, 13300000000000000, 13300000000000000);",
    )
    .expect("Favicons");
    let mut lookups = plist::Dictionary::new();
    let mut entry = plist::Dictionary::new();
    entry.insert("LookupDate".into(), plist::Value::Real(700_000_000.0));
    entry.insert("IDStatus".into(), plist::Value::Integer(1.into()));
    let mut madrid = plist::Dictionary::new();
    madrid.insert(
        "mailto:someone@evil.example".into(),
        plist::Value::Dictionary(entry.clone()),
    );
    madrid.insert("tel:+1555\0\0x".into(), plist::Value::Dictionary(entry));
    lookups.insert("com.apple.madrid".into(), plist::Value::Dictionary(madrid));
    let mut idstatus = Vec::new();
    plist::Value::Dictionary(lookups)
        .to_writer_binary(&mut idstatus)
        .expect("plist");
    let backup = data.join("backup");
    let files = [
        PhoneFile {
            domain: "HomeDomain".into(),
            path: "Library/Calendar/Calendar.sqlitedb".into(),
            content: calendar,
        },
        PhoneFile {
            domain: "AppDomain-com.google.chrome.ios".into(),
            path: "Library/Application Support/Google/Chrome/Default/Favicons".into(),
            content: favicons,
        },
        PhoneFile {
            domain: "HomeDomain".into(),
            path: "Library/Preferences/com.apple.identityservices.idstatuscache.plist".into(),
            content: idstatus,
        },
    ];
    write_backup(&backup, &files, &[], None).expect("backup");
    let stix = data.join("modules.stix2");
    std::fs::write(
        &stix,
        r#"{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[
        {"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000001","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","name":"TestSpy","is_family":false},
        {"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000002","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","pattern":"[email-addr:value='organizer@evil.example']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"},
        {"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000003","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","pattern":"[email-addr:value='someone@evil.example']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"},
        {"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000004","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","pattern":"[domain-name:value='favicon-evil.example']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"},
        {"type":"relationship","spec_version":"2.1","id":"relationship--00000000-0000-4000-8000-000000000005","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","relationship_type":"indicates","source_ref":"indicator--00000000-0000-4000-8000-000000000002","target_ref":"malware--00000000-0000-4000-8000-000000000001"},
        {"type":"relationship","spec_version":"2.1","id":"relationship--00000000-0000-4000-8000-000000000006","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","relationship_type":"indicates","source_ref":"indicator--00000000-0000-4000-8000-000000000003","target_ref":"malware--00000000-0000-4000-8000-000000000001"},
        {"type":"relationship","spec_version":"2.1","id":"relationship--00000000-0000-4000-8000-000000000007","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","relationship_type":"indicates","source_ref":"indicator--00000000-0000-4000-8000-000000000004","target_ref":"malware--00000000-0000-4000-8000-000000000001"}]}"#,
    )
    .expect("stix");
    let findings = common::findings(&scan_backup(&data, &backup, &stix, &[]));
    let has = |rule: &str, needle: &str| has_finding(&findings, rule, needle);
    assert!(has("IOS-IOC-EMAIL", "CalendarItem ROWID 1"));
    assert!(has("IOS-IOC-EMAIL", "someone@evil.example"));
    assert!(has("IOS-IOC-URL", "icon_mapping id 1"));
    assert!(has("IOS-EXPLOIT-TRACE", "EVENT-UUID-1"));
    assert!(has("IOS-EXPLOIT-TRACE", "\\\\x00\\\\x00"));

    if !mvt_ios_installed() {
        return;
    }
    let alerts = mvt_alerts(&stix, &data.join("mvt"), &backup);
    assert!(
        alerts.len() >= 4,
        "MVT raised {} alerts: {alerts:?}",
        alerts.len()
    );
    assert_every_alert_found(&alerts, &findings, |module, _| match module {
        "calendar" => has("IOS-EXPLOIT-TRACE", "EVENT-UUID-1"),
        "id_status_cache" => has("IOS-EXPLOIT-TRACE", "\\\\x00\\\\x00"),
        _ => false,
    });
    eprintln!(
        "MVT: {} alerts on the planted backup; each has a Vigie finding",
        alerts.len()
    );
}
