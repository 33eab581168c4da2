//! What a backup shows: the device, its apps, values seen in its databases (links, domains,
//! process names), and the settings that matter when someone may be watching.

use serde::Serialize;
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
}

impl SeenKind {
    /// Stable name (`url`, `domain`, `process`, `email`).
    pub fn as_str(self) -> &'static str {
        match self {
            SeenKind::Url => "url",
            SeenKind::Domain => "domain",
            SeenKind::Process => "process",
            SeenKind::Email => "email",
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ModuleRun {
    /// Its name.
    pub module: &'static str,
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
            module,
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
}

/// A configuration profile installed on the phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Account {
    /// The account type (`com.apple.account.AppleAccount`, ...).
    pub kind: String,
    /// The user name (an e-mail address for an Apple ID).
    pub user: String,
    /// Its description as the phone shows it.
    pub description: Option<String>,
    /// When it was added (UTC), where recorded.
    pub added: Option<String>,
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
    /// What each module read.
    pub modules: Vec<ModuleRun>,
    /// Entries in the manifest.
    pub manifest_entries: u64,
    /// What was read from the phone itself, when it was connected.
    pub live: Option<LiveRead>,
}

/// What a check of a connected phone read from the phone itself (beyond its backup).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
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
