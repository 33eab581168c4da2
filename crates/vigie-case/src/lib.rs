//! Vigie's case file: cases, the scans made for them, and an append-only, hash-chained audit
//! log, in one SQLite file, every row encrypted.
//!
//! Keys: a key-encryption key is derived from the administrator's passphrase with Argon2id;
//! it unwraps a random data key (rows, XChaCha20-Poly1305, with the table and row id as
//! associated data so that rows cannot be swapped) and a random lookup key (case references
//! are found through a keyed hash, never stored in clear). A stolen file reveals nothing but
//! row counts. Every change is written with its audit entry in one transaction; each entry
//! holds the SHA-256 of what it stored and the hash of the previous entry, so that
//! [`CaseStore::verify`] finds altered, removed or swapped rows and audit entries.
#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod answers;
mod audit;
mod cases;
mod chunks;
mod crypto;
mod device_backup;
mod error;
mod evidence;
mod export;
mod export_check;
mod head;
mod locker;
mod operators;
mod placement;
mod scans;
mod store;
#[cfg(test)]
mod store_tests;

pub use crypto::KdfParams;

vigie_core::locales!("Translation resources of the case file (errors, verification problems).");
pub use answers::{PersonAnswer, PersonSays, MAX_ANSWER_NOTE};
pub use audit::{AuditEntry, VerifyReport};
pub use cases::CaseSummary;
pub use chunks::ChunkWriter;
pub use device_backup::{DeviceBackupFile, DeviceBackupId, DeviceBackupInfo};
pub use error::{CaseError, CaseId};
pub use evidence::{EvidenceId, EvidenceInfo, EvidenceKind, EvidenceWriter, Withdrawal, CHUNK};
pub use export::{
    fingerprint, ExportFile, IntimateImages, Manifest, ManifestEntry, Withheld, WithheldWhy,
    MIN_SEAL_PASSPHRASE,
};
pub use export_check::{check_export, parse_fingerprint, ExportCheck};
pub use head::AuditHead;
pub use locker::{LockerDescription, LockerEntry, LockerId, LockerItem, LockerKind};
pub use operators::{hash_password, is_guessable, Operator};
pub use scans::RetroMatch;
pub use store::{passphrase_problem, Acting, CaseStore, MIN_CASE_PASSPHRASE, SPACE_RESERVE};
