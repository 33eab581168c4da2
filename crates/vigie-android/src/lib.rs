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

use vigie_core::{Lang, LocaleResource};

/// Translation resources of the Android check.
pub const LOCALES: &[LocaleResource] = &[
    LocaleResource {
        lang: Lang::En,
        source: include_str!("../locales/en.ftl"),
    },
    LocaleResource {
        lang: Lang::Fr,
        source: include_str!("../locales/fr.ftl"),
    },
];
