//! The findings of one check as its rules raise them: one finding per rule and subject,
//! repeated occurrences counted, and (optionally) a bound on the subjects listed per rule.

use crate::{Evidence, Finding};
use std::collections::{BTreeMap, HashMap};

/// Findings in the order first raised, one per (rule, subject).
#[derive(Debug, Default, Clone)]
pub struct FindingSet {
    index: HashMap<(String, String), usize>,
    list: Vec<Finding>,
    per_rule: HashMap<String, usize>,
    unlisted: BTreeMap<String, u64>,
    cap: Option<fn(&str) -> usize>,
}

impl FindingSet {
    /// An empty set listing every subject.
    pub fn new() -> Self {
        FindingSet::default()
    }

    /// An empty set listing at most `cap(rule)` subjects per rule; occurrences on further
    /// subjects are only counted (memory stays bounded on any input).
    pub fn capped(cap: fn(&str) -> usize) -> Self {
        FindingSet {
            cap: Some(cap),
            ..FindingSet::default()
        }
    }

    /// Raises `finding` (its rule and subject) once more with `evidence`: a new finding is
    /// listed; a known one keeps the more serious severity and counts the occurrence.
    pub fn raise(&mut self, finding: Finding, evidence: Option<Evidence>) {
        let key = (finding.rule, finding.subject);
        if let Some(&i) = self.index.get(&key) {
            let f = &mut self.list[i];
            f.severity = f.severity.max(finding.severity);
            f.add_occurrence(evidence);
            return;
        }
        let listed = self.per_rule.entry(key.0.clone()).or_default();
        if self.cap.is_some_and(|cap| *listed >= cap(&key.0)) {
            *self.unlisted.entry(key.0).or_default() += 1;
            return;
        }
        *listed += 1;
        let mut f = Finding {
            rule: key.0.clone(),
            subject: key.1.clone(),
            ..finding
        };
        f.add_occurrence(evidence);
        self.index.insert(key, self.list.len());
        self.list.push(f);
    }

    /// The finding of `rule` on `subject`, if raised.
    pub fn get_mut(&mut self, rule: &str, subject: &str) -> Option<&mut Finding> {
        let i = *self.index.get(&(rule.to_owned(), subject.to_owned()))?;
        self.list.get_mut(i)
    }

    /// The findings, in the order first raised.
    pub fn as_slice(&self) -> &[Finding] {
        &self.list
    }

    /// The findings, in the order first raised.
    pub fn into_vec(self) -> Vec<Finding> {
        self.list
    }

    /// Occurrences not listed because their rule had reached its cap: (rule, count), by rule.
    pub fn unlisted(&self) -> Vec<(String, u64)> {
        self.unlisted.iter().map(|(r, n)| (r.clone(), *n)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Message, Severity};

    fn f(rule: &str, subject: &str, severity: Severity) -> Finding {
        Finding::new(
            rule,
            severity,
            subject,
            Message::new("t"),
            Message::new("e"),
        )
    }

    fn ev(detail: &str) -> Option<Evidence> {
        Some(Evidence::Record {
            file: "f".into(),
            locator: "l".into(),
            detail: detail.into(),
        })
    }

    #[test]
    fn one_finding_per_rule_and_subject_with_occurrences_and_caps() {
        let mut set = FindingSet::capped(|rule| if rule == "A" { 1 } else { 10 });
        set.raise(f("A", "x", Severity::Low), ev("1"));
        set.raise(f("A", "x", Severity::High), ev("2"));
        set.raise(f("A", "y", Severity::High), ev("3"));
        set.raise(f("B", "y", Severity::Info), None);
        let list = set.as_slice();
        assert_eq!(list.len(), 2);
        assert_eq!(
            (
                list[0].severity,
                list[0].occurrences,
                list[0].evidence.len()
            ),
            (Severity::High, 2, 2)
        );
        assert_eq!(list[1].rule, "B");
        assert_eq!(set.unlisted(), vec![("A".to_owned(), 1)]);
        assert!(set.get_mut("B", "y").is_some());
        assert!(set.get_mut("B", "x").is_none());
    }
}
