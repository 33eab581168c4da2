//! Next steps for the person, from the guidance files: which sections appear depends on
//! what was found and on what the person said.

use super::Sources;
use crate::guidance::Guidance;
use crate::model::Block;
use vigie_core::{Catalog, VerdictLevel};

/// Interview answers that call for the account checks.
const ACCOUNT_QUESTIONS: [&str; 4] = [
    "shared-accounts",
    "location-sharing",
    "cloud-backup",
    "unknown-devices",
];

/// Writes the section.
pub(crate) fn next_steps(
    b: &mut Vec<Block>,
    guidance: &Guidance,
    cat: &Catalog,
    src: &Sources,
    country: &str,
) {
    let g = |key: &str| guidance.text(key, &[]);
    b.push(Block::PageBreak);
    b.push(Block::Heading(
        g("title").unwrap_or_else(|| cat.key("report-next-title")),
    ));
    let interview = &src.interview;
    let found = src.findings_count() > 0;
    let attention = src.overall() >= VerdictLevel::Suspicious || interview.yes("phone-access");
    let accounts = found || ACCOUNT_QUESTIONS.iter().any(|q| interview.yes(q));
    let mut keys: Vec<String> = Vec::new();
    if attention {
        keys.extend(["before-removing", "safety-plan", "evidence"].map(String::from));
    }
    if !found {
        keys.push("nothing-found".into());
    }
    if accounts {
        keys.push("accounts".into());
    }
    if interview.yes("images-shared") || !src.locker.is_empty() {
        keys.push("images".into());
    }
    keys.extend(["emergency-line", "who-helps"].map(String::from));
    let helplines = format!("helplines-{}", country.to_ascii_lowercase());
    keys.push(if g(&helplines).is_some() {
        helplines
    } else {
        "helplines-other".into()
    });
    keys.extend(["police-can", "police-cannot"].map(String::from));
    b.extend(keys.iter().filter_map(|k| g(k)).map(Block::Para));
}
