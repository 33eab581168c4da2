//! `vigie case`'s arguments.

use super::ScanFormat;
use clap::Subcommand;
use std::path::PathBuf;

/// What `vigie case` does.
#[derive(Debug, Subcommand)]
pub enum CaseAction {
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
    /// Print the fingerprint of the station's signing key: give it to whoever receives an
    /// export, who checks it with `vigie verify FILE --key FINGERPRINT`.
    Key,
    /// Change the case file's passphrase (the new one from --new-passphrase-file, else typed
    /// twice on the terminal); the old one opens nothing afterwards.
    Passphrase {
        /// File holding the new passphrase.
        #[arg(long)]
        new_passphrase_file: Option<PathBuf>,
    },
    /// Close a case: it stays readable, and no new check is added to it.
    Close {
        /// Case reference.
        reference: String,
    },
    /// Reopen a closed case.
    Reopen {
        /// Case reference.
        reference: String,
    },
    /// Withdraw an evidence file added by mistake: it stays in the case file and its custody
    /// log, named as withdrawn by you with the reason, and exports leave it out.
    Withdraw {
        /// Case reference.
        reference: String,
        /// The evidence file's number (as `vigie case show` lists it).
        evidence: i64,
        /// Why it is withdrawn (required).
        #[arg(long)]
        reason: String,
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
        /// The intimate images of the case's locker: left out (their SHA-256 listed in the
        /// manifest), or sealed with a passphrase (`VIGIE_SEAL_PASSPHRASE`, else asked twice
        /// on the terminal) as age files.
        #[arg(long, value_enum, default_value = "leave-out")]
        intimate_images: IntimateChoice,
    },
}

/// What `vigie case export` does with intimate images.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum IntimateChoice {
    /// Left out of the archive.
    LeaveOut,
    /// Sealed with a passphrase.
    Seal,
}
