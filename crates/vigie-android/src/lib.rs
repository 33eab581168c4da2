#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]
//! Vigie's Android check.
//!
//! An acquisition fills an [`AndroidDevice`] with what it observed and the raw outputs it
//! came from: [`acquire`] reads a phone over ADB (read-only, through an [`AdbClient`]), or
//! [`load_dump`] reads an androidqf, MVT or bug-report dump. The [`parse`] module holds the
//! parsers of each output. Then [`check`] runs the rules on the device against the feeds and
//! returns the findings and a verdict, with what was and was not checked. Nothing here writes
//! to the device.

mod acquire;
mod adb;
mod apk;
mod dump;
mod model;
pub mod parse;
mod rules;

pub use acquire::{acquire, Acquisition};
pub use adb::{server_address, AdbClient, AdbError};
pub use apk::{fingerprints, signing_certificates, test_apk, ApkError};
pub use dump::{apply_dumpsys, apply_settings, load_dump, DumpError};
pub use model::{AndroidDevice, AppOpUse, Crash, Package, Process, RawOutput};
pub use parse::DeviceEntry;
pub use rules::check;

vigie_core::locales!("Translation resources of the Android check.");
