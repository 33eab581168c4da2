//! `vigie case`: the cases of the case file, the checks stored in them, verification of the
//! whole file, purging, and the signed evidence archive.

use crate::args::{CaseAction, ScanFormat};
use crate::env::{Env, Said};
use crate::render;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;
use vigie_core::{Message, Timestamp};

/// Runs `vigie case ACTION`.
pub fn case(env: &Env, action: CaseAction) -> Result<ExitCode> {
    let cat = &env.cat;
    let mut store = env.store()?;
    let mut out = std::io::stdout().lock();
    match action {
        CaseAction::List { format } => {
            let list = store.cases().said(cat)?;
            render::cases_list(&mut out, cat, &list, format == ScanFormat::Json)?;
        }
        CaseAction::Show { reference, format } => {
            let id = store.find(&reference).said(cat)?;
            let scans = vigie_station::stored_checks(&store, id).said(cat)?;
            let retro = store.retro_matches(id).said(cat)?;
            let json = format == ScanFormat::Json;
            render::case_show(&mut out, cat, &reference, &scans, &retro, json)?;
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
        } => return crate::report::export(env, &mut store, &reference, &path, &country),
        CaseAction::Purge { reference } => {
            store.purge(&reference, Timestamp::now()).said(cat)?;
            let m = Message::new("case-purged").arg("reference", &reference);
            writeln!(out, "{}", cat.text(&m))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
