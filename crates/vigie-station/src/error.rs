//! Why a check run by the station could not finish: each engine's own error, said in the
//! operator's language.

use vigie_core::{Localized, Message};

/// Why a check stopped.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// The case file said no (what was stored before is kept).
    #[error(transparent)]
    Case(#[from] vigie_case::CaseError),
    /// The Android phone could not be read (what was read is kept).
    #[error(transparent)]
    Adb(#[from] vigie_android::AdbError),
    /// The Android dump could not be read.
    #[error(transparent)]
    Dump(#[from] vigie_android::DumpError),
    /// The iPhone backup could not be read.
    #[error(transparent)]
    Backup(#[from] vigie_ios::BackupError),
    /// The connected iPhone could not be read.
    #[error(transparent)]
    Device(#[from] vigie_ios_device::DeviceError),
    /// A file of a dump could not be kept as evidence.
    #[error("{path}: {detail}")]
    Unreadable {
        /// The file.
        path: String,
        /// Why.
        detail: String,
    },
    /// A backup of the connected phone was asked without a case to keep it in.
    #[error("a phone's backup is kept in a case: name one")]
    BackupNeedsCase,
}

impl Localized for CheckError {
    fn message(&self) -> Message {
        match self {
            CheckError::Case(e) => e.message(),
            CheckError::Adb(e) => e.message(),
            CheckError::Dump(e) => e.message(),
            CheckError::Backup(e) => e.message(),
            CheckError::Device(e) => e.message(),
            CheckError::Unreadable { path, detail } => Message::new("station-error-unreadable")
                .arg("path", path)
                .arg("detail", detail),
            CheckError::BackupNeedsCase => Message::new("iosdev-backup-needs-case"),
        }
    }
}
