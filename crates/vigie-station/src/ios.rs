//! iPhone checks for the CLI (and later the app): the verdict document, and what a check
//! stores in its case (with the observed values that later feeds are re-checked against).

use crate::verdict::{JsonCoverage, JsonFeed, JsonFinding};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use vigie_case::ScanRecord;
use vigie_core::Localized;
use vigie_core::{Catalog, Timestamp, Verdict, VerdictLevel};
use vigie_indicators::IndicatorSet;
use vigie_ios::model::{Account, ModuleRun, PrivacyGrant, Profile};
use vigie_ios::{IosBackup, SeenKind};

#[derive(Serialize)]
struct JsonIosVerdict<'a> {
    tool: &'static str,
    version: &'static str,
    check: &'static str,
    lang: &'static str,
    verdict: VerdictLevel,
    headline: String,
    needs_attention: bool,
    findings: Vec<JsonFinding<'a>>,
    coverage: JsonCoverage,
    device: &'a BTreeMap<String, String>,
    apps: Vec<&'a String>,
    privacy_grants: &'a [PrivacyGrant],
    profiles: &'a [Profile],
    accounts: &'a [Account],
    lockdown_mode: Option<bool>,
    modules: &'a [ModuleRun],
    feeds: Vec<JsonFeed<'a>>,
    notice: String,
}

/// Prints an iPhone verdict for machines.
pub fn ios_verdict_json(
    out: &mut dyn Write,
    cat: &Catalog,
    v: &Verdict,
    backup: &IosBackup,
    feeds: &IndicatorSet,
) -> io::Result<()> {
    let doc = JsonIosVerdict {
        tool: "vigie",
        version: env!("CARGO_PKG_VERSION"),
        check: if backup.live.is_some() {
            "ios-device"
        } else {
            "ios-backup"
        },
        lang: cat.lang().code(),
        verdict: v.level,
        headline: cat.key(v.headline_key()),
        needs_attention: v.needs_attention(),
        findings: v
            .findings
            .iter()
            .map(|f| JsonFinding::new(cat, f))
            .collect(),
        coverage: JsonCoverage::new(cat, v),
        device: &backup.device,
        apps: backup.apps.keys().collect(),
        privacy_grants: &backup.grants,
        profiles: &backup.profiles,
        accounts: &backup.accounts,
        lockdown_mode: backup.lockdown_mode,
        modules: &backup.modules,
        feeds: JsonFeed::all(feeds),
        notice: cat.key("verdict-not-proof"),
    };
    let mut w = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut w, &doc)?;
    writeln!(w)?;
    w.flush()
}

/// The same document as a JSON value (what a stored check keeps).
pub fn ios_verdict_value(
    cat: &Catalog,
    v: &Verdict,
    backup: &IosBackup,
    feeds: &IndicatorSet,
) -> serde_json::Value {
    let mut buf = Vec::new();
    // Writing to memory cannot fail, and the document is valid JSON.
    let _ = ios_verdict_json(&mut buf, cat, v, backup, feeds);
    serde_json::from_slice(&buf).unwrap_or(serde_json::Value::Null)
}

/// Values an iPhone check observed, in the kinds that retro-checks match.
pub fn ios_observed(backup: &IosBackup) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for app in backup.apps.keys() {
        out.insert(("app_id".to_owned(), app.clone()));
    }
    for s in &backup.seen {
        let kind = match s.kind {
            SeenKind::Url => "url",
            SeenKind::Domain => "domain",
            SeenKind::Process => "process_name",
            SeenKind::Email => "email",
            SeenKind::FilePath => "file_path",
        };
        out.insert((kind.to_owned(), s.value.clone()));
        if s.kind == SeenKind::Url {
            if let Some(host) = vigie_indicators::url_host(&s.value) {
                out.insert(("domain".to_owned(), host));
            }
        }
    }
    let profiles = backup
        .profiles
        .iter()
        .flat_map(|p| [&p.uuid, &p.identifier]);
    let logged = backup.profile_events.iter().map(|e| &e.profile);
    for id in profiles.chain(logged).filter(|id| !id.is_empty()) {
        out.insert(("configuration_profile".to_owned(), id.clone()));
    }
    out
}

/// What an iPhone check stores in its case: the files it read (name and SHA-256), the feeds
/// used, the verdict and the observed values.
pub fn ios_record(
    made: Timestamp,
    feeds: &IndicatorSet,
    backup: &IosBackup,
    files: Vec<(String, Option<String>)>,
    verdict: serde_json::Value,
) -> ScanRecord {
    ScanRecord {
        kind: "ios".into(),
        made: made.to_string(),
        tool_version: env!("CARGO_PKG_VERSION").into(),
        feeds: feeds
            .sources()
            .iter()
            .map(|s| (s.name.clone(), s.sha256.clone()))
            .collect(),
        sources: files,
        verdict,
        observed: ios_observed(backup).into_iter().collect(),
    }
}

