//! Vigie's checks as the station runs them, shared by the command line and the app.
//!
//! Every check goes the same way: its source is read (capture files or an interface, an
//! Android phone or dump, an iPhone backup or the connected iPhone), what was read is kept in
//! the case as evidence, the engine's rules give a verdict, and the finished check
//! ([`Check`]) becomes one typed [`ScanRecord`] stored in the case. Pages, reports, the
//! command line and retro-checks read that record back ([`stored_checks`]) and show it in
//! their reader's language ([`VerdictDocument`] for machines). Long checks run on their own
//! thread with their progress ([`Running`]).
#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod android;
mod captures;
mod check;
mod doctor;
mod document;
mod error;
mod ios;
mod ios_device;
mod joined;
mod legacy;
mod live;
mod locker;
mod makers;
mod media;
mod record;
mod retro;
mod runner;
mod stored;
mod target;

pub use android::{android_devices, check_android_dump, check_android_phone};
pub use captures::{file_sha256, CaptureCheck};
pub use check::{AndroidResult, Check, IosResult, NetworkResult};
pub use doctor::{diagnose, radios_with_ap, regulatory_country, Diagnosis, DoctorItem, Health};
pub use document::{StoredDocument, VerdictDocument};
pub use error::CheckError;
pub use ios::check_ios_backup;
pub use ios_device::{check_phone, usbmux, PhoneCheckRequest, IOS_BACKUP_STEPS, TRUST_WAIT};
pub use joined::joined_text;
pub use live::{
    store_live, CaptureEvidence, LiveCheck, LiveOutcome, LiveSnapshot, Service, TrafficSink,
};
pub use locker::{
    add_locker_file, hash_list_csv, hash_list_json, kind_of, LockerFileInfo, LockerUpload,
};
pub use media::{on_removable_media, MediaItem, MediaKind};
pub use record::{
    AndroidDetails, AndroidSummary, AppSummary, CheckDetails, IosDetails, NetworkDetails,
    ScanRecord, RECORD_VERSION,
};
pub use retro::{retro_check_all, retro_matches};
pub use runner::{CheckProgress, Progress, Running};
pub use stored::{store_record, stored_check, stored_checks, RecordError};
pub use target::CaseTarget;
pub use vigie_android::DeviceEntry;
pub use vigie_live::{interfaces, InterfaceInfo, LiveCapture};
pub use vigie_net::{human_duration, JoinedDevice};

use vigie_core::{Catalog, Lang, LocaleResource};

vigie_core::locales!("Translation resources of the station's own messages.");

/// The translations every check's results need (shared wording, network, case file, live
/// capture, Android, iPhone, intimate images, the station's own), plus `extra` (a front
/// end's own).
pub fn catalog(lang: Lang, extra: &[&[LocaleResource]]) -> Catalog {
    let mut groups: Vec<&[LocaleResource]> = vec![
        vigie_core::LOCALES,
        vigie_net::LOCALES,
        vigie_case::LOCALES,
        vigie_live::LOCALES,
        vigie_android::LOCALES,
        vigie_ncii::LOCALES,
        vigie_ios::LOCALES,
        vigie_ios_device::LOCALES,
        LOCALES,
    ];
    groups.extend_from_slice(extra);
    Catalog::new(lang, &groups)
}
