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

/// A time as a finding's words are given it, or [`UNKNOWN`] when the phone did not record it.
pub(super) fn shown(when: &Option<String>) -> String {
    when.clone()
        .filter(|w| !w.trim().is_empty())
        .unwrap_or_else(|| UNKNOWN.into())
}

/// What a message is given for a value the phone did not record: its texts choose their
/// words on it ("installé à une date non indiquée", never "installé le —").
pub(super) const UNKNOWN: &str = "unknown";

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_core::{Catalog, Lang};

    #[test]
    fn what_the_phone_did_not_record_is_worded_not_left_blank() {
        let fr = Catalog::new(Lang::Fr, &[vigie_core::LOCALES, crate::LOCALES]);
        let m = Message::new("ios-profile-event-installed-explain")
            .arg("name", "VPN")
            .arg("when", shown(&None))
            .arg("value", UNKNOWN);
        let text = fr.text(&m);
        assert!(
            text.contains("le profil VPN a été installé à une date non indiquée. Demandez"),
            "{text}"
        );
        assert!(!text.contains("(par") && !text.contains("—"), "{text}");
        let m = Message::new("ios-profile-event-installed-explain")
            .arg("name", "VPN")
            .arg("when", shown(&Some("2026-03-01T10:00:00Z".into())))
            .arg("value", "profiled");
        let text = fr.in_utc().text(&m);
        assert!(
            text.contains("installé le 1er mars 2026, 10:00:00 UTC (par profiled)."),
            "{text}"
        );
    }
}
