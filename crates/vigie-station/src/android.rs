//! Android checks for the CLI and the app: the verdict document, and what a check stores in
//! its case (with the observed values that later feeds are re-checked against).

use crate::verdict::{JsonCoverage, JsonFeed, JsonFinding};
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::{self, Write};
use vigie_android::{AndroidDevice, RawOutput};
use vigie_case::ScanRecord;
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
