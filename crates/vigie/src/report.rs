//! `vigie report`: a case or one check as PDF or HTML, kept in the case as evidence.

use crate::cli::ReportFormat;
use crate::{cases, feeds};
use anyhow::{anyhow, Result};
use std::path::Path;
use std::process::ExitCode;
use vigie_case::EvidenceKind;
use vigie_core::Localized;
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

/// `vigie case export`: the case's evidence, its report in both forms and its custody log,
/// in one signed archive.
pub fn export(
    cat: &Catalog,
    data_dir: &Path,
    store: &mut vigie_case::CaseStore,
    reference: &str,
    out: &Path,
    country: &str,
) -> Result<ExitCode> {
    let fail = |e: vigie_case::CaseError| anyhow!(cat.text(&e.message()));
    let case = store.find(reference).map_err(fail)?;
    let guidance = vigie_report::Guidance::load(cat.lang(), Some(&data_dir.join("guidance")))
        .map_err(|e| anyhow!("{e}"))?;
    let report = vigie_report::build(
        store,
        &Scope::Case(reference.to_owned()),
        cat,
        &guidance,
        country,
        feeds::now(),
    )
    .map_err(|e| anyhow!(cat.text(&e.message())))?;
    let lang = cat.lang().code();
    let pdf = vigie_report::pdf::render(&report).map_err(|e| anyhow!("{e}"))?;
    let html = vigie_report::html::render(&report).into_bytes();
    let extra = vec![
        (format!("report-{lang}.pdf"), pdf),
        (format!("report-{lang}.html"), html),
    ];
    let mut file = std::fs::File::create(out).map_err(|e| anyhow!("{}: {e}", out.display()))?;
    let sha = store
        .export(case, reference, &extra, &mut file, feeds::now())
        .map_err(fail)?;
    let key = store.station_key(feeds::now()).map_err(fail)?;
    let fingerprint = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(key.verifying_key().as_bytes()))[..16].to_owned()
    };
    eprintln!(
        "{}",
        cat.text(
            &Message::new("export-written")
                .arg("path", out.display().to_string())
                .arg("sha256", sha)
                .arg("key", fingerprint)
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// `vigie verify`: checks an export with nothing but the archive.
pub fn verify(cat: &Catalog, path: &Path) -> Result<ExitCode> {
    let file = std::fs::File::open(path).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    let check = vigie_case::check_export(std::io::BufReader::new(file));
    let mut out = std::io::stdout().lock();
    use std::io::Write;
    if let Some(m) = &check.manifest {
        writeln!(
            out,
            "{}",
            cat.text(
                &Message::new("export-summary")
                    .arg("case", &m.case)
                    .arg("made", &m.made)
                    .arg("count", check.checked.to_string())
                    .arg("key", check.key_fingerprint.clone().unwrap_or_default())
            )
        )?;
    }
    for p in &check.problems {
        writeln!(out, "  ✗ {}", cat.text(p))?;
    }
    if check.problems.is_empty() {
        writeln!(out, "{}", cat.key("export-all-good"))?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(out, "{}", cat.key("export-not-good"))?;
        Ok(ExitCode::from(1))
    }
}
