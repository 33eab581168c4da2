//! `vigie ncii`'s arguments.

use super::ScanFormat;
use clap::Subcommand;
use std::path::PathBuf;

/// What `vigie ncii` does.
#[derive(Debug, Subcommand)]
pub enum NciiAction {
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
pub struct DescribedArgs {
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
    pub link: String,
    /// A free note.
    #[arg(long, default_value = "")]
    note: String,
}

impl DescribedArgs {
    pub fn described(self, kind: Option<vigie_case::LockerKind>) -> crate::ncii::Described {
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
