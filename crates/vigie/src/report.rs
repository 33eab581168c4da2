//! `vigie report`: a case or one check as PDF or HTML, kept in the case as evidence.

use crate::cli::ReportFormat;
use crate::{cases, feeds};
use anyhow::{anyhow, Result};
use std::path::Path;
use std::process::ExitCode;
use vigie_case::EvidenceKind;
use vigie_core::{Catalog, Message};
use vigie_report::Scope;

/// Writes the report of `reference` (a case, or a check number) to `out`.
pub fn report(
    cat: &Catalog,
    data_dir: &Path,
    passphrase_file: Option<&Path>,
    reference: &str,
    format: ReportFormat,
    out: &Path,
    country: &str,
) -> Result<ExitCode> {
    let pass = cases::passphrase(cat, passphrase_file)?;
    let mut store = cases::open(cat, data_dir, &pass, feeds::now())?;
    let scope = match store.find(reference) {
        Ok(_) => Scope::Case(reference.to_owned()),
        Err(_) => match reference.parse::<i64>() {
            Ok(id) => Scope::Scan(id),
            Err(_) => Scope::Case(reference.to_owned()),
        },
    };
    let guidance = vigie_report::Guidance::load(cat.lang(), Some(&data_dir.join("guidance")))
        .map_err(|e| anyhow!("{e}"))?;
    let report = vigie_report::build(&store, &scope, cat, &guidance, country, feeds::now())
        .map_err(|e| anyhow!(cat.text(&e.message())))?;
    let bytes = match format {
        ReportFormat::Pdf => vigie_report::pdf::render(&report).map_err(|e| anyhow!("{e}"))?,
        ReportFormat::Html => vigie_report::html::render(&report).into_bytes(),
    };
    std::fs::write(out, &bytes).map_err(|e| anyhow!("{}: {e}", out.display()))?;
    // The report, as written, is kept in its case with its SHA-256.
    let case = store
        .find(&report.reference)
        .map_err(|e| anyhow!(cat.text(&e.message())))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let info = store
        .add_evidence(
            case,
            &name,
            EvidenceKind::Report,
            &mut bytes.as_slice(),
            feeds::now(),
        )
        .and_then(|info| {
            store.log(
                "report-made",
                Some(format!("cases:{}", case.0)),
                feeds::now(),
            )?;
            Ok(info)
        })
        .map_err(|e| anyhow!(cat.text(&e.message())))?;
    eprintln!(
        "{}",
        cat.text(
            &Message::new("report-written")
                .arg("path", out.display().to_string())
                .arg("sha256", info.sha256.unwrap_or_default())
                .arg("reference", &report.reference)
        )
    );
    Ok(ExitCode::SUCCESS)
}
