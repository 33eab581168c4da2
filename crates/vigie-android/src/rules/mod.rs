//! Android rules: indicator matches on package names, signing certificates, APK hashes and
//! process names, and the heuristics of stalkerware checks (app from outside a store, hidden
//! app with sensitive permissions, accessibility / device admin / notification access held by
//! a non-system app, Play Protect off, unknown sources, root, interception, background use
//! of location, camera or microphone). Every finding names the package and the raw output
//! that showed it, and says what the app can see.

mod access;
mod capabilities;
mod device;
mod ids;
mod indicators;
mod packages;
mod run;

use crate::model::AndroidDevice;
use run::RuleRun;
use std::collections::BTreeSet;
use vigie_core::{Coverage, Finding, FindingSet, Message, Severity, Verdict};
use vigie_indicators::IndicatorSet;

/// Runs every Android rule on what was observed and returns the verdict, with what was and
/// was not checked.
pub fn check(device: &AndroidDevice, iocs: &IndicatorSet) -> Verdict {
    let mut run = RuleRun::new(device, iocs);
    run.package_rules();
    run.special_accesses();
    run.settings_rules();
    run.root_rules();
    run.process_indicators();
    run.property_indicators();
    run.installs_apps();
    run.privileged_crashes();
    run.history_indicators();
    run.background_sensors();
    Verdict::new(named_once(run.findings), coverage(device, iocs))
}

/// The findings, an app listed both as stalkerware and as watchware (feeds can disagree)
/// named once, as the more serious.
fn named_once(findings: FindingSet) -> Vec<Finding> {
    let spyware: BTreeSet<String> = findings
        .as_slice()
        .iter()
        .filter(|f| f.severity == Severity::High)
        .map(|f| f.subject.clone())
        .collect();
    findings
        .into_vec()
        .into_iter()
        .filter(|f| !(f.rule == ids::WATCHWARE && spyware.contains(&f.subject)))
        .collect()
}

/// What was checked (packages, certificates, feeds, outputs) and what was not.
fn coverage(device: &AndroidDevice, iocs: &IndicatorSet) -> Coverage {
    let mut c = Coverage::default();
    let third_party = device.packages.values().filter(|p| !p.system).count();
    c.checked.push(
        Message::new("and-coverage-packages")
            .arg("packages", device.packages.len().to_string())
            .arg("third_party", third_party.to_string()),
    );
    let with_certs = device
        .packages
        .values()
        .filter(|p| !p.cert_sha1.is_empty() || !p.cert_sha256.is_empty())
        .count();
    c.checked
        .push(Message::new("and-coverage-certificates").arg("count", with_certs.to_string()));
    c.checked.push(
        Message::new("and-coverage-indicators")
            .arg("count", iocs.len().to_string())
            .arg(
                "sources",
                iocs.sources()
                    .iter()
                    .map(|s| s.name.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
    );
    c.checked.push(
        Message::new("and-coverage-outputs").arg(
            "outputs",
            device
                .outputs
                .iter()
                .map(|o| o.name.clone())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    );
    if with_certs == 0 {
        c.not_checked
            .push(Message::new("and-not-checked-certificates"));
    }
    for (what, why) in &device.missing {
        c.not_checked.push(why.clone().arg("what", what));
    }
    c.not_checked.push(Message::new("and-not-checked-general"));
    c
}
