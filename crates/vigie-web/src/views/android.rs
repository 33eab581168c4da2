//! The result of an Android check: the apps sorted by risk (most serious finding first, then
//! name), each with its findings, installer and install date, then what concerns the phone
//! as a whole, and what was and was not checked.

use super::{coverage_html, esc, finding_html};
use std::collections::BTreeMap;
use vigie_core::{severity_label, Catalog, Finding, Message, Severity};
use vigie_station::{AndroidDetails, AppSummary, ScanRecord};

/// The page's result part.
pub(super) fn result(cat: &Catalog, r: &ScanRecord, d: &AndroidDetails) -> String {
    let mut by_subject: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &r.verdict.findings {
        by_subject.entry(f.subject.as_str()).or_default().push(f);
    }
    let apps = apps_by_risk(d, &by_subject);
    let mut out = format!(
        "<h2>{}</h2><ol class=\"apps\" id=\"apps\">",
        esc(&cat.key("web-android-apps"))
    );
    for (name, risk) in &apps {
        let app = d.apps.iter().find(|a| a.name == *name);
        let findings = by_subject.get(name).map(Vec::as_slice).unwrap_or_default();
        out.push_str(&app_html(
            cat,
            name,
            *risk,
            app,
            d.network_use.get(*name),
            findings,
        ));
    }
    out.push_str("</ol>");
    let phone: String = r
        .verdict
        .findings
        .iter()
        .filter(|f| !apps.iter().any(|(n, _)| *n == f.subject))
        .map(|f| finding_html(cat, f))
        .collect();
    if !phone.is_empty() {
        out.push_str(&format!(
            "<h2>{}</h2><ol class=\"findings\">{phone}</ol>",
            esc(&cat.key("web-android-phone"))
        ));
    }
    out.push_str(&coverage_html(cat, &r.verdict.coverage, "h2"));
    out.push_str(&format!(
        "<p class=\"notice info\">{}</p>",
        esc(&cat.key("android-advice-after"))
    ));
    out
}

/// The apps listed, with their most serious finding: those someone installed, those a
/// finding names, and those seen only through an indicator match (no longer installed).
fn apps_by_risk<'a>(
    d: &'a AndroidDetails,
    by_subject: &BTreeMap<&'a str, Vec<&Finding>>,
) -> Vec<(&'a str, Option<Severity>)> {
    let risk = |name: &str| {
        by_subject
            .get(name)
            .and_then(|fs| fs.iter().map(|f| f.severity).max())
    };
    let mut apps: Vec<(&str, Option<Severity>)> = d
        .apps
        .iter()
        .map(|a| (a.name.as_str(), risk(&a.name)))
        .collect();
    for (subject, fs) in by_subject {
        let listed = apps.iter().any(|(n, _)| n == subject);
        if subject.contains('.') && !listed && fs.iter().any(|f| f.rule.starts_with("AND-IOC")) {
            apps.push((subject, risk(subject)));
        }
    }
    apps.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    apps
}

/// One app: its risk, install date, installer, data sent, and its findings.
fn app_html(
    cat: &Catalog,
    name: &str,
    risk: Option<Severity>,
    app: Option<&AppSummary>,
    data: Option<&(u64, u64)>,
    findings: &[&Finding],
) -> String {
    let since = app
        .and_then(|a| a.first_install.clone())
        .unwrap_or_else(|| "unknown".into());
    let installer = app
        .and_then(|a| a.installer.clone())
        .unwrap_or_else(|| "unknown".into());
    let data = data
        .map(|(rx, tx)| {
            let m = Message::new("web-android-data")
                .arg("received", format!("{:.1}", *rx as f64 / 1e6))
                .arg("sent", format!("{:.1}", *tx as f64 / 1e6));
            format!("<p class=\"meta\">{}</p>", esc(&cat.text(&m)))
        })
        .unwrap_or_default();
    let findings: String = findings.iter().map(|f| finding_html(cat, f)).collect();
    let level = risk.map_or("none", Severity::as_str);
    let label = risk.map_or_else(
        || cat.key("web-android-no-sign"),
        |s| severity_label(cat, s),
    );
    let open = if risk.is_some_and(|s| s >= Severity::Medium) {
        " open"
    } else {
        ""
    };
    format!(
        "<li class=\"app sev-{level}\"><details{open}><summary><strong>{}</strong> — {} <span class=\"meta\">{}</span></summary><p class=\"meta\">{}</p>{data}<ol class=\"findings\">{findings}</ol></details></li>",
        esc(name),
        esc(&label),
        esc(&cat.text(&Message::new("web-android-since").arg("since", &since))),
        esc(&cat.text(&Message::new("web-android-installer").arg("installer", &installer))),
    )
}
