//! `vigie scan`'s arguments.

use super::ScanFormat;
use clap::Subcommand;
use std::path::PathBuf;

/// What `vigie scan` checks.
#[derive(Debug, Subcommand)]
pub enum ScanTarget {
    /// Check one or more capture files (pcap or pcapng, optionally gzip-compressed).
    Pcap {
        /// Capture files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Indicator feed file or folder (repeatable). Without it, the station's stored feeds.
        #[arg(long = "iocs")]
        iocs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
        /// Store the check, its findings and what it observed in case REF (created if new).
        #[arg(long = "case")]
        case: Option<String>,
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
        /// Indicator feed file or folder (repeatable). Without it, the station's stored feeds.
        #[arg(long = "iocs")]
        iocs: Vec<PathBuf>,
        /// Output format of the verdict.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
        /// Store the check, its findings and the captured traffic in case REF.
        #[arg(long = "case")]
        case: Option<String>,
    },
    /// Check an Android phone connected over USB (through the adb server), read-only:
    /// every output read is kept in the case as evidence with its SHA-256.
    Android {
        /// The device's serial number (when several are connected).
        #[arg(long)]
        serial: Option<String>,
        /// Indicator feed file or folder (repeatable). Without it, the station's stored feeds.
        #[arg(long = "iocs")]
        iocs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
        /// Store the check, its findings and the raw outputs (as evidence) in case REF.
        #[arg(long = "case")]
        case: Option<String>,
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
        /// Indicator feed file or folder (repeatable). Without it, the station's stored feeds.
        #[arg(long = "iocs")]
        iocs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
        /// Store the check, its findings and the databases read (as evidence) in case REF.
        #[arg(long = "case")]
        case: Option<String>,
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
        /// Indicator feed file or folder (repeatable). Without it, the station's stored feeds.
        #[arg(long = "iocs")]
        iocs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
        /// Store the check, and the phone's backup, in case REF.
        #[arg(long = "case")]
        case: Option<String>,
    },
    /// Check an Android dump: an androidqf acquisition, MVT-style outputs
    /// (dumpsys_package.txt, getprop.txt, ...) or a bug report; a folder or a zip, read in
    /// place.
    #[command(name = "android-dump")]
    AndroidDump {
        /// The folder or zip.
        path: PathBuf,
        /// Indicator feed file or folder (repeatable). Without it, the station's stored feeds.
        #[arg(long = "iocs")]
        iocs: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
        /// Store the check, its findings and the dump's files (as evidence) in case REF.
        #[arg(long = "case")]
        case: Option<String>,
    },
}
