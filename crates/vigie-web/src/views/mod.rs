//! How checks look in the app: the one place a finding becomes HTML, a stored check's part
//! of its case page, and the result page of a device check — all written from the stored
//! check, in the page's language.

mod android;
mod ios;

use crate::html::esc;
use vigie_core::{Catalog, Coverage, Finding, FindingView, Message};
use vigie_station::{CheckDetails, ScanRecord};

/// One finding: its severity and title, what it means, the rule and the indicator with its
/// source, and the evidence behind it.
pub(crate) fn finding_html(cat: &Catalog, f: &Finding) -> String {
    let v = FindingView::new(cat, f);
    let mut meta = esc(&v.rule);
    if let Some(i) = &v.indicator {
        meta.push_str(&format!(
            " — {} ({}) — {}",
            esc(&i.value),
            esc(&i.kind),
            esc(&i.source)
        ));
    }
    let evidence: String = v
        .evidence
        .iter()
        .map(|e| format!("<li>{}</li>", esc(e)))
        .collect();
    format!(
        "<li class=\"finding sev-{}\"><strong>[{}] {}</strong><p>{}</p><p class=\"meta\">{meta}</p><ul class=\"evidence\">{evidence}</ul></li>",
        v.severity.as_str(),
        esc(&v.label),
        esc(&v.title),
        esc(&v.explanation),
    )
}

/// One finding for the live page's script (which sets every text with `textContent`).
pub(crate) fn finding_json(cat: &Catalog, f: &Finding) -> serde_json::Value {
    let v = FindingView::new(cat, f);
    serde_json::json!({
        "severity": v.severity.as_str(),
        "severity_label": v.label,
        "title": v.title,
        "explanation": v.explanation,
        "rule": v.rule,
    })
}

/// Findings as a list (`id` names it for the page), or "no findings".
pub(crate) fn findings_html(cat: &Catalog, findings: &[&Finding], id: &str) -> String {
    if findings.is_empty() {
        return format!("<p>{}</p>", esc(&cat.key("label-no-findings")));
    }
    let items: String = findings.iter().map(|f| finding_html(cat, f)).collect();
    let id = if id.is_empty() {
        String::new()
    } else {
        format!(" id=\"{id}\"")
    };
    format!("<ol class=\"findings\"{id}>{items}</ol>")
}

/// What was and was not checked.
pub(crate) fn coverage_html(cat: &Catalog, c: &Coverage) -> String {
    let list = |lines: &[Message]| -> String {
        let items = lines
            .iter()
            .map(|m| format!("<li>{}</li>", esc(&cat.text(m))));
        items.collect()
    };
    format!(
        "<h2>{}</h2><ul>{}</ul><h2>{}</h2><ul>{}</ul>",
        esc(&cat.key("label-checked")),
        list(&c.checked),
        esc(&cat.key("label-not-checked")),
        list(&c.not_checked),
    )
}

/// A stored check on its case page: its kind and date, headline, findings, the feeds it
/// used, and that "nothing found" is no proof.
pub(crate) fn check_section(cat: &Catalog, r: &ScanRecord) -> String {
    let findings: Vec<&Finding> = r.verdict.findings.iter().collect();
    let feeds: Vec<String> = r
        .feeds
        .iter()
        .map(|f| format!("{} ({})", f.name, f.sha256.get(..12).unwrap_or(&f.sha256)))
        .collect();
    format!(
        "<section class=\"scan\"><h3>{} — {}</h3><p class=\"headline\">{}</p>{}<p class=\"meta\">{}{}{}</p><p class=\"notice info\">{}</p></section>",
        esc(&cat.key(&r.kind.label_key())),
        esc(&cat.date(&r.made.to_string())),
        esc(&cat.key(r.verdict.headline_key())),
        findings_html(cat, &findings, ""),
        esc(&cat.key("web-feeds-used")),
        esc(&cat.key("label-sep")),
        esc(&feeds.join("; ")),
        esc(&cat.key("verdict-not-proof"))
    )
}

/// The result of a device check on its own page.
pub(crate) fn check_result(cat: &Catalog, r: &ScanRecord) -> String {
    match &r.details {
        CheckDetails::Android(d) => android::result(cat, r, d),
        CheckDetails::Ios(d) => ios::result(cat, r, d),
        CheckDetails::Network(_) => {
            let findings: Vec<&Finding> = r.verdict.findings.iter().collect();
            format!(
                "<p class=\"headline\">{}</p>{}{}",
                esc(&cat.key(r.verdict.headline_key())),
                findings_html(cat, &findings, "findings"),
                coverage_html(cat, &r.verdict.coverage)
            )
        }
    }
}
