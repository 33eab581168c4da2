//! Where the tests find the project's shared test material, `../shared/data` beside the
//! repository (or `VIGIE_SHARED_DATA`): one file, included by each crate's tests with
//! `#[path = "…/testing/shared_data.rs"] mod shared_data;`.

use std::path::PathBuf;

/// `../shared/data`, or `None` (with a message saying the test is skipped) where it is absent.
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
