//! The Android check as the command line and the app run it: the phone read through the
//! adb server (read-only), or a dump read in place; what was read is kept in the case as
//! evidence before the rules run, so that a phone that disconnects loses nothing already
//! read; then the verdict, stored.

use crate::check::AndroidResult;
use crate::error::CheckError;
use crate::target::CaseTarget;
use std::path::Path;
use vigie_android::AdbClient;
use vigie_android::DeviceEntry;
use vigie_case::EvidenceKind;
use vigie_core::Timestamp;
use vigie_indicators::IndicatorSet;

/// The adb server this station talks to (`ANDROID_ADB_SERVER_*`, else the usual port).
fn adb_client() -> AdbClient {
    AdbClient::new(&vigie_android::server_address())
}

/// The phones the adb server sees.
pub fn android_devices() -> Result<Vec<DeviceEntry>, CheckError> {
    Ok(adb_client().devices()?)
}

/// Reads the phone `serial` (or the only one connected) and checks it. With `target`, every
/// output is kept in the case as it was read, then the check is stored. `progress` is told
/// each step (done, total, what).
pub fn check_android_phone(
    serial: Option<&str>,
    iocs: &IndicatorSet,
    target: Option<&CaseTarget>,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<(AndroidResult, Option<i64>), CheckError> {
    let made = Timestamp::now();
    let client = adb_client();
    let chosen = client.choose(serial)?;
    let (acq, failure) = match vigie_android::acquire(&client, &chosen.serial, progress) {
        Ok(acq) => (acq, None),
        Err(b) => {
            let (e, acq) = *b;
            (acq, Some(e))
        }
    };
    if let Some(t) = target {
        for (name, bytes) in &acq.outputs {
            let file = format!("{}-{}.txt", acq.serial, name.replace(' ', "_"));
            t.keep(&file, EvidenceKind::Import, &mut bytes.as_slice())?;
        }
    }
    if let Some(e) = failure {
        return Err(e.into());
    }
    finish(acq.device, Some(chosen.serial), iocs, target, made)
}

/// Checks a dump (an androidqf acquisition, MVT-style outputs or a bug report; a folder or
/// a zip) read in place. With `target`, the dump is kept in the case as it is — the zip
/// itself, or each file read from the folder — then the check is stored.
pub fn check_android_dump(
    path: &Path,
    iocs: &IndicatorSet,
    target: Option<&CaseTarget>,
) -> Result<(AndroidResult, Option<i64>), CheckError> {
    let made = Timestamp::now();
    let device = vigie_android::load_dump(path)?;
    if let Some(t) = target {
        let files: Vec<(String, std::path::PathBuf)> = if path.is_file() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "dump.zip".into());
            vec![(name, path.to_path_buf())]
        } else {
            let outputs = device.outputs.iter();
            outputs
                .map(|o| (o.name.clone(), path.join(&o.name)))
                .collect()
        };
        for (name, file) in files {
            let unreadable = |e: std::io::Error| CheckError::Unreadable {
                path: file.display().to_string(),
                detail: e.to_string(),
            };
            let mut f = std::fs::File::open(&file).map_err(unreadable)?;
            t.keep(&name, EvidenceKind::Import, &mut f)?;
        }
    }
    finish(device, None, iocs, target, made)
}

/// Runs the rules and stores the check; `serial` is the phone's as adb gave it.
fn finish(
    device: vigie_android::AndroidDevice,
    serial: Option<String>,
    iocs: &IndicatorSet,
    target: Option<&CaseTarget>,
    made: Timestamp,
) -> Result<(AndroidResult, Option<i64>), CheckError> {
    let result = AndroidResult {
        verdict: vigie_android::check(&device, iocs),
        device,
        serial,
    };
    let scan = match target {
        Some(t) => Some(t.store_check(&result, made, iocs)?),
        None => None,
    };
    Ok((result, scan))
}
