//! The check of a connected iPhone: paired with the person's consent, its apps and profiles
//! listed, and (with a case) a fresh backup received into the case file and checked like any
//! backup. Nothing on the phone is changed: no app removed, no setting (not even its backup
//! password) changed, nothing installed.

use crate::check::IosResult;
use crate::error::CheckError;
use crate::target::CaseTarget;
use sha2::Digest;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use vigie_case::{CaseError, CaseStore, DeviceBackupFile, DeviceBackupId};
use vigie_core::{Catalog, Message, Timestamp};
use vigie_indicators::IndicatorSet;
use vigie_ios::IosBackup;
use vigie_ios::{LiveRead, ModuleRun, Profile};
use vigie_ios_device::{BackupSink, InstalledApp, Phone, PhoneStep, Usbmux};

/// The App Store's signature on apps installed from it.
const APP_STORE_SIGNER: &str = "Apple iPhone OS Application Signing";

/// The usbmuxd this station talks to (`USBMUXD_SOCKET_ADDRESS`, else its usual socket).
pub fn usbmux() -> Usbmux {
    Usbmux::new(vigie_ios_device::UsbmuxAddress::from_env())
}

/// Steps of an iPhone backup check (one per module), for progress bars.
pub const IOS_BACKUP_STEPS: usize = vigie_ios::STEPS;

/// How long the person has to answer "Trust this computer?".
pub const TRUST_WAIT: Duration = Duration::from_secs(180);

/// What the check of a connected phone is asked to do.
#[derive(Clone, Debug)]
pub struct PhoneCheckRequest {
    /// The phone (its UDID), or the only one connected.
    pub udid: Option<String>,
    /// The password the phone's backups are encrypted with, when it has one.
    pub password: Option<String>,
    /// Whether to make a fresh backup into the case and check it.
    pub backup: bool,
}

/// A backup received into the case file.
struct CaseSink {
    target: CaseTarget,
    backup: DeviceBackupId,
    current: Option<DeviceBackupFile>,
}

impl CaseSink {
    fn with<T>(&self, f: impl FnOnce(&mut CaseStore) -> Result<T, CaseError>) -> Result<T, String> {
        self.target.with(f).map_err(|e| e.to_string())
    }
}

impl BackupSink for CaseSink {
    fn create_dir(&mut self, _: &str) -> Result<(), String> {
        // Folders exist through the files they hold.
        Ok(())
    }
    fn begin_file(&mut self, path: &str) -> Result<(), String> {
        let b = self.backup;
        self.current = Some(self.with(|s| s.begin_backup_file(b, path))?);
        Ok(())
    }
    fn write(&mut self, data: &[u8]) -> Result<(), String> {
        let mut f = self.current.take().ok_or("no file begun")?;
        let r = self.with(|s| s.write_backup_file(&mut f, data));
        self.current = Some(f);
        r
    }
    fn end_file(&mut self) -> Result<(), String> {
        let f = self.current.take().ok_or("no file begun")?;
        let b = self.backup;
        self.with(|s| s.finish_backup_file(b, f))
    }
    fn move_item(&mut self, from: &str, to: &str) -> Result<(), String> {
        let b = self.backup;
        self.with(|s| s.move_backup_item(b, from, to))
    }
    fn remove(&mut self, path: &str) -> Result<(), String> {
        let b = self.backup;
        self.with(|s| s.remove_backup_item(b, path))
    }
    fn copy_item(&mut self, from: &str, to: &str) -> Result<(), String> {
        let b = self.backup;
        self.with(|s| s.copy_backup_file(b, from, to))
    }
    fn list(&mut self, dir: &str) -> Result<Vec<(String, u64, bool)>, String> {
        let b = self.backup;
        self.with(|s| s.list_backup_dir(b, dir))
    }
    fn free_space(&mut self) -> u64 {
        self.with(|s| Ok(s.free_space()))
            .ok()
            .flatten()
            .unwrap_or(0)
            .saturating_sub(vigie_case::SPACE_RESERVE)
    }
}

/// A backup in the case file, read by the iPhone check.
struct CaseBackupFiles {
    store: Arc<Mutex<CaseStore>>,
    backup: DeviceBackupId,
    root: String,
}

impl vigie_ios::BackupFiles for CaseBackupFiles {
    fn describe(&self) -> String {
        format!("case file, backup {}", self.backup.0)
    }
    fn read(&self, name: &str, max: u64) -> Result<Option<Vec<u8>>, String> {
        let s = self
            .store
            .lock()
            .map_err(|_| CaseError::Unavailable.to_string())?;
        s.read_backup_file(self.backup, &format!("{}/{name}", self.root), max)
            .map_err(|e| e.to_string())
    }
    fn exists(&self, name: &str) -> bool {
        self.store
            .lock()
            .map(|s| s.has_backup_file(self.backup, &format!("{}/{name}", self.root)))
            .unwrap_or(false)
    }
}

