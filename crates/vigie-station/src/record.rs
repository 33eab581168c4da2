//! A stored check: one typed value from the rules to the case file and back to every page
//! and report. It is what a check found (its [`Verdict`], messages untranslated, so that it
//! reads in any language), what it looked at, with which feeds, the check's own details, and
//! the values that later feeds are matched against (retro-checks).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use vigie_android::RawOutput;
use vigie_core::{CheckKind, Timestamp, Verdict};
use vigie_ios::{Account, LiveRead, ModuleRun, PrivacyGrant, Profile};
use vigie_net::CaptureSummary;
use vigie_net::{JoinedDevice, ObserverStats};

/// The version of the stored check's document this release writes. Documents without a
/// version were written by the releases before it (see `legacy`).
pub const RECORD_VERSION: u32 = 1;

/// One check stored in a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScanRecord {
    /// The document's version ([`RECORD_VERSION`]).
    pub version: u32,
    /// What was checked.
    pub kind: CheckKind,
    /// When the check started (UTC).
    pub made: Timestamp,
    /// Vigie's version that made it.
    pub tool_version: String,
    /// The feeds it used, each with its exact version (SHA-256).
    pub feeds: Vec<vigie_indicators::Source>,
    /// What was read (capture files, interface, device outputs, backup files), with
    /// SHA-256 where there is content.
    pub sources: Vec<(String, Option<String>)>,
    /// What it found, and what it did and did not cover.
    pub verdict: Verdict,
    /// What this kind of check tells about its source.
    pub details: CheckDetails,
    /// Values worth re-checking when feeds change: (kind, value).
    pub observed: Vec<(String, String)>,
}

/// What each kind of check tells about what it read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CheckDetails {
    /// Captures or live traffic.
    Network(NetworkDetails),
    /// An Android phone or dump.
    Android(AndroidDetails),
    /// An iPhone backup, or a connected iPhone.
    Ios(IosDetails),
}

/// What a network check read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NetworkDetails {
    /// Each capture file or interface, with the packets read and why it stopped early.
    pub captures: Vec<CaptureSummary>,
    /// What the observer counted.
    pub stats: ObserverStats,
    /// The devices seen joining the network, by DHCP (none in records made before).
    #[serde(default)]
    pub devices: Vec<JoinedDevice>,
}

/// The Android device, briefly: what identifies it in a report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AndroidSummary {
    /// Its maker.
    pub manufacturer: Option<String>,
    /// Its model.
    pub model: Option<String>,
    /// Android's version.
    pub android_version: Option<String>,
    /// The security patch level.
    pub security_patch: Option<String>,
    /// Its serial number, where read (none in records made before).
    #[serde(default)]
    pub serial: Option<String>,
    /// Packages installed, system ones included.
    pub packages: usize,
}

/// An app the Android check lists: one installed by someone, or one a finding names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppSummary {
    /// Package name.
    pub name: String,
    /// The installer package, where known.
    pub installer: Option<String>,
    /// First installation time, as the device gives it.
    pub first_install: Option<String>,
    /// Part of the system image.
    pub system: bool,
}

/// What an Android check read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AndroidDetails {
    /// The device.
    pub device: AndroidSummary,
    /// The outputs read, each with its SHA-256.
    pub outputs: Vec<RawOutput>,
    /// Bytes received and sent per app since the last full charge.
    pub network_use: BTreeMap<String, (u64, u64)>,
    /// The apps someone installed, and the system apps a finding names.
    #[serde(default)]
    pub apps: Vec<AppSummary>,
}

/// What an iPhone check read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IosDetails {
    /// Device facts (`Product Type`, `Product Version`, `Serial Number`, ...).
    pub device: BTreeMap<String, String>,
    /// Installed apps (bundle ids).
    pub apps: Vec<String>,
    /// Privacy permissions granted.
    pub privacy_grants: Vec<PrivacyGrant>,
    /// Configuration profiles.
    pub profiles: Vec<Profile>,
    /// Accounts set up on the phone.
    pub accounts: Vec<Account>,
    /// Lockdown Mode, where the backup says.
    pub lockdown_mode: Option<bool>,
    /// What each module read.
    pub modules: Vec<ModuleRun>,
    /// What the connected phone itself showed.
    #[serde(default)]
    pub live: Option<LiveRead>,
    /// Whether this check paired the phone (it now trusts this computer).
    #[serde(default)]
    pub paired_now: bool,
}

impl ScanRecord {
    /// The Android details, for an Android check.
    pub fn android(&self) -> Option<&AndroidDetails> {
        match &self.details {
            CheckDetails::Android(d) => Some(d),
            _ => None,
        }
    }

    /// The iPhone details, for an iPhone check.
    pub fn ios(&self) -> Option<&IosDetails> {
        match &self.details {
            CheckDetails::Ios(d) => Some(d),
            _ => None,
        }
    }

    /// The network details, for a network check.
    pub fn network(&self) -> Option<&NetworkDetails> {
        match &self.details {
            CheckDetails::Network(d) => Some(d),
            _ => None,
        }
    }
}
