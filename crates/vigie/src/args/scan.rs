//! `vigie scan`'s arguments.

use super::ScanFormat;
use clap::Subcommand;
use std::path::PathBuf;

/// What every check takes: the feeds, the output format, and the case to keep it in.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Indicator feed file or folder (repeatable). Without it, the station's stored feeds.
    #[arg(long = "iocs")]
    pub iocs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ScanFormat,
    /// Store the check, its findings and what it read (as evidence) in case REF (created
    /// if new).
    #[arg(long = "case")]
    pub case: Option<String>,
}

impl CheckArgs {
    /// Whether the verdict is printed for machines.
    pub fn json(&self) -> bool {
        self.format == ScanFormat::Json
    }
}

/// What `vigie scan` checks.
#[derive(Debug, Subcommand)]
pub enum ScanTarget {
    /// Check one or more capture files (pcap or pcapng, optionally gzip-compressed).
    Pcap {
        /// Capture files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        check: CheckArgs,
    },
    /// Check the traffic of a network interface as it flows (e.g. the hotspot's Wi-Fi
    /// interface). Findings are printed as they appear; Ctrl-C ends the check.
    Live {
        /// Network interface to capture on.
        #[arg(long)]
        interface: String,
        /// End the check after this many seconds (default: 15 minutes).
        #[arg(long, default_value_t = 900)]
        duration: u64,
        #[command(flatten)]
        check: CheckArgs,
    },
    /// Check an Android phone connected over USB (through the adb server), read-only:
    /// every output read is kept in the case as evidence with its SHA-256.
    Android {
        /// The device's serial number (when several are connected).
        #[arg(long)]
        serial: Option<String>,
        #[command(flatten)]
        check: CheckArgs,
    },
    /// Check an iPhone backup made by Finder or iTunes, read in place (nothing in it is
    /// changed): apps, messages, browsing, data use, permissions and settings.
    #[command(name = "ios-backup")]
    IosBackup {
        /// The backup folder (it holds Manifest.db and Info.plist).
        path: PathBuf,
        /// File holding the backup's password, for an encrypted backup.
        #[arg(long)]
        password_file: Option<PathBuf>,
        #[command(flatten)]
        check: CheckArgs,
    },
    /// Check the iPhone or iPad connected by cable (through usbmuxd): pairing asks the person
    /// on the phone; its apps and profiles are listed and, with a case, a fresh backup is
    /// received into the case file and checked. Nothing on the phone is changed.
    #[command(name = "ios")]
    Ios {
        /// The phone's UDID, when several are connected.
        #[arg(long)]
        udid: Option<String>,
        /// File holding the password the phone's backups are encrypted with, if it has one.
        #[arg(long)]
        password_file: Option<PathBuf>,
        /// List apps and profiles only: no backup (no case needed).
        #[arg(long)]
        no_backup: bool,
        #[command(flatten)]
        check: CheckArgs,
    },
    /// Check an Android dump: an androidqf acquisition, MVT-style outputs
    /// (dumpsys_package.txt, getprop.txt, ...) or a bug report; a folder or a zip, read in
    /// place.
    #[command(name = "android-dump")]
    AndroidDump {
        /// The folder or zip.
        path: PathBuf,
        #[command(flatten)]
        check: CheckArgs,
    },
}
