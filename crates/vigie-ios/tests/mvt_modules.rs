//! The rest of MVT's module set, on a backup written by the project's writer with the files
//! and schemas iOS uses (MVT's own test backup has none of them): the apps' store records
//! (an app installed by TestFlight or with no record is shown, one from the App Store is
//! not), WebKit's browsing-session log, the daily analytics' programs and Firefox's site
//! icons, each matched against indicators and naming its file and entry.

mod common;

use plist::{Dictionary, Value};
use vigie_core::{Evidence, Severity};
use vigie_ios::synthetic::{database, write_backup, PhoneFile};
use vigie_ios::{Backup, IosBackup};

fn dict(entries: &[(&str, Value)]) -> Value {
    let mut d = Dictionary::new();
    for (k, v) in entries {
        d.insert((*k).to_owned(), v.clone());
    }
    Value::Dictionary(d)
}

fn text(s: &str) -> Value {
    Value::String(s.to_owned())
}

fn binary(v: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    v.to_writer_binary(&mut out).expect("plist");
    out
}

fn date(s: &str) -> Value {
    Value::Date(plist::Date::from_xml_format(s).expect("date"))
}

/// The store record iTunes keeps per app in Info.plist.
fn store_record(source: &str, name: &str) -> Value {
    dict(&[(
        "iTunesMetadata",
        Value::Data(binary(&dict(&[
            ("sourceApp", text(source)),
            ("itemName", text(name)),
        ]))),
    )])
}

fn read() -> IosBackup {
    let dir = std::env::temp_dir().join(format!("vigie-ios-mvt-modules-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let session_log = dict(&[(
        "browsingStatistics",
        Value::Array(vec![
            dict(&[
                ("PrevalentResourceOrigin", text("news.example")),
                (
                    "topFrameUniqueRedirectsTo",
                    Value::Array(vec![text("tracker-bad.example")]),
                ),
                ("lastSeen", date("2026-09-01T10:00:00Z")),
            ]),
            dict(&[("PrevalentResourceOrigin", text("weather.example"))]),
        ]),
    )]);
    let addaily = dict(&[(
        "netUsageBaseline",
        dict(&[
            (
                "spyagentd",
                Value::Array(vec![
                    date("2026-09-02T00:00:00Z"),
                    Value::Integer(1.into()),
                    Value::Integer(2.into()),
                    Value::Integer(3.into()),
                    Value::Integer(4.into()),
                ]),
            ),
            (
                "mobilesafari",
                Value::Array(vec![date("2026-09-02T00:00:00Z")]),
            ),
        ]),
    )]);
    let firefox = database(
        "CREATE TABLE history (id INTEGER PRIMARY KEY, url TEXT, title TEXT);
         CREATE TABLE favicons (id INTEGER PRIMARY KEY, url TEXT, width INTEGER, height INTEGER, type INTEGER, date REAL);
         CREATE TABLE favicon_sites (id INTEGER PRIMARY KEY, siteID INTEGER, faviconID INTEGER);
         INSERT INTO history VALUES (1, 'https://shop.example/', 'Shop');
         INSERT INTO favicons VALUES (7, 'https://icons-bad.example/f.ico', 16, 16, 1, 1780000000);
         INSERT INTO favicon_sites VALUES (1, 1, 7);",
    )
    .expect("browser.db");
    let files = [
        PhoneFile {
            domain: "AppDomain-com.apple.mobilesafari".into(),
            path: "Library/WebKit/WebsiteData/ResourceLoadStatistics/full_browsing_session_resourceLog.plist".into(),
            content: binary(&session_log),
        },
        PhoneFile {
            domain: "HomeDomain".into(),
            path: "Library/Preferences/com.apple.osanalytics.addaily.plist".into(),
            content: binary(&addaily),
        },
        PhoneFile {
            domain: "AppDomainGroup-group.org.mozilla.ios.Firefox".into(),
            path: "profile.profile/browser.db".into(),
            content: firefox,
        },
    ];
    write_backup(&dir, &files, &["com.example.store"], None).expect("backup");
    // iTunes also writes each app's store record into Info.plist.
    let info_path = dir.join("Info.plist");
    let mut info = Value::from_file(&info_path).expect("Info.plist");
    info.as_dictionary_mut().expect("dict").insert(
        "Applications".into(),
        dict(&[
            (
                "com.example.store",
                store_record("com.apple.AppStore", "Store App"),
            ),
            (
                "com.spyco.beta",
                store_record("com.apple.TestFlight", "Battery Saver"),
            ),
            ("com.example.sideloaded", dict(&[])),
        ]),
    );
    info.to_file_xml(&info_path).expect("write Info.plist");
    let read = vigie_ios::read_backup(&Backup::open(&dir, None).expect("open")).expect("read");
    let _ = std::fs::remove_dir_all(&dir);
    read
}

