//! The result of an iPhone check: the device, the findings (most serious first), the
//! accounts, what was and was not checked, and — for a connected phone — that nothing on it
//! was changed and, after a first pairing, how its trust is removed.

use super::{coverage_html, esc, findings_html};
use vigie_core::{Catalog, Finding};
use vigie_station::{IosDetails, ScanRecord};

/// Device facts shown, with their labels.
const FACTS: [(&str, &str); 4] = [
    ("Device Name", "web-ios-device-name"),
    ("Product Type", "web-ios-device-model"),
    ("Product Version", "web-ios-device-version"),
    ("Last Backup Date", "web-ios-device-backup-date"),
];

/// The page's result part.
pub(super) fn result(cat: &Catalog, r: &ScanRecord, d: &IosDetails) -> String {
    let device: String = FACTS
        .iter()
        .filter_map(|(k, label)| d.device.get(*k).map(|v| (label, v)))
        .map(|(label, v)| {
            let v = cat.date(v);
            format!("<dt>{}</dt><dd>{}</dd>", esc(&cat.key(label)), esc(&v))
        })
        .collect();
    let findings: Vec<&Finding> = r.verdict.findings.iter().collect();
    let accounts: String = d
        .accounts
        .iter()
        .map(|a| {
            let what = a.description.as_deref().unwrap_or(&a.kind);
            format!("<li>{} — {}</li>", esc(&a.user), esc(what))
        })
        .collect();
    let mut notes = vec![];
    if d.live.is_some() {
        notes.push(cat.key("iosdev-unchanged"));
        if d.paired_now {
            notes.push(cat.key("iosdev-paired-now"));
        }
    }
    let phone: String = notes
        .iter()
        .map(|n| format!("<p class=\"notice info\">{}</p>", esc(n)))
        .collect();
    format!(
        "{phone}<dl class=\"device\">{device}</dl><h2>{}</h2>{}<h2>{}</h2><ul id=\"ios-accounts\">{accounts}</ul>{}",
        esc(&cat.key("web-ios-findings")),
        findings_html(cat, &findings, "ios-findings"),
        esc(&cat.key("web-ios-accounts")),
        coverage_html(cat, &r.verdict.coverage, "h2"),
    )
}
