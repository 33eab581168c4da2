//! Vigie's checks as the station runs them, shared by the command line and the station app:
//! the verdict document, what a check stores in its case, and live network checks.

pub mod android;
pub mod ios;
pub mod ios_device;
pub mod live;
pub mod locker;
pub mod record;
pub mod verdict;

pub use android::{
    android_observed, android_record, android_verdict_json, android_verdict_value, store_android,
    AndroidCheck, AndroidResult, CheckProgress,
};
pub use ios::{
    ios_observed, ios_record, ios_verdict_json, ios_verdict_value, store_ios, IosCheck, IosResult,
    IosSource,
};
pub use ios_device::{check_phone, PhoneCheckRequest, PhoneCheckResult};
pub use live::{
    store_live, CaptureEvidence, LiveCheck, LiveOutcome, LiveSnapshot, Service, TrafficSink,
};
pub use locker::{
    add_locker_file, hash_list_csv, hash_list_json, kind_of, LockerFileInfo, LockerUpload,
};
pub use record::{file_sha256, network_record, observed_keys};
pub use verdict::{verdict_json, verdict_value, JsonFinding};

use vigie_core::{Catalog, Lang, LocaleResource, Timestamp};

/// The translations every check's results need (shared wording, network, case file, live
/// capture, Android, iPhone, intimate images), plus `extra` (a front end's own).
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
    ];
    groups.extend_from_slice(extra);
    Catalog::new(lang, &groups)
}

/// The current time (UTC).
pub fn now() -> Timestamp {
    Timestamp::now()
}
