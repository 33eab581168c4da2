//! How checks look in the app: the one place a finding becomes HTML, a stored check's part
//! of its case page, and the result page of a device check — all written from the stored
//! check, in the page's language.

mod android;
pub(crate) mod answers;
mod ios;
mod verdict;

pub(crate) use verdict::{by_seriousness, case_verdict, check_section, level_sign, EARLY_SIGN};

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

/// What was and was not checked, each list under a heading of level `h` (`h2`, `h4`).
pub(crate) fn coverage_html(cat: &Catalog, c: &Coverage, h: &str) -> String {
    let list = |lines: &[Message]| -> String {
        let items = lines
            .iter()
            .map(|m| format!("<li>{}</li>", esc(&cat.text(m))));
        items.collect()
    };
    format!(
        "<{h}>{}</{h}><ul>{}</ul><{h}>{}</{h}><ul>{}</ul>",
        esc(&cat.key("label-checked")),
        list(&c.checked),
        esc(&cat.key("label-not-checked")),
        list(&c.not_checked),
    )
}

/// The result of a check on its own page: the verdict first (its level in words and a
/// sign, what it means, what was found, what not to do now), then the details on demand.
pub(crate) fn check_result(cat: &Catalog, r: &ScanRecord) -> String {
    let details = match &r.details {
        CheckDetails::Android(d) => android::result(cat, r, d),
        CheckDetails::Ios(d) => ios::result(cat, r, d),
        CheckDetails::Network(n) => {
            let findings: Vec<&Finding> = r.verdict.findings.iter().collect();
            format!(
                "{}{}{}",
                verdict::joined_html(cat, &n.devices, r.kind),
                findings_html(cat, &findings, "findings"),
                coverage_html(cat, &r.verdict.coverage, "h2")
            )
        }
    };
    format!(
        "{}<details class=\"result-details\" id=\"result-details\"><summary>{}</summary>{details}</details>",
        verdict::result_head(cat, r),
        esc(&cat.key("web-result-details"))
    )
}
