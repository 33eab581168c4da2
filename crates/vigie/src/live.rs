//! `vigie scan live` and `vigie hotspot`: traffic checked as it flows, its findings and the
//! services contacted shown as they appear, the verdict at the end.

use crate::args::CheckArgs;
use crate::env::{Env, Said};
use crate::scan::print;
use anyhow::Result;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use vigie_core::{severity_label, Message, Timestamp};
use vigie_station::{CaptureEvidence, LiveCheck, TrafficSink};

/// Runs a live check on `interface` until `duration`, Ctrl-C or the interface going away;
/// new findings and services are printed on standard error as they appear, the verdict on
/// standard output. Exit codes as for `scan pcap`.
pub fn live(env: &Env, interface: &str, duration: Duration, c: &CheckArgs) -> Result<ExitCode> {
    let (cat, case, json) = (&env.cat, c.case.as_deref(), c.json());
    let feeds = Arc::new(env.feeds(&c.iocs)?);
    let target = env.target(case)?;
    // The interface first: one that is not there is said before anything is stored.
    let capture = vigie_station::LiveCapture::open(interface).said(cat)?;
    let (evidence, sink): (Option<CaptureEvidence>, TrafficSink) = match &target {
        Some(t) => {
            let name = format!("live-{interface}-{}.pcap", Timestamp::now());
            let (ev, sink) = CaptureEvidence::start(t, &name).said(cat)?;
            (Some(ev), sink)
        }
        None => (None, Box::new(|_: &[u8]| Ok(()))),
    };
    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = interrupted.clone();
    // Without a handler Ctrl-C would still end the process; the check then ends uncleanly but
    // the case file keeps every committed piece.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let check = LiveCheck::start(capture, feeds.clone(), Some(duration), sink);
    let started = Message::new("live-started")
        .arg("interface", interface)
        .arg(
            "duration",
            vigie_station::human_duration(duration.as_secs() as i64),
        );
    say!("{}", cat.text(&started));
    say!("{}", cat.key("live-advice"));
    follow(env, &check, &interrupted);
    let mut outcome = check.stop();
    let stopped = outcome
        .result
        .captures
        .iter()
        .find_map(|c| c.stopped_message.clone());
    if let Some(m) = stopped {
        say!("{}", cat.text(&m));
    }
    if let (Some(t), Some(ev), Some(reference)) = (&target, evidence, case) {
        let info = ev.finish().said(cat)?;
        vigie_station::store_live(t, &feeds, &mut outcome, info.as_ref()).said(cat)?;
        env.say_stored(reference);
    }
    print(env, &outcome.result, outcome.started, &feeds, json)
}

/// Prints the devices that join, services and findings as they appear, until the check
/// ends or Ctrl-C.
fn follow(env: &Env, check: &LiveCheck, interrupted: &AtomicBool) {
    let (mut devices, mut services, mut findings) = (0usize, 0usize, 0usize);
    loop {
        std::thread::sleep(Duration::from_millis(250));
        let snap = check.snapshot();
        for d in snap.devices.iter().skip(devices) {
            let joined = vigie_station::joined_text(&env.cat, d);
            say!(
                "  → {}",
                env.cat
                    .text(&Message::new("live-joined").arg("device", joined))
            );
        }
        devices = snap.devices.len().max(devices);
        for s in snap.services.iter().skip(services) {
            say!("  · {} ({})", s.name, s.via);
        }
        services = snap.services.len();
        for f in snap.findings.iter().skip(findings) {
            let sev = severity_label(&env.cat, f.severity);
            say!("  ! [{sev}] {}", env.cat.text(&f.title));
        }
        findings = snap.findings.len().max(findings);
        if interrupted.load(Ordering::SeqCst) || check.is_finished() {
            return;
        }
    }
}

/// `vigie hotspot`: a Wi-Fi hotspot with a random name and password (shown as a QR code),
/// the traffic of the phone that joins it checked live, and the machine restored after.
pub fn hotspot(
    env: &Env,
    interface: &str,
    uplink: Option<&str>,
    duration: Duration,
    check: &CheckArgs,
) -> Result<ExitCode> {
    let cat = &env.cat;
    let config = vigie_hotspot::HotspotConfig::random(interface, uplink);
    let hotspot = vigie_hotspot::Hotspot::start(config, &env.data_dir.join("run")).said(cat)?;
    let c = hotspot.config();
    if hotspot.runs_wifi() {
        let join = Message::new("hotspot-join")
            .arg("ssid", &c.ssid)
            .arg("password", &c.password);
        say!("{}", cat.text(&join));
        say!("{}", c.qr_text());
    } else {
        let ap = Message::new("hotspot-external-ap")
            .arg("interface", &c.interface)
            .arg("address", c.address.to_string());
        say!("{}", cat.text(&ap));
    }
    if c.uplink.is_none() {
        say!("{}", cat.key("hotspot-captive"));
    }
    let result = live(env, interface, duration, check);
    hotspot.stop();
    say!("{}", cat.key("hotspot-stopped"));
    result
}
