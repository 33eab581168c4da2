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

/// The sign of a check that has not seen enough to conclude.
pub(crate) const EARLY_SIGN: &str = "◌";

/// The badge of a check that has not seen enough to conclude (no colour of a verdict).
fn early_badge(cat: &Catalog) -> String {
    format!(
        "<span class=\"level level-early\"><span class=\"sign\" aria-hidden=\"true\">{EARLY_SIGN}</span> {}</span>",
        esc(&cat.key("web-level-early")),
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
    let (class, badge) = match scans.iter().all(|(_, r)| too_early(r)) {
        true => ("early", early_badge(cat)),
        false => (level.name(), level_badge(cat, level)),
    };
    format!(
        "<section class=\"case-verdict level-{class}\" id=\"case-verdict\" aria-labelledby=\"case-verdict-title\"><h2 id=\"case-verdict-title\">{}</h2>{badge}<p class=\"headline\">{}</p>{notes}{}</section>",
        esc(&cat.key("web-case-verdict-title")),
        esc(&cat.key(&format!("web-case-verdict-{class}"))),
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

/// Finding titles named on the result screen itself, the rest left to the details.
const FOUND_NAMED: usize = 5;

/// The result screen of a check: its level in words and a sign, the plain sentence, what it
/// means, what was found (titles only, most serious first), the too-short warning, and what
/// not to do now (or that nothing found is no proof).
pub(crate) fn result_head(cat: &Catalog, r: &ScanRecord) -> String {
    let level = r.verdict.level;
    let (class, badge, means) = match too_early(r) {
        true => ("early", early_badge(cat), String::new()),
        false => (
            level.name(),
            level_badge(cat, level),
            format!(
                "<p class=\"means\">{}</p>",
                esc(&cat.key(&format!("web-result-means-{}", level.name())))
            ),
        ),
    };
    format!(
        "<section class=\"result level-{class}\" id=\"result\">{badge}<p class=\"headline\">{}</p>{means}{}{}{}</section>",
        esc(&cat.key(headline_key(r))),
        found_titles(cat, &r.verdict.findings),
        too_short(cat, r),
        what_now(cat, level),
    )
}

/// The titles of what a check found, most serious first, at most [`FOUND_NAMED`] of them.
fn found_titles(cat: &Catalog, findings: &[Finding]) -> String {
    if findings.is_empty() {
        return String::new();
    }
    let mut ordered: Vec<&Finding> = findings.iter().collect();
    ordered.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let mut items: String = ordered
        .iter()
        .take(FOUND_NAMED)
        .map(|f| {
            let v = vigie_core::FindingView::new(cat, f);
            format!(
                "<li class=\"sev-{}\"><strong>{}</strong> — {}</li>",
                v.severity.as_str(),
                esc(&v.label),
                esc(&v.title)
            )
        })
        .collect();
    if let Some(more) = ordered.len().checked_sub(FOUND_NAMED).filter(|n| *n > 0) {
        let m = Message::new("web-result-found-more").arg("count", more.to_string());
        items.push_str(&format!("<li>{}</li>", esc(&cat.text(&m))));
    }
    format!(
        "<h2>{}</h2><ul class=\"found\" id=\"found\">{items}</ul>",
        esc(&cat.key("web-result-found"))
    )
}

/// What not to do now, when something was found (what nothing found means is said above).
fn what_now(cat: &Catalog, level: VerdictLevel) -> String {
    if level == VerdictLevel::NothingFound {
        return String::new();
    }
    let items: String = [
        "verdict-keep-evidence-web",
        "web-result-dont-tell",
        "web-result-plan",
    ]
    .iter()
    .map(|k| format!("<li>{}</li>", esc(&cat.key(k))))
    .collect();
    format!(
        "<div class=\"notice warning what-now\" role=\"note\"><h2>{}</h2><ul>{items}</ul></div>",
        esc(&cat.key("web-result-now"))
    )
}

/// The limits that weigh on a verdict so much they are said beside it, not only in the list
/// of what was not checked.
const LIMITS_SAID_FIRST: [&str; 2] = ["net-not-checked-no-traffic", "net-not-checked-short"];

/// Whether a check found nothing in too little traffic to conclude.
fn too_early(r: &ScanRecord) -> bool {
    let short = r
        .verdict
        .coverage
        .not_checked
        .iter()
        .any(|m| LIMITS_SAID_FIRST.contains(&m.key.as_str()));
    short && r.verdict.level == VerdictLevel::NothingFound
}

/// The plain sentence of a check: its verdict's, except that a check which found nothing
/// in too little traffic says it is too early to conclude.
fn headline_key(r: &ScanRecord) -> &'static str {
    match too_early(r) {
        true => "web-result-too-early",
        false => r.verdict.headline_key(),
    }
}

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

/// A stored check on its case page, with the person's answers on what it flagged.
pub(crate) fn check_section(
    cat: &Catalog,
    id: i64,
    r: &ScanRecord,
    answers: &[vigie_case::PersonAnswer],
) -> String {
    let findings: Vec<&Finding> = r.verdict.findings.iter().collect();
    let short = too_short(cat, r);
    let said = super::answers::recorded(cat, id, answers);
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
        "<section class=\"scan level-{n}\" id=\"check-{id}\"><h3>{} — {}</h3>{}<p class=\"headline\">{}</p>{short}{devices}{}{said}{}<details class=\"coverage\"><summary>{}</summary>{}{feeds}</details><p><a href=\"/results/{id}\" class=\"details-link\">{}</a></p></section>",
        esc(&cat.key(&r.kind.title_key())),
        esc(&cat.date(&r.made.to_string())),
        match too_early(r) {
            true => early_badge(cat),
            false => level_badge(cat, r.verdict.level),
        },
        esc(&cat.key(headline_key(r))),
        findings_html(cat, &findings, ""),
        safety(cat, r.verdict.level),
        esc(&cat.key("web-coverage-summary")),
        coverage_html(cat, &r.verdict.coverage, "h4"),
        esc(&cat.key("web-check-details")),
        n = match too_early(r) {
            true => "early",
            false => r.verdict.level.name(),
        },
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
