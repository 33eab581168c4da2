//! `vigie scan ios` against the test double of a connected iPhone (a fake usbmuxd and phone
//! speaking the real protocols on a Unix socket): pairing, apps and profiles from the phone,
//! a fresh backup received into the encrypted case file and checked like MVT's backup, and
//! nothing but reads asked of the phone. The backup part is skipped where `../shared` is
//! absent.

mod common;

use common::{assert_code, assert_ok, assert_refused, Vigie};
use std::path::Path;
use vigie_ios_device::double::{app, FakeIphone, FakeUsbmuxd};

const UDID: &str = "00008110-000A1B2C3D4E5F60";

/// `vigie` in English on `data`, with the test double's usbmuxd.
fn vigie(data: &Path, mux: &FakeUsbmuxd) -> Vigie {
    Vigie::at(data)
        .lang("en")
        .env("USBMUXD_SOCKET_ADDRESS", mux.env_value())
}

fn phone(backup_from: Option<std::path::PathBuf>) -> FakeIphone {
    let mut p = FakeIphone::new(UDID);
    p.apps.push(app(
        "com.example.familywatch",
        "Family Watch",
        "User",
        "iPhone Distribution: Example Monitoring Ltd",
    ));
    p.profiles.push((
        "com.example.monitoring.profile".into(),
        plist::Value::Dictionary(
            [
                (
                    "PayloadDisplayName".to_owned(),
                    plist::Value::String("Protection".into()),
                ),
                (
                    "PayloadOrganization".to_owned(),
                    plist::Value::String("Example Monitoring".into()),
                ),
            ]
            .into_iter()
            .collect(),
        ),
    ));
    p.backup_from = backup_from;
    p
}

/// A check's JSON document, and its findings.
fn findings(out: &std::process::Output) -> (serde_json::Value, Vec<serde_json::Value>) {
    let doc = common::json(out);
    let f = common::findings(&doc);
    (doc, f)
}

fn has(findings: &[serde_json::Value], rule: &str, needle: &str) -> bool {
    common::has_finding(findings, rule, needle)
}

#[test]
fn a_connected_phone_is_checked_with_its_fresh_backup_in_the_case() {
    let Some(shared) = common::shared() else {
        return;
    };
    let data = common::fresh_dir("ios-device");
    let mux =
        FakeUsbmuxd::start(&data, phone(Some(shared.join("mvt/ios_backup")))).expect("double");
    let stix = common::ios_test_stix(&data);
    let out =
        vigie(&data, &mux).scan_phone("ios", &[&stix], &["--format", "json", "--case", "PV-PHONE"]);
    let stderr = common::stderr(&out);
    assert_code(&out, 1);
    assert!(stderr.contains("Trust this computer?"), "{stderr}");
    assert!(stderr.contains("now trusts this computer"), "{stderr}");
    assert!(
        stderr.contains("Nothing was installed, removed or changed"),
        "{stderr}"
    );
    let (doc, f) = findings(&out);
    assert_eq!(doc["check"], "ios-device");
    // The same detections as the backup checked in place (and so as MVT's, see mvt_ios.rs).
    assert!(
        has(&f, "IOS-IOC-URL", "HomeDomain/Library/SMS/sms.db")
            && has(&f, "IOS-IOC-URL", "message ROWID 3")
    );
    assert!(has(&f, "IOS-IOC-DOMAIN", "ObservedDomains domainID 1"));
    assert!(has(&f, "IOS-IOC-PROCESS", "ZPROCESS Z_PK 30"));
    assert!(has(&f, "IOS-IOC-APP", "ch.icoaching.typewise"));
    // What only the phone itself tells.
    assert!(
        has(&f, "IOS-APP-OUTSIDE-STORE", "Example Monitoring Ltd"),
        "{f:#?}"
    );
    assert!(has(&f, "IOS-PROFILE", "com.example.monitoring.profile"));
    assert!(!has(&f, "IOS-APP-OUTSIDE-STORE", "net.whatsapp.WhatsApp"));
    assert_eq!(doc["device"]["Unique Identifier"], UDID);
    // The file the phone left out of its backup is said.
    let coverage = serde_json::to_string(&doc["coverage"]).expect("json");
    assert!(
        coverage.contains("left 1 file out of its backup"),
        "{coverage}"
    );
    // Only reads were asked of the phone.
    assert_eq!(mux.requests_beyond_reads(), Vec::<String>::new());
    // The case holds the check and verifies; the backup's plain bytes are nowhere on disk.
    let said = assert_ok(&vigie(&data, &mux).run(&["case", "verify"]));
    // Every file of the backup was read again against its SHA-256 and the logged digest.
    assert!(
        said.contains("were read again and match their SHA-256"),
        "{said}"
    );
    // The check's record names the backup as a whole, with that digest.
    let show = vigie(&data, &mux).run(&["case", "show", "PV-PHONE", "--format", "json"]);
    assert_ok(&show);
    let shown = common::json(&show);
    let sources = shown["scans"][0]["sources"].as_array().expect("sources");
    let whole = sources
        .iter()
        .find(|s| {
            s[0].as_str()
                .is_some_and(|n| n.contains(&format!("— iPhone {UDID}, ")))
        })
        .expect("the backup is among the check's sources");
    assert_eq!(whole[1].as_str().map(str::len), Some(64), "{whole}");
    // A message of the backup's sms.db.
    let needle: &[u8] = b"Please click here https://badbadbad.example.org/";
    for entry in std::fs::read_dir(&data).expect("data").flatten() {
        if entry.path().is_file() {
            let raw = std::fs::read(entry.path()).expect("read");
            assert!(
                !raw.windows(needle.len()).any(|w| w == needle),
                "{} holds sms.db in clear",
                entry.path().display()
            );
        }
    }
    // A second check asks the person nothing: the pairing was kept.
    let again = vigie(&data, &mux).scan_phone("ios", &[&stix], &["--no-backup"]);
    assert!(!common::stderr(&again).contains("Trust this computer?"));
}

#[test]
fn without_a_backup_the_report_says_what_was_not_read() {
    let data = common::fresh_dir("ios-device-nobackup");
    let mux = FakeUsbmuxd::start(&data, phone(None)).expect("double");
    let feeds = common::ios_test_stix(&data);
    let out = vigie(&data, &mux).scan_phone("ios", &[&feeds], &["--no-backup", "--format", "json"]);
    let (doc, f) = findings(&out);
    assert!(has(&f, "IOS-APP-OUTSIDE-STORE", "com.example.familywatch"));
    let not_checked = serde_json::to_string(&doc["coverage"]).expect("json");
    assert!(
        not_checked.contains("No backup was made during this check"),
        "{not_checked}"
    );
    // A backup needs a case; without one the command says so.
    let out = vigie(&data, &mux).scan_phone("ios", &[&feeds], &[]);
    assert_refused(&out, "--no-backup");
}
