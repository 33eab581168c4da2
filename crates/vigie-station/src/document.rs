//! Checks for machines: the JSON document `vigie scan ... --format json` prints, and
//! `vigie case show --format json` for each stored check, written from a [`ScanRecord`] in
//! a catalog's language (the untranslated messages beside the texts).

use crate::record::{AndroidDetails, CheckDetails, IosDetails, NetworkDetails, ScanRecord};
use serde::Serialize;
use std::io::{self, Write};
use vigie_core::{
    Catalog, CheckKind, Coverage, Evidence, Finding, IndicatorRef, Lang, Message, Severity,
    Timestamp, VerdictLevel,
};
use vigie_indicators::FeedFormat;

/// A finding with its texts in the document's language.
#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    title: String,
    explanation: String,
    title_key: &'a str,
    /// The untranslated messages, so that a report can be written in another language.
    title_message: &'a Message,
    explanation_message: &'a Message,
    subject: &'a str,
    indicator: &'a Option<IndicatorRef>,
    evidence: &'a [Evidence],
    occurrences: u64,
}

impl<'a> JsonFinding<'a> {
    fn new(cat: &Catalog, f: &'a Finding) -> Self {
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

/// What a check did and did not cover, in the document's language.
#[derive(Serialize)]
struct JsonCoverage<'a> {
    checked: Vec<String>,
    not_checked: Vec<String>,
    /// The untranslated lines.
    messages: &'a Coverage,
}

/// A feed a check used, and its exact version.
#[derive(Serialize)]
struct JsonFeed<'a> {
    name: &'a str,
    path: &'a str,
    kind: FeedFormat,
    sha256: &'a str,
}

/// The check's own details, beside the verdict.
#[derive(Serialize)]
#[serde(untagged)]
enum JsonDetails<'a> {
    Network(&'a NetworkDetails),
    Android(&'a AndroidDetails),
    Ios(&'a IosDetails),
}

/// A check's verdict document.
#[derive(Serialize)]
pub struct VerdictDocument<'a> {
    tool: &'static str,
    version: &'a str,
    check: CheckKind,
    lang: Lang,
    verdict: VerdictLevel,
    headline: String,
    needs_attention: bool,
    findings: Vec<JsonFinding<'a>>,
    coverage: JsonCoverage<'a>,
    #[serde(flatten)]
    details: JsonDetails<'a>,
    feeds: Vec<JsonFeed<'a>>,
    notice: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    advice: Option<String>,
}

impl<'a> VerdictDocument<'a> {
    /// The document of `r`, in `cat`'s language.
    pub fn new(cat: &Catalog, r: &'a ScanRecord) -> Self {
        let v = &r.verdict;
        VerdictDocument {
            tool: "vigie",
            version: &r.tool_version,
            check: r.kind,
            lang: cat.lang(),
            verdict: v.level,
            headline: cat.key(v.headline_key()),
            needs_attention: v.needs_attention(),
            findings: v
                .findings
                .iter()
                .map(|f| JsonFinding::new(cat, f))
                .collect(),
            coverage: JsonCoverage {
                checked: v.coverage.checked.iter().map(|m| cat.text(m)).collect(),
                not_checked: v.coverage.not_checked.iter().map(|m| cat.text(m)).collect(),
                messages: &v.coverage,
            },
            details: match &r.details {
                CheckDetails::Network(d) => JsonDetails::Network(d),
                CheckDetails::Android(d) => JsonDetails::Android(d),
                CheckDetails::Ios(d) => JsonDetails::Ios(d),
            },
            feeds: r
                .feeds
                .iter()
                .map(|s| JsonFeed {
                    name: &s.name,
                    path: &s.path,
                    kind: s.format,
                    sha256: &s.sha256,
                })
                .collect(),
            notice: cat.key("verdict-not-proof"),
            advice: (r.kind == CheckKind::Android).then(|| cat.key("android-advice-after")),
        }
    }

    /// Prints the document, pretty, with a final new line.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut w = io::BufWriter::new(out);
        serde_json::to_writer_pretty(&mut w, self)?;
        writeln!(w)?;
        w.flush()
    }
}

/// A stored check as `vigie case show --format json` lists it: what the record holds, with
/// its verdict document.
#[derive(Serialize)]
pub struct StoredDocument<'a> {
    id: i64,
    kind: CheckKind,
    made: Timestamp,
    tool_version: &'a str,
    feeds: Vec<(&'a str, &'a str)>,
    sources: &'a [(String, Option<String>)],
    verdict: VerdictDocument<'a>,
    observed: &'a [(String, String)],
}

impl<'a> StoredDocument<'a> {
    /// Check `id`, `r`, in `cat`'s language.
    pub fn new(cat: &Catalog, id: i64, r: &'a ScanRecord) -> Self {
        StoredDocument {
            id,
            kind: r.kind,
            made: r.made,
            tool_version: &r.tool_version,
            feeds: r
                .feeds
                .iter()
                .map(|f| (f.name.as_str(), f.sha256.as_str()))
                .collect(),
            sources: &r.sources,
            verdict: VerdictDocument::new(cat, r),
            observed: &r.observed,
        }
    }
}
