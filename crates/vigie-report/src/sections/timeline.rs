//! The chronology of what happened to the person, apart from the custody log: what the
//! checks date (traffic first seen, apps installed), sorted and shown as people read times,
//! then what the person told of the images shared (from the evidence locker).

use super::Sources;
use crate::guidance::Guidance;
use crate::model::Block;
use vigie_core::{Catalog, Evidence, Finding, Message};

/// When a finding dates something, and what: (recorded time, what happened).
fn dated(cat: &Catalog, f: &Finding) -> Vec<(String, String)> {
    let mut out = vec![];
    let first_seen = f
        .evidence
        .iter()
        .filter_map(|e| match e {
            Evidence::Packets { first_ts, .. } => Some(*first_ts),
            _ => None,
        })
        .min();
    if let Some(when) = first_seen {
        let what = Message::new("report-event-seen").arg("what", cat.text(&f.title));
        out.push((when.to_string(), cat.text(&what)));
    }
    let since = f.explanation.args.get("since");
    if let Some(when) = since.filter(|v| !v.is_empty() && *v != "—") {
        let what = Message::new("report-event-installed").arg("what", &f.subject);
        out.push((when.clone(), cat.text(&what)));
    }
    out
}

/// Writes the section.
pub(crate) fn timeline(b: &mut Vec<Block>, cat: &Catalog, guidance: &Guidance, src: &Sources) {
    let t = |key: &str| cat.key(key);
    b.push(Block::Heading(t("report-timeline-title")));
    b.push(Block::Para(t("report-chronology-intro")));
    let mut checks: Vec<(String, String)> = src
        .scans
        .iter()
        .flat_map(|(_, r)| &r.verdict.findings)
        .flat_map(|f| dated(cat, f))
        .collect();
    checks.sort();
    checks.dedup();
    let found = t("report-according-check");
    let mut rows: Vec<Vec<String>> = checks
        .into_iter()
        .map(|(when, what)| vec![cat.date(&when), what, found.clone()])
        .collect();
    let kinds = |k: vigie_case::LockerKind| cat.key(&format!("ncii-kind-{}", k.as_str()));
    let told = crate::takedown(guidance, &src.reference, &src.locker, &kinds);
    let person = t("report-according-person");
    for r in &told.chronology {
        let what = Message::new("report-told-line")
            .arg("what", &r.what)
            .arg("place", &r.place)
            .arg("who", &r.who);
        rows.push(vec![r.when.clone(), cat.text(&what), person.clone()]);
    }
    if rows.is_empty() {
        b.push(Block::Para(t("report-chronology-none")));
        return;
    }
    b.push(Block::Table {
        headers: vec![
            t("report-col-when"),
            t("report-col-event"),
            t("report-col-according"),
        ],
        rows,
    });
}
