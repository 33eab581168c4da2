//! `vigie scan pcap`, and how every check ends on the command line: each reads its source
//! through the station's check, keeps it in the case when one is named, and prints the
//! verdict (for people, or the JSON document for machines). Exit codes: 0 nothing high or
//! medium, 1 something needs attention, 2 an error.

use crate::args::CheckArgs;
use crate::env::{Env, Said};
use crate::{feeds, render};
use anyhow::{anyhow, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vigie_core::{Message, Timestamp};
use vigie_indicators::IndicatorSet;
use vigie_station::{CaptureCheck, Check, VerdictDocument};

/// `vigie scan pcap`: capture files, checked in one pass each.
pub fn captures(env: &Env, files: &[PathBuf], check_args: &CheckArgs) -> Result<ExitCode> {
    let (case, json) = (check_args.case.as_deref(), check_args.json());
    let feeds = env.feeds(&check_args.iocs)?;
    // The case first: a wrong passphrase or an unknown case is said before a long check.
    let target = env.target(case)?;
    let made = Timestamp::now();
    let mut check = CaptureCheck::new(&feeds, target.is_some());
    for f in files {
        let pb = progress_for(f);
        let mut tick = |n: u64| {
            if let Some(pb) = &pb {
                pb.set_position(n);
            }
        };
        check
            .read_file(f, &mut tick)
            .map_err(|e| capture_error(env, f, &e))?;
        if let Some(pb) = pb {
            pb.finish_and_clear();
        }
    }
    let sources = match target {
        Some(_) => files
            .iter()
            .map(|f| (f.display().to_string(), vigie_station::file_sha256(f)))
            .collect(),
        None => vec![],
    };
    let result = check.finish(sources);
    if result.stats.packets == 0 {
        // Nothing was looked at: no verdict, not even "nothing found", and nothing stored.
        let none = Message::new("cli-no-packets").arg("files", files.len().to_string());
        return Err(anyhow!("{}", env.cat.text(&none)));
    }
    if let (Some(target), Some(reference)) = (target, case) {
        target.store_check(&result, made, &feeds).said(&env.cat)?;
        env.say_stored(reference);
    }
    if let Some(msg) = feeds::share_sightings(&env.cat, &env.data_dir, &result.verdict.findings) {
        say!("{msg}");
    }
    print(env, &result, made, &feeds, json)
}

/// A capture that cannot be checked, said in the operator's language.
pub fn capture_error(env: &Env, file: &Path, e: &vigie_net::CaptureError) -> anyhow::Error {
    let head = Message::new("cli-capture").arg("file", file.display().to_string());
    anyhow!("{} {}", env.cat.text(&head), env.cat.say(e))
}

/// A progress bar on standard error for files large enough to wait for, when stdout is a
/// terminal.
fn progress_for(path: &Path) -> Option<ProgressBar> {
    let size = std::fs::metadata(path).ok()?.len();
    if !std::io::stdout().is_terminal() || size < 8 * 1024 * 1024 {
        return None;
    }
    let pb = ProgressBar::new(size);
    pb.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})")
            .ok()?
            .progress_chars("=> "),
    );
    pb.set_message(
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    Some(pb)
}

/// Prints a finished check made at `made` against `feeds`: its JSON document for machines,
/// or its verdict for people. The exit code says whether something needs attention.
pub fn print(
    env: &Env,
    check: &dyn Check,
    made: Timestamp,
    feeds: &IndicatorSet,
    json: bool,
) -> Result<ExitCode> {
    let mut out = crate::shown::stdout();
    if json {
        let record = check.record(made, feeds);
        VerdictDocument::new(&env.cat, &record).write(&mut out)?;
    } else {
        render::verdict_text(&mut out, &env.cat, check.verdict())?;
        if check.kind() == vigie_core::CheckKind::Android {
            writeln!(out, "\n{}", env.cat.key("android-advice-after"))?;
        }
    }
    out.flush()?;
    Ok(if check.verdict().needs_attention() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
