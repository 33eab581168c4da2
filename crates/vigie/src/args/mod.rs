//! The command line's arguments: every command, its options and their help.

mod case;
mod iocs;
mod ncii;
mod scan;

pub use case::{CaseAction, IntimateChoice};
pub use iocs::{IocsAction, UpdateSource};
pub use ncii::NciiAction;
pub use scan::{CheckArgs, ScanTarget};

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use vigie_core::Lang;

/// Vigie — stalkerware detection station.
#[derive(Debug, Parser)]
#[command(
    name = "vigie",
    version,
    about = "Vigie — stalkerware detection station / station de détection de logiciels espions"
)]
pub struct Cli {
    /// Language of messages: fr or en (default: from VIGIE_LANG, then the system locale).
    #[arg(long, global = true)]
    pub lang: Option<Lang>,
    /// The station's data folder (stored indicator feeds, cases).
    #[arg(long, global = true, env = "VIGIE_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// File holding the case file's passphrase (else VIGIE_PASSPHRASE, else asked).
    #[arg(long, global = true)]
    pub passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// Vigie's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check captured traffic, or a device, for stalkerware.
    Scan {
        #[command(subcommand)]
        target: ScanTarget,
    },
    /// Print what was observed in a capture (names, handshakes, certificates, flows).
    Observe {
        /// Capture file (pcap or pcapng, optionally gzip-compressed).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: ObserveFormat,
    },
    /// Indicator feeds.
    Iocs {
        #[command(subcommand)]
        action: IocsAction,
    },
    /// The case file: cases, the checks stored in them, and the audit log.
    Case {
        #[command(subcommand)]
        action: CaseAction,
    },
    /// Write the report of a case (or of one check, by its number) as PDF or HTML, in
    /// French or English (--lang); the report is also kept in the case as evidence.
    Report {
        /// A case reference, or the number of one check.
        reference: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "pdf")]
        format: ReportFormat,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        /// Country whose helplines the next steps give (FR, BE, ...).
        #[arg(long, env = "VIGIE_COUNTRY", default_value = "FR")]
        country: String,
        /// Whom it is for: the technical report for police and justice, or a short plain
        /// summary for the person.
        #[arg(long = "for", value_enum, default_value = "police")]
        audience: ReportAudience,
    },
    /// Intimate images shared without consent: perceptual hashes computed locally.
    Ncii {
        #[command(subcommand)]
        action: NciiAction,
    },
    /// Check an evidence archive made by `vigie case export`, offline: its signature, and
    /// every file against its manifest (exit 0 only when everything checks). Who signed is
    /// proven only with --key: the station's fingerprint, as `vigie case key` shows it.
    Verify {
        /// The archive.
        file: PathBuf,
        /// The fingerprint of the station that must have signed it (64 hex digits; spaces
        /// and colons are ignored).
        #[arg(long)]
        key: Option<String>,
    },
    /// Check this box: Wi-Fi adapter for the hotspot, regulatory country, the tools each
    /// check needs, free disk, the clock, the feeds' age, the case file (exit 0 when every
    /// check can run, 1 when something is missing, 2 on error). Changes nothing.
    Doctor {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
    },
    /// Start the station app (a local web app for operators).
    Serve {
        /// Address and port to listen on (loopback unless --allow-remote).
        #[arg(long, default_value = "127.0.0.1:8470")]
        listen: std::net::SocketAddr,
        /// Accept listening on a non-loopback address (the app is then reachable from the network).
        #[arg(long)]
        allow_remote: bool,
        /// Raw captures of live checks are deleted after this many days unless kept as evidence.
        #[arg(long, default_value_t = 30)]
        retention_days: u32,
    },
    /// Open a Wi-Fi hotspot (hostapd, dnsmasq) with a random name and password shown as a QR
    /// code, check the traffic of the phone that joins it, and restore the machine after.
    Hotspot {
        /// Wi-Fi interface that becomes the access point (or a wired interface with an
        /// external access point plugged in).
        #[arg(long)]
        interface: String,
        /// Interface towards the internet (NAT); without it, captive mode.
        #[arg(long)]
        uplink: Option<String>,
        /// End the check after this many seconds (default: 15 minutes).
        #[arg(long, default_value_t = 900)]
        duration: u64,
        /// Feeds, output format, and the case that keeps the check and the captured traffic.
        #[command(flatten)]
        check: CheckArgs,
    },
}

/// Formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Printable PDF, fonts embedded.
    Pdf,
    /// One self-contained HTML page.
    Html,
}

/// Whom a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportAudience {
    /// The technical report for police and justice.
    Police,
    /// A short plain summary for the person checked.
    Person,
}

/// Output formats of scans and listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// For people.
    Text,
    /// For machines.
    Json,
}

/// Output formats of `vigie observe`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ObserveFormat {
    /// One JSON object per line.
    Jsonl,
    /// One line of text per observation.
    Text,
}
