//! A case at a glance: the case's verdict (its most serious check decides), then each
//! check, most serious first, with its level in words and a sign (never colour alone), its
//! findings, the safety warning wherever something was found, and what was and was not
//! checked.

use super::{coverage_html, esc, findings_html};
use vigie_core::{Catalog, CheckKind, Finding, Message, VerdictLevel};
use vigie_station::{CheckDetails, JoinedDevice, ScanRecord};

/// The sign of a level, beside its words (shape as well as colour tells them apart).
pub(crate) fn level_sign(level: VerdictLevel) -> &'static str {
    match level {
        VerdictLevel::KnownSpyware => "▲",
        VerdictLevel::Suspicious => "◆",
        VerdictLevel::Unusual => "●",
        VerdictLevel::NothingFound => "○",
    }
}

/// A level as a badge: a sign screen readers skip, then its words.
pub(crate) fn level_badge(cat: &Catalog, level: VerdictLevel) -> String {
    let sign = level_sign(level);
    format!(
        "<span class=\"level level-{n}\"><span class=\"sign\" aria-hidden=\"true\">{sign}</span> {}</span>",
        esc(&cat.key(&format!("web-level-{}", level.name()))),
        n = level.name(),
    )
}

/// The checks of a case, most serious first; among equals, the newest first.
pub(crate) fn by_seriousness(scans: &[(i64, ScanRecord)]) -> Vec<&(i64, ScanRecord)> {
    let mut ordered: Vec<&(i64, ScanRecord)> = scans.iter().collect();
    ordered.sort_by(|a, b| {
        (b.1.verdict.level, b.1.made, b.0).cmp(&(a.1.verdict.level, a.1.made, a.0))
    });
    ordered
}

/// The case's verdict at the top of its page: what its checks found, what the verdict
/// rests on, what kind of check was not made, and the safety warning when something was
/// found.
pub(crate) fn case_verdict(cat: &Catalog, scans: &[(i64, ScanRecord)]) -> String {
    let Some(level) = scans.iter().map(|(_, r)| r.verdict.level).max() else {
        return format!(
            "<section class=\"case-verdict level-none\" id=\"case-verdict\"><p class=\"headline\">{}</p></section>",
            esc(&cat.key("web-case-verdict-none"))
        );
    };
    let basis = Message::new("web-case-verdict-basis").arg("count", scans.len().to_string());
    let mut notes = vec![cat.text(&basis)];
    let network = scans.iter().any(|(_, r)| r.kind.is_network());
    let device = scans.iter().any(|(_, r)| !r.kind.is_network());
    if !device {
        notes.push(cat.key("web-case-verdict-no-device"));
    }
    if !network {
        notes.push(cat.key("web-case-verdict-no-network"));
    }
    let notes: String = notes.iter().map(|n| format!("<p>{}</p>", esc(n))).collect();
    format!(
        "<section class=\"case-verdict level-{}\" id=\"case-verdict\" aria-labelledby=\"case-verdict-title\"><h2 id=\"case-verdict-title\">{}</h2>{}<p class=\"headline\">{}</p>{notes}{}</section>",
        level.name(),
        esc(&cat.key("web-case-verdict-title")),
        level_badge(cat, level),
        esc(&cat.key(&format!("web-case-verdict-{}", level.name()))),
        safety(cat, level),
    )
}

/// The warning a found thing calls for (do not remove anything yet), or that nothing found
/// is no proof.
fn safety(cat: &Catalog, level: VerdictLevel) -> String {
    let (class, key) = match level {
        VerdictLevel::NothingFound => ("info", "verdict-not-proof"),
        _ => ("warning", "verdict-keep-evidence-web"),
    };
    format!(
        "<p class=\"notice {class}\" role=\"note\">{}</p>",
        esc(&cat.key(key))
    )
}

/// The top of a check's result page: its level, what it means, the too-short warning, and
/// the warning a found thing calls for.
pub(crate) fn result_head(cat: &Catalog, r: &ScanRecord) -> String {
    format!(
        "<section class=\"result level-{}\" id=\"result\">{}<p class=\"headline\">{}</p>{}{}</section>",
        r.verdict.level.name(),
        level_badge(cat, r.verdict.level),
        esc(&cat.key(r.verdict.headline_key())),
        too_short(cat, r),
        safety(cat, r.verdict.level),
    )
}

/// The limits that weigh on a verdict so much they are said beside it, not only in the list
/// of what was not checked.
const LIMITS_SAID_FIRST: [&str; 2] = ["net-not-checked-no-traffic", "net-not-checked-short"];

/// The warning that a capture was too short (or empty) to conclude much, where it was.
fn too_short(cat: &Catalog, r: &ScanRecord) -> String {
    r.verdict
        .coverage
        .not_checked
        .iter()
        .filter(|m| LIMITS_SAID_FIRST.contains(&m.key.as_str()))
        .map(|m| format!("<p class=\"notice warning\">{}</p>", esc(&cat.text(m))))
        .collect()
}

/// A stored check on its case page.
pub(crate) fn check_section(cat: &Catalog, id: i64, r: &ScanRecord) -> String {
    let findings: Vec<&Finding> = r.verdict.findings.iter().collect();
    let short = too_short(cat, r);
    let devices = match &r.details {
        CheckDetails::Network(n) => joined_html(cat, &n.devices, r.kind),
        _ => String::new(),
    };
    let feeds: Vec<&str> = r.feeds.iter().map(|f| f.name.as_str()).collect();
    let feeds = match feeds.is_empty() {
        true => String::new(),
        false => {
            let m = Message::new("web-feeds-compared")
                .arg("count", feeds.len().to_string())
                .arg("names", feeds.join(" ; "));
            format!("<p class=\"meta\">{}</p>", esc(&cat.text(&m)))
        }
    };
    format!(
        "<section class=\"scan level-{n}\" id=\"check-{id}\"><h3>{} — {}</h3>{}<p class=\"headline\">{}</p>{short}{devices}{}{}<details class=\"coverage\"><summary>{}</summary>{}{feeds}</details><p><a href=\"/results/{id}\" class=\"details-link\">{}</a></p></section>",
        esc(&cat.key(&r.kind.label_key())),
        esc(&cat.date(&r.made.to_string())),
        level_badge(cat, r.verdict.level),
        esc(&cat.key(r.verdict.headline_key())),
        findings_html(cat, &findings, ""),
        safety(cat, r.verdict.level),
        esc(&cat.key("web-coverage-summary")),
        coverage_html(cat, &r.verdict.coverage, "h4"),
        esc(&cat.key("web-check-details")),
        n = r.verdict.level.name(),
    )
}

/// The devices a network check saw join the network, or (for a live check) that none did.
pub(crate) fn joined_html(cat: &Catalog, devices: &[JoinedDevice], kind: CheckKind) -> String {
    if devices.is_empty() {
        return match kind {
            CheckKind::NetworkLive => {
                format!("<p class=\"meta\">{}</p>", esc(&cat.key("web-joined-none")))
            }
            _ => String::new(),
        };
    }
    let items: String = devices
        .iter()
        .map(|d| format!("<li>{}</li>", esc(&vigie_station::joined_text(cat, d))))
        .collect();
    format!(
        "<p class=\"meta\">{}</p><ul class=\"joined\">{items}</ul>",
        esc(&cat.key("web-joined-title"))
    )
}
