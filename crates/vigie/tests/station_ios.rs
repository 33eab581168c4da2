//! The iPhone check from the station app, in headless Chromium: the operator opens a case,
//! chooses "Check an iPhone", gives the folder of MVT's test backup, follows the
//! progress bar and reads the findings (a known link in an SMS, Lockdown Mode), each naming
//! the database and row; the databases read are listed in the case with their SHA-256. An
//! encrypted backup with a wrong password is a clear error. Skipped with a message where
//! Chromium or `../shared` is missing.

mod common;

use common::station::Station;
use common::webdriver::{shared_for_browser, Browser};
use std::path::PathBuf;

/// What both checks need: `../shared/data`, and a fresh folder `name` holding the iPhone test
/// indicators (and their file); `None`, saying why, where Chromium or `../shared` is missing.
fn prepare(name: &str) -> Option<(PathBuf, PathBuf, PathBuf)> {
    let shared = shared_for_browser(".ci/run installs them")?;
    let feeds = common::fresh_dir(name);
    let stix = common::ios_test_stix(&feeds);
    Some((shared, feeds, stix))
}

/// Starts the check with `button` and waits (up to `secs`) for what it found, pictured as
/// `shot`: the page's text.
fn findings_after(b: &Browser, button: &str, secs: u64, shot: &str) -> String {
    b.click(button);
    b.wait_url("the check", |u| u.contains("/ios/"));
    b.wait_text("What was found", secs);
    let text = b.result_details();
    b.screenshot(shot);
    common::axe::assert_clean(b, shot);
    text
}

#[test]
fn iphone_backup_check_in_the_app() {
    let Some((shared, _, stix)) = prepare("station-ios-feeds") else {
        return;
    };
    let st = Station::start("ios", Some(&stix));
    let b = Browser::start("ios");
    b.open_case_in_english(&st.base, "PV-IOS-APP");

    b.click("#start-ios");
    let text = b.wait_text("Encrypt local backup", 10);
    assert!(text.contains("read-only"), "{text}");
    let backup = shared.join("mvt/ios_backup");
    b.type_into("#ios-path", backup.to_str().expect("path"));
    b.screenshot("ios-01-backup-en");
    let text = findings_after(&b, "#ios-go", 30, "ios-02-findings-en");
    common::assert_says(
        &text,
        &[
            "Traces of known spyware",
            "HomeDomain/Library/SMS/sms.db message ROWID 3",
            "Lockdown Mode is on",
            "iPhone9,3",
            "What was not checked",
        ],
    );
    b.goto(&format!("{}/cases/PV-IOS-APP", st.base));
    let text = b.wait_text("HomeDomain/Library/SMS/sms.db", 10);
    assert!(text.contains("iPhone"), "{text}");

    // An encrypted backup and a wrong password: said plainly, nothing stored.
    let encrypted = st.data.join("encrypted-backup");
    vigie_ios::synthetic::write_backup(
        &encrypted,
        &[],
        &[],
        Some(&vigie_ios::synthetic::Protection {
            password: "the right one",
            sha256_rounds: 1_000,
            sha1_rounds: 100,
        }),
    )
    .expect("backup");
    b.goto(&format!("{}/cases/PV-IOS-APP/ios", st.base));
    b.type_into("#ios-path", encrypted.to_str().expect("path"));
    b.type_into("#ios-password", "a wrong one");
    b.click("#ios-go");
    let text = b.wait_text("does not open the backup", 20);
    assert!(!text.contains("What was found"), "{text}");
    b.screenshot("ios-03-wrong-password-en");
}

/// The connected iPhone from the app: the test double of a phone (fake usbmuxd and iPhone on
/// a Unix socket) sends MVT's test backup; the operator checks it from the case page and
/// reads the findings from the backup and from the phone itself.
#[test]
fn connected_iphone_check_in_the_app() {
    let Some((shared, feeds, stix)) = prepare("station-iosdev-feeds") else {
        return;
    };
    let mut phone = vigie_ios_device::double::FakeIphone::new("00008110-000A1B2C3D4E5F61");
    phone.apps.push(vigie_ios_device::double::app(
        "com.example.familywatch",
        "Family Watch",
        "User",
        "iPhone Distribution: Example Monitoring Ltd",
    ));
    phone.backup_from = Some(shared.join("mvt/ios_backup"));
    let mux = vigie_ios_device::double::FakeUsbmuxd::start(&feeds, phone).expect("double");
    let st = Station::start_with_env(
        "iosdev",
        Some(&stix),
        &[("USBMUXD_SOCKET_ADDRESS", mux.env_value().as_str())],
    );
    let b = Browser::start("iosdev");
    b.open_case_in_english(&st.base, "PV-IOS-PHONE");
    b.click("#start-ios");
    let text = b.wait_text("Trust this computer?", 10);
    assert!(
        text.contains("Nothing on the phone is installed, removed or changed"),
        "{text}"
    );
    b.screenshot("iosdev-01-form-en");
    let text = findings_after(&b, "#ios-device-go", 60, "iosdev-02-findings-en");
    common::assert_says(
        &text,
        &[
            "An app installed outside the App Store: Family Watch",
            "HomeDomain/Library/SMS/sms.db message ROWID 3",
            "now trusts this computer",
            "Nothing was installed, removed or changed on the phone",
        ],
    );
    assert_eq!(mux.requests_beyond_reads(), Vec::<String>::new());
    // The case page lists the backup kept in the case, complete, with its digest.
    b.goto(&format!("{}/cases/PV-IOS-PHONE", st.base));
    let text = b.wait_text("Phone backups kept in this case", 10);
    b.screenshot("iosdev-03-case-backup-en");
    assert!(
        text.contains("hash of every file (name and SHA-256)"),
        "{text}"
    );
}
