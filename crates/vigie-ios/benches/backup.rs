//! A check of a large synthetic backup (written here by the project's writer: an sms.db of
//! `VIGIE_BENCH_MESSAGES` messages, default 50 000, and as many photos in the manifest):
//! opened, read and checked in-process, plain then encrypted with iOS's PBKDF2 rounds; then,
//! in the same run, the peer, `mvt-ios check-backup`, on the plain copy with the same STIX
//! file (skipped with a message when MVT is not installed). The ratio at the end matters.
//!
//! `cargo bench -p vigie-ios`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use vigie_ios::synthetic::{large_backup, write_backup, Protection};

const STIX: &str = r#"{"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[
{"type":"malware","spec_version":"2.1","id":"malware--00000000-0000-4000-8000-000000000001","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","name":"TestSpy","is_family":false},
{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-000000000002","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","pattern":"[domain-name:value='badbadbad.example.org']","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"},
{"type":"relationship","spec_version":"2.1","id":"relationship--00000000-0000-4000-8000-000000000003","created":"2026-01-01T00:00:00Z","modified":"2026-01-01T00:00:00Z","relationship_type":"indicates","source_ref":"indicator--00000000-0000-4000-8000-000000000002","target_ref":"malware--00000000-0000-4000-8000-000000000001"}]}"#;

/// The median of `runs` timed checks of the backup in `dir`; returns it and the findings.
fn check(
    dir: &Path,
    password: Option<&str>,
    iocs: &vigie_indicators::IndicatorSet,
    runs: usize,
) -> (Duration, usize) {
    let mut times = vec![];
    let mut findings = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let backup = vigie_ios::Backup::open(dir, password).expect("open");
        let read = vigie_ios::read_backup(&backup).expect("read");
        findings = vigie_ios::check(&read, iocs).findings.len();
        times.push(start.elapsed());
    }
    times.sort();
    (times[times.len() / 2], findings)
}

fn main() {
    let messages: u64 = std::env::var("VIGIE_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let work = std::env::temp_dir().join(format!("vigie-ios-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let files = large_backup(messages).expect("files");
    let (plain, encrypted) = (work.join("plain"), work.join("encrypted"));
    write_backup(&plain, &files, &["com.example.app"], None).expect("plain backup");
    let protection = Protection {
        password: "bench password",
        sha256_rounds: 10_000_000,
        sha1_rounds: 10_000,
    };
    write_backup(&encrypted, &files, &["com.example.app"], Some(&protection))
        .expect("encrypted backup");
    let stix = work.join("iocs.stix2");
    std::fs::write(&stix, STIX).expect("stix");
    let mut iocs = vigie_indicators::IndicatorSet::new();
    vigie_indicators::load_path(&mut iocs, &stix).expect("indicators");

    let (t_plain, found) = check(&plain, None, &iocs, 5);
    println!(
        "vigie, plain backup ({} manifest entries): {:.3} s, {found} finding(s)",
        2 * messages + 1,
        t_plain.as_secs_f64()
    );
    let (t_enc, found_enc) = check(&encrypted, Some("bench password"), &iocs, 1);
    println!("vigie, encrypted backup (PBKDF2 10 000 000 + 10 000 rounds included): {:.3} s, {found_enc} finding(s)", t_enc.as_secs_f64());

    let mvt = Command::new("mvt-ios")
        .arg("--help")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if mvt.is_err() {
        println!("mvt-ios not installed: no peer measured (pip install mvt)");
    } else {
        let start = Instant::now();
        let status = Command::new("mvt-ios")
            .args(["check-backup", "--iocs"])
            .arg(&stix)
            .arg("--output")
            .arg(work.join("mvt"))
            .arg(&plain)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let t_mvt = start.elapsed();
        println!(
            "mvt-ios check-backup, plain backup (same run): {:.3} s ({status:?})",
            t_mvt.as_secs_f64()
        );
        println!(
            "ratio (MVT time / Vigie time, plain backup): {:.0}x",
            t_mvt.as_secs_f64() / t_plain.as_secs_f64()
        );
    }
    let _ = std::fs::remove_dir_all(&work);
}
