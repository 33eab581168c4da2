//! `vigie scan live`: a live check from the command line.

use crate::{cases, feeds, render};
use anyhow::{anyhow, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use vigie_core::Localized;
use vigie_core::{Catalog, Message};
use vigie_station::{CaptureEvidence, LiveCheck};

/// Runs a live check on `interface` until `duration`, Ctrl-C or the interface going away;
/// new findings and services are printed on standard error as they appear, the verdict on
/// standard output. Exit codes as for `scan pcap`.
#[allow(clippy::too_many_arguments)]
pub fn scan_live(
    cat: &Catalog,
    data_dir: &Path,
    passphrase_file: Option<&Path>,
    interface: &str,
    duration: Duration,
    iocs: &[PathBuf],
    json: bool,
    case: Option<&str>,
) -> Result<ExitCode> {
    let set = Arc::new(feeds::load(cat, iocs, data_dir)?);
    let store = match case {
        Some(_) => {
            let pass = cases::passphrase(cat, passphrase_file)?;
            Some(Arc::new(Mutex::new(cases::open(
                cat,
                data_dir,
                &pass,
                feeds::now(),
            )?)))
        }
        None => None,
    };
    let fail = |e: vigie_case::CaseError| anyhow!(cat.text(&e.message()));
    let capture =
        vigie_live::LiveCapture::open(interface).map_err(|e| anyhow!(cat.text(&e.message())))?;
    let (case_id, evidence, sink) = match (&store, case) {
        (Some(store), Some(reference)) => {
            let id = store
                .lock()
                .map_err(|_| anyhow!("case file lock"))?
                .case(reference, feeds::now())
                .map_err(fail)?;
            let name = format!("live-{interface}-{}.pcap", feeds::now());
            let (ev, sink) = CaptureEvidence::start(store.clone(), id, &name).map_err(fail)?;
            (Some(id), Some(ev), sink)
        }
        _ => (
            None,
            None,
            Box::new(|_: &[u8]| Ok(())) as vigie_station::TrafficSink,
        ),
    };
    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = interrupted.clone();
    // Without a handler Ctrl-C would still end the process; the check then ends uncleanly but
    // the case file keeps every committed piece.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    eprintln!(
        "{}",
        cat.text(
            &Message::new("live-started")
                .arg("interface", interface)
                .arg(
                    "duration",
                    vigie_net::scan::human_duration(duration.as_secs() as i64)
                )
        )
    );
    eprintln!("{}", cat.key("live-advice"));
    let check = LiveCheck::start(capture, set.clone(), Some(duration), sink);
    let (mut shown_services, mut shown_findings) = (0usize, 0usize);
    loop {
        std::thread::sleep(Duration::from_millis(250));
        let snap = check.snapshot();
        for s in snap.services.iter().skip(shown_services) {
            eprintln!("  · {} ({})", s.name, s.via);
        }
        shown_services = snap.services.len();
        for f in snap.findings.iter().skip(shown_findings) {
            let sev = cat.key(&format!("severity-{}", f.severity.as_str()));
            eprintln!("  ! [{sev}] {}", cat.text(&f.title));
        }
        shown_findings = snap.findings.len().max(shown_findings);
        if interrupted.load(Ordering::SeqCst) || check.is_finished() {
            break;
        }
    }
    let outcome = check.stop();
    if let Some(stopped) = outcome
        .captures
        .iter()
        .find_map(|c| c.stopped_message.clone())
    {
        eprintln!("{}", cat.text(&stopped));
    }
    if let (Some(store), Some(id), Some(ev)) = (&store, case_id, evidence) {
        let info = ev.finish().map_err(fail)?;
        vigie_station::store_live(store, id, cat, &set, &outcome, info.as_ref()).map_err(fail)?;
        eprintln!(
            "{}",
            cat.text(&Message::new("case-scan-stored").arg("reference", case.unwrap_or_default()))
        );
    }
    let mut out = std::io::stdout().lock();
    if json {
        vigie_station::verdict_json(
            &mut out,
            cat,
            &outcome.verdict,
            &outcome.captures,
            &set,
            &outcome.stats,
        )?;
    } else {
        render::verdict_text(&mut out, cat, &outcome.verdict)?;
    }
    out.flush()?;
    Ok(if outcome.verdict.needs_attention() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
