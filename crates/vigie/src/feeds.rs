//! Which indicator feeds a command uses: those given with `--iocs`, else the station's stored ones.

use anyhow::{anyhow, Result};
use std::path::{Path, PathBuf};
use vigie_core::Catalog;
use vigie_core::Timestamp;
use vigie_indicators::{load_path, FeedStore, IndicatorSet};

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

/// Where the station keeps its feeds.
pub fn store_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("feeds")
}

/// The current time, for feed retrieval dates and ages.
pub fn now() -> Timestamp {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    Timestamp::from_secs_nanos(
        i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        d.subsec_nanos(),
    )
}

/// Loads the feeds given, or the station's stored feeds (each checked against its SHA-256)
/// when none is given. A feed that cannot be read is an error: the check must not silently
/// run without it.
pub fn load(cat: &Catalog, iocs: &[PathBuf], data_dir: &Path) -> Result<IndicatorSet> {
    if iocs.is_empty() {
        return FeedStore::new(&store_dir(data_dir))
            .load()
            .map_err(|e| anyhow!(cat.text(&e.message())));
    }
    let mut set = IndicatorSet::new();
    for p in iocs {
        load_path(&mut set, p).map_err(|e| anyhow!(cat.text(&e.message())))?;
    }
    Ok(set)
}
