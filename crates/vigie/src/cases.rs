//! The case file from the command line: the passphrase, opening the store, and what a scan
//! records in it.

use anyhow::{anyhow, Result};
use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::Path;
use vigie_case::{CaseStore, KdfParams};
use vigie_core::Localized;
use vigie_core::{Catalog, Message, Timestamp};

/// The store's passphrase: `--passphrase-file`, else `VIGIE_PASSPHRASE`, else asked on the
/// terminal (without echo). Without any of them it is an error, never an empty passphrase.
pub fn passphrase(cat: &Catalog, file: Option<&Path>) -> Result<String> {
    if let Some(f) = file {
        let text = std::fs::read_to_string(f).map_err(|e| {
            anyhow!(cat.text(
                &Message::new("case-passphrase-file")
                    .arg("path", f.display().to_string())
                    .arg("detail", e.to_string())
            ))
        })?;
        return non_empty(cat, text.trim_end_matches(['\n', '\r']).to_owned());
    }
    if let Ok(p) = std::env::var("VIGIE_PASSPHRASE") {
        return non_empty(cat, p);
    }
    if std::io::stdin().is_terminal() {
        let p = rpassword::prompt_password(cat.key("case-passphrase-prompt"))
            .map_err(|e| anyhow!(e))?;
        return non_empty(cat, p);
    }
    Err(anyhow!(cat.key("case-passphrase-needed")))
}

fn non_empty(cat: &Catalog, p: String) -> Result<String> {
    if p.is_empty() {
        Err(anyhow!(cat.key("case-passphrase-needed")))
    } else {
        Ok(p)
    }
}

/// The case file of the station (`DATA_DIR/cases.db`), created with the passphrase if new.
pub fn open(cat: &Catalog, data_dir: &Path, passphrase: &str, now: Timestamp) -> Result<CaseStore> {
    std::fs::create_dir_all(data_dir)?;
    CaseStore::open(
        &data_dir.join("cases.db"),
        passphrase,
        KdfParams::standard(),
        now,
    )
    .map_err(|e| anyhow!(cat.text(&e.message())))
}

/// Re-checks every case's past checks against the station's feeds (after they changed):
/// indicators now matching what a check observed, and that its verdict did not name, are
/// recorded in the case and returned as lines for the operator. Without the case file's
/// passphrase the re-check is skipped, and said so.
pub fn retro_check(
    cat: &Catalog,
    data_dir: &Path,
    passphrase_file: Option<&Path>,
) -> Result<Vec<String>> {
    if !data_dir.join("cases.db").exists() {
        return Ok(vec![]);
    }
    let Ok(pass) = passphrase(cat, passphrase_file) else {
        return Ok(vec![cat.key("retro-skipped")]);
    };
    let mut store = open(cat, data_dir, &pass, crate::feeds::now())?;
    let fail = |e: vigie_case::CaseError| anyhow!(cat.text(&e.message()));
    let feeds = vigie_indicators::FeedStore::new(&crate::feeds::store_dir(data_dir))
        .load()
        .map_err(|e| anyhow!(cat.text(&e.message())))?;
    let now = crate::feeds::now();
    let mut lines = vec![];
    for (case, reference) in store.case_ids().map_err(fail)? {
        let mut matches: Vec<vigie_case::RetroMatch> = vec![];
        for scan in store.scans(case).map_err(fail)? {
            // Indicators the check's own verdict already named are not news.
            let named: BTreeSet<String> = scan
                .verdict
                .get("findings")
                .and_then(serde_json::Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|f| {
                    f.pointer("/indicator/value")
                        .and_then(serde_json::Value::as_str)
                        .map(str::to_owned)
                })
                .collect();
            for (kind, value) in &scan.observed {
                for ind in feeds.match_observed(kind, value) {
                    if named.contains(&ind.value) {
                        continue;
                    }
                    let source = feeds
                        .source_of(ind)
                        .map_or_else(String::new, |s| s.name.clone());
                    let m = vigie_case::RetroMatch {
                        scan_made: scan.made.clone(),
                        observed: (kind.clone(), value.clone()),
                        indicator: (
                            ind.value.clone(),
                            ind.kind.as_str().to_owned(),
                            ind.app.clone(),
                            source,
                        ),
                        found: now.to_string(),
                    };
                    if !matches.iter().any(|x| {
                        x.scan_made == m.scan_made
                            && x.observed == m.observed
                            && x.indicator.0 == m.indicator.0
                    }) {
                        matches.push(m);
                    }
                }
            }
        }
        for m in store.add_retro_matches(case, &matches, now).map_err(fail)? {
            let msg = Message::new("retro-match")
                .arg("reference", &reference)
                .arg("made", &m.scan_made)
                .arg(
                    "app",
                    m.indicator
                        .2
                        .clone()
                        .unwrap_or_else(|| m.indicator.0.clone()),
                )
                .arg("value", &m.observed.1)
                .arg("source", &m.indicator.3);
            lines.push(cat.text(&msg));
        }
    }
    Ok(lines)
}
