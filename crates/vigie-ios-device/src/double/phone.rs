//! The fake phone as a test describes it: its values, apps and profiles, the backup it
//! sends, and how it answers pairing and the sync lock.

use crate::framing::dict;
use plist::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// How the fake phone answers "Trust this computer?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrustAnswer {
    /// "Trust", after the question stayed on screen for this many requests.
    TrustAfter(u32),
    /// "Don't Trust".
    DontTrust,
    /// The phone is locked with its passcode.
    Locked,
}

/// The sync lock file on the fake phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockFile {
    /// There, and free to lock.
    Free,
    /// Not there (a phone never synced with iTunes).
    Absent,
    /// Held by another computer or app all along.
    HeldElsewhere,
}

/// The fake phone.
#[derive(Clone, Debug)]
pub struct FakeIphone {
    /// Its UDID.
    pub udid: String,
    /// Its lockdown values (DeviceName, ProductType, ...).
    pub values: BTreeMap<String, Value>,
    /// What the installation proxy lists (dictionaries with `CFBundleIdentifier`, ...).
    pub apps: Vec<Value>,
    /// What the profile service lists: identifier and metadata.
    pub profiles: Vec<(String, Value)>,
    /// A backup folder whose files the phone sends as its backup.
    pub backup_from: Option<PathBuf>,
    /// Whether its backups are encrypted (`WillEncrypt`).
    pub encrypts_backups: bool,
    /// How it answers pairing.
    pub trust: TrustAnswer,
    /// Its sync lock file.
    pub lock_file: LockFile,
}

/// The signer of apps from the App Store.
const APP_STORE_SIGNER: &str = "Apple iPhone OS Application Signing";

impl FakeIphone {
    /// A phone with usual values, two apps, no profile and no backup.
    pub fn new(udid: &str) -> FakeIphone {
        let mut values = BTreeMap::new();
        for (k, v) in [
            ("DeviceName", "iPhone de Test"),
            ("ProductType", "iPhone14,5"),
            ("ProductVersion", "17.5.1"),
            ("BuildVersion", "21F90"),
            ("SerialNumber", "F17TESTSERIAL"),
            ("UniqueDeviceID", udid),
            ("DeviceClass", "iPhone"),
            ("WiFiAddress", "aa:bb:cc:dd:ee:ff"),
        ] {
            values.insert(k.to_owned(), Value::String(v.to_owned()));
        }
        FakeIphone {
            udid: udid.to_owned(),
            values,
            apps: vec![
                app(
                    "com.apple.mobilesafari",
                    "Safari",
                    "System",
                    APP_STORE_SIGNER,
                ),
                app(
                    "net.whatsapp.WhatsApp",
                    "WhatsApp",
                    "User",
                    APP_STORE_SIGNER,
                ),
            ],
            profiles: vec![],
            backup_from: None,
            encrypts_backups: false,
            trust: TrustAnswer::TrustAfter(2),
            lock_file: LockFile::Free,
        }
    }
}

/// An app as the installation proxy describes it.
pub fn app(bundle_id: &str, name: &str, kind: &str, signer: &str) -> Value {
    dict([
        ("CFBundleIdentifier", Value::String(bundle_id.into())),
        ("CFBundleDisplayName", Value::String(name.into())),
        ("CFBundleShortVersionString", Value::String("1.0".into())),
        ("ApplicationType", Value::String(kind.into())),
        ("SignerIdentity", Value::String(signer.into())),
    ])
}
