//! `vigie iocs`'s arguments.

use super::ScanFormat;
use clap::{Subcommand, ValueEnum};
use std::path::PathBuf;

/// What `vigie iocs` does.
#[derive(Debug, Subcommand)]
pub enum IocsAction {
    /// Store feed files or folders in the station (offline update, e.g. from a USB stick).
    /// A version that does not load, is empty or holds fewer indicators is refused and the
    /// stored one kept.
    Import {
        /// Feed files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Accept a version with fewer indicators than the stored one.
        #[arg(long)]
        allow_fewer: bool,
    },
    /// Download the Echap feed and every bundle of MVT's indicator index into the station.
    /// A download that fails, is damaged or holds fewer indicators keeps the stored version.
    Update {
        /// Base address of the Echap feed files.
        #[arg(long, default_value_t = vigie_feeds::UpdateConfig::default().echap_base)]
        echap_base: String,
        /// Address of MVT's indicators.yaml index.
        #[arg(long, default_value_t = vigie_feeds::UpdateConfig::default().mvt_index)]
        mvt_index: String,
        /// Base address of files in GitHub repositories.
        #[arg(long, default_value_t = vigie_feeds::UpdateConfig::default().github_raw)]
        github_raw: String,
        /// Base address of the GitHub API (each repository's commit is recorded with its feeds).
        #[arg(long, default_value = "https://api.github.com")]
        github_api: String,
        /// Seconds allowed for each download.
        #[arg(long, default_value_t = 60)]
        timeout: u64,
        /// Further attempts after a failed download.
        #[arg(long, default_value_t = 2)]
        retries: u32,
        /// Accept versions with fewer indicators than the stored ones.
        #[arg(long)]
        allow_fewer: bool,
        /// Which sources to update: echap, mvt, taxii, misp (the servers of DATA_DIR/sharing.json).
        #[arg(long, value_delimiter = ',', default_value = "echap,mvt,taxii,misp")]
        sources: Vec<UpdateSource>,
    },
    /// Show the stored feeds, their age and version; warn about feeds older than 30 days.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
    },
    /// Load feeds and print what they hold, per kind and source, and what could not be used.
    Check {
        /// Feed files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
    },
}

/// Sources of `iocs update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UpdateSource {
    /// The Echap association's feed.
    Echap,
    /// The bundles of MVT's indicator index.
    Mvt,
    /// The TAXII 2.1 servers configured in DATA_DIR/sharing.json.
    Taxii,
    /// The MISP instances configured in DATA_DIR/sharing.json.
    Misp,
}
