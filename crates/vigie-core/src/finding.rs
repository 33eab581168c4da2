//! The one finding model shared by every kind of check.

use crate::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How serious a finding is. Ordered: `Info < Low < Medium < High`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, not a sign of spyware by itself (e.g. encrypted DNS in use).
    Info,
    /// Unusual, common in ordinary traffic too; look at it with other findings.
    Low,
    /// Suspicious: a trait shared by spy apps, or a known monitoring ("watchware") app.
    Medium,
    /// A match with a known stalkerware or spyware indicator.
    High,
}

impl Severity {
    /// The lowercase name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

/// What kind of threat an indicator belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreatCategory {
    /// A covert commercial spy app (Echap `ioc.yaml`).
    Stalkerware,
    /// An overt monitoring app that can still be abused (Echap `watchware.yaml`).
    Watchware,
    /// Mercenary spyware sold to governments (MVT indicator bundles).
    MercenarySpyware,
    /// Spyware of a kind the feed does not say.
    Spyware,
}

impl ThreatCategory {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ThreatCategory::Stalkerware => "stalkerware",
            ThreatCategory::Watchware => "watchware",
            ThreatCategory::MercenarySpyware => "mercenary_spyware",
            ThreatCategory::Spyware => "spyware",
        }
    }
}

/// A translatable message: a key in the translation files and its named arguments.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Message {
    /// Key in the Fluent translation files, e.g. `net-ioc-domain-title`.
    pub key: String,
    /// Named arguments substituted into the translated text.
    #[serde(default)]
    pub args: BTreeMap<String, String>,
}

impl Message {
    /// A message with no argument.
    pub fn new(key: impl Into<String>) -> Self {
        Message {
            key: key.into(),
            args: BTreeMap::new(),
        }
    }

    /// Adds one named argument.
    pub fn arg(mut self, name: &str, value: impl Into<String>) -> Self {
        self.args.insert(name.to_owned(), value.into());
        self
    }

    /// Adds an argument that is a list of translation keys, each translated when the
    /// message is shown (e.g. what an app can see: `cap-sms`, `cap-location`). Its name
    /// ends in `_keys`, as the translation files write it.
    pub fn arg_keys(mut self, name: &str, keys: &[&str]) -> Self {
        debug_assert!(name.ends_with("_keys"));
        self.args.insert(name.to_owned(), keys.join(","));
        self
    }
}

/// The indicator a finding matched, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct IndicatorRef {
    /// The indicator's value as the feed gave it (normalised), e.g. `thetruthspy.com`.
    pub value: String,
    /// The indicator's kind, e.g. `domain`, `ipv4`, `cert_sha1`.
    pub kind: String,
    /// The app or campaign the feed attributes it to, when it names one.
    pub app: Option<String>,
    /// The feed it was loaded from (with credit), e.g. `Echap — stalkerware-indicators (CC-BY 4.0)`.
    pub source: String,
    /// The kind of threat.
    pub category: ThreatCategory,
}

/// A pointer to what triggered a finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Evidence {
    /// Packets of a capture: one flow (or one DNS exchange) between two frames.
    Packets {
        /// The capture file (as given), or the live interface name.
        source: String,
        /// 1-based number of the first packet involved.
        first_frame: u64,
        /// 1-based number of the last packet involved.
        last_frame: u64,
        /// Time of the first packet.
        first_ts: Timestamp,
        /// Time of the last packet.
        last_ts: Timestamp,
        /// The flow as `proto client:port -> server:port`.
        flow: String,
        /// Packets counted in that flow.
        packets: u64,
        /// Bytes sent by the device (client to server, IP payload).
        bytes_up: u64,
        /// Bytes received by the device (server to client, IP payload).
        bytes_down: u64,
        /// What was seen there, e.g. `tls_sni thetruthspy.com`.
        detail: String,
    },
    /// A row or entry of a file (databases, dumps, feeds).
    Record {
        /// File the record comes from.
        file: String,
        /// Row, line or key within the file.
        locator: String,
        /// What the record says, briefly.
        detail: String,
    },
    /// The raw output of a command run on a device, kept as evidence.
    RawOutput {
        /// Name of the output (e.g. `dumpsys package`).
        name: String,
        /// SHA-256 of the stored output, hexadecimal.
        sha256: String,
        /// What in it triggered the finding.
        detail: String,
    },
}

/// One result of a check, the same for network, Android, iOS and image evidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule identifier, e.g. `NET-IOC-DOMAIN`.
    pub rule: String,
    /// How serious it is.
    pub severity: Severity,
    /// Short title, translatable.
    pub title: Message,
    /// Plain-language explanation, translatable.
    pub explanation: Message,
    /// What the finding is about (a host name, an IP, a package): findings are grouped by it.
    pub subject: String,
    /// The indicator that matched, when the rule is an indicator match.
    pub indicator: Option<IndicatorRef>,
    /// What triggered it; at most a bounded number of pointers are kept.
    pub evidence: Vec<Evidence>,
    /// How many times the rule fired on this subject (evidence keeps the first few).
    pub occurrences: u64,
}

impl Finding {
    /// Most evidence pointers kept per finding; later occurrences only count.
    pub const MAX_EVIDENCE: usize = 16;

    /// A finding of `rule` on `subject`, with no indicator, evidence or occurrence yet.
    pub fn new(
        rule: impl Into<String>,
        severity: Severity,
        subject: impl Into<String>,
        title: Message,
        explanation: Message,
    ) -> Self {
        Finding {
            rule: rule.into(),
            severity,
            title,
            explanation,
            subject: subject.into(),
            indicator: None,
            evidence: vec![],
            occurrences: 0,
        }
    }

    /// The same finding, naming the indicator it matched.
    pub fn with_indicator(mut self, indicator: Option<IndicatorRef>) -> Self {
        self.indicator = indicator;
        self
    }

    /// Adds one occurrence, keeping its evidence while there is room.
    pub fn add_occurrence(&mut self, evidence: Option<Evidence>) {
        self.occurrences += 1;
        if let Some(e) = evidence {
            if self.evidence.len() < Self::MAX_EVIDENCE && !self.evidence.contains(&e) {
                self.evidence.push(e);
            }
        }
    }
}
