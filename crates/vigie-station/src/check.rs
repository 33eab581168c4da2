//! What every kind of check gives when it is done: its verdict, what it read, the values
//! retro-checks match later, and its own details, which make the [`ScanRecord`] stored in
//! the case and shown everywhere.

use crate::record::{
    AndroidDetails, AndroidSummary, AppSummary, CheckDetails, IosDetails, NetworkDetails,
    ScanRecord, RECORD_VERSION,
};
use std::collections::BTreeSet;
use vigie_android::AndroidDevice;
use vigie_core::{CheckKind, Timestamp, Verdict};
use vigie_indicators::IndicatorSet;
use vigie_ios::{IosBackup, SeenKind};
use vigie_net::CaptureSummary;
use vigie_net::{JoinedDevice, ObserverStats};

/// A finished check, of any kind.
pub trait Check {
    /// What was checked.
    fn kind(&self) -> CheckKind;
    /// What it found.
    fn verdict(&self) -> &Verdict;
    /// What it read, with SHA-256 where there is content.
    fn sources(&self) -> Vec<(String, Option<String>)>;
    /// Values worth re-checking when feeds change: (kind, value).
    fn observed(&self) -> BTreeSet<(String, String)>;
    /// What this kind of check tells about its source.
    fn details(&self) -> CheckDetails;

    /// The record to store: the check made at `made` against `feeds`.
    fn record(&self, made: Timestamp, feeds: &IndicatorSet) -> ScanRecord {
        ScanRecord {
            version: RECORD_VERSION,
            kind: self.kind(),
            made,
            tool_version: env!("CARGO_PKG_VERSION").into(),
            feeds: feeds.sources().to_vec(),
            sources: self.sources(),
            verdict: self.verdict().clone(),
            details: self.details(),
            observed: self.observed().into_iter().collect(),
        }
    }
}

/// A finished network check: capture files, or traffic read live.
#[derive(Debug, Clone)]
pub struct NetworkResult {
    /// Whether the traffic was read live on an interface.
    pub live: bool,
    /// What it found.
    pub verdict: Verdict,
    /// Each capture or interface read.
    pub captures: Vec<CaptureSummary>,
    /// What the observer counted.
    pub stats: ObserverStats,
    /// The devices seen joining the network (what ties the traffic to a phone).
    pub devices: Vec<JoinedDevice>,
    /// Values for retro-checks.
    pub observed: BTreeSet<(String, String)>,
    /// What was read, with SHA-256 where there is content.
    pub sources: Vec<(String, Option<String>)>,
}

impl Check for NetworkResult {
    fn kind(&self) -> CheckKind {
        if self.live {
            CheckKind::NetworkLive
        } else {
            CheckKind::Network
        }
    }
    fn verdict(&self) -> &Verdict {
        &self.verdict
    }
    fn sources(&self) -> Vec<(String, Option<String>)> {
        self.sources.clone()
    }
    fn observed(&self) -> BTreeSet<(String, String)> {
        self.observed.clone()
    }
    fn details(&self) -> CheckDetails {
        CheckDetails::Network(NetworkDetails {
            captures: self.captures.clone(),
            stats: self.stats.clone(),
            devices: self.devices.clone(),
        })
    }
}

/// A finished Android check (a phone or a dump).
#[derive(Debug, Clone)]
pub struct AndroidResult {
    /// What was observed.
    pub device: AndroidDevice,
    /// The serial number adb gave the phone (a dump gives it in its properties, if at all).
    pub serial: Option<String>,
    /// What it found.
    pub verdict: Verdict,
}

