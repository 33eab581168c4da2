//! Vigie's iPhone check. An iTunes/Finder backup is read in place ([`Backup`]): the device,
//! its apps, and the databases where spyware leaves traces (messages, browser history and
//! tabs, WebKit statistics, data use per process, privacy permissions, preferences) fill an
//! [`IosBackup`]; the rules turn it into findings and a verdict. Nothing in the backup is
//! written.

pub mod backup;
pub mod crypto;
mod error;
mod links;
mod manifest;
pub mod model;
pub mod modules;
mod reading;
pub mod rules;
mod sqlite;
mod storage;
pub mod synthetic;
mod times;

pub use backup::{Backup, FileRef};
pub use error::BackupError;
pub use links::links_in;
pub use model::{IosBackup, Seen, SeenKind};
pub use modules::{read_backup, read_backup_with_progress};
pub use rules::check;
pub use storage::{plist_from_bytes, BackupFiles};

vigie_core::locales!("Translation resources of the iPhone check.");
