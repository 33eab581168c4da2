//! Command-line arguments and commands.

use crate::{cases, feeds, render};
use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use vigie_core::Localized;
use vigie_core::{Catalog, Lang};
use vigie_net::{CaptureReader, NetScan, Observer};

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
    lang: Option<Lang>,
    /// The station's data folder (stored indicator feeds, cases).
    #[arg(long, global = true, env = "VIGIE_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// File holding the case file's passphrase (else VIGIE_PASSPHRASE, else asked).
    #[arg(long, global = true)]
    passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
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
    },
    /// Intimate images shared without consent: perceptual hashes computed locally.
    Ncii {
        #[command(subcommand)]
        action: NciiAction,
    },
    /// Check an evidence archive made by `vigie case export`, offline: its signature, and
    /// every file against its manifest (exit 0 only when everything checks).
    Verify {
        /// The archive.
        file: PathBuf,
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
        /// Indicator feed file or folder (repeatable). Without it, the station's stored feeds.
        #[arg(long = "iocs")]
        iocs: Vec<PathBuf>,
        /// Store the check, its findings and the captured traffic in case REF.
        #[arg(long = "case")]
        case: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum NciiAction {
    /// Print the PDQ hash (64 hexadecimal digits) and quality (0–100) of each image, and the
    /// MD5 of each video; the files never leave this machine, and the hashes can be given
    /// to a take-down service.
    Hash {
        /// Image files (JPEG, PNG, WebP, GIF, BMP) or videos.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
    },
    /// Add files (screenshots, photos, saved pages, message exports, videos) to the
    /// evidence locker of case REF: stored encrypted with their SHA-256, PDQ and EXIF times,
    /// apart from what is typed here.
    Add {
        /// The case (created if new).
        #[arg(long = "case")]
        case: String,
        /// The files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        described: DescribedArgs,
        /// What the files are (default: from each file).
        #[arg(long, value_parser = locker_kind)]
        kind: Option<vigie_case::LockerKind>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
    },
    /// Add a link (where the content was seen) to the evidence locker of case REF.
    #[command(name = "add-link")]
    AddLink {
        /// The case (created if new).
        #[arg(long = "case")]
        case: String,
        /// The address.
        url: String,
        #[command(flatten)]
        described: DescribedArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
    },
    /// List the evidence locker of case REF.
    List {
        /// The case.
        #[arg(long = "case")]
        case: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
    },
    /// Look in a folder (a phone dump, a USB stick, a saved page) for copies of the case's
    /// sensitive images: similar pictures by PDQ, exact copies of any file by SHA-256.
    /// Exit 1 when copies are found.
    Find {
        /// The case whose sensitive items are looked for.
        #[arg(long = "case")]
        case: String,
        /// The folder (read recursively; symbolic links are not followed).
        dir: PathBuf,
        /// Largest PDQ Hamming distance (of 256 bits) counted as a copy.
        #[arg(long, default_value_t = vigie_ncii::DEFAULT_MAX_DISTANCE, value_parser = clap::value_parser!(u32).range(0..=128))]
        max_distance: u32,
        /// Worker threads (default: one per core).
        #[arg(long)]
        threads: Option<usize>,
        /// Look for every item of the locker, not only the sensitive ones.
        #[arg(long)]
        all: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
    },
    /// Write the hash list (PDQ, MD5, SHA-256) of the case's sensitive items, to give to a
    /// take-down service: no image, name or description is in it.
    Hashes {
        /// The case.
        #[arg(long = "case")]
        case: String,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
        /// Comma-separated values instead of JSON.
        #[arg(long)]
        csv: bool,
        /// Every item of the locker, not only the sensitive ones.
        #[arg(long)]
        all: bool,
    },
}

/// What is said about locker items (every field free text).
#[derive(Debug, clap::Args)]
struct DescribedArgs {
    /// The items are intimate images: blurred in the app, never printed in reports.
    #[arg(long)]
    sensitive: bool,
    /// When it was seen or published.
    #[arg(long, default_value = "")]
    seen_at: String,
    /// Where: a platform, a site, a group.
    #[arg(long = "where", default_value = "")]
    place: String,
    /// Who posted or sent it.
    #[arg(long, default_value = "")]
    posted_by: String,
    /// The address of the content.
    #[arg(long, default_value = "")]
    link: String,
    /// A free note.
    #[arg(long, default_value = "")]
    note: String,
}

impl DescribedArgs {
    fn described(self, kind: Option<vigie_case::LockerKind>) -> crate::ncii::Described {
        crate::ncii::Described {
            kind,
            sensitive: self.sensitive,
            seen_at: self.seen_at,
            place: self.place,
            posted_by: self.posted_by,
            link: self.link,
            note: self.note,
        }
    }
}

fn locker_kind(s: &str) -> std::result::Result<vigie_case::LockerKind, String> {
    vigie_case::LockerKind::parse(s).ok_or_else(|| {
        let names: Vec<_> = vigie_case::LockerKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect();
        format!("one of {}", names.join(", "))
    })
}

/// Formats of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Printable PDF, fonts embedded.
    Pdf,
    /// One self-contained HTML page.
    Html,
}

