//! Which indicator feeds a command uses: those given with `--iocs`, else the station's stored ones.

use anyhow::{anyhow, Result};
use std::path::{Path, PathBuf};
use vigie_core::Catalog;
use vigie_indicators::{load_path, IndicatorSet};

/// The station's data folder: `--data-dir`, `VIGIE_DATA_DIR`, or the platform's data folder.
pub fn data_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    if let Some(p) = std::env::var_os("XDG_DATA_HOME").filter(|p| !p.is_empty()) {
        return PathBuf::from(p).join("vigie");
    }
    match std::env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".local/share/vigie"),
        None => PathBuf::from("vigie-data"),
    }
}

/// Loads the feeds given, or those stored in `<data dir>/feeds` when none is given.
/// A feed path that cannot be read is an error: the check must not silently run without it.
pub fn load(cat: &Catalog, iocs: &[PathBuf], data_dir: &Path) -> Result<IndicatorSet> {
    let mut set = IndicatorSet::new();
    if iocs.is_empty() {
        let stored = data_dir.join("feeds");
        if stored.is_dir() {
            load_path(&mut set, &stored).map_err(|e| anyhow!(cat.text(&e.message())))?;
        }
        return Ok(set);
    }
    for p in iocs {
        load_path(&mut set, p).map_err(|e| anyhow!(cat.text(&e.message())))?;
    }
    Ok(set)
}
