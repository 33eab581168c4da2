//! The check of a connected iPhone: paired with the person's consent, its apps and profiles
//! listed, and (with a case) a fresh backup received into the case file and checked like any
//! backup. Nothing on the phone is changed: no app removed, no setting (not even its backup
//! password) changed, nothing installed.

use crate::CheckProgress;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use vigie_case::{CaseError, CaseId, CaseStore, DeviceBackupFile, DeviceBackupId};
use vigie_core::Localized;
use vigie_core::{Catalog, Message, Verdict};
use vigie_indicators::IndicatorSet;
use vigie_ios::model::{LiveRead, ModuleRun, Profile};
use vigie_ios::IosBackup;
use vigie_ios_device::{BackupSink, InstalledApp, Phone, PhoneStep, Usbmux};

/// The App Store's signature on apps installed from it.
const APP_STORE_SIGNER: &str = "Apple iPhone OS Application Signing";

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

/// A finished check of a connected phone.
#[derive(Debug)]
pub struct PhoneCheckResult {
    /// What was read.
    pub read: IosBackup,
    /// The verdict.
    pub verdict: Verdict,
    /// Whether this check paired the phone (it now trusts this computer).
    pub paired_now: bool,
    /// The scan stored in the case, if any.
    pub scan: Option<i64>,
}

/// A backup received into the case file.
struct CaseSink {
    store: Arc<Mutex<CaseStore>>,
    actor: Option<String>,
    backup: DeviceBackupId,
    current: Option<DeviceBackupFile>,
}

impl CaseSink {
    fn with<T>(&self, f: impl FnOnce(&mut CaseStore) -> Result<T, CaseError>) -> Result<T, String> {
        let mut s = self.store.lock().map_err(|_| "case file lock".to_owned())?;
        s.set_actor(self.actor.as_deref());
        f(&mut s).map_err(|e| e.to_string())
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
        let s = self.store.lock().map_err(|_| "case file lock".to_owned())?;
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

/// The case file, locked, with `actor` as the operator its audit entries name.
fn locked<'a>(
    store: &'a Mutex<CaseStore>,
    actor: Option<&str>,
) -> Result<std::sync::MutexGuard<'a, CaseStore>, Message> {
    let mut s = store
        .lock()
        .map_err(|_| Message::new("iosdev-error-sink").arg("detail", "case file lock"))?;
    s.set_actor(actor);
    Ok(s)
}

/// Checks the connected phone. With `case` (the store, the case and the operator), its
/// result is stored there, and a fresh backup
/// (when asked) is received into it and checked; `progress` follows each step.
pub fn check_phone(
    mux: Usbmux,
    request: &PhoneCheckRequest,
    case: Option<(Arc<Mutex<CaseStore>>, CaseId, Option<String>)>,
    iocs: &IndicatorSet,
    cat: &Catalog,
    progress: &mut dyn FnMut(CheckProgress),
) -> Result<PhoneCheckResult, Message> {
    let started = crate::now();
    let total = 4 + if request.backup {
        vigie_ios::modules::STEPS
    } else {
        0
    };
    let mut report = |done: usize, key: &str| {
        progress(CheckProgress {
            total,
            done,
            step: cat.key(key),
            ..Default::default()
        })
    };
    let mut phone = Phone::open(mux, request.udid.as_deref(), TRUST_WAIT, &mut |s| match s {
        PhoneStep::Connecting => report(0, "iosdev-step-connecting"),
        PhoneStep::WaitingForTrust => report(0, "iosdev-step-trust"),
        PhoneStep::InSession => report(1, "iosdev-step-session"),
    })
    .map_err(|e| e.message())?;
    let facts = phone.facts().map_err(|e| e.message())?;
    report(2, "iosdev-step-apps");
    let (apps, _) = phone.apps().map_err(|e| e.message())?;
    report(3, "iosdev-step-profiles");
    let profiles = phone.profiles().map_err(|e| e.message())?;
    let mut read = IosBackup::default();
    let mut backup_made = None;
    let mut backup_kept = None;
    let mut file_errors = vec![];
    if request.backup {
        let Some((store, case_id, actor)) = &case else {
            return Err(Message::new("iosdev-backup-needs-case"));
        };
        let udid = phone.device().udid.clone();
        let id = locked(store, actor.as_deref())?
            .begin_device_backup(*case_id, &format!("iPhone {udid}"), crate::now())
            .map_err(|e| e.message())?;
        let mut sink = CaseSink {
            store: store.clone(),
            actor: actor.clone(),
            backup: id,
            current: None,
        };
        let received = phone.backup(&apps, &mut sink, &mut |p| {
            progress(CheckProgress {
                total,
                done: 4,
                step: cat.text(&Message::new("iosdev-step-backup").arg("done", format!("{p:.0}"))),
                ..Default::default()
            })
        });
        // On failure, what arrived stays in the case, marked unfinished (no digest).
        let received = received.map_err(|e| e.message())?;
        file_errors = received.device_errors;
        let kept = locked(store, actor.as_deref())?
            .finish_device_backup(id, crate::now())
            .map_err(|e| e.message())?;
        // The backup as a whole, by the digest of every (name, SHA-256) the audit log holds.
        backup_kept = Some((
            format!(
                "device_backups:{} — {}, {} files, {} bytes",
                id.0, kept.label, kept.files, kept.bytes
            ),
            kept.digest,
        ));
        let files = CaseBackupFiles {
            store: store.clone(),
            backup: id,
            root: udid,
        };
        let backup = vigie_ios::Backup::open_files(Box::new(files), request.password.as_deref())
            .map_err(|e| e.message())?;
        read = vigie_ios::read_backup_with_progress(&backup, &mut |done, step| {
            progress(CheckProgress {
                total,
                done: 4 + done,
                step: cat.key(&format!("ios-what-{step}")),
                ..Default::default()
            })
        })
        .map_err(|e| e.message())?;
        backup_made = Some(backup);
    }
    merge_live(&mut read, facts, &apps, &profiles, backup_made.is_some());
    if let Some(live) = read.live.as_mut() {
        live.backup_file_errors = file_errors;
    }
    let verdict = vigie_ios::check(&read, iocs);
    let mut scan = None;
    if let Some((store, case_id, actor)) = &case {
        // The databases read are in the case already (the backup is kept there): the record
        // names each with its SHA-256, read before the case file is locked for writing.
        let files = match &backup_made {
            Some(b) => backup_kept
                .into_iter()
                .chain(read_files(b, &read))
                .collect(),
            None => vec![],
        };
        let doc = crate::ios_verdict_value(cat, &verdict, &read, iocs);
        let record = crate::ios_record(started, iocs, &read, files, doc);
        let id = locked(store, actor.as_deref())?
            .add_scan(*case_id, &record, crate::now())
            .map_err(|e| e.message())?;
        scan = Some(id);
    }
    Ok(PhoneCheckResult {
        read,
        verdict,
        paired_now: phone.paired_now,
        scan,
    })
}

/// Every file the check read, with its SHA-256.
fn read_files(backup: &vigie_ios::Backup, read: &IosBackup) -> Vec<(String, Option<String>)> {
    use sha2::Digest;
    let mut out = vec![];
    for label in read.modules.iter().flat_map(|m| m.files.iter()) {
        let Some((domain, relative)) = label.split_once('/') else {
            continue;
        };
        let sha = backup
            .file(domain, relative)
            .and_then(|f| backup.read(&f).ok())
            .map(|bytes| hex::encode(sha2::Sha256::digest(&bytes)));
        out.push((label.clone(), sha));
    }
    out
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