#[derive(Debug, Subcommand)]
enum ScanTarget {
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

#[derive(Debug, Subcommand)]
enum CaseAction {
    /// The cases and how many checks each holds.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
    },
    /// One case: its checks and their verdicts.
    Show {
        /// Case reference.
        reference: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ScanFormat,
    },
    /// Check the case file: audit chain and every record (exit 0 only when all checks).
    Verify {
        /// A case that must exist (the whole file is checked).
        reference: Option<String>,
    },
    /// Delete a case and everything stored in it (the audit log keeps that it happened).
    Purge {
        /// Case reference.
        reference: String,
    },
    /// Write one archive with the case's evidence files, its report (PDF and HTML, in
    /// --lang), its chain of custody and a manifest signed with the station's key;
    /// `vigie verify` checks it anywhere, offline.
    Export {
        /// Case reference.
        reference: String,
        /// The archive to write (a tar file).
        #[arg(long)]
        out: PathBuf,
        /// Country whose helplines the report gives.
        #[arg(long, env = "VIGIE_COUNTRY", default_value = "FR")]
        country: String,
    },
}

#[derive(Debug, Subcommand)]
enum IocsAction {
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

/// Output formats of scans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// For people.
    Text,
    /// For machines.
    Json,
}

/// Sources of `iocs update`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum UpdateSource {
    /// The Echap association's feed.
    Echap,
    /// The bundles of MVT's indicator index.
    Mvt,
    /// The TAXII 2.1 servers configured in DATA_DIR/sharing.json.
    Taxii,
    /// The MISP instances configured in DATA_DIR/sharing.json.
    Misp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ObserveFormat {
    /// One JSON object per line.
    Jsonl,
    /// One line of text per observation.
    Text,
}

fn language(explicit: Option<Lang>) -> Lang {
    if let Some(l) = explicit {
        return l;
    }
    if let Some(l) = std::env::var("VIGIE_LANG")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        return l;
    }
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        if let Ok(v) = std::env::var(var) {
            if !v.is_empty() {
                return Lang::from_locale(&v);
            }
        }
    }
    Lang::Fr
}

fn catalog(lang: Lang) -> Catalog {
    Catalog::new(
        lang,
        &[
            vigie_core::LOCALES,
            vigie_net::LOCALES,
            vigie_case::LOCALES,
            vigie_live::LOCALES,
            vigie_android::LOCALES,
            vigie_report::LOCALES,
            vigie_ncii::LOCALES,
            vigie_ios::LOCALES,
            vigie_ios_device::LOCALES,
            vigie_hotspot::LOCALES,
            vigie_web::LOCALES,
            crate::render::LOCALES,
        ],
    )
}

/// A progress bar on standard error for files large enough to wait for, when stdout is a terminal.
fn progress_for(path: &std::path::Path) -> Option<ProgressBar> {
    let size = std::fs::metadata(path).ok()?.len();
    if !std::io::stdout().is_terminal() || size < 8 * 1024 * 1024 {
        return None;
    }
    let pb = ProgressBar::new(size);
    pb.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta})")
            .ok()?
            .progress_chars("=> "),
    );
    pb.set_message(
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    Some(pb)
}

