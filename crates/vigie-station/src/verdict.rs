//! Verdicts for machines: the JSON document `vigie scan ... --format json` prints and each
//! stored check keeps.

use serde::Serialize;
use std::io::{self, Write};
use vigie_core::{Catalog, Evidence, Finding, IndicatorRef, Severity, Verdict, VerdictLevel};
use vigie_indicators::{FeedFormat, IndicatorSet};
use vigie_net::observe::ObserverStats;
use vigie_net::scan::CaptureSummary;

/// The JSON form of a finding, shared by every kind of check.
#[derive(Serialize)]
pub struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    title: String,
    explanation: String,
    title_key: &'a str,
    /// The untranslated messages, so that a report can be written in another language.
    title_message: &'a vigie_core::Message,
    explanation_message: &'a vigie_core::Message,
    subject: &'a str,
    indicator: &'a Option<IndicatorRef>,
    evidence: &'a [Evidence],
    occurrences: u64,
}

impl<'a> JsonFinding<'a> {
    /// A finding with its texts in the catalog's language.
    pub fn new(cat: &Catalog, f: &'a Finding) -> Self {
        JsonFinding {
            rule: &f.rule,
            severity: f.severity,
            title: cat.text(&f.title),
            explanation: cat.text(&f.explanation),
            title_key: &f.title.key,
            title_message: &f.title,
            explanation_message: &f.explanation,
            subject: &f.subject,
            indicator: &f.indicator,
            evidence: &f.evidence,
            occurrences: f.occurrences,
        }
    }
}

/// What a check did and did not cover, in the catalog's language.
#[derive(Serialize)]
pub(crate) struct JsonCoverage {
    checked: Vec<String>,
    not_checked: Vec<String>,
    /// The untranslated lines, for reports in another language.
    messages: vigie_core::Coverage,
}

impl JsonCoverage {
    pub(crate) fn new(cat: &Catalog, v: &Verdict) -> Self {
        JsonCoverage {
            checked: v.coverage.checked.iter().map(|m| cat.text(m)).collect(),
            not_checked: v.coverage.not_checked.iter().map(|m| cat.text(m)).collect(),
            messages: v.coverage.clone(),
        }
    }
}

/// A network verdict in JSON, serialised as it is written (no intermediate document).
#[derive(Serialize)]
struct JsonVerdict<'a> {
    tool: &'static str,
    version: &'static str,
    check: &'static str,
    lang: &'static str,
    verdict: VerdictLevel,
    headline: String,
    needs_attention: bool,
    findings: Vec<JsonFinding<'a>>,
    coverage: JsonCoverage,
    captures: &'a [CaptureSummary],
    feeds: Vec<JsonFeed<'a>>,
    stats: &'a ObserverStats,
    notice: String,
}

/// A feed a verdict used, and its exact version.
#[derive(Serialize)]
pub(crate) struct JsonFeed<'a> {
    name: &'a str,
    path: &'a str,
    kind: FeedFormat,
    sha256: &'a str,
}

impl<'a> JsonFeed<'a> {
    /// Every feed of a set.
    pub(crate) fn all(feeds: &'a IndicatorSet) -> Vec<JsonFeed<'a>> {
        feeds
            .sources()
            .iter()
            .map(|s| JsonFeed {
                name: &s.name,
                path: &s.path,
                kind: s.format,
                sha256: &s.sha256,
            })
            .collect()
    }
}

/// Prints a verdict for machines.
pub fn verdict_json(
    out: &mut dyn Write,
    cat: &Catalog,
    v: &Verdict,
    captures: &[CaptureSummary],
    feeds: &IndicatorSet,
    stats: &ObserverStats,
) -> io::Result<()> {
    let doc = JsonVerdict {
        tool: "vigie",
        version: env!("CARGO_PKG_VERSION"),
        check: "network",
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
        captures,
        feeds: JsonFeed::all(feeds),
        stats,
        notice: cat.key("verdict-not-proof"),
    };
    let mut w = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut w, &doc)?;
    writeln!(w)?;
    w.flush()
}

/// The same document as a JSON value (what a stored check keeps).
pub fn verdict_value(
    cat: &Catalog,
    v: &Verdict,
    captures: &[CaptureSummary],
    feeds: &IndicatorSet,
    stats: &ObserverStats,
) -> serde_json::Value {
    let mut buf = Vec::new();
    // Writing to memory cannot fail, and the document is valid JSON.
    let _ = verdict_json(&mut buf, cat, v, captures, feeds, stats);
    serde_json::from_slice(&buf).unwrap_or(serde_json::Value::Null)
}
