//! `vigie scan ios-backup`: an iPhone backup checked in place, read-only.

use crate::android::open_store;
use crate::{feeds, render};
use anyhow::{anyhow, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vigie_core::{Catalog, Message};

/// Reads the backup in `path`, checks it, stores it in the case when asked (the databases
/// read, as evidence with their SHA-256, then the verdict), and prints the verdict.
#[allow(clippy::too_many_arguments)]
pub fn scan_backup(
    cat: &Catalog,
    data_dir: &Path,
    passphrase_file: Option<&Path>,
    path: &Path,
    password_file: Option<&Path>,
    iocs: &[PathBuf],
    json: bool,
    case: Option<&str>,
) -> Result<ExitCode> {
    let set = feeds::load(cat, iocs, data_dir)?;
    let mut store = open_store(cat, data_dir, passphrase_file, case)?;
    let started = feeds::now();
    let password = match password_file {
        Some(f) => Some(
            std::fs::read_to_string(f)
                .map_err(|e| {
                    anyhow!(cat.text(
                        &Message::new("ios-password-file")
                            .arg("path", f.display().to_string())
                            .arg("detail", e.to_string())
                    ))
                })?
                .trim_end_matches(['\n', '\r'])
                .to_owned(),
        ),
        None => None,
    };
    let backup = vigie_ios::Backup::open(path, password.as_deref())
        .map_err(|e| anyhow!(cat.text(&e.message())))?;
    let read = vigie_ios::read_backup(&backup).map_err(|e| anyhow!(cat.text(&e.message())))?;
    let verdict = vigie_ios::check(&read, &set);
    if let (Some(store), Some(reference)) = (store.as_mut(), case) {
        let fail = |e: vigie_case::CaseError| anyhow!(cat.text(&e.message()));
        let id = store.case(reference, feeds::now()).map_err(fail)?;
        vigie_station::store_ios(store, id, cat, &set, &backup, &read, &verdict, started)
            .map_err(fail)?;
        eprintln!(
            "{}",
            cat.text(&Message::new("case-scan-stored").arg("reference", reference))
        );
    }
    let mut out = std::io::stdout().lock();
    if json {
        vigie_station::ios_verdict_json(&mut out, cat, &verdict, &read, &set)?;
    } else {
        render::verdict_text(&mut out, cat, &verdict)?;
    }
    out.flush()?;
    Ok(if verdict.needs_attention() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