/// A capture that cannot be checked, said in the operator's language.
fn capture_error(
    cat: &Catalog,
    file: &std::path::Path,
    e: &vigie_net::CaptureError,
) -> anyhow::Error {
    let head =
        cat.text(&vigie_core::Message::new("cli-capture").arg("file", file.display().to_string()));
    anyhow::anyhow!("{head} {}", cat.text(&e.message()))
}

/// Runs the command; the exit code follows the CLI contract (0 nothing high or medium, 1 found).
pub fn run(cli: Cli) -> Result<ExitCode> {
    let lang = language(cli.lang);
    let passphrase_file = cli.passphrase_file.clone();
    let cat = catalog(lang);
    let data_dir = feeds::data_dir(cli.data_dir.as_deref());
    match cli.command {
        Command::Scan {
            target:
                ScanTarget::Pcap {
                    files,
                    iocs,
                    format,
                    case,
                },
        } => {
            let set = feeds::load(&cat, &iocs, &data_dir)?;
            // Open the case file first: a wrong passphrase is said before a long scan.
            let mut store = match &case {
                Some(_) => {
                    let pass = cases::passphrase(&cat, passphrase_file.as_deref())?;
                    Some(cases::open(&cat, &data_dir, &pass, feeds::now())?)
                }
                None => None,
            };
            let started = feeds::now();
            let mut observed = std::collections::BTreeSet::new();
            let mut scan = NetScan::new(&set);
            for f in &files {
                let reader = CaptureReader::open(f).map_err(|e| capture_error(&cat, f, &e))?;
                let pb = progress_for(f);
                let counter = reader.progress_counter();
                let mut seen = 0u64;
                let mut tick = |o: &vigie_net::Observation| {
                    if store.is_some() {
                        vigie_station::observed_keys(o, &mut observed);
                    }
                    seen += 1;
                    if seen % 256 == 0 {
                        if let Some(pb) = &pb {
                            pb.set_position(counter.load(Ordering::Relaxed));
                        }
                    }
                };
                scan.scan_reader(&f.display().to_string(), reader, &mut tick);
                if let Some(pb) = pb {
                    pb.finish_and_clear();
                }
            }
            let verdict = scan.verdict();
            if let (Some(store), Some(reference)) = (store.as_mut(), case.as_deref()) {
                let verdict_json = vigie_station::verdict_value(
                    &cat,
                    &verdict,
                    scan.captures(),
                    &set,
                    scan.stats(),
                );
                let record = vigie_station::network_record(
                    started,
                    &set,
                    files
                        .iter()
                        .map(|f| (f.display().to_string(), vigie_station::file_sha256(f)))
                        .collect(),
                    verdict_json,
                    std::mem::take(&mut observed),
                );
                let now = feeds::now();
                let stored = store
                    .case(reference, now)
                    .and_then(|id| store.add_scan(id, &record, now));
                stored.map_err(|e| anyhow::anyhow!(cat.text(&e.message())))?;
                eprintln!(
                    "{}",
                    cat.text(
                        &vigie_core::Message::new("case-scan-stored").arg("reference", reference)
                    )
                );
            }
            if let Some(msg) = feeds::share_sightings(&cat, &data_dir, &verdict.findings) {
                eprintln!("{msg}");
            }
            let mut out = std::io::stdout().lock();
            match format {
                ScanFormat::Text => render::verdict_text(&mut out, &cat, &verdict)?,
                ScanFormat::Json => vigie_station::verdict_json(
                    &mut out,
                    &cat,
                    &verdict,
                    scan.captures(),
                    &set,
                    scan.stats(),
                )?,
            }
            out.flush()?;
            Ok(if verdict.needs_attention() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Scan {
            target:
                ScanTarget::Android {
                    serial,
                    iocs,
                    format,
                    case,
                },
        } => crate::android::scan_device(
            &cat,
            &data_dir,
            passphrase_file.as_deref(),
            serial.as_deref(),
            &iocs,
            format == ScanFormat::Json,
            case.as_deref(),
        ),
        Command::Scan {
            target:
                ScanTarget::AndroidDump {
                    path,
                    iocs,
                    format,
                    case,
                },
        } => crate::android::scan_dump(
            &cat,
            &data_dir,
            passphrase_file.as_deref(),
            &path,
            &iocs,
            format == ScanFormat::Json,
            case.as_deref(),
        ),
        Command::Scan {
            target:
                ScanTarget::IosBackup {
                    path,
                    password_file,
                    iocs,
                    format,
                    case,
                },
        } => crate::ios::scan_backup(
            &cat,
            &data_dir,
            passphrase_file.as_deref(),
            &path,
            password_file.as_deref(),
            &iocs,
            format == ScanFormat::Json,
            case.as_deref(),
        ),
        Command::Scan {
            target:
                ScanTarget::Ios {
                    udid,
                    password_file,
                    no_backup,
                    iocs,
                    format,
                    case,
                },
        } => crate::ios::scan_phone(
            &cat,
            &data_dir,
            passphrase_file.as_deref(),
            crate::ios::PhoneOptions {
                udid,
                password_file,
                backup: !no_backup,
                iocs,
                json: format == ScanFormat::Json,
                case,
            },
        ),
        Command::Scan {
            target:
                ScanTarget::Live {
                    interface,
                    duration,
                    iocs,
                    format,
                    case,
                },
        } => crate::live::scan_live(
            &cat,
            &data_dir,
            passphrase_file.as_deref(),
            &interface,
            std::time::Duration::from_secs(duration),
            &iocs,
            format == ScanFormat::Json,
            case.as_deref(),
        ),
        Command::Verify { file } => crate::report::verify(&cat, &file),
        Command::Ncii { action } => {
            let pf = passphrase_file.as_deref();
            match action {
                NciiAction::Hash { files, format } => {
                    crate::ncii::hash(&cat, &files, format == ScanFormat::Json)
                }
                NciiAction::Add {
                    case,
                    files,
                    described,
                    kind,
                    format,
                } => crate::ncii::add(
                    &cat,
                    &data_dir,
                    pf,
                    &case,
                    &files,
                    &described.described(kind),
                    format == ScanFormat::Json,
                ),
                NciiAction::AddLink {
                    case,
                    url,
                    mut described,
                    format,
                } => {
                    described.link = url;
                    crate::ncii::add_link(
                        &cat,
                        &data_dir,
                        pf,
                        &case,
                        &described.described(None),
                        format == ScanFormat::Json,
                    )
                }
                NciiAction::List { case, format } => {
                    crate::ncii::list(&cat, &data_dir, pf, &case, format == ScanFormat::Json)
                }
                NciiAction::Find {
                    case,
                    dir,
                    max_distance,
                    threads,
                    all,
                    format,
                } => crate::ncii::find(
                    &cat,
                    &data_dir,
                    pf,
                    &case,
                    &dir,
                    max_distance,
                    threads,
                    all,
                    format == ScanFormat::Json,
                ),
                NciiAction::Hashes {
                    case,
                    out,
                    csv,
                    all,
                } => crate::ncii::hashes(&cat, &data_dir, pf, &case, &out, csv, all),
            }
        }
        Command::Report {
            reference,
            format,
            out,
            country,
        } => crate::report::report(
            &cat,
            &data_dir,
            passphrase_file.as_deref(),
            &reference,
            format,
            &out,
            &country,
        ),
        Command::Serve {
            listen,
            allow_remote,
            retention_days,
        } => crate::serve::serve(
            &cat,
            &data_dir,
            passphrase_file.as_deref(),
            listen,
            allow_remote,
            retention_days,
        ),
        Command::Hotspot {
            interface,
            uplink,
            duration,
            iocs,
            case,
        } => {
            let config = vigie_hotspot::HotspotConfig::random(&interface, uplink.as_deref());
            let hotspot = vigie_hotspot::Hotspot::start(config, &data_dir.join("run"))
                .map_err(|e| anyhow::anyhow!(cat.text(&e.message())))?;
            let c = hotspot.config();
            if hotspot.runs_wifi() {
                eprintln!(
                    "{}",
                    cat.text(
                        &vigie_core::Message::new("hotspot-join")
                            .arg("ssid", &c.ssid)
                            .arg("password", &c.password)
                    )
                );
                eprintln!("{}", c.qr_text());
            } else {
                eprintln!(
                    "{}",
                    cat.text(
                        &vigie_core::Message::new("hotspot-external-ap")
                            .arg("interface", &c.interface)
                            .arg("address", c.address.to_string())
                    )
                );
            }
            if c.uplink.is_none() {
                eprintln!("{}", cat.key("hotspot-captive"));
            }
            let result = crate::live::scan_live(
                &cat,
                &data_dir,
                passphrase_file.as_deref(),
                &interface,
                std::time::Duration::from_secs(duration),
                &iocs,
                false,
                case.as_deref(),
            );
            hotspot.stop();
            eprintln!("{}", cat.key("hotspot-stopped"));
            result
        }
        Command::Observe { file, format } => {
            let mut reader =
                CaptureReader::open(&file).map_err(|e| capture_error(&cat, &file, &e))?;
            let mut observer = Observer::new();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let mut failed: Option<std::io::Error> = None;
            let mut sink = |o: vigie_net::Observation| {
                if failed.is_some() {
                    return;
                }
                let r = match format {
                    ObserveFormat::Jsonl => serde_json::to_writer(&mut out, &o)
                        .map_err(std::io::Error::from)
                        .and_then(|_| out.write_all(b"\n")),
                    ObserveFormat::Text => render::observation_line(&mut out, &o),
                };
                if let Err(e) = r {
                    failed = Some(e);
                }
            };
            let mut stopped = None;
            loop {
                match reader.next_packet() {
                    Ok(Some(p)) => observer.push(&p, &mut sink),
                    Ok(None) => break,
                    Err(e) => {
                        stopped = Some(e);
                        break;
                    }
                }
            }
            observer.finish(&mut sink);
            if let Some(e) = failed {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
            out.flush().ok();
            if let Some(e) = stopped {
                eprintln!("vigie: {}: {}", file.display(), cat.text(&e.message()));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Iocs {
            action: IocsAction::Import { paths, allow_fewer },
        } => {
            let store = vigie_indicators::FeedStore::new(&feeds::store_dir(&data_dir));
            let pins = feeds::sharing(&cat, &data_dir)?.pins(&cat)?;
            let now = feeds::now();
            let mut out = std::io::stdout().lock();
            let mut failed = false;
            for p in &paths {
                match store.import(p, now, allow_fewer, &pins) {
                    Ok(results) => {
                        for (id, r) in results {
                            failed |= r.is_err();
                            render::import_line(&mut out, &cat, &id, &r)?;
                        }
                    }
                    Err(e) => {
                        failed = true;
                        writeln!(out, "✗ {}", cat.text(&e.message()))?;
                    }
                }
            }
            for line in cases::retro_check(&cat, &data_dir, passphrase_file.as_deref())? {
                writeln!(out, "{line}")?;
            }
            Ok(if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Iocs {
            action:
                IocsAction::Update {
                    echap_base,
                    mvt_index,
                    github_raw,
                    github_api,
                    timeout,
                    retries,
                    allow_fewer,
                    sources,
                },
        } => {
            let store = vigie_indicators::FeedStore::new(&feeds::store_dir(&data_dir));
            let cfg = vigie_feeds::UpdateConfig {
                echap_base,
                mvt_index,
                github_raw,
                github_api: Some(github_api),
                echap_repo: vigie_feeds::UpdateConfig::default().echap_repo,
                timeout: std::time::Duration::from_secs(timeout.max(1)),
                retries,
                backoff: std::time::Duration::from_millis(500),
                allow_fewer,
                pins: feeds::sharing(&cat, &data_dir)?.pins(&cat)?,
            };
            let now = feeds::now();
            let want = |s: UpdateSource| sources.contains(&s);
            let mut outcomes = vigie_feeds::update(
                &store,
                &cfg,
                now,
                want(UpdateSource::Echap),
                want(UpdateSource::Mvt),
            );
            let sharing = feeds::sharing(&cat, &data_dir)?;
            if want(UpdateSource::Taxii) {
                for server in &sharing.taxii {
                    let client = vigie_feeds::taxii::TaxiiClient::new(
                        &server.discovery,
                        server.auth(),
                        cfg.timeout,
                    );
                    for (id, pulled) in vigie_feeds::taxii::pull(&store, &client, now) {
                        outcomes.push((id, pulled.into()));
                    }
                }
            }
            if want(UpdateSource::Misp) {
                for server in &sharing.misp {
                    let client =
                        vigie_feeds::misp::MispClient::new(&server.url, &server.key, cfg.timeout);
                    outcomes.extend(vigie_feeds::misp::pull(&store, &client, now));
                }
            }
            let mut out = std::io::stdout().lock();
            let mut failed = false;
            for (id, outcome) in &outcomes {
                failed |= !outcome.is_stored();
                match outcome {
                    vigie_feeds::Outcome::Stored(f) => {
                        render::import_line(&mut out, &cat, id, &Ok(f.clone()))?
                    }
                    vigie_feeds::Outcome::Unchanged => {
                        let m = vigie_core::Message::new("update-unchanged").arg("id", id);
                        writeln!(out, "= {}", cat.text(&m))?
                    }
                    other => {
                        let m = other.failure_message().unwrap_or_default();
                        writeln!(out, "✗ {}", cat.text(&m))?;
                    }
                }
            }
            if failed {
                writeln!(out, "{}", cat.key("update-kept"))?;
            }
            for line in cases::retro_check(&cat, &data_dir, passphrase_file.as_deref())? {
                writeln!(out, "{line}")?;
            }
            Ok(if failed {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Iocs {
            action: IocsAction::List { format },
        } => {
            let store = vigie_indicators::FeedStore::new(&feeds::store_dir(&data_dir));
            let list = store
                .list()
                .map_err(|e| anyhow::anyhow!(cat.text(&e.message())))?;
            let mut out = std::io::stdout().lock();
            match format {
                ScanFormat::Text => render::feeds_text(&mut out, &cat, &list, feeds::now())?,
                ScanFormat::Json => render::feeds_json(&mut out, &list, feeds::now())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Case { action } => {
            let pass = cases::passphrase(&cat, passphrase_file.as_deref())?;
            let mut store = cases::open(&cat, &data_dir, &pass, feeds::now())?;
            let fail = |e: vigie_case::CaseError| anyhow::anyhow!(cat.text(&e.message()));
            let mut out = std::io::stdout().lock();
            match action {
                CaseAction::List { format } => {
                    let list = store.cases().map_err(fail)?;
                    render::cases_list(&mut out, &cat, &list, format == ScanFormat::Json)?;
                    Ok(ExitCode::SUCCESS)
                }
                CaseAction::Show { reference, format } => {
                    let id = store.find(&reference).map_err(fail)?;
                    let scans = store.scans(id).map_err(fail)?;
                    let retro = store.retro_matches(id).map_err(fail)?;
                    render::case_show(
                        &mut out,
                        &cat,
                        &reference,
                        &scans,
                        &retro,
                        format == ScanFormat::Json,
                    )?;
                    Ok(ExitCode::SUCCESS)
                }
                CaseAction::Verify { reference } => {
                    if let Some(r) = &reference {
                        store.find(r).map_err(fail)?;
                    }
                    let report = store.verify().map_err(fail)?;
                    render::verify_report(&mut out, &cat, &report)?;
                    Ok(if report.problems.is_empty() {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    })
                }
                CaseAction::Export {
                    reference,
                    out: path,
                    country,
                } => {
                    crate::report::export(&cat, &data_dir, &mut store, &reference, &path, &country)
                }
                CaseAction::Purge { reference } => {
                    store.purge(&reference, feeds::now()).map_err(fail)?;
                    writeln!(
                        out,
                        "{}",
                        cat.text(
                            &vigie_core::Message::new("case-purged").arg("reference", &reference)
                        )
                    )?;
                    Ok(ExitCode::SUCCESS)
                }
            }
        }
        Command::Iocs {
            action: IocsAction::Check { paths, format },
        } => {
            let mut set = vigie_indicators::IndicatorSet::new();
            let mut failures = vec![];
            for p in &paths {
                if let Err(e) = vigie_indicators::load_path(&mut set, p) {
                    failures.push(cat.text(&e.message()));
                }
            }
            let mut out = std::io::stdout().lock();
            match format {
                ScanFormat::Text => render::iocs_text(&mut out, &cat, &set, &failures)?,
                ScanFormat::Json => render::iocs_json(&mut out, &set, &failures)?,
            }
            Ok(if failures.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
    }
}
