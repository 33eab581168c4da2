//! The client against the test double: pairing with consent, sessions over TLS, apps,
//! profiles and a fresh backup, and nothing asked of the phone beyond reading.

use std::path::{Path, PathBuf};
use std::time::Duration;
use vigie_core::Localized;
use vigie_ios_device::double::{app, FakeIphone, FakeUsbmuxd, LockFile, MemorySink, TrustAnswer};
use vigie_ios_device::{DeviceError, Phone, PhoneStep, Usbmux};

const UDID: &str = "00008110-000A1B2C3D4E5F60";

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vigie-iosdev-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("tmp");
    d
}

fn mvt_backup() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/mvt/ios_backup");
    p.join("Manifest.db").is_file().then_some(p)
}

fn open(mux: &FakeUsbmuxd, steps: &mut Vec<PhoneStep>) -> Result<Phone, DeviceError> {
    Phone::open(
        Usbmux::new(mux.address()),
        None,
        Duration::from_secs(20),
        &mut |s| steps.push(s),
    )
}

#[test]
fn pairs_with_consent_then_reads_apps_profiles_and_a_fresh_backup() {
    let dir = tmp("full");
    let mut phone = FakeIphone::new(UDID);
    phone.apps.push(app(
        "com.spy.monitor",
        "System Service",
        "User",
        "iPhone Distribution: Some Company",
    ));
    phone.profiles.push((
        "com.example.mdm".into(),
        plist::Value::Dictionary(
            [
                (
                    "PayloadDisplayName".to_owned(),
                    plist::Value::String("Gestion".into()),
                ),
                (
                    "PayloadOrganization".to_owned(),
                    plist::Value::String("Example MDM".into()),
                ),
                (
                    "PayloadRemovalDisallowed".to_owned(),
                    plist::Value::Boolean(true),
                ),
            ]
            .into_iter()
            .collect(),
        ),
    ));
    let source = mvt_backup();
    if source.is_none() {
        eprintln!("../shared/data/mvt/ios_backup is absent: the backup part is checked with an empty backup");
    }
    phone.backup_from = source.clone();
    let mux = FakeUsbmuxd::start(&dir, phone).expect("double");
    let mut steps = vec![];
    let mut p = open(&mux, &mut steps).expect("open");
    assert!(p.paired_now);
    assert!(steps.contains(&PhoneStep::WaitingForTrust), "{steps:?}");
    assert_eq!(steps.last(), Some(&PhoneStep::InSession));

    let facts = p.facts().expect("facts");
    assert_eq!(
        facts.get("Product Type").map(String::as_str),
        Some("iPhone14,5")
    );
    assert_eq!(
        facts.get("Unique Identifier").map(String::as_str),
        Some(UDID)
    );
    assert!(!p.backup_is_encrypted().expect("encryption"));

    let (apps, cut) = p.apps().expect("apps");
    assert!(!cut);
    let ids: Vec<&str> = apps.iter().map(|a| a.bundle_id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "com.apple.mobilesafari",
            "com.spy.monitor",
            "net.whatsapp.WhatsApp"
        ]
    );
    let spy = &apps[1];
    assert_eq!(
        spy.signer.as_deref(),
        Some("iPhone Distribution: Some Company")
    );

    let profiles = p.profiles().expect("profiles");
    assert_eq!(profiles.len(), 1);
    assert_eq!(profiles[0].organization.as_deref(), Some("Example MDM"));
    assert!(profiles[0].removal_disallowed);

    let mut sink = MemorySink::default();
    let mut progress = vec![];
    let summary = p
        .backup(&apps, &mut sink, &mut |x| progress.push(x))
        .expect("backup");
    assert_eq!(progress.last(), Some(&100.0));
    let info = sink
        .files
        .get(&format!("{UDID}/Info.plist"))
        .expect("Info.plist");
    let info = plist::Value::from_reader(std::io::Cursor::new(info)).expect("plist");
    let installed = info
        .as_dictionary()
        .and_then(|d| d.get("Installed Applications"))
        .and_then(|v| v.as_array())
        .expect("apps");
    assert_eq!(installed.len(), 2, "user apps only");
    assert_eq!(
        summary.device_errors.len(),
        1,
        "{:?}",
        summary.device_errors
    );
    assert!(summary.device_errors[0].contains("Operation not permitted"));
    assert!(
        !sink.files.keys().any(|k| k.contains("/ff/")),
        "a refused file is not kept"
    );
    assert!(
        !sink.files.keys().any(|k| k.contains("Snapshot")),
        "the snapshot folder was moved then removed"
    );
    if let Some(source) = source {
        let mut count = 0;
        for entry in walk(&source) {
            let rel = entry
                .strip_prefix(&source)
                .expect("rel")
                .to_string_lossy()
                .into_owned();
            if rel == "Info.plist" {
                continue;
            }
            let got = sink
                .files
                .get(&format!("{UDID}/{rel}"))
                .unwrap_or_else(|| panic!("{rel} not received"));
            assert_eq!(got, &std::fs::read(&entry).expect("read"), "{rel}");
            count += 1;
        }
        assert_eq!(summary.files, count);
        assert!(summary.bytes > 100_000);
    }
    assert_eq!(mux.requests_beyond_reads(), Vec::<String>::new());
    // The backup ran under the sync lock (a backup without it is not a read, above); the
    // lock file was only opened read-only, locked, let go and closed, in that order.
    let afc: Vec<String> = mux
        .log()
        .into_iter()
        .filter(|l| l.starts_with("afc:"))
        .collect();
    assert_eq!(
        afc,
        [
            "afc:open /com.apple.itunes.lock_sync read-only",
            "afc:lock exclusive",
            "afc:unlock",
            "afc:close"
        ]
    );
    assert!(mux
        .log()
        .contains(&"notification_proxy:com.apple.itunes-mobdev.syncDidFinish".to_owned()));

    // The pairing is kept by usbmuxd: a second run asks nothing of the person.
    let before = mux
        .log()
        .iter()
        .filter(|l| l.starts_with("lockdown:Pair:"))
        .count();
    drop(p);
    let mut steps = vec![];
    let p = open(&mux, &mut steps).expect("again");
    assert!(!p.paired_now);
    assert!(!steps.contains(&PhoneStep::WaitingForTrust));
    assert_eq!(
        mux.log()
            .iter()
            .filter(|l| l.starts_with("lockdown:Pair:"))
            .count(),
        before
    );

    // Trust removed on the phone: pairing is asked again.
    mux.forget_pairings();
    let mut steps = vec![];
    let p = open(&mux, &mut steps).expect("re-pair");
    assert!(p.paired_now);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn dont_trust_and_a_locked_phone_are_clear_errors() {
    for (answer, name) in [
        (TrustAnswer::DontTrust, "deny"),
        (TrustAnswer::Locked, "locked"),
    ] {
        let dir = tmp(name);
        let mut phone = FakeIphone::new(UDID);
        phone.trust = answer;
        let mux = FakeUsbmuxd::start(&dir, phone).expect("double");
        let err = open(&mux, &mut vec![]).err().expect("refused");
        match answer {
            TrustAnswer::DontTrust => assert!(matches!(err, DeviceError::PairingDenied), "{err:?}"),
            _ => assert!(matches!(err, DeviceError::Locked), "{err:?}"),
        }
        assert!(!mux
            .log()
            .iter()
            .any(|l| l.starts_with("lockdown:StartService")));
    }
}

