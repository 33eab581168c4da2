//! `vigie case`: the cases of the case file, the checks stored in them, verification of the
//! whole file, closing and reopening, withdrawing a file added by mistake, purging, and the
//! signed evidence archive.

use crate::args::{CaseAction, ScanFormat};
use crate::env::{Env, Said};
use crate::render;
use anyhow::Result;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use vigie_core::{Message, Timestamp};

/// Runs `vigie case ACTION`.
pub fn case(env: &Env, action: CaseAction) -> Result<ExitCode> {
    let cat = &env.cat;
    let mut store = env.store()?;
    let mut out = crate::shown::stdout();
    match action {
        CaseAction::List { format } => {
            let list = store.cases().said(cat)?;
            render::cases_list(&mut out, cat, &list, format == ScanFormat::Json)?;
        }
        CaseAction::Show { reference, format } => {
            let id = store.find(&reference).said(cat)?;
            let contents = render::CaseContents {
                scans: vigie_station::stored_checks(&store, id).said(cat)?,
                retro: store.retro_matches(id).said(cat)?,
                evidence: store.evidence(id).said(cat)?,
                answers: store.answers(id).said(cat)?,
            };
            let json = format == ScanFormat::Json;
            render::case_show(&mut out, cat, &reference, &contents, json)?;
        }
        CaseAction::Verify { reference } => {
            if let Some(r) = &reference {
                store.find(r).said(cat)?;
            }
            let report = store.verify().said(cat)?;
            render::verify_report(&mut out, cat, &report)?;
            if !report.problems.is_empty() {
                return Ok(ExitCode::from(1));
            }
        }
        CaseAction::Export {
            reference,
            out: path,
            country,
            intimate_images,
        } => {
            let seal = crate::report::seal_passphrase(env, intimate_images)?;
            return crate::report::export(env, &mut store, &reference, &path, &country, seal);
        }
        CaseAction::Key => {
            let key = store.station_fingerprint(Timestamp::now()).said(cat)?;
            let m = Message::new("case-key-said").arg("key", key);
            writeln!(out, "{}", cat.text(&m))?;
        }
        CaseAction::Passphrase {
            new_passphrase_file,
        } => {
            let new = new_passphrase(env, new_passphrase_file.as_deref())?;
            let standard = vigie_case::KdfParams::standard();
            store
                .change_passphrase(&new, standard, Timestamp::now())
                .said(cat)?;
            writeln!(out, "{}", cat.key("case-passphrase-changed"))?;
        }
        CaseAction::Close { reference } => {
            store.close(&reference, Timestamp::now()).said(cat)?;
            let m = Message::new("case-closed-said").arg("reference", &reference);
            writeln!(out, "{}", cat.text(&m))?;
        }
        CaseAction::Reopen { reference } => {
            store.reopen(&reference, Timestamp::now()).said(cat)?;
            let m = Message::new("case-reopened-said").arg("reference", &reference);
            writeln!(out, "{}", cat.text(&m))?;
        }
        CaseAction::Withdraw {
            reference,
            evidence,
            reason,
        } => withdraw(env, &mut store, &reference, evidence, &reason)?,
        CaseAction::Purge { reference } => {
            store.purge(&reference, Timestamp::now()).said(cat)?;
            let m = Message::new("case-purged").arg("reference", &reference);
            writeln!(out, "{}", cat.text(&m))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The case file's new passphrase: from `file`, else typed twice on the terminal; long
/// enough.
fn new_passphrase(env: &Env, file: Option<&std::path::Path>) -> Result<String> {
    let cat = &env.cat;
    let new = match file {
        Some(f) => std::fs::read_to_string(f)
            .map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?
            .trim_end_matches(['\n', '\r'])
            .to_owned(),
        None if std::io::stdin().is_terminal() => {
            let first = rpassword::prompt_password(cat.key("case-passphrase-new"))?;
            let again = rpassword::prompt_password(cat.key("case-passphrase-again"))?;
            if first != again {
                return Err(anyhow::anyhow!(cat.key("case-passphrase-differ")));
            }
            first
        }
        None => return Err(anyhow::anyhow!(cat.key("case-passphrase-new-needed"))),
    };
    match vigie_case::passphrase_problem(&new) {
        Some(problem) => Err(problem).said(cat),
        None => Ok(new),
    }
}

/// `vigie case withdraw`: an evidence file of the case withdrawn, with the reason.
fn withdraw(
    env: &Env,
    store: &mut vigie_case::CaseStore,
    reference: &str,
    evidence: i64,
    reason: &str,
) -> Result<()> {
    let cat = &env.cat;
    let case = store.find(reference).said(cat)?;
    let id = vigie_case::EvidenceId(evidence);
    let (owner, _) = store.evidence_item(id).said(cat)?;
    if owner != case {
        return Err(anyhow::anyhow!(cat.text(
            &Message::new("case-error-no-evidence").arg("id", evidence.to_string())
        )));
    }
    let info = store
        .withdraw_evidence(id, reason, Timestamp::now())
        .said(cat)?;
    let m = Message::new("case-withdrawn-said")
        .arg("name", &info.name)
        .arg("reference", reference);
    writeln!(crate::shown::stdout(), "{}", cat.text(&m))?;
    Ok(())
}
