//! iPhone checks for the CLI (and later the app): the verdict document, and what a check
//! stores in its case (with the observed values that later feeds are re-checked against).

use crate::verdict::{JsonCoverage, JsonFeed, JsonFinding};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use vigie_case::ScanRecord;
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
        check: "ios-backup",
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
            SeenKind::Email => continue,
        };
        out.insert((kind.to_owned(), s.value.clone()));
        if s.kind == SeenKind::Url {
            if let Some(host) = vigie_indicators::url_host(&s.value) {
                out.insert(("domain".to_owned(), host));
            }
        }
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
