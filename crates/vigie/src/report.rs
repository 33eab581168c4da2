//! `vigie report`, `vigie case export` and `vigie verify`: a case (or one check) as PDF or
//! HTML, kept in the case as evidence; the signed evidence archive; its offline check.

use crate::args::{IntimateChoice, ReportAudience, ReportFormat};
use crate::env::{Env, Said};
use anyhow::{anyhow, Result};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use vigie_case::{CaseStore, EvidenceKind, IntimateImages};
use vigie_core::{Message, Timestamp};
use vigie_report::{Audience, Guidance, Report, ReportSettings, Scope};

/// Writes the report of `scope` from `store` in the operator's language, for `audience`.
fn build(
    env: &Env,
    store: &CaseStore,
    scope: &Scope,
    country: &str,
    audience: Audience,
) -> Result<Report> {
    let guidance =
        Guidance::load(env.cat.lang(), Some(&env.guidance_dir())).map_err(|e| anyhow!("{e}"))?;
    let settings = ReportSettings {
        audience,
        country: country.to_owned(),
        author: store.actor().map(str::to_owned),
        unit: env.settings()?.unit,
    };
    vigie_report::build(
        store,
        scope,
        &env.cat,
        &guidance,
        &settings,
        Timestamp::now(),
    )
    .said(&env.cat)
}

/// Writes the report of `reference` (a case, or a check number) to `out`.
pub fn report(
    env: &Env,
    reference: &str,
    format: ReportFormat,
    out: &Path,
    country: &str,
    audience: ReportAudience,
) -> Result<ExitCode> {
    let cat = &env.cat;
    let mut store = env.store()?;
    let audience = match audience {
        ReportAudience::Police => Audience::Police,
        ReportAudience::Person => Audience::Person,
    };
    let scope = match (store.find(reference), reference.parse::<i64>()) {
        (Err(_), Ok(id)) => Scope::Scan(id),
        _ => Scope::Case(reference.to_owned()),
    };
    let report = build(env, &store, &scope, country, audience)?;
    let bytes = match format {
        ReportFormat::Pdf => vigie_report::render_pdf(&report).map_err(|e| anyhow!("{e}"))?,
        ReportFormat::Html => vigie_report::render_html(&report).into_bytes(),
    };
    std::fs::write(out, &bytes).map_err(|e| anyhow!("{}: {e}", out.display()))?;
    // The report, as written, is kept in its case with its SHA-256.
    let case = store.find(&report.reference).said(cat)?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report".into());
    let now = Timestamp::now();
    let info = store
        .add_evidence(
            case,
            &name,
            EvidenceKind::Report,
            &mut bytes.as_slice(),
            now,
        )
        .and_then(|info| {
            store.log("report-made", Some(format!("cases:{}", case.0)), now)?;
            Ok(info)
        })
        .said(cat)?;
    let m = Message::new("report-written")
        .arg("path", out.display().to_string())
        .arg("sha256", info.sha256.unwrap_or_default())
        .arg("reference", &report.reference);
    say!("{}", cat.text(&m));
    Ok(ExitCode::SUCCESS)
}

/// `vigie case export`: the case's evidence, its report in both forms and its custody log,
/// in one signed archive.
pub fn export(
    env: &Env,
    store: &mut CaseStore,
    reference: &str,
    out: &Path,
    country: &str,
    seal: Option<String>,
) -> Result<ExitCode> {
    let cat = &env.cat;
    let case = store.find(reference).said(cat)?;
    let intimate = match &seal {
        Some(pass) => IntimateImages::Sealed(pass),
        None => IntimateImages::LeftOut,
    };
    // The key first, so that the report in the archive names it.
    let fingerprint = store.station_fingerprint(Timestamp::now()).said(cat)?;
    let scope = Scope::Case(reference.to_owned());
    let report = build(env, store, &scope, country, Audience::Police)?;
    let lang = cat.lang().code();
    let pdf = vigie_report::render_pdf(&report).map_err(|e| anyhow!("{e}"))?;
    let html = vigie_report::render_html(&report).into_bytes();
    let extra = vec![
        (format!("report-{lang}.pdf"), pdf),
        (format!("report-{lang}.html"), html),
    ];
    let mut file = std::fs::File::create(out).map_err(|e| anyhow!("{}: {e}", out.display()))?;
    let sha = store
        .export(
            case,
            reference,
            &extra,
            intimate,
            &mut file,
            Timestamp::now(),
        )
        .said(cat)?;
    let m = Message::new("export-written")
        .arg("path", out.display().to_string())
        .arg("sha256", sha)
        .arg("key", fingerprint);
    say!("{}", cat.text(&m));
    Ok(ExitCode::SUCCESS)
}

