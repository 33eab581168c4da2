//! Why the case file could not be used, and the id of a case.

use vigie_core::Message;

/// Why the case file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// The database could not be read or written.
    #[error("case file: {0}")]
    Db(#[from] rusqlite::Error),
    /// The passphrase does not open this case file.
    #[error("the passphrase does not open this case file")]
    WrongPassphrase,
    /// The file's own records are damaged beyond use.
    #[error("the case file is damaged: {0}")]
    Damaged(String),
    /// No case with this reference.
    #[error("no case {0}")]
    NoCase(String),
    /// The case is closed: nothing is added to it until an administrator reopens it.
    #[error("case {0} is closed")]
    Closed(String),
    /// No evidence item with this id.
    #[error("no evidence item {0}")]
    NoEvidence(i64),
    /// No stored check with this id.
    #[error("no check {0}")]
    NoScan(i64),
    /// No locker item with this id.
    #[error("no locker item {0}")]
    NoLockerItem(i64),
    /// An operator with this name exists already.
    #[error("operator {0} exists already")]
    OperatorExists(String),
    /// The case file cannot be used any more by this process: a check that was writing to
    /// it stopped abnormally (what it had committed is kept).
    #[error("the case file is unavailable: a check writing to it stopped abnormally")]
    Unavailable,
    /// The case file is not open yet: its passphrase has not been given.
    #[error("the case file is locked: its passphrase has not been given yet")]
    Locked,
    /// An evidence item is withdrawn only with a reason.
    #[error("a reason is needed to withdraw an evidence item")]
    NoReason,
    /// A record could not be encrypted (nothing was written in its place).
    #[error("a record could not be encrypted")]
    Seal,
    /// The key-derivation settings stored in the file are outside what Vigie ever writes
    /// (a file altered to make every opening take gigabytes).
    #[error("the case file's key settings are out of bounds")]
    KdfOutOfBounds,
    /// A new case file's passphrase is too short.
    #[error("a case file's passphrase has at least {0} characters")]
    ShortPassphrase(usize),
    /// A new case file's passphrase would fall to the first guesses.
    #[error("the passphrase is too easy to guess")]
    GuessablePassphrase,
    /// Reading what was to be stored failed.
    #[error("reading: {0}")]
    Io(String),
    /// The disk holding the case file is nearly full: writing stopped to keep room for
    /// recording what is already stored.
    #[error("the disk holding the case file is nearly full ({free_mb} MB left)")]
    DiskFull {
        /// Free space left, in megabytes.
        free_mb: u64,
    },
}

impl vigie_core::Localized for CaseError {
    /// The error as a translatable message.
    fn message(&self) -> vigie_core::Message {
        match self {
            CaseError::Db(e) => Message::new("case-error-db").arg("detail", e.to_string()),
            CaseError::WrongPassphrase => Message::new("case-error-passphrase"),
            CaseError::Damaged(d) => Message::new("case-error-damaged").arg("detail", d),
            CaseError::NoCase(r) => Message::new("case-error-no-case").arg("reference", r),
            CaseError::Closed(r) => Message::new("case-error-closed").arg("reference", r),
            CaseError::NoEvidence(id) => {
                Message::new("case-error-no-evidence").arg("id", id.to_string())
            }
            CaseError::NoScan(id) => Message::new("case-error-no-scan").arg("id", id.to_string()),
            CaseError::NoLockerItem(id) => {
                Message::new("case-error-no-locker-item").arg("id", id.to_string())
            }
            CaseError::OperatorExists(n) => {
                Message::new("case-error-operator-exists").arg("name", n)
            }
            CaseError::Unavailable => Message::new("case-error-unavailable"),
            CaseError::Locked => Message::new("case-error-locked"),
            CaseError::NoReason => Message::new("case-error-no-reason"),
            CaseError::Io(d) => Message::new("case-error-io").arg("detail", d),
            CaseError::Seal => Message::new("case-error-seal"),
            CaseError::GuessablePassphrase => Message::new("case-error-guessable-passphrase"),
            CaseError::KdfOutOfBounds => Message::new("case-error-kdf-bounds"),
            CaseError::ShortPassphrase(min) => {
                Message::new("case-error-short-passphrase").arg("min", min.to_string())
            }
            CaseError::DiskFull { free_mb } => {
                Message::new("case-error-disk-full").arg("free", free_mb.to_string())
            }
        }
    }
}

/// A case's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CaseId(pub i64);
