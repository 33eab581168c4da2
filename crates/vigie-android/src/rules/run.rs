//! One run of the Android rules: what they read (the device and the feeds) and the findings
//! they raise, each with the raw output that showed it.

use crate::model::{AndroidDevice, Package};
use vigie_core::{Evidence, Finding, FindingSet, Message};
use vigie_indicators::IndicatorSet;

/// The rules at work on one device.
pub(super) struct RuleRun<'a> {
    /// The feeds matched against.
    pub(super) iocs: &'a IndicatorSet,
    /// What the acquisition observed.
    pub(super) device: &'a AndroidDevice,
    /// The findings raised so far.
    pub(super) findings: FindingSet,
}

impl<'a> RuleRun<'a> {
    /// A run that has raised nothing yet.
    pub(super) fn new(device: &'a AndroidDevice, iocs: &'a IndicatorSet) -> Self {
        RuleRun {
            iocs,
            device,
            findings: FindingSet::new(),
        }
    }

    /// Raises `finding` with, as evidence, `detail` as read in the raw output `output`.
    pub(super) fn raise(&mut self, finding: Finding, output: &str, detail: String) {
        let evidence = Evidence::RawOutput {
            name: output.to_owned(),
            sha256: self
                .device
                .output_sha256(output)
                .unwrap_or_default()
                .to_owned(),
            detail,
        };
        self.findings.raise(finding, Some(evidence));
    }

    /// Whether a package is part of the system (unknown packages count as not).
    pub(super) fn is_system(&self, name: &str) -> bool {
        self.device.packages.get(name).is_some_and(|p| p.system)
    }
}

/// When an app was first installed, or `unknown` (the messages then leave the sentence out).
pub(super) fn since_of(p: &Package) -> String {
    p.first_install.clone().unwrap_or_else(|| "unknown".into())
}

/// Messages `{key}-title` and `{key}-explain`, both naming `package`; the caller adds the
/// explanation's other arguments.
pub(super) fn package_messages(key: &str, package: &str) -> (Message, Message) {
    (
        Message::new(format!("{key}-title")).arg("package", package),
        Message::new(format!("{key}-explain")).arg("package", package),
    )
}

#[cfg(test)]
mod tests {
    use vigie_core::{Catalog, Lang, Message};

    #[test]
    fn an_unknown_install_date_leaves_its_sentence_out() {
        for lang in [Lang::Fr, Lang::En] {
            let cat = Catalog::new(lang, &[crate::LOCALES]);
            let explain = |since: &str| {
                let m = Message::new("and-hidden-explain")
                    .arg("package", "com.example.app")
                    .arg("since", since)
                    .arg_keys("can_keys", &["cap-location"]);
                cat.text(&m)
            };
            let unknown = explain("unknown");
            assert!(
                !unknown.contains('—') && !unknown.contains("unknown"),
                "{unknown}"
            );
            assert!(!unknown.contains("installation") && !unknown.contains("installed"));
            assert!(explain("2026-10-01 21:14").contains("2026-10-01 21:14"));
        }
    }
}
