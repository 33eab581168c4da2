//! `vigie iocs`: the indicator feeds — imported from files, updated from their sources (and
//! the organisation's TAXII and MISP servers), listed, checked — and, after a change, the
//! retro-check of every past check against them.

use crate::args::{IocsAction, ScanFormat, UpdateSource};
use crate::env::{Env, Said};
use crate::{feeds, render};
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use vigie_core::{Message, Timestamp};
use vigie_feeds::{Outcome, UpdateConfig};
use vigie_indicators::FeedStore;

/// Runs `vigie iocs ACTION`.
pub fn iocs(env: &Env, action: IocsAction) -> Result<ExitCode> {
    match action {
        IocsAction::Import { paths, allow_fewer } => import(env, &paths, allow_fewer),
        IocsAction::Update {
            echap_base,
            mvt_index,
            github_raw,
            github_api,
            timeout,
            retries,
            allow_fewer,
            sources,
        } => {
            let cfg = UpdateConfig {
                echap_base,
                mvt_index,
                github_raw,
                github_api: Some(github_api),
                echap_repo: UpdateConfig::default().echap_repo,
                timeout: std::time::Duration::from_secs(timeout.max(1)),
                retries,
                backoff: std::time::Duration::from_millis(500),
                allow_fewer,
                pins: feeds::sharing(&env.cat, &env.data_dir)?.pins(&env.cat)?,
            };
            update(env, &cfg, &sources)
        }
        IocsAction::List { format } => {
            let list = store(env).list().said(&env.cat)?;
            let mut out = crate::shown::stdout();
            match format {
                ScanFormat::Text => {
                    render::feeds_text(&mut out, &env.cat, &list, Timestamp::now())?
                }
                ScanFormat::Json => render::feeds_json(&mut out, &list, Timestamp::now())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        IocsAction::Check { paths, format } => check(env, &paths, format),
    }
}

/// The station's feed store.
fn store(env: &Env) -> FeedStore {
    FeedStore::new(&feeds::store_dir(&env.data_dir))
}

/// `vigie iocs import`: feed files or folders into the station.
fn import(env: &Env, paths: &[PathBuf], allow_fewer: bool) -> Result<ExitCode> {
    let cat = &env.cat;
    let pins = feeds::sharing(cat, &env.data_dir)?.pins(cat)?;
    let mut out = crate::shown::stdout();
    let mut failed = false;
    for p in paths {
        match store(env).import(p, Timestamp::now(), allow_fewer, &pins) {
            Ok(results) => {
                for (id, r) in results {
                    failed |= r.is_err();
                    render::import_line(&mut out, cat, &id, &r)?;
                }
            }
            Err(e) => {
                failed = true;
                writeln!(out, "✗ {}", cat.say(&e))?;
            }
        }
    }
    retro_check(env, &mut out)?;
    Ok(exit(failed))
}

/// `vigie iocs update`: each source downloaded; a failed one keeps the stored version.
fn update(env: &Env, cfg: &UpdateConfig, sources: &[UpdateSource]) -> Result<ExitCode> {
    let cat = &env.cat;
    let now = Timestamp::now();
    let want = |s: UpdateSource| sources.contains(&s);
    let store = store(env);
    let mut outcomes = vigie_feeds::update(
        &store,
        cfg,
        now,
        want(UpdateSource::Echap),
        want(UpdateSource::Mvt),
    );
    let sharing = feeds::sharing(cat, &env.data_dir)?;
    if want(UpdateSource::Taxii) {
        for server in &sharing.taxii {
            let client =
                vigie_feeds::TaxiiClient::new(&server.discovery, server.auth(), cfg.timeout);
            outcomes.extend(vigie_feeds::pull_taxii(&store, &client, now));
        }
    }
    if want(UpdateSource::Misp) {
        for server in &sharing.misp {
            let client = vigie_feeds::MispClient::new(&server.url, &server.key, cfg.timeout);
            outcomes.extend(vigie_feeds::pull_misp(&store, &client, now));
        }
    }
    let mut out = crate::shown::stdout();
    let mut failed = false;
    for (id, outcome) in &outcomes {
        failed |= !outcome.is_stored();
        match outcome {
            Outcome::Stored(f) => render::import_line(&mut out, cat, id, &Ok(f.clone()))?,
            Outcome::Unchanged => {
                let m = Message::new("update-unchanged").arg("id", id);
                writeln!(out, "= {}", cat.text(&m))?
            }
            other => {
                let m = other.failure_message().unwrap_or_default();
                writeln!(out, "✗ {}", cat.text(&m))?;
            }
        }
    }
    if failed {
        writeln!(out, "{}", cat.key("update-kept"))?;
    }
    retro_check(env, &mut out)?;
    Ok(exit(failed))
}

/// `vigie iocs check`: what feed files hold, per kind and source, and what could not be used.
fn check(env: &Env, paths: &[PathBuf], format: ScanFormat) -> Result<ExitCode> {
    let mut set = vigie_indicators::IndicatorSet::new();
    let mut failures = vec![];
    for p in paths {
        if let Err(e) = vigie_indicators::load_path(&mut set, p) {
            failures.push(env.cat.say(&e));
        }
    }
    let mut out = crate::shown::stdout();
    match format {
        ScanFormat::Text => render::iocs_text(&mut out, &env.cat, &set, &failures)?,
        ScanFormat::Json => render::iocs_json(&mut out, &set, &failures)?,
    }
    Ok(exit(!failures.is_empty()))
}

/// Re-checks every case's past checks against the station's feeds (after they changed) and
/// prints the matches newly recorded. Without the case file's passphrase the re-check is
/// skipped, and said so.
fn retro_check(env: &Env, out: &mut dyn Write) -> Result<()> {
    let cat = &env.cat;
    if !env.has_store() {
        return Ok(());
    }
    if env.passphrase().is_err() {
        writeln!(out, "{}", cat.key("retro-skipped"))?;
        return Ok(());
    }
    let mut case_file = env.store()?;
    let feeds = store(env).load().said(cat)?;
    let found =
        vigie_station::retro_check_all(&mut case_file, &feeds, Timestamp::now()).said(cat)?;
    for (reference, m) in found {
        writeln!(out, "{}", render::retro_line(cat, &reference, &m))?;
    }
    Ok(())
}

/// 2 when something failed, else 0.
fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
