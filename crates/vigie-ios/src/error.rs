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
    /// A file of the backup nests arrays and dictionaries deeper than is read.
    #[error("{file}: nested more than {levels} levels deep, not read")]
    TooDeep {
        /// The file.
        file: String,
        /// The deepest nesting read.
        levels: usize,
    },
    /// A file or folder of the backup is a symbolic link: a backup is read only from
    /// inside its folder.
    #[error("{file} is a symbolic link, not followed")]
    Link {
        /// The link.
        file: String,
    },
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

    /// `file` is a plist that could not be read, for this reason.
    pub(crate) fn plist(file: impl Into<String>, problem: PlistError) -> BackupError {
        match problem {
            PlistError::TooDeep(levels) => BackupError::TooDeep {
                file: file.into(),
                levels,
            },
            PlistError::Malformed(detail) => BackupError::unreadable(file, detail),
        }
    }
}

/// Why a plist could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PlistError {
    /// Arrays and dictionaries nested deeper than this many levels.
    #[error("nested more than {0} levels deep")]
    TooDeep(usize),
    /// Not a plist, or a damaged one.
    #[error("{0}")]
    Malformed(String),
}

impl vigie_core::Localized for BackupError {
    /// The error as a translatable message.
    fn message(&self) -> vigie_core::Message {
        use vigie_core::Message;
        match self {
            BackupError::NotABackup(p) => Message::new("ios-error-not-a-backup").arg("path", p),
            BackupError::Encrypted => Message::new("ios-error-encrypted"),
            BackupError::WrongPassword => Message::new("ios-error-wrong-password"),
            BackupError::TooDeep { file, levels } => Message::new("ios-error-too-deep")
                .arg("file", file)
                .arg("levels", levels.to_string()),
            BackupError::Link { file } => Message::new("ios-error-link").arg("file", file),
            BackupError::Unreadable { file, detail } => Message::new("ios-error-unreadable")
                .arg("file", file)
                .arg("detail", detail),
        }
    }
}
