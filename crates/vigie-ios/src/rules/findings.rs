//! How the rules raise findings: into the check's [`FindingSet`], each with one record as
//! its evidence, and a finding for each indicator a value matches.

use vigie_core::{Evidence, Finding, FindingSet, Message, Severity, ThreatCategory};
use vigie_indicators::{Indicator, IndicatorSet};

/// The findings of a check under way, and the indicators it matches against.
pub(super) struct Findings<'a> {
    /// The indicators.
    pub(super) iocs: &'a IndicatorSet,
    /// The findings raised so far.
    pub(super) raised: FindingSet,
}

impl Findings<'_> {
    /// A finding for each indicator matched by `value`.
    pub(super) fn matched(
        &mut self,
        rule: &str,
        what: &str,
        value: &str,
        found: Vec<&Indicator>,
        evidence: Evidence,
    ) {
        for ind in found {
            let watchware = ind.category == ThreatCategory::Watchware;
            let app = ind.app.clone().unwrap_or_else(|| ind.value.clone());
            let (severity, key) = if watchware {
                (Severity::Medium, "ios-watchware")
            } else {
                (Severity::High, "ios-ioc")
            };
            let title = Message::new(format!("{key}-title")).arg("app", &app);
            let explanation = Message::new(format!("{key}-explain"))
                .arg("app", &app)
                .arg("value", value)
                .arg_keys("what_keys", &[what]);
            let r = self.iocs.reference(ind);
            // One finding per matched value: each names its own indicator.
            self.raised.raise(
                Finding::new(rule, severity, &ind.value, title, explanation)
                    .with_indicator(Some(r)),
                Some(evidence.clone()),
            );
        }
    }

    /// Raises `finding` with one record as its evidence.
    pub(super) fn raise(&mut self, finding: Finding, evidence: Evidence) {
        self.raised.raise(finding, Some(evidence));
    }
}

/// Evidence of a record: the file, the entry in it, and what it says.
pub(super) fn record(
    file: impl Into<String>,
    locator: impl Into<String>,
    detail: impl Into<String>,
) -> Evidence {
    Evidence::Record {
        file: file.into(),
        locator: locator.into(),
        detail: detail.into(),
    }
}

/// A finding whose title and explanation take no argument: the messages `{key}-title` and
/// `{key}-explain`.
pub(super) fn sign(rule: &str, severity: Severity, subject: &str, key: &str) -> Finding {
    Finding::new(
        rule,
        severity,
        subject,
        Message::new(format!("{key}-title")),
        Message::new(format!("{key}-explain")),
    )
}

/// A time as shown in a finding's words, or a dash when unknown.
pub(super) fn shown(when: &Option<String>) -> String {
    when.clone().unwrap_or_else(|| "—".into())
}
