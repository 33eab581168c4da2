//! The first section, in plain words: what was checked, what was found, what the person
//! said, what it means and what it does not mean.

use super::{kind_name, Sources};
use crate::model::Block;
use vigie_core::{Catalog, Message};

/// Writes the section.
pub(crate) fn plain(b: &mut Vec<Block>, cat: &Catalog, src: &Sources) {
    let t = |key: &str| cat.key(key);
    b.push(Block::Heading(t("report-plain-title")));
    b.push(Block::Para(t("report-intro")));
    b.push(Block::Subheading(t("report-checked-title")));
    if src.scans.is_empty() {
        b.push(Block::Para(t("report-no-checks")));
    }
    for (_, r) in &src.scans {
        let sources: Vec<&str> = r.sources.iter().map(|(n, _)| n.as_str()).collect();
        b.push(Block::Bullet(
            cat.text(
                &Message::new("report-check-line")
                    .arg("kind", kind_name(cat, r))
                    .arg("made", r.made.to_string())
                    .arg("sources", sources.join(", ")),
            ),
        ));
    }
    b.push(Block::Subheading(t("report-found-title")));
    b.push(Block::Strong(t(src.overall().headline_key())));
    for (_, r) in &src.scans {
        b.push(Block::Bullet(
            cat.text(
                &Message::new("report-found-line")
                    .arg("kind", kind_name(cat, r))
                    .arg("made", r.made.to_string())
                    .arg("headline", t(r.verdict.headline_key()))
                    .arg("count", r.verdict.findings.len().to_string()),
            ),
        ));
    }
    interview(b, cat, src);
    consent(b, cat, src);
    b.push(Block::Subheading(t("report-means-title")));
    b.push(Block::Para(t(&format!(
        "report-means-{}",
        src.overall().name()
    ))));
    b.push(Block::Subheading(t("report-not-mean-title")));
    b.push(Block::Para(t("verdict-not-proof")));
    let mut not_checked: Vec<String> = Vec::new();
    for (_, r) in &src.scans {
        for line in r.verdict.coverage.not_checked.iter().map(|m| cat.text(m)) {
            if !not_checked.contains(&line) {
                not_checked.push(line);
            }
        }
    }
    b.extend(not_checked.into_iter().map(Block::Bullet));
}

/// What the person agreed to, as recorded (or that it was not).
fn consent(b: &mut Vec<Block>, cat: &Catalog, src: &Sources) {
    b.push(Block::Subheading(cat.key("report-consent-title")));
    let (key, note) = match src.interview.answer("consent") {
        Some((crate::Answer::Yes, note)) => ("report-consent-yes", note),
        Some((crate::Answer::No, note)) => ("report-consent-no", note),
        Some((crate::Answer::DontKnow, note)) => ("report-consent-unknown", note),
        None => ("report-consent-none", ""),
    };
    b.push(Block::Para(cat.key(key)));
    if !note.is_empty() {
        let m = Message::new("report-consent-note").arg("note", note);
        b.push(Block::Para(cat.text(&m)));
    }
}

/// What the person said (the interview checklist), when it was gone through.
fn interview(b: &mut Vec<Block>, cat: &Catalog, src: &Sources) {
    if src.interview.answers.is_empty() {
        return;
    }
    b.push(Block::Subheading(cat.key("report-interview-title")));
    for (q, a, note) in src
        .interview
        .answers
        .iter()
        .filter(|(q, _, _)| *q != "consent")
    {
        let mut line = format!(
            "{} {}",
            cat.key(&format!("interview-{q}")),
            cat.key(&format!("interview-answer-{}", a.code()))
        );
        if !note.is_empty() {
            line.push_str(&format!(" — {note}"));
        }
        b.push(Block::Bullet(line));
    }
}