/// The passphrase intimate images are sealed with, when `--intimate-images seal` asks for
/// it: `VIGIE_SEAL_PASSPHRASE`, else typed twice on the terminal.
pub fn seal_passphrase(env: &Env, choice: IntimateChoice) -> Result<Option<String>> {
    let cat = &env.cat;
    if choice == IntimateChoice::LeaveOut {
        return Ok(None);
    }
    let pass = match env.env_seal_passphrase.clone() {
        Some(p) => p,
        None if std::io::stdin().is_terminal() => {
            let first = rpassword::prompt_password(cat.key("export-seal-prompt"))?;
            let again = rpassword::prompt_password(cat.key("export-seal-again"))?;
            if first != again {
                return Err(anyhow!(cat.key("export-seal-differ")));
            }
            first
        }
        None => return Err(anyhow!(cat.key("export-seal-needed"))),
    };
    if pass.chars().count() < vigie_case::MIN_SEAL_PASSPHRASE {
        let m = Message::new("export-seal-short")
            .arg("min", vigie_case::MIN_SEAL_PASSPHRASE.to_string());
        return Err(anyhow!(cat.text(&m)));
    }
    Ok(Some(pass))
}

/// `vigie verify`: checks an export with nothing but the archive, and that `key` (a
/// station's fingerprint) signed it when given.
pub fn verify(env: &Env, path: &Path, key: Option<&str>) -> Result<ExitCode> {
    let cat = &env.cat;
    let expected = match key {
        Some(typed) => Some(vigie_case::parse_fingerprint(typed).ok_or_else(|| {
            anyhow!(cat.text(&Message::new("export-key-invalid").arg("key", typed)))
        })?),
        None => None,
    };
    let file = std::fs::File::open(path).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    let mut check = vigie_case::check_export(std::io::BufReader::new(file));
    if let Some(want) = &expected {
        if check.manifest.is_some() && !check.signed_by(want) {
            check
                .problems
                .push(Message::new("export-key-other").arg("key", want));
        }
    }
    let mut out = crate::shown::stdout();
    if let Some(m) = &check.manifest {
        let summary = Message::new("export-summary")
            .arg("case", &m.case)
            .arg("made", &m.made)
            .arg("count", check.checked.to_string())
            .arg(
                "key",
                check
                    .key_fingerprint
                    .clone()
                    .unwrap_or_else(|| "none".into()),
            );
        writeln!(out, "{}", cat.text(&summary))?;
        for e in m.entries.iter().filter(|e| e.opened_sha256.is_some()) {
            let sealed = Message::new("export-sealed-entry").arg("file", &e.path);
            writeln!(out, "  · {}", cat.text(&sealed))?;
        }
        for w in &m.withheld {
            let key = match w.why {
                vigie_case::WithheldWhy::Withdrawn => "export-withheld-withdrawn",
                vigie_case::WithheldWhy::Intimate => "export-withheld-intimate",
            };
            let line = Message::new(key)
                .arg("file", &w.name)
                .arg("sha256", w.sha256.clone().unwrap_or_default());
            writeln!(out, "  · {}", cat.text(&line))?;
        }
    }
    for p in &check.problems {
        writeln!(out, "  ✗ {}", cat.text(p))?;
    }
    if check.problems.is_empty() {
        let said = match expected {
            Some(_) => "export-all-good",
            None => "export-all-good-signer-unproven",
        };
        writeln!(out, "{}", cat.key(said))?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(out, "{}", cat.key("export-not-good"))?;
        Ok(ExitCode::from(1))
    }
}