/// Checks the connected phone. With `target`, its result is stored there, and a fresh
/// backup (when asked) is received into it and checked; `progress` is told each step (done,
/// total, what, in `cat`'s language).
pub fn check_phone(
    mux: Usbmux,
    request: &PhoneCheckRequest,
    target: Option<&CaseTarget>,
    iocs: &IndicatorSet,
    cat: &Catalog,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<(IosResult, Option<i64>), CheckError> {
    let made = Timestamp::now();
    let total = 4 + if request.backup { vigie_ios::STEPS } else { 0 };
    let mut phone = Phone::open(mux, request.udid.as_deref(), TRUST_WAIT, &mut |s| {
        let (done, key) = match s {
            PhoneStep::Connecting => (0, "iosdev-step-connecting"),
            PhoneStep::WaitingForTrust => (0, "iosdev-step-trust"),
            PhoneStep::InSession => (1, "iosdev-step-session"),
        };
        progress(done, total, &cat.key(key))
    })?;
    let facts = phone.facts()?;
    progress(2, total, &cat.key("iosdev-step-apps"));
    let (apps, _) = phone.apps()?;
    progress(3, total, &cat.key("iosdev-step-profiles"));
    let profiles = phone.profiles()?;
    let (mut read, files, file_errors) = match (request.backup, target) {
        (false, _) => (IosBackup::default(), vec![], vec![]),
        (true, None) => return Err(CheckError::BackupNeedsCase),
        (true, Some(t)) => receive_and_read(&mut phone, &apps, request, t, cat, total, progress)?,
    };
    merge_live(&mut read, facts, &apps, &profiles, request.backup);
    if let Some(live) = read.live.as_mut() {
        live.backup_file_errors = file_errors;
    }
    let result = IosResult {
        verdict: vigie_ios::check(&read, iocs),
        backup: read,
        paired_now: phone.paired_now,
        files,
    };
    let scan = match target {
        Some(t) => Some(t.store_check(&result, made, iocs)?),
        None => None,
    };
    Ok((result, scan))
}

/// What a phone's backup gave: what was read, the files read with their SHA-256 (the backup
/// as a whole first), and the files the phone could not send.
type Received = (IosBackup, Vec<(String, Option<String>)>, Vec<String>);

/// Receives a fresh backup into the case (under the phone's sync lock) and reads it.
fn receive_and_read(
    phone: &mut Phone,
    apps: &[InstalledApp],
    request: &PhoneCheckRequest,
    target: &CaseTarget,
    cat: &Catalog,
    total: usize,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<Received, CheckError> {
    let udid = phone.device().udid.clone();
    let id = target.with(|s| {
        s.begin_device_backup(target.case, &format!("iPhone {udid}"), Timestamp::now())
    })?;
    let mut sink = CaseSink {
        target: target.clone(),
        backup: id,
        current: None,
    };
    let received = phone.backup(apps, &mut sink, &mut |p| {
        let step = cat.text(&Message::new("iosdev-step-backup").arg("done", format!("{p:.0}")));
        progress(4, total, &step)
    });
    // On failure, what arrived stays in the case, marked unfinished (no digest).
    let received = received?;
    let kept = target.with(|s| s.finish_device_backup(id, Timestamp::now()))?;
    // The backup as a whole, by the digest of every (name, SHA-256) the audit log holds.
    let whole = (
        format!(
            "device_backups:{} — {}, {} files, {} bytes",
            id.0, kept.label, kept.files, kept.bytes
        ),
        kept.digest,
    );
    let files = CaseBackupFiles {
        store: target.store.clone(),
        backup: id,
        root: udid,
    };
    let backup = vigie_ios::Backup::open_files(Box::new(files), request.password.as_deref())?;
    let read = vigie_ios::read_backup_with_progress(&backup, &mut |done, step| {
        progress(4 + done, total, &cat.key(&format!("ios-what-{step}")))
    })?;
    // The databases read are in the case already (the backup is kept there): the record
    // names each with its SHA-256.
    let mut files = vec![whole];
    for (label, content) in crate::ios::files_read(&backup, &read)? {
        files.push((label, Some(hex::encode(sha2::Sha256::digest(&content)))));
    }
    Ok((read, files, received.device_errors))
}

/// Adds what the phone itself told to what its backup showed.
fn merge_live(
    read: &mut IosBackup,
    facts: std::collections::BTreeMap<String, String>,
    apps: &[InstalledApp],
    profiles: &[vigie_ios_device::InstalledProfile],
    backup: bool,
) {
    for (k, v) in facts {
        read.device.entry(k).or_insert(v);
    }
    let mut outside = vec![];
    for a in apps {
        read.apps
            .entry(a.bundle_id.clone())
            .or_default()
            .push("installation_proxy");
        let user = a.kind.as_deref() == Some("User");
        if let (true, Some(signer)) = (user, &a.signer) {
            if signer != APP_STORE_SIGNER {
                outside.push((
                    a.bundle_id.clone(),
                    a.name.clone().unwrap_or_else(|| a.bundle_id.clone()),
                    signer.clone(),
                ));
            }
        }
    }
    let mut run = ModuleRun::new("device");
    run.files = vec!["installation_proxy".into(), "MCInstall".into()];
    run.rows = (apps.len() + profiles.len()) as u64;
    read.modules.insert(0, run);
    for p in profiles {
        if read.profiles.iter().any(|q| q.identifier == p.identifier) {
            continue;
        }
        read.profiles.push(Profile {
            file: "MCInstall".into(),
            uuid: String::new(),
            identifier: p.identifier.clone(),
            name: p.name.clone().unwrap_or_else(|| p.identifier.clone()),
            organization: p.organization.clone(),
            payload_types: vec![],
            installed: None,
        });
    }
    read.live = Some(LiveRead {
        apps: apps.len(),
        profiles: profiles.len(),
        backup,
        outside_store: outside,
        backup_file_errors: vec![],
    });
}
