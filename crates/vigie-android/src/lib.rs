//! Vigie's Android check. An acquisition (over ADB, or from an androidqf or MVT dump folder)
//! fills an [`AndroidDevice`] with what it observed and the raw outputs it came from; the
//! rules turn it into findings and a verdict. Nothing here writes to the device.

pub mod adb;
pub mod apk;
pub mod dump;
pub mod model;
pub mod parse;
pub mod rules;

pub use adb::{acquire, server_address, Acquisition, AdbClient, AdbError};
pub use dump::{load_dump, DumpError};
pub use model::{AndroidDevice, AppOpUse, Package, Process, RawOutput};
pub use rules::check;

vigie_core::locales!("Translation resources of the Android check.");
