//! Capture throughput of the whole network check (read, decode, observe, rules), with tshark
//! extracting the same names from the same file in the same run as the peer.
//!
//! `cargo bench -p vigie-net` (size with `VIGIE_BENCH_MB`, default 256). The figures that
//! matter are the ratios printed at the end; `bench/compare.sh` adds memory at two sizes.

use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use vigie_indicators::{load_path, IndicatorSet};

#[path = "../tests/common/mod.rs"]
mod common;
use vigie_net::write::TrafficGenerator;
use vigie_net::NetScan;

fn capture(mb: u64) -> (PathBuf, u64) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench folder");
    let path = dir.join(format!("phone-{mb}MB.pcap"));
    let cert = include_bytes!("../tests/fixtures/selfsigned-a.hw.cab.der");
    let file = BufWriter::with_capacity(1 << 20, std::fs::File::create(&path).expect("create"));
    let packets = TrafficGenerator::new(42, cert)
        .write_capture(file, mb * 1024 * 1024)
        .expect("write");
    (path, packets)
}

fn feeds() -> IndicatorSet {
    let mut set = IndicatorSet::new();
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    for f in ["echap", "mvt-indicators"] {
        if shared.join(f).is_dir() {
            let _ = load_path(&mut set, &shared.join(f));
        }
    }
    set
}

fn vigie_once(path: &Path, iocs: &IndicatorSet) -> Duration {
    let start = Instant::now();
    let mut scan = NetScan::new(iocs);
    let summary = scan.scan_file(path, &mut |_| {}).expect("capture opens");
    assert!(summary.stopped.is_none());
    std::hint::black_box(scan.verdict());
    start.elapsed()
}

fn tshark_once(path: &Path) -> Option<Duration> {
    let start = Instant::now();
    let status = common::tshark_names(path)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    status.success().then(|| start.elapsed())
}

fn main() {
    let mb: u64 = std::env::var("VIGIE_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    let (path, packets) = capture(mb);
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64;
    let iocs = feeds();
    let load = Instant::now();
    let _ = feeds();
    let load_time = load.elapsed();
    // Warm the page cache, then keep the best of three runs.
    vigie_once(&path, &iocs);
    let vigie = (0..3)
        .map(|_| vigie_once(&path, &iocs))
        .min()
        .unwrap_or_default();
    let rate = |d: Duration| {
        (
            bytes / 1e6 / d.as_secs_f64(),
            packets as f64 / d.as_secs_f64(),
        )
    };
    let (v_mb, v_pk) = rate(vigie);
    println!(
        "capture: {:.0} MB, {packets} packets ({})",
        bytes / 1e6,
        path.display()
    );
    println!(
        "feeds: {} indicators loaded in {:.1} ms",
        iocs.len(),
        load_time.as_secs_f64() * 1e3
    );
    println!(
        "vigie : {:>8.3} s  {:>8.1} MB/s  {:>10.0} packets/s",
        vigie.as_secs_f64(),
        v_mb,
        v_pk
    );
    match tshark_once(&path) {
        Some(t) => {
            let (t_mb, t_pk) = rate(t);
            println!(
                "tshark: {:>8.3} s  {:>8.1} MB/s  {:>10.0} packets/s",
                t.as_secs_f64(),
                t_mb,
                t_pk
            );
            println!(
                "ratio : vigie is {:.1}x tshark's throughput on the same file",
                t.as_secs_f64() / vigie.as_secs_f64()
            );
        }
        None => {
            println!("tshark: not available, no ratio (install it with `apt-get install tshark`)")
        }
    }
}