#[test]
fn no_usbmuxd_and_no_phone_are_clear_errors() {
    let dir = tmp("none");
    let err = Phone::open(
        Usbmux::new(vigie_ios_device::UsbmuxAddress::Unix(
            dir.join("absent.sock"),
        )),
        None,
        Duration::from_secs(1),
        &mut |_| {},
    )
    .err()
    .expect("no usbmuxd");
    assert!(matches!(err, DeviceError::NoUsbmuxd { .. }), "{err:?}");
    let mux = FakeUsbmuxd::start(&dir, FakeIphone::new(UDID)).expect("double");
    let err = Phone::open(
        Usbmux::new(mux.address()),
        Some("other"),
        Duration::from_secs(1),
        &mut |_| {},
    )
    .err()
    .expect("not connected");
    assert!(matches!(err, DeviceError::NotConnected(_)), "{err:?}");
}

#[test]
fn without_a_lock_file_nothing_is_created_and_a_lock_held_elsewhere_is_a_clear_error() {
    // A phone never synced with iTunes has no lock file: Vigie does not create one.
    let dir = tmp("nolock");
    let mut phone = FakeIphone::new(UDID);
    phone.lock_file = LockFile::Absent;
    let mux = FakeUsbmuxd::start(&dir, phone).expect("double");
    let mut p = open(&mux, &mut vec![]).expect("open");
    let (apps, _) = p.apps().expect("apps");
    p.backup(&apps, &mut MemorySink::default(), &mut |_| {})
        .expect("backup");
    assert_eq!(mux.requests_beyond_reads(), Vec::<String>::new());
    assert!(!mux.log().iter().any(|l| l.starts_with("afc:lock")));

    // Another computer keeps the lock: after ten seconds of trying, a clear error, and no
    // backup was asked.
    let dir = tmp("busy");
    let mut phone = FakeIphone::new(UDID);
    phone.lock_file = LockFile::HeldElsewhere;
    let mux = FakeUsbmuxd::start(&dir, phone).expect("double");
    let mut p = open(&mux, &mut vec![]).expect("open");
    let (apps, _) = p.apps().expect("apps");
    let err = p
        .backup(&apps, &mut MemorySink::default(), &mut |_| {})
        .expect_err("busy");
    assert!(matches!(err, DeviceError::SyncBusy), "{err:?}");
    assert_eq!(err.message().key, "iosdev-error-sync-busy");
    assert!(!mux
        .log()
        .iter()
        .any(|l| l.starts_with("mobilebackup2:Backup")));
    assert_eq!(mux.requests_beyond_reads(), Vec::<String>::new());
}
