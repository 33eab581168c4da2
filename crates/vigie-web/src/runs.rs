//! The checks the app runs, as its state keeps them between requests.

use std::sync::Arc;
use vigie_core::Lang;
use vigie_indicators::IndicatorSet;
use vigie_station::{CaptureEvidence, CaseTarget, LiveCheck, LiveSnapshot, Running};

/// A live check started from the app.
pub(crate) struct RunningCheck {
    /// The case's reference.
    pub(crate) case_ref: String,
    /// Where it is stored.
    pub(crate) target: CaseTarget,
    /// The language its outcome is said in.
    pub(crate) lang: Lang,
    /// The feeds it checks against.
    pub(crate) iocs: Arc<IndicatorSet>,
    /// The check, until it is stopped.
    pub(crate) check: Option<LiveCheck>,
    /// Its raw capture, until it is ended.
    pub(crate) evidence: Option<CaptureEvidence>,
    /// How long it runs unless stopped, in seconds.
    pub(crate) limit_secs: u64,
    /// What the page showed last.
    pub(crate) last: LiveSnapshot,
    /// The stored check's number (or why it could not be stored), once it was.
    pub(crate) saved: Option<Result<i64, String>>,
}

/// Which kind of device a check reads (its pages live under `/android/` and `/ios/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Device {
    /// An Android phone.
    Android,
    /// An iPhone (backup folder or connected).
    Ios,
}

impl Device {
    /// Its name in the pages' addresses.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Device::Android => "android",
            Device::Ios => "ios",
        }
    }
}

/// A device check started from the app.
#[derive(Debug)]
pub(crate) struct DeviceRun {
    /// The case's reference.
    pub(crate) case_ref: String,
    /// What it reads.
    pub(crate) device: Device,
    /// The check.
    pub(crate) running: Running,
}
