//! What a backup shows: the device, its apps, values seen in its databases (links, domains,
//! process names), and the settings that matter when someone may be watching.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The kind of a value seen in the backup, as indicators name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeenKind {
    /// A link (SMS, iMessage, WhatsApp, browser history and tabs).
    Url,
    /// A site's domain (WebKit statistics).
    Domain,
    /// A process name (data use per process).
    Process,
    /// An e-mail address.
    Email,
    /// A file's path on the phone (message attachments).
    FilePath,
}

impl SeenKind {
    /// Stable name (`url`, `domain`, `process`, `email`, `file_path`).
    pub fn as_str(self) -> &'static str {
        match self {
            SeenKind::Url => "url",
            SeenKind::Domain => "domain",
            SeenKind::Process => "process",
            SeenKind::Email => "email",
            SeenKind::FilePath => "file_path",
        }
    }
}

/// One value seen in one row of one database of the backup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Seen {
    /// Its kind.
    pub kind: SeenKind,
    /// The value.
    pub value: String,
    /// The database, as the phone names it (`HomeDomain/Library/SMS/sms.db`).
    pub file: String,
    /// The table and row (`message ROWID 3`).
    pub locator: String,
    /// When, as the database records it (UTC), where it does.
    pub when: Option<String>,
    /// The module that read it (`sms`, `safari_history`, ...).
    pub module: &'static str,
}

/// A privacy permission granted to an app (TCC).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyGrant {
    /// The service (`kTCCServiceCamera`, ...).
    pub service: String,
    /// The app (bundle id) or program.
    pub client: String,
    /// Allowed or not.
    pub allowed: bool,
    /// Last change (UTC), where recorded.
    pub when: Option<String>,
}

/// What one module read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleRun {
    /// Its name.
    pub module: Cow<'static, str>,
    /// The files it read.
    pub files: Vec<String>,
    /// Rows or entries read.
    pub rows: u64,
    /// Why it could not read what it looked for, if so.
    pub problem: Option<String>,
}

impl ModuleRun {
    /// A module that has read nothing yet.
    pub fn new(module: &'static str) -> Self {
        ModuleRun {
            module: Cow::Borrowed(module),
            files: vec![],
            rows: 0,
            problem: None,
        }
    }
}

/// A process record missing from the data-use database (numbers skipped in its sequence),
/// which can mean that records were deleted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MissingProcess {
    /// The missing record number.
    pub id: i64,
    /// The process recorded just before it.
    pub previous: String,
    /// When that one was first seen.
    pub previous_when: Option<String>,
    /// The database.
    pub file: String,
}

/// A configuration profile installed on the phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Its file in the backup.
    pub file: String,
    /// `PayloadUUID`.
    pub uuid: String,
    /// `PayloadIdentifier`.
    pub identifier: String,
    /// `PayloadDisplayName`.
    pub name: String,
    /// `PayloadOrganization` (who made it), where given.
    pub organization: Option<String>,
    /// The payload types it installs (`com.apple.vpn.managed`, `com.apple.mdm`, ...).
    pub payload_types: Vec<String>,
    /// When it was installed (UTC), where recorded.
    pub installed: Option<String>,
}

/// An account set up on the phone (Apple ID, mail, social networks).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The account type (`com.apple.account.AppleAccount`, ...).
    pub kind: String,
    /// The user name (an e-mail address for an Apple ID).
    pub user: String,
    /// Its description as the phone shows it.
    pub description: Option<String>,
    /// When it was added (UTC), where recorded.
    pub added: Option<String>,
    /// The database that records it.
    pub file: String,
}

impl Account {
    /// Whether this is the Apple ID (iCloud) the phone is signed in with.
    pub fn is_apple_id(&self) -> bool {
        self.kind == "com.apple.account.AppleAccount"
    }
}

/// A trace that a known exploit leaves, recognised by its shape rather than an indicator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExploitTrace {
    /// What it is (`quadream-calendar`, `idstatus-pattern`).
    pub kind: &'static str,
    /// The file.
    pub file: String,
    /// The row or entry.
    pub locator: String,
    /// What was seen.
    pub detail: String,
}

/// How far an app may use the phone's location, as locationd records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationAccess {
    /// At any time, even when the app is not open.
    Always,
    /// Only while the app is in use.
    WhenInUse,
    /// Refused, restricted or not asked yet.
    None,
}

/// A program that asked the phone for its location (locationd's `clients.plist`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LocationClient {
    /// The app's bundle id, or the program's path for a system service.
    pub client: String,
    /// What it may do.
    pub access: LocationAccess,
    /// The last time it stopped receiving the location (UTC), where recorded.
    pub last_used: Option<String>,
    /// The file that records it.
    pub file: String,
}

