//! The overall verdict of a check, and what the check did and did not cover.

use crate::{Finding, Message, Severity};
use serde::{Deserialize, Serialize};

/// The overall level of a check, from its most serious finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictLevel {
    /// Nothing high, medium or low was found (which is not proof of absence).
    NothingFound,
    /// Only low findings: unusual but common in ordinary traffic.
    Unusual,
    /// At least one medium finding.
    Suspicious,
    /// At least one match with a known spyware indicator.
    KnownSpyware,
}

impl VerdictLevel {
    /// Its name in translation keys (`nothing-found`, `unusual`, `suspicious`,
    /// `known-spyware`).
    pub fn name(self) -> &'static str {
        match self {
            VerdictLevel::NothingFound => "nothing-found",
            VerdictLevel::Unusual => "unusual",
            VerdictLevel::Suspicious => "suspicious",
            VerdictLevel::KnownSpyware => "known-spyware",
        }
    }

    /// Translation key of its headline (`verdict-known-spyware`, ...).
    pub fn headline_key(self) -> &'static str {
        match self {
            VerdictLevel::NothingFound => "verdict-nothing-found",
            VerdictLevel::Unusual => "verdict-unusual",
            VerdictLevel::Suspicious => "verdict-suspicious",
            VerdictLevel::KnownSpyware => "verdict-known-spyware",
        }
    }
}

/// What was checked and what could not be, so that "nothing found" is never read as "no spyware".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// What was checked, as translatable lines.
    pub checked: Vec<Message>,
    /// What was not or could not be checked, as translatable lines.
    pub not_checked: Vec<Message>,
}

/// A check's verdict: its level, its findings sorted by severity, and its coverage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// Overall level.
    pub level: VerdictLevel,
    /// The findings, most serious first.
    pub findings: Vec<Finding>,
    /// What was and was not checked.
    pub coverage: Coverage,
}

impl Verdict {
    /// Builds the verdict from findings; they are sorted most serious first, then by rule and subject.
    pub fn new(mut findings: Vec<Finding>, coverage: Coverage) -> Self {
        findings.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then_with(|| a.rule.cmp(&b.rule))
                .then_with(|| a.subject.cmp(&b.subject))
        });
        let level = match findings.iter().map(|f| f.severity).max() {
            Some(Severity::High) => VerdictLevel::KnownSpyware,
            Some(Severity::Medium) => VerdictLevel::Suspicious,
            Some(Severity::Low) => VerdictLevel::Unusual,
            Some(Severity::Info) | None => VerdictLevel::NothingFound,
        };
        Verdict {
            level,
            findings,
            coverage,
        }
    }

    /// True when something high or medium was found (the CLI's exit code 1).
    pub fn needs_attention(&self) -> bool {
        self.level >= VerdictLevel::Suspicious
    }

    /// Translation key of the verdict's headline.
    pub fn headline_key(&self) -> &'static str {
        self.level.headline_key()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, severity: Severity) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            title: Message::new("t"),
            explanation: Message::new("e"),
            subject: "s".into(),
            indicator: None,
            evidence: vec![],
            occurrences: 1,
        }
    }

    #[test]
    fn level_follows_most_serious_finding() {
        let v = Verdict::new(vec![], Coverage::default());
        assert_eq!(v.level, VerdictLevel::NothingFound);
        assert!(!v.needs_attention());
        let v = Verdict::new(
            vec![finding("A", Severity::Low), finding("B", Severity::Info)],
            Coverage::default(),
        );
        assert_eq!(v.level, VerdictLevel::Unusual);
        assert!(!v.needs_attention());
        let v = Verdict::new(
            vec![finding("A", Severity::Low), finding("B", Severity::High)],
            Coverage::default(),
        );
        assert_eq!(v.level, VerdictLevel::KnownSpyware);
        assert_eq!(v.findings[0].rule, "B");
        assert!(v.needs_attention());
    }
}
