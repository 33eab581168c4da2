//! Android checks for the CLI and the app: the verdict document, and what a check stores in
//! its case (with the observed values that later feeds are re-checked against).

use crate::verdict::{JsonCoverage, JsonFeed, JsonFinding};
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::{self, Write};
use vigie_android::{AndroidDevice, RawOutput};
use vigie_case::ScanRecord;
use vigie_core::Localized;
use vigie_core::{Catalog, Timestamp, Verdict, VerdictLevel};
use vigie_indicators::IndicatorSet;

/// The device, briefly: what identifies it in a report.
#[derive(Serialize)]
struct JsonDevice<'a> {
    manufacturer: Option<&'a str>,
    model: Option<&'a str>,
    android_version: Option<&'a str>,
    security_patch: Option<&'a str>,
    packages: usize,
}

#[derive(Serialize)]
struct JsonAndroidVerdict<'a> {
    tool: &'static str,
    version: &'static str,
    check: &'static str,
    lang: &'static str,
    verdict: VerdictLevel,
    headline: String,
    needs_attention: bool,
    findings: Vec<JsonFinding<'a>>,
    coverage: JsonCoverage,
    device: JsonDevice<'a>,
    outputs: &'a [RawOutput],
    /// Bytes received and sent per app since the last full charge.
    network_use: &'a std::collections::BTreeMap<String, (u64, u64)>,
    feeds: Vec<JsonFeed<'a>>,
    notice: String,
    advice: String,
}

/// Prints an Android verdict for machines.
pub fn android_verdict_json(
    out: &mut dyn Write,
    cat: &Catalog,
    v: &Verdict,
    device: &AndroidDevice,
    feeds: &IndicatorSet,
) -> io::Result<()> {
    let prop = |k: &str| device.properties.get(k).map(String::as_str);
    let doc = JsonAndroidVerdict {
        tool: "vigie",
        version: env!("CARGO_PKG_VERSION"),
        check: "android",
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
        device: JsonDevice {
            manufacturer: prop("ro.product.manufacturer"),
            model: prop("ro.product.model"),
            android_version: prop("ro.build.version.release"),
            security_patch: prop("ro.build.version.security_patch"),
            packages: device.packages.len(),
        },
        outputs: &device.outputs,
        network_use: &device.network_use,
        feeds: JsonFeed::all(feeds),
        notice: cat.key("verdict-not-proof"),
        advice: cat.key("android-advice-after"),
    };
    let mut w = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut w, &doc)?;
    writeln!(w)?;
    w.flush()
}

/// The same document as a JSON value (what a stored check keeps).
pub fn android_verdict_value(
    cat: &Catalog,
    v: &Verdict,
    device: &AndroidDevice,
    feeds: &IndicatorSet,
) -> serde_json::Value {
    let mut buf = Vec::new();
    // Writing to memory cannot fail, and the document is valid JSON.
    let _ = android_verdict_json(&mut buf, cat, v, device, feeds);
    serde_json::from_slice(&buf).unwrap_or(serde_json::Value::Null)
}

/// Values an Android check observed, in the kinds that retro-checks match.
pub fn android_observed(device: &AndroidDevice) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for p in device.packages.values() {
        out.insert(("app_id".to_owned(), p.name.clone()));
        for c in &p.cert_sha1 {
            out.insert(("app_cert_sha1".to_owned(), c.clone()));
        }
        for c in &p.cert_sha256 {
            out.insert(("app_cert_sha256".to_owned(), c.clone()));
        }
        for h in &p.apk_sha256 {
            out.insert(("file_sha256".to_owned(), h.clone()));
        }
    }
    for proc in &device.processes {
        out.insert(("process_name".to_owned(), proc.name.clone()));
    }
    out
}

/// What an Android check stores in its case: the outputs it read (name and SHA-256), the
/// feeds used, the verdict and the observed values.
pub fn android_record(
    made: Timestamp,
    feeds: &IndicatorSet,
    device: &AndroidDevice,
    verdict: serde_json::Value,
) -> ScanRecord {
    ScanRecord {
        kind: "android".into(),
        made: made.to_string(),
        tool_version: env!("CARGO_PKG_VERSION").into(),
        feeds: feeds
            .sources()
            .iter()
            .map(|s| (s.name.clone(), s.sha256.clone()))
            .collect(),
        sources: device
            .outputs
            .iter()
            .map(|o| (o.name.clone(), Some(o.sha256.clone())))
            .collect(),
        verdict,
        observed: android_observed(device).into_iter().collect(),
    }
}