impl LocationClient {
    /// Whether this is an app someone installed (not a part of iOS).
    pub fn is_installed_app(&self) -> bool {
        !self.client.starts_with("com.apple.") && !self.client.contains('/')
    }
}

/// What kind of device is paired with the phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairedKind {
    /// An Apple Watch (it receives the phone's notifications and messages).
    Watch,
    /// A Bluetooth device (headphones, car, speaker, watch of another brand...).
    Bluetooth,
}

/// A device paired with the phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PairedDevice {
    /// Its kind.
    pub kind: PairedKind,
    /// Its name as the phone shows it, where recorded.
    pub name: String,
    /// Its address or pairing id.
    pub address: String,
    /// The file that records it.
    pub file: String,
    /// The last time the phone saw it (UTC), where recorded.
    pub last_seen: Option<String>,
}

/// A profile installed or removed, as the phone's profile log records it
/// (`MCProfileEvents.plist`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProfileEvent {
    /// The profile's identifier.
    pub profile: String,
    /// What was done (`install`, `remove`).
    pub operation: String,
    /// The program that did it.
    pub process: String,
    /// When (UTC), where recorded.
    pub when: Option<String>,
    /// The file that records it.
    pub file: String,
}

/// A shortcut that takes something private (location, photos, what was copied) and sends
/// it (message, e-mail, web request): how a shortcut or automation can report on someone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SendingShortcut {
    /// Its name.
    pub name: String,
    /// Its row (`ZSHORTCUT Z_PK 3`).
    pub locator: String,
    /// The actions that take something private.
    pub takes: Vec<String>,
    /// The actions that send.
    pub sends: Vec<String>,
    /// When it was made (UTC), where recorded.
    pub created: Option<String>,
    /// The database that holds it.
    pub file: String,
}

/// An app the backup's store records say was not installed from the App Store or by device
/// management.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OutsideStoreApp {
    /// Its bundle id.
    pub bundle: String,
    /// Its name, where recorded.
    pub name: String,
    /// The program that installed it (`com.apple.TestFlight`, ...), when recorded.
    pub installer: Option<String>,
}

/// Everything read from a backup.
#[derive(Clone, Debug, Default, Serialize)]
pub struct IosBackup {
    /// Device facts from `Info.plist` (name, model, iOS version, backup date).
    pub device: BTreeMap<String, String>,
    /// Installed apps (bundle ids), with where each was seen.
    pub apps: BTreeMap<String, Vec<&'static str>>,
    /// Values seen in the databases.
    pub seen: Vec<Seen>,
    /// Privacy permissions.
    pub grants: Vec<PrivacyGrant>,
    /// Lockdown mode, where the backup says.
    pub lockdown_mode: Option<bool>,
    /// Records missing from the data-use database.
    pub missing_processes: Vec<MissingProcess>,
    /// Configuration profiles.
    pub profiles: Vec<Profile>,
    /// Accounts set up on the phone.
    pub accounts: Vec<Account>,
    /// Traces of known exploits.
    pub exploit_traces: Vec<ExploitTrace>,
    /// Paths of the backup that only a jailbroken phone has.
    pub jailbreak_paths: Vec<String>,
    /// Programs that asked for the phone's location, and what they may do.
    pub location_clients: Vec<LocationClient>,
    /// Watches and Bluetooth devices paired with the phone.
    pub paired_devices: Vec<PairedDevice>,
    /// Profiles installed or removed, from the phone's profile log.
    pub profile_events: Vec<ProfileEvent>,
    /// Shortcuts that take something private and send it.
    pub sending_shortcuts: Vec<SendingShortcut>,
    /// Apps installed by another than the App Store or device management, per the backup.
    pub outside_store: Vec<OutsideStoreApp>,
    /// What each module read.
    pub modules: Vec<ModuleRun>,
    /// Entries in the manifest.
    pub manifest_entries: u64,
    /// What was read from the phone itself, when it was connected.
    pub live: Option<LiveRead>,
}

/// What a check of a connected phone read from the phone itself (beyond its backup).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveRead {
    /// Apps the phone listed.
    pub apps: usize,
    /// Profiles the phone listed.
    pub profiles: usize,
    /// Whether a backup was made and read.
    pub backup: bool,
    /// Apps installed by someone and signed by another than the App Store (a developer or
    /// enterprise certificate): bundle id, name, signer.
    pub outside_store: Vec<(String, String, String)>,
    /// Files the phone said it could not put in its backup (name and its reason).
    pub backup_file_errors: Vec<String>,
}
