//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// `../shared/data`, or `None` (with a message) where it is absent.
pub fn shared() -> Option<PathBuf> {
    let p = std::env::var_os("VIGIE_SHARED_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"));
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!(
            "SKIPPED: shared test data not found at {} (set VIGIE_SHARED_DATA)",
            p.display()
        );
        None
    }
}

/// Every capture file under `dir`, sorted.
pub fn captures(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable folder").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().contains(".pcap") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
