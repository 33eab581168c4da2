//! Analysis of a 500-package Android device: an androidqf-style folder written here
//! (packages.json with APK hashes and certificates, a `dumpsys package` with permissions,
//! settings, processes), read and checked against the Echap and MVT feeds in-process; then,
//! in the same run, the peer: `mvt-android check-androidqf` on the same folder (skipped with
//! a message when MVT is not installed). The figures that matter are the ratio at the end.
//!
//! `cargo bench -p vigie-android` (packages with `VIGIE_BENCH_PACKAGES`, default 500).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use vigie_indicators::{load_path, IndicatorSet};

fn write_device(dir: &Path, packages: usize) {
    std::fs::create_dir_all(dir).expect("bench folder");
    let mut json = Vec::new();
    let mut dumpsys = String::from("DUMP OF SERVICE package:\nPackages:\n");
    let mut ps = String::from("USER PID PPID VSZ RSS WCHAN ADDR S NAME\n");
    for i in 0..packages {
        let name = format!("com.example{}.app{i}", i % 37);
        let system = i % 3 == 0;
        let installer = match i % 5 {
            0 => "null",
            1 => "com.google.android.packageinstaller",
            _ => "com.android.vending",
        };
        json.push(serde_json::json!({
            "name": name, "installer": installer, "uid": 10000 + i, "disabled": false,
            "system": system, "third_party": !system,
            "files": [{"path": format!("/data/app/{name}/base.apk"),
                "sha256": format!("{:064x}", i * 7919),
                "certificate": {"Sha1": format!("{:040x}", i * 104729), "Sha256": format!("{:064x}", i)}}]
        }));
        let _ = writeln!(
            dumpsys,
            "  Package [{name}] (abc{i}):\n    userId={}\n    codePath=/data/app/{name}\n    versionName=1.{i}\n    flags=[ {}HAS_CODE ]\n    firstInstallTime=2025-0{}-1{} 10:00:00\n    lastUpdateTime=2025-06-01 10:00:00\n    requested permissions:\n      android.permission.INTERNET\n      android.permission.ACCESS_FINE_LOCATION\n      android.permission.READ_SMS\n    install permissions:\n      android.permission.INTERNET: granted=true\n    User 0: installed=true hidden=false enabled=0\n      runtime permissions:\n        android.permission.ACCESS_FINE_LOCATION: granted={}\n        android.permission.READ_SMS: granted=false",
            10000 + i,
            if system { "SYSTEM " } else { "" },
            1 + i % 9,
            i % 10,
            i % 2 == 0
        );
        let _ = writeln!(ps, "u0_a{i} {} 1 100 100 0 0 S {name}", 1000 + i);
    }
    std::fs::write(
        dir.join("packages.json"),
        serde_json::to_vec(&json).expect("json"),
    )
    .expect("write");
    std::fs::write(dir.join("dumpsys.txt"), dumpsys).expect("write");
    std::fs::write(dir.join("ps.txt"), ps).expect("write");
    std::fs::write(dir.join("getprop.txt"), "[ro.product.model]: [Bench]\n").expect("write");
    std::fs::write(
        dir.join("settings_global.txt"),
        "adb_enabled=1\npackage_verifier_enable=1\n",
    )
    .expect("write");
    std::fs::write(dir.join("root_binaries.json"), "[]").expect("write");
}

fn feeds() -> IndicatorSet {
    let mut set = IndicatorSet::new();
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    for f in ["echap", "mvt-indicators"] {
        if load_path(&mut set, &shared.join(f)).is_err() {
            eprintln!("note: {f} feeds not loaded (../shared absent?)");
        }
    }
    set
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let packages: usize = std::env::var("VIGIE_BENCH_PACKAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../target/bench-data/android-{packages}"));
    write_device(&dir, packages);
    let set = feeds();
    // Vigie: read the folder and run every rule, five times.
    let mut times = Vec::new();
    let mut findings = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let device = vigie_android::load_dump(&dir).expect("dump");
        let v = vigie_android::check(&device, &set);
        times.push(t.elapsed());
        findings = v.findings.len();
    }
    let vigie = median(times);
    println!(
        "vigie: {packages} packages, {} indicators, {findings} findings: {:.1} ms (median of 5, in-process)",
        set.len(),
        vigie.as_secs_f64() * 1000.0
    );
    // The peer, same folder, same run.
    let stix = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../vigie/tests/fixtures/android-test.stix2");
    let out = dir.join("mvt-out");
    let mut mvt_times = Vec::new();
    for _ in 0..3 {
        let _ = std::fs::remove_dir_all(&out);
        let t = Instant::now();
        let run = Command::new("mvt-android")
            .args(["check-androidqf", "-i"])
            .arg(&stix)
            .arg("-o")
            .arg(&out)
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        match run {
            Ok(s) if s.success() => mvt_times.push(t.elapsed()),
            _ => {
                println!("mvt-android not available: no peer figure (pip install mvt)");
                return;
            }
        }
    }
    let mvt = median(mvt_times);
    // Vigie as a command too, start-up and output included, for a like-for-like figure.
    let exe = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/release/vigie");
    let mut cmd_times = Vec::new();
    if exe.exists() {
        for _ in 0..3 {
            let t = Instant::now();
            let _ = Command::new(&exe)
                .args([
                    "--data-dir",
                    "/tmp/vigie-bench-android",
                    "scan",
                    "android-dump",
                ])
                .arg(&dir)
                .arg("--iocs")
                .arg(&stix)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            cmd_times.push(t.elapsed());
        }
    }
    println!(
        "mvt-android check-androidqf: {:.0} ms (median of 3, command)",
        mvt.as_secs_f64() * 1000.0
    );
    if !cmd_times.is_empty() {
        let cmd = median(cmd_times);
        println!(
            "vigie scan android-dump: {:.0} ms (median of 3, command, same indicators as MVT)",
            cmd.as_secs_f64() * 1000.0
        );
        println!(
            "ratio (MVT / Vigie, commands): {:.1}x",
            mvt.as_secs_f64() / cmd.as_secs_f64()
        );
    } else {
        println!("(cargo build --release -p vigie for the command-to-command ratio)");
    }
}
