//! Vigie's iPhone check. An iTunes/Finder backup is opened in place ([`Backup`]): plain, or
//! encrypted (its keybag unlocked with the password, every file decrypted in memory only);
//! nothing in it is written. [`read_backup`] reads the device's facts and the manifest's
//! entries, then runs each module of the table — the databases and plists MVT's
//! `check-backup` reads (messages, browser histories and tabs, WebKit statistics, data use
//! per process, privacy permissions, profiles, preferences) and the facts that matter when a
//! partner may be watching (location access, paired watches and devices, profile events,
//! shortcuts that send) — into an [`IosBackup`]. [`check`] turns it into findings, raised
//! into a [`vigie_core::FindingSet`], and a verdict. [`synthetic`] writes backups as iOS
//! does, for tests and benchmarks.
#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod backup;
mod crypto;
mod error;
mod links;
mod manifest;
mod model;
mod modules;
mod reading;
mod rules;
mod sqlite;
mod storage;
pub mod synthetic;
mod times;

pub use backup::{Backup, FileRef};
pub use crypto::{parse_keybag, Keybag, KeybagError};
pub use error::{BackupError, PlistError};
pub use links::links_in;
pub use model::{
    Account, ExploitTrace, IosBackup, LiveRead, LocationAccess, LocationClient, MissingProcess,
    ModuleRun, OutsideStoreApp, PairedDevice, PairedKind, PrivacyGrant, Profile, ProfileEvent,
    Seen, SeenKind, SendingShortcut,
};
pub use modules::{read_backup, read_backup_with_progress, STEPS};
pub use rules::check;
pub use storage::{plist_from_bytes, BackupFiles, MAX_PLIST_DEPTH};

vigie_core::locales!("Translation resources of the iPhone check.");
