//! The findings, one by one: what each is, the indicator and its source, the rule, and the
//! evidence behind it.

use super::Sources;
use crate::model::{Block, FindingBlock};
use vigie_core::{Catalog, Finding, FindingView, Message};

/// Writes the section.
pub(crate) fn findings(b: &mut Vec<Block>, cat: &Catalog, src: &Sources) {
    b.push(Block::PageBreak);
    b.push(Block::Heading(cat.key("report-findings-title")));
    if src.findings_count() == 0 {
        b.push(Block::Para(cat.key("report-no-findings")));
    }
    for (id, r) in &src.scans {
        if r.verdict.findings.is_empty() {
            continue;
        }
        b.push(Block::Subheading(format!(
            "{} — {}",
            cat.key(&r.kind.title_key()),
            cat.date(&r.made.to_string())
        )));
        b.extend(r.verdict.findings.iter().map(|f| {
            let answer = src.answer(*id, &f.subject);
            finding_block(cat, f, answer.map(|a| cat.text(&a.message())))
        }));
    }
}

/// One finding, in the report's language, with the person's answer on it.
fn finding_block(cat: &Catalog, f: &Finding, answer: Option<String>) -> Block {
    let v = FindingView::new(cat, f);
    let mut details = Vec::new();
    if let Some(i) = &v.indicator {
        let app = i.app.as_ref().map_or("", |(app, _)| app.as_str());
        details.push(
            cat.text(
                &Message::new("report-indicator")
                    .arg("value", &i.value)
                    .arg("kind", &i.kind)
                    .arg("app", app)
                    .arg("source", &i.source),
            ),
        );
    }
    details.push(cat.text(&Message::new("report-rule").arg("rule", &v.rule)));
    for e in &v.evidence {
        details.push(cat.text(&Message::new("report-evidence").arg("what", e)));
    }
    Block::Finding(FindingBlock {
        level: v.severity.as_str().to_owned(),
        label: v.label,
        title: v.title,
        body: v.explanation,
        answer,
        details,
    })
}
