//! Stored checks written before documents had a version (Vigie up to 9d2f38b): the record
//! held the kind as free text (`network`, `network-live`, `android`, `ios`), the time as
//! text, and the verdict as the JSON the command line printed (texts already translated,
//! their messages beside them; the feeds with their path, format and SHA-256). They are read into today's
//! [`ScanRecord`] as they are: nothing is rewritten in the case file.

use crate::record::{CheckDetails, ScanRecord};
use serde::Deserialize;
use serde_json::Value;
use vigie_core::{
    CheckKind, Coverage, Evidence, Finding, IndicatorRef, Message, Severity, Timestamp, Verdict,
    VerdictLevel,
};

/// The record as stored then.
#[derive(Deserialize)]
struct RecordV0 {
    kind: String,
    made: Timestamp,
    tool_version: String,
    sources: Vec<(String, Option<String>)>,
    verdict: Value,
    observed: Vec<(String, String)>,
}

/// A finding as the verdict document printed it.
#[derive(Deserialize)]
struct FindingV0 {
    rule: String,
    severity: Severity,
    title: String,
    explanation: String,
    title_message: Option<Message>,
    explanation_message: Option<Message>,
    subject: String,
    indicator: Option<IndicatorRef>,
    #[serde(default)]
    evidence: Vec<Evidence>,
    occurrences: u64,
}

impl FindingV0 {
    /// The finding, its messages kept (a text without one stays as it was written).
    fn into_finding(self) -> Finding {
        Finding {
            rule: self.rule,
            severity: self.severity,
            title: self
                .title_message
                .unwrap_or_else(|| Message::new(self.title)),
            explanation: self
                .explanation_message
                .unwrap_or_else(|| Message::new(self.explanation)),
            subject: self.subject,
            indicator: self.indicator,
            evidence: self.evidence,
            occurrences: self.occurrences,
        }
    }
}

/// What was covered, as the verdict document printed it.
#[derive(Deserialize)]
struct CoverageV0 {
    #[serde(default)]
    checked: Vec<String>,
    #[serde(default)]
    not_checked: Vec<String>,
    messages: Option<Coverage>,
}

/// A feed as the verdict document listed it.
#[derive(Deserialize)]
struct FeedV0 {
    name: String,
    path: String,
    kind: vigie_indicators::FeedFormat,
    sha256: String,
}

/// The verdict document's parts that the record keeps.
#[derive(Deserialize)]
struct VerdictV0 {
    #[serde(default)]
    check: String,
    verdict: VerdictLevel,
    #[serde(default)]
    findings: Vec<FindingV0>,
    coverage: CoverageV0,
    feeds: Vec<FeedV0>,
}

/// Reads a record written before versions.
pub(crate) fn read_v0(value: Value) -> Result<ScanRecord, serde_json::Error> {
    let r: RecordV0 = serde_json::from_value(value)?;
    let v: VerdictV0 = serde_json::from_value(r.verdict.clone())?;
    let kind = match (r.kind.as_str(), v.check.as_str()) {
        ("ios", "ios-device") => CheckKind::IosDevice,
        ("ios", _) => CheckKind::IosBackup,
        (other, _) => other
            .parse()
            .map_err(<serde_json::Error as serde::de::Error>::custom)?,
    };
    let details = match kind {
        CheckKind::Network | CheckKind::NetworkLive => {
            CheckDetails::Network(serde_json::from_value(r.verdict)?)
        }
        CheckKind::Android => CheckDetails::Android(serde_json::from_value(r.verdict)?),
        CheckKind::IosBackup | CheckKind::IosDevice => {
            CheckDetails::Ios(serde_json::from_value(r.verdict)?)
        }
    };
    let coverage = v.coverage.messages.unwrap_or_else(|| Coverage {
        checked: v.coverage.checked.into_iter().map(Message::new).collect(),
        not_checked: v
            .coverage
            .not_checked
            .into_iter()
            .map(Message::new)
            .collect(),
    });
    let feeds = v
        .feeds
        .into_iter()
        .map(|f| vigie_indicators::Source {
            name: f.name,
            path: f.path,
            format: f.kind,
            sha256: f.sha256,
        })
        .collect();
    Ok(ScanRecord {
        version: crate::record::RECORD_VERSION,
        kind,
        made: r.made,
        tool_version: r.tool_version,
        feeds,
        sources: r.sources,
        verdict: Verdict {
            level: v.verdict,
            findings: v
                .findings
                .into_iter()
                .map(FindingV0::into_finding)
                .collect(),
            coverage,
        },
        details,
        observed: r.observed,
    })
}
