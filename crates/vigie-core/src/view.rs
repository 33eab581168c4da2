//! The words of a finding for people, in a catalog's language: what every surface (the
//! terminal, the app, the report) shows of it, re-translated from its stored messages.

use crate::{Catalog, Evidence, Finding, Message, Severity};

/// The indicator a finding matched, as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorView {
    /// The indicator's value.
    pub value: String,
    /// Its kind (`domain`, `app_id`, ...).
    pub kind: String,
    /// The feed it comes from, with credit.
    pub source: String,
    /// The app or campaign it belongs to, with its category, when the feed names one.
    pub app: Option<(String, String)>,
}

/// A finding as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingView {
    /// Its severity (for styles).
    pub severity: Severity,
    /// The severity's name.
    pub label: String,
    /// The title.
    pub title: String,
    /// The plain explanation.
    pub explanation: String,
    /// The rule that raised it.
    pub rule: String,
    /// The indicator matched, if any.
    pub indicator: Option<IndicatorView>,
    /// How many times it was seen.
    pub occurrences: u64,
    /// One line per evidence pointer kept.
    pub evidence: Vec<String>,
}

impl FindingView {
    /// The finding `f` in `cat`'s language.
    pub fn new(cat: &Catalog, f: &Finding) -> Self {
        FindingView {
            severity: f.severity,
            label: severity_label(cat, f.severity),
            title: cat.text(&f.title),
            explanation: cat.text(&f.explanation),
            rule: f.rule.clone(),
            indicator: f.indicator.as_ref().map(|i| IndicatorView {
                value: i.value.clone(),
                kind: i.kind.clone(),
                source: i.source.clone(),
                app: i
                    .app
                    .clone()
                    .map(|app| (app, cat.key(&format!("category-{}", i.category.as_str())))),
            }),
            occurrences: f.occurrences,
            evidence: f.evidence.iter().map(|e| evidence_text(cat, e)).collect(),
        }
    }
}

/// The name of a severity (`high`, `élevée`, ...).
pub fn severity_label(cat: &Catalog, s: Severity) -> String {
    cat.key(&format!("severity-{}", s.as_str()))
}

/// What one evidence pointer says: the packets, the record or the raw output, and what was
/// seen there.
pub fn evidence_text(cat: &Catalog, e: &Evidence) -> String {
    match e {
        Evidence::Packets {
            source,
            first_frame,
            last_frame,
            first_ts,
            flow,
            bytes_up,
            bytes_down,
            detail,
            ..
        } => {
            let frames = if first_frame == last_frame {
                cat.text(&Message::new("label-frame").arg("frame", first_frame.to_string()))
            } else {
                cat.text(
                    &Message::new("label-frames")
                        .arg("first", first_frame.to_string())
                        .arg("last", last_frame.to_string()),
                )
            };
            let mut s = format!("{source}: {frames}, {first_ts}, {flow}");
            if *bytes_up + *bytes_down > 0 {
                s.push_str(", ");
                s.push_str(
                    &cat.text(
                        &Message::new("label-bytes")
                            .arg("up", bytes_up.to_string())
                            .arg("down", bytes_down.to_string()),
                    ),
                );
            }
            if !detail.is_empty() {
                s.push_str(&format!(" — {detail}"));
            }
            s
        }
        Evidence::Record {
            file,
            locator,
            detail,
        } => format!("{file} {locator} — {detail}"),
        Evidence::RawOutput {
            name,
            sha256,
            detail,
        } => format!("{name} (SHA-256 {sha256}) — {detail}"),
    }
}
