//! The sections of a report, in the order they are written, each from the same [`Sources`].

mod annex;
pub(crate) mod custody;
mod findings;
mod locker;
mod next;
mod person;
mod plain;
mod signature;
mod timeline;

pub(crate) use annex::annex;
pub(crate) use custody::custody;
pub(crate) use findings::findings;
pub(crate) use locker::locker;
pub(crate) use next::next_steps;
pub(crate) use person::person;
pub(crate) use plain::plain;
pub(crate) use signature::signature;
pub(crate) use timeline::timeline;

use vigie_case::{AuditEntry, CaseSummary, EvidenceInfo, LockerItem};
use vigie_core::{Catalog, VerdictLevel};
use vigie_station::ScanRecord;

/// What a report rests on, read from the case file.
pub(crate) struct Sources {
    /// The case's reference.
    pub(crate) reference: String,
    /// The case as listed.
    pub(crate) summary: CaseSummary,
    /// The checks the report covers, with their ids, oldest first.
    pub(crate) scans: Vec<(i64, ScanRecord)>,
    /// The case's evidence files.
    pub(crate) evidence: Vec<EvidenceInfo>,
    /// The audit entries that concern the case.
    pub(crate) custody: Vec<AuditEntry>,
    /// The evidence locker.
    pub(crate) locker: Vec<LockerItem>,
    /// What the person said.
    pub(crate) interview: crate::Interview,
    /// The person's latest answer on each thing the checks flagged.
    pub(crate) answers: Vec<vigie_case::PersonAnswer>,
    /// The fingerprint of the key the station signs exports with, once it is made.
    pub(crate) station_key: Option<String>,
    /// Where the case file's audit log had got when the report was written.
    pub(crate) audit_head: Option<vigie_case::AuditHead>,
}

impl Sources {
    /// The most serious verdict of the checks (nothing found without any).
    pub(crate) fn overall(&self) -> VerdictLevel {
        let levels = self.scans.iter().map(|(_, r)| r.verdict.level);
        levels.max().unwrap_or(VerdictLevel::NothingFound)
    }

    /// The person's answer on `subject`, flagged by check `scan`, if she gave one.
    pub(crate) fn answer(&self, scan: i64, subject: &str) -> Option<&vigie_case::PersonAnswer> {
        self.answers
            .iter()
            .find(|a| a.scan == scan && a.subject == subject)
    }

    /// Findings of all the checks.
    pub(crate) fn findings_count(&self) -> usize {
        self.scans
            .iter()
            .map(|(_, r)| r.verdict.findings.len())
            .sum()
    }
}

/// The name of a check's kind, for people.
fn kind_name(cat: &Catalog, r: &ScanRecord) -> String {
    cat.key(&r.kind.label_key())
}