/// Stores an acquisition in its case: every raw output as an evidence file (named after the
/// device and the command), then the verdict and observed values. Returns the scan's id.
pub fn store_android(
    store: &std::sync::Mutex<vigie_case::CaseStore>,
    case: vigie_case::CaseId,
    cat: &Catalog,
    iocs: &IndicatorSet,
    acq: &vigie_android::Acquisition,
    verdict: Option<&Verdict>,
) -> Result<Option<i64>, vigie_case::CaseError> {
    let lock = || vigie_case::CaseError::Io("case file lock".into());
    for (name, bytes) in &acq.outputs {
        let file = format!("{}-{}.txt", acq.serial, name.replace(' ', "_"));
        let mut s = store.lock().map_err(|_| lock())?;
        s.add_evidence(
            case,
            &file,
            vigie_case::EvidenceKind::Import,
            &mut bytes.as_slice(),
            crate::now(),
        )?;
    }
    let Some(v) = verdict else { return Ok(None) };
    let doc = android_verdict_value(cat, v, &acq.device, iocs);
    let record = android_record(crate::now(), iocs, &acq.device, doc);
    let mut s = store.lock().map_err(|_| lock())?;
    s.add_scan(case, &record, crate::now()).map(Some)
}

/// Where a device check (Android phone, iPhone backup) running in the station stands.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckProgress {
    /// Steps done.
    pub done: usize,
    /// Steps in all.
    pub total: usize,
    /// What is being read.
    pub step: String,
    /// The check is over (stored, or failed).
    pub finished: bool,
    /// Why it failed, if it did.
    #[serde(skip)]
    pub error: Option<vigie_core::Message>,
    /// The stored scan.
    pub scan: Option<i64>,
}

/// The result of a finished Android check, kept for its page.
#[derive(Debug)]
pub struct AndroidResult {
    /// What was observed.
    pub device: AndroidDevice,
    /// The verdict.
    pub verdict: Verdict,
}

/// An Android check running on its own thread: acquisition (progress visible), then every
/// output stored in the case, then the rules; a disconnection stores what was read.
#[derive(Debug)]
pub struct AndroidCheck {
    progress: std::sync::Arc<std::sync::Mutex<CheckProgress>>,
    thread: Option<std::thread::JoinHandle<Option<AndroidResult>>>,
    result: Option<AndroidResult>,
}

impl AndroidCheck {
    /// Starts reading the device `serial` through `client` for `case`; `lang` is the
    /// language the stored verdict is written in.
    pub fn start(
        client: vigie_android::AdbClient,
        serial: String,
        store: std::sync::Arc<std::sync::Mutex<vigie_case::CaseStore>>,
        case: vigie_case::CaseId,
        iocs: std::sync::Arc<IndicatorSet>,
        lang: vigie_core::Lang,
        operator: Option<String>,
    ) -> AndroidCheck {
        let progress = std::sync::Arc::new(std::sync::Mutex::new(CheckProgress::default()));
        let shared = progress.clone();
        let thread = std::thread::spawn(move || {
            let cat = crate::catalog(lang, &[]);
            let mut on_step = |done: usize, total: usize, step: &str| {
                if let Ok(mut p) = shared.lock() {
                    p.done = done;
                    p.total = total;
                    p.step = step.to_owned();
                }
            };
            let (acq, failure) = match vigie_android::acquire(&client, &serial, &mut on_step) {
                Ok(acq) => (acq, None),
                Err(b) => {
                    let (e, acq) = *b;
                    (acq, Some(e.message()))
                }
            };
            let verdict = failure
                .is_none()
                .then(|| vigie_android::check(&acq.device, &iocs));
            if let Ok(mut s) = store.lock() {
                s.set_actor(operator.as_deref());
            }
            let stored = store_android(&store, case, &cat, &iocs, &acq, verdict.as_ref());
            if let Ok(mut s) = store.lock() {
                s.set_actor(None);
            }
            let mut p = shared.lock().ok()?;
            p.finished = true;
            match stored {
                Ok(scan) => p.scan = scan,
                Err(e) => p.error = Some(e.message()),
            }
            if failure.is_some() {
                p.error = failure;
            }
            verdict.map(|verdict| AndroidResult {
                device: acq.device,
                verdict,
            })
        });
        AndroidCheck {
            progress,
            thread: Some(thread),
            result: None,
        }
    }

    /// Where it stands.
    pub fn progress(&self) -> CheckProgress {
        self.progress.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// The result once finished (`None` while running, or after a failure).
    pub fn result(&mut self) -> Option<&AndroidResult> {
        if self.result.is_none() && self.thread.as_ref().is_some_and(|t| t.is_finished()) {
            if let Some(t) = self.thread.take() {
                self.result = t.join().ok().flatten();
            }
        }
        self.result.as_ref()
    }
}