impl Check for AndroidResult {
    fn kind(&self) -> CheckKind {
        CheckKind::Android
    }
    fn verdict(&self) -> &Verdict {
        &self.verdict
    }
    fn sources(&self) -> Vec<(String, Option<String>)> {
        let outputs = self.device.outputs.iter();
        outputs
            .map(|o| (o.name.clone(), Some(o.sha256.clone())))
            .collect()
    }
    fn observed(&self) -> BTreeSet<(String, String)> {
        let d = &self.device;
        let mut out = BTreeSet::new();
        for p in d.packages.values() {
            out.insert(("app_id".to_owned(), p.name.clone()));
            let hashes = [
                ("app_cert_sha1", &p.cert_sha1),
                ("app_cert_sha256", &p.cert_sha256),
                ("file_sha256", &p.apk_sha256),
            ];
            for (kind, values) in hashes {
                out.extend(values.iter().map(|v| (kind.to_owned(), v.clone())));
            }
        }
        out.extend(
            d.processes
                .iter()
                .map(|p| ("process_name".to_owned(), p.name.clone())),
        );
        out
    }
    fn details(&self) -> CheckDetails {
        let d = &self.device;
        let prop = |k: &str| d.properties.get(k).cloned();
        let named: BTreeSet<&str> = self
            .verdict
            .findings
            .iter()
            .map(|f| f.subject.as_str())
            .collect();
        let apps = d
            .packages
            .values()
            .filter(|p| !p.system || named.contains(p.name.as_str()))
            .map(|p| AppSummary {
                name: p.name.clone(),
                installer: p.installer.clone(),
                first_install: p.first_install.clone(),
                system: p.system,
            })
            .collect();
        CheckDetails::Android(AndroidDetails {
            device: AndroidSummary {
                manufacturer: prop("ro.product.manufacturer"),
                model: prop("ro.product.model"),
                android_version: prop("ro.build.version.release"),
                security_patch: prop("ro.build.version.security_patch"),
                serial: self.serial.clone().or_else(|| prop("ro.serialno")),
                packages: d.packages.len(),
            },
            outputs: d.outputs.clone(),
            network_use: d.network_use.clone(),
            apps,
        })
    }
}

/// A finished iPhone check: a backup, or the connected phone and the backup it sent.
#[derive(Debug, Clone)]
pub struct IosResult {
    /// What the backup (and, for a connected phone, the phone itself) showed.
    pub backup: IosBackup,
    /// What it found.
    pub verdict: Verdict,
    /// Whether this check paired a connected phone (it now trusts this computer).
    pub paired_now: bool,
    /// The files read (and, for a phone's backup, the backup as a whole), with SHA-256.
    pub files: Vec<(String, Option<String>)>,
}

impl Check for IosResult {
    fn kind(&self) -> CheckKind {
        if self.backup.live.is_some() {
            CheckKind::IosDevice
        } else {
            CheckKind::IosBackup
        }
    }
    fn verdict(&self) -> &Verdict {
        &self.verdict
    }
    fn sources(&self) -> Vec<(String, Option<String>)> {
        self.files.clone()
    }
    fn observed(&self) -> BTreeSet<(String, String)> {
        let b = &self.backup;
        let mut out = BTreeSet::new();
        for app in b.apps.keys() {
            out.insert(("app_id".to_owned(), app.clone()));
        }
        for s in &b.seen {
            let kind = match s.kind {
                SeenKind::Url => "url",
                SeenKind::Domain => "domain",
                SeenKind::Process => "process_name",
                SeenKind::Email => "email",
                SeenKind::FilePath => "file_path",
            };
            out.insert((kind.to_owned(), s.value.clone()));
            if let Some(host) = (s.kind == SeenKind::Url)
                .then(|| vigie_indicators::url_host(&s.value))
                .flatten()
            {
                out.insert(("domain".to_owned(), host));
            }
        }
        let profiles = b.profiles.iter().flat_map(|p| [&p.uuid, &p.identifier]);
        let logged = b.profile_events.iter().map(|e| &e.profile);
        for id in profiles.chain(logged).filter(|id| !id.is_empty()) {
            out.insert(("configuration_profile".to_owned(), id.clone()));
        }
        out
    }
    fn details(&self) -> CheckDetails {
        let b = &self.backup;
        CheckDetails::Ios(IosDetails {
            device: b.device.clone(),
            apps: b.apps.keys().cloned().collect(),
            privacy_grants: b.grants.clone(),
            profiles: b.profiles.clone(),
            accounts: b.accounts.clone(),
            lockdown_mode: b.lockdown_mode,
            modules: b.modules.clone(),
            live: b.live.clone(),
            paired_now: self.paired_now,
        })
    }
}
