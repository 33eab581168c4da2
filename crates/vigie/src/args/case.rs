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
