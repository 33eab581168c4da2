//! The timeline: what the findings date (first packets, installs) among what was done in
//! the case, sorted on the recorded times and shown as people read them.

use super::Sources;
use crate::model::Block;
use vigie_core::{Catalog, Evidence, Message};

/// Writes the section.
pub(crate) fn timeline(b: &mut Vec<Block>, cat: &Catalog, src: &Sources) {
    let t = |key: &str| cat.key(key);
    b.push(Block::Heading(t("report-timeline-title")));
    let mut rows: Vec<Vec<String>> = src
        .custody
        .iter()
        .map(|e| {
            let key = format!("report-event-{}", e.action);
            let event = if cat.has(&key) {
                t(&key)
            } else {
                e.action.clone()
            };
            vec![e.at.clone(), event, e.actor.clone().unwrap_or_default()]
        })
        .collect();
    for f in src.scans.iter().flat_map(|(_, r)| &r.verdict.findings) {
        let first_seen = f
            .evidence
            .iter()
            .filter_map(|e| match e {
                Evidence::Packets { first_ts, .. } => Some(*first_ts),
                _ => None,
            })
            .min();
        if let Some(when) = first_seen {
            let title = cat.text(&f.title);
            rows.push(vec![
                when.to_string(),
                cat.text(&Message::new("report-event-seen").arg("what", &title)),
                String::new(),
            ]);
        }
        let since = f.explanation.args.get("since");
        if let Some(when) = since.filter(|v| !v.is_empty() && *v != "—") {
            rows.push(vec![
                when.clone(),
                cat.text(&Message::new("report-event-installed").arg("what", &f.subject)),
                String::new(),
            ]);
        }
    }
    rows.sort_by(|a, b| a[0].cmp(&b[0]));
    rows.dedup();
    for row in &mut rows {
        row[0] = cat.date(&row[0]);
    }
    b.push(Block::Table {
        headers: vec![
            t("report-col-when"),
            t("report-col-event"),
            t("report-col-who"),
        ],
        rows,
    });
}