/// Stores an iPhone check in its case: every database read (decrypted, for an encrypted
/// backup: the case file is encrypted) as an evidence file, then the verdict and observed
/// values. Returns the scan's id.
#[allow(clippy::too_many_arguments)]
pub fn store_ios(
    store: &mut vigie_case::CaseStore,
    case: vigie_case::CaseId,
    cat: &Catalog,
    feeds: &IndicatorSet,
    backup: &vigie_ios::Backup,
    read: &IosBackup,
    verdict: &Verdict,
    started: Timestamp,
) -> Result<i64, vigie_case::CaseError> {
    let mut files = vec![];
    for label in read.modules.iter().flat_map(|m| m.files.iter()) {
        let Some((domain, relative)) = label.split_once('/') else {
            continue;
        };
        let Some(file) = backup.file(domain, relative) else {
            continue;
        };
        let content = backup
            .read(&file)
            .map_err(|e| vigie_case::CaseError::Io(e.to_string()))?;
        let info = store.add_evidence(
            case,
            label,
            vigie_case::EvidenceKind::Import,
            &mut content.as_slice(),
            crate::now(),
        )?;
        files.push((label.clone(), info.sha256));
    }
    let doc = ios_verdict_value(cat, verdict, read, feeds);
    let record = ios_record(started, feeds, read, files, doc);
    store.add_scan(case, &record, crate::now())
}

/// The result of a finished iPhone check, kept for its page.
#[derive(Debug)]
pub struct IosResult {
    /// What the backup (and, for a connected phone, the phone itself) showed.
    pub backup: IosBackup,
    /// The verdict.
    pub verdict: Verdict,
    /// Whether this check paired a connected phone (it now trusts this computer).
    pub paired_now: bool,
}

/// What an iPhone check in the station reads.
#[derive(Debug, Clone)]
pub enum IosSource {
    /// A backup folder made by Finder or iTunes, with its password when encrypted.
    Folder {
        /// The folder.
        path: std::path::PathBuf,
        /// Its password.
        password: Option<String>,
    },
    /// The phone connected to the station (through usbmuxd).
    Device(crate::PhoneCheckRequest),
}

/// An iPhone backup check running in the station (its own thread), stored in its case.
#[derive(Debug)]
pub struct IosCheck {
    progress: std::sync::Arc<std::sync::Mutex<crate::CheckProgress>>,
    thread: Option<std::thread::JoinHandle<Option<IosResult>>>,
    result: Option<IosResult>,
}

impl IosCheck {
    /// Starts checking `source` for `case`; `lang` is the language the stored verdict is
    /// written in.
    pub fn start(
        source: IosSource,
        store: std::sync::Arc<std::sync::Mutex<vigie_case::CaseStore>>,
        case: vigie_case::CaseId,
        iocs: std::sync::Arc<IndicatorSet>,
        lang: vigie_core::Lang,
        operator: Option<String>,
    ) -> IosCheck {
        let progress = std::sync::Arc::new(std::sync::Mutex::new(crate::CheckProgress {
            total: vigie_ios::modules::STEPS,
            ..Default::default()
        }));
        let shared = progress.clone();
        let thread = std::thread::spawn(move || {
            let cat = crate::catalog(lang, &[]);
            let started = crate::now();
            let finish = |error: Option<vigie_core::Message>, scan: Option<i64>| {
                if let Ok(mut p) = shared.lock() {
                    p.finished = true;
                    p.error = error;
                    p.scan = scan;
                }
            };
            let (path, password) = match source {
                IosSource::Folder { path, password } => (path, password),
                IosSource::Device(request) => {
                    let mux =
                        vigie_ios_device::Usbmux::new(vigie_ios_device::UsbmuxAddress::from_env());
                    let result = crate::check_phone(
                        mux,
                        &request,
                        Some((store, case, operator)),
                        &iocs,
                        &cat,
                        &mut |p| {
                            if let Ok(mut s) = shared.lock() {
                                s.done = p.done;
                                s.total = p.total;
                                s.step = p.step;
                            }
                        },
                    );
                    return match result {
                        Ok(r) => {
                            finish(None, r.scan);
                            Some(IosResult {
                                backup: r.read,
                                verdict: r.verdict,
                                paired_now: r.paired_now,
                            })
                        }
                        Err(m) => {
                            finish(Some(m), None);
                            None
                        }
                    };
                }
            };
            let backup = match vigie_ios::Backup::open(&path, password.as_deref()) {
                Ok(b) => b,
                Err(e) => {
                    finish(Some(e.message()), None);
                    return None;
                }
            };
            let mut on_step = |done: usize, step: &'static str| {
                if let Ok(mut p) = shared.lock() {
                    p.done = done;
                    p.step = cat.key(&format!("ios-what-{step}"));
                }
            };
            let read = match vigie_ios::read_backup_with_progress(&backup, &mut on_step) {
                Ok(r) => r,
                Err(e) => {
                    finish(Some(e.message()), None);
                    return None;
                }
            };
            let verdict = vigie_ios::check(&read, &iocs);
            let stored = match store.lock() {
                Ok(mut s) => {
                    s.set_actor(operator.as_deref());
                    let r = store_ios(&mut s, case, &cat, &iocs, &backup, &read, &verdict, started);
                    s.set_actor(None);
                    r
                }
                Err(_) => Err(vigie_case::CaseError::Damaged("store lock".into())),
            };
            match stored {
                Ok(scan) => finish(None, Some(scan)),
                Err(e) => finish(Some(e.message()), None),
            }
            Some(IosResult {
                backup: read,
                verdict,
                paired_now: false,
            })
        });
        IosCheck {
            progress,
            thread: Some(thread),
            result: None,
        }
    }

    /// Where it stands.
    pub fn progress(&self) -> crate::CheckProgress {
        self.progress.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// The result once finished (`None` while running, or after a failure).
    pub fn result(&mut self) -> Option<&IosResult> {
        if self.result.is_none() && self.thread.as_ref().is_some_and(|t| t.is_finished()) {
            if let Some(t) = self.thread.take() {
                self.result = t.join().ok().flatten();
            }
        }
        self.result.as_ref()
    }
}