fn indicators() -> vigie_indicators::IndicatorSet {
    common::spyco_indicators(
        "mvt-modules",
        &[
            "[domain-name:value='tracker-bad.example']",
            "[process:name='spyagentd']",
            "[domain-name:value='icons-bad.example']",
        ],
    )
}

fn record(f: &vigie_core::Finding) -> (String, String) {
    match &f.evidence[0] {
        Evidence::Record { file, locator, .. } => (file.clone(), locator.clone()),
        other => panic!("not a record: {other:?}"),
    }
}

#[test]
fn the_rest_of_mvts_modules_are_read_and_matched() {
    let b = read();
    let modules = [
        "applications",
        "webkit_session_resource_log",
        "osanalytics_addaily",
        "firefox_favicon",
    ];
    common::assert_modules_read(&b, &modules);
    let verdict = vigie_ios::check(&b, &indicators());
    let one = |rule: &str, subject: &str| {
        verdict
            .findings
            .iter()
            .find(|f| f.rule == rule && f.subject == subject)
            .unwrap_or_else(|| panic!("{rule} {subject} in {:#?}", verdict.findings))
    };

    // Apps: TestFlight and no record are shown; the App Store one is not.
    let beta = one("IOS-APP-OUTSIDE-STORE", "com.spyco.beta");
    assert_eq!(beta.severity, Severity::Medium);
    assert_eq!(beta.explanation.key, "ios-outside-store-installer-explain");
    assert_eq!(
        beta.explanation
            .args
            .get("organization")
            .map(String::as_str),
        Some("com.apple.TestFlight")
    );
    assert_eq!(
        beta.title.args.get("name").map(String::as_str),
        Some("Battery Saver")
    );
    let side = one("IOS-APP-OUTSIDE-STORE", "com.example.sideloaded");
    assert_eq!(side.explanation.key, "ios-outside-store-unknown-explain");
    assert!(!verdict
        .findings
        .iter()
        .any(|f| f.rule == "IOS-APP-OUTSIDE-STORE" && f.subject == "com.example.store"));
    assert!(b.apps.contains_key("com.spyco.beta"));
    // An app in both lists of Info.plist is said to come from it once.
    assert_eq!(b.apps["com.example.store"], vec!["Info.plist"]);

    let redirect = one("IOS-IOC-DOMAIN", "tracker-bad.example");
    assert_eq!(redirect.severity, Severity::High);
    let (file, locator) = record(redirect);
    assert!(
        file.ends_with("full_browsing_session_resourceLog.plist"),
        "{file}"
    );
    assert_eq!(locator, "browsingStatistics 0");

    let program = one("IOS-IOC-PROCESS", "spyagentd");
    assert_eq!(
        record(program),
        (
            "HomeDomain/Library/Preferences/com.apple.osanalytics.addaily.plist".into(),
            "netUsageBaseline spyagentd".into()
        )
    );

    let icon = one("IOS-IOC-URL", "icons-bad.example");
    let (file, locator) = record(icon);
    assert!(file.ends_with("profile.profile/browser.db"), "{file}");
    assert_eq!(locator, "favicons id 7");
    // Nothing else matched: ordinary sites and programs stay quiet.
    assert_eq!(
        verdict
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("IOS-IOC-"))
            .count(),
        3
    );
}
