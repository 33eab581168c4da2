//! From what a backup shows to findings and a verdict. Each rule reads one part of the
//! [`IosBackup`] and raises its findings into the check's [`FindingSet`]; [`RULES`] lists
//! them in the order they run: indicator matches on apps and the values seen in the
//! databases, the signs that matter on their own (profiles, the Apple ID, jailbreak and
//! exploit traces, deleted data-use records, apps from outside the App Store, Lockdown
//! Mode), and the facts that matter when a partner may be watching.

mod abuse;
mod coverage;
mod findings;
mod indicators;
mod signs;

use crate::model::IosBackup;
use findings::Findings;
use vigie_core::{FindingSet, Verdict};
use vigie_indicators::IndicatorSet;

/// A rule: what it raises from a backup.
type Rule = fn(&IosBackup, &mut Findings<'_>);

/// Every rule, in the order they run.
const RULES: &[Rule] = &[
    indicators::apps_and_values,
    signs::profiles,
    signs::apple_ids,
    signs::jailbreak,
    signs::exploit_traces,
    signs::missing_processes,
    signs::signed_outside_store,
    abuse::location_always,
    abuse::paired_devices,
    abuse::profile_events,
    abuse::sending_shortcuts,
    signs::installed_outside_store,
    signs::lockdown_mode,
];

/// Checks what a backup shows against the indicators.
pub fn check(backup: &IosBackup, iocs: &IndicatorSet) -> Verdict {
    let mut out = Findings {
        iocs,
        raised: FindingSet::new(),
    };
    for rule in RULES {
        rule(backup, &mut out);
    }
    Verdict::new(out.raised.into_vec(), coverage::coverage(backup))
}
