//! The short plain summary for the person, in her language: what was looked at, what was
//! found in one paragraph, what to do and not do now, who can help. Nothing technical (no
//! rule, hash or evidence), and a discreet title.

use super::{kind_name, Sources};
use crate::guidance::Guidance;
use crate::model::{Block, Report};
use crate::settings::ReportSettings;
use vigie_core::{Catalog, Message, VerdictLevel};

/// The guidance sections the person reads, by what was found.
fn steps(src: &Sources, country: &str) -> Vec<String> {
    let mut keys: Vec<String> = vec![];
    let attention = src.overall() >= VerdictLevel::Suspicious || src.interview.yes("phone-access");
    if attention {
        keys.extend(["before-removing", "safety-plan", "evidence"].map(String::from));
    }
    if src.findings_count() == 0 {
        keys.push("nothing-found".into());
    }
    keys.push("accounts".into());
    if src.interview.yes("images-shared") || !src.locker.is_empty() {
        keys.push("images".into());
    }
    keys.push("emergency-line".into());
    keys.push(format!("helplines-{}", country.to_ascii_lowercase()));
    keys
}

/// The summary.
pub(crate) fn person(
    cat: &Catalog,
    guidance: &Guidance,
    settings: &ReportSettings,
    src: &Sources,
) -> Report {
    let t = |key: &str| cat.key(key);
    let mut b = vec![Block::Para(t("report-person-intro"))];
    let mut looked: Vec<String> = src.scans.iter().map(|(_, r)| kind_name(cat, r)).collect();
    looked.dedup();
    if !looked.is_empty() {
        let m = Message::new("report-person-checked").arg("what", looked.join(", "));
        b.push(Block::Para(cat.text(&m)));
    }
    // Nothing is said to be found before something was looked at.
    let found = match src.scans.is_empty() {
        true => "report-person-found-none-checked".to_owned(),
        false => format!("report-person-found-{}", src.overall().name()),
    };
    b.push(Block::Strong(t(&found)));
    b.push(Block::Heading(t("report-person-now")));
    let g = |key: &str| guidance.text(key, &[]);
    for key in steps(src, &settings.country) {
        let text = g(&key).or_else(|| {
            key.starts_with("helplines-")
                .then(|| g("helplines-other"))
                .flatten()
        });
        if let Some(text) = text {
            b.push(Block::Para(text));
        }
    }
    b.push(Block::Heading(t("report-person-help")));
    if let Some(text) = g("who-helps") {
        b.push(Block::Para(text));
    }
    Report {
        lang: cat.lang().code(),
        title: t("report-person-title"),
        running_head: t("report-person-head"),
        reference: src.reference.clone(),
        page_word: t("report-page"),
        blocks: b,
    }
}
