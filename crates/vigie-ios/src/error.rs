//! Why a backup could not be read, in words an operator can act on.

/// Why a backup could not be read.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// The folder is not an iPhone backup.
    #[error("{0} is not an iPhone backup (no Manifest.db)")]
    NotABackup(String),
    /// The backup is encrypted and the check needs its password.
    #[error("the backup is encrypted")]
    Encrypted,
    /// The password given does not open the backup.
    #[error("the password does not open this backup")]
    WrongPassword,
    /// A file of the backup could not be read.
    #[error("{file}: {detail}")]
    Unreadable {
        /// The file.
        file: String,
        /// What went wrong.
        detail: String,
    },
}

impl BackupError {
    /// `file` could not be read, for this reason.
    pub(crate) fn unreadable(file: impl Into<String>, detail: impl ToString) -> BackupError {
        BackupError::Unreadable {
            file: file.into(),
            detail: detail.to_string(),
        }
    }
}

impl vigie_core::Localized for BackupError {
    /// The error as a translatable message.
    fn message(&self) -> vigie_core::Message {
        use vigie_core::Message;
        match self {
            BackupError::NotABackup(p) => Message::new("ios-error-not-a-backup").arg("path", p),
            BackupError::Encrypted => Message::new("ios-error-encrypted"),
            BackupError::WrongPassword => Message::new("ios-error-wrong-password"),
            BackupError::Unreadable { file, detail } => Message::new("ios-error-unreadable")
                .arg("file", file)
                .arg("detail", detail),
        }
    }
}
