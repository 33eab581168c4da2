//! `vigie scan android`, `android-dump`, `ios-backup` and `ios`: device checks from the
//! command line. Nothing on a device is changed; what was read is kept in the case (when one
//! is named) before the rules run.

use crate::env::{Env, Said};
use crate::scan::print;
use anyhow::{anyhow, Result};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vigie_core::{Message, Timestamp};
use vigie_station::{CheckError, PhoneCheckRequest};

/// `vigie scan android`: the phone connected over USB, through the adb server.
pub fn android(
    env: &Env,
    serial: Option<&str>,
    iocs: &[PathBuf],
    json: bool,
    case: Option<&str>,
) -> Result<ExitCode> {
    let feeds = env.feeds(iocs)?;
    let target = env.target(case)?;
    let made = Timestamp::now();
    let mut progress = |done: usize, total: usize, step: &str| {
        let m = Message::new("adb-step")
            .arg("step", step)
            .arg("done", done.to_string())
            .arg("total", total.to_string());
        eprintln!("{}", env.cat.text(&m));
    };
    let checked =
        vigie_station::check_android_phone(serial, &feeds, target.as_ref(), &mut progress);
    if let Err(CheckError::Adb(vigie_android::AdbError::NoDevice)) = &checked {
        eprintln!("{}", env.cat.key("adb-guide"));
    }
    let (result, _) = checked.said(&env.cat)?;
    if let Some(r) = case {
        env.say_stored(r);
    }
    print(env, &result, made, &feeds, json)
}

/// `vigie scan android-dump`: an androidqf acquisition, MVT outputs or a bug report.
pub fn android_dump(
    env: &Env,
    path: &Path,
    iocs: &[PathBuf],
    json: bool,
    case: Option<&str>,
) -> Result<ExitCode> {
    let feeds = env.feeds(iocs)?;
    let target = env.target(case)?;
    let made = Timestamp::now();
    let (result, _) =
        vigie_station::check_android_dump(path, &feeds, target.as_ref()).said(&env.cat)?;
    if let Some(r) = case {
        env.say_stored(r);
    }
    print(env, &result, made, &feeds, json)
}

/// `vigie scan ios-backup`: a Finder or iTunes backup, read in place.
pub fn ios_backup(
    env: &Env,
    path: &Path,
    password_file: Option<&Path>,
    iocs: &[PathBuf],
    json: bool,
    case: Option<&str>,
) -> Result<ExitCode> {
    let feeds = env.feeds(iocs)?;
    let target = env.target(case)?;
    let made = Timestamp::now();
    let password = read_password(env, password_file)?;
    let (result, _) = vigie_station::check_ios_backup(
        path,
        password.as_deref(),
        &feeds,
        target.as_ref(),
        &mut |_, _| {},
    )
    .said(&env.cat)?;
    if let Some(r) = case {
        env.say_stored(r);
    }
    print(env, &result, made, &feeds, json)
}

/// The password in `file` (its first line), if one is given.
fn read_password(env: &Env, file: Option<&Path>) -> Result<Option<String>> {
    let Some(f) = file else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(f).map_err(|e| {
        anyhow!(env.cat.text(
            &Message::new("ios-password-file")
                .arg("path", f.display().to_string())
                .arg("detail", e.to_string())
        ))
    })?;
    Ok(Some(text.trim_end_matches(['\n', '\r']).to_owned()))
}

/// What `vigie scan ios` is asked.
pub struct PhoneOptions {
    /// The phone, when several are connected.
    pub udid: Option<String>,
    /// The phone's backup password file.
    pub password_file: Option<PathBuf>,
    /// Whether to make a backup into the case.
    pub backup: bool,
    /// Indicator feeds.
    pub iocs: Vec<PathBuf>,
    /// JSON output.
    pub json: bool,
    /// The case.
    pub case: Option<String>,
}

/// `vigie scan ios`: the phone connected by cable (usbmuxd at `USBMUXD_SOCKET_ADDRESS`,
/// else its usual socket), with a fresh backup into the case when asked.
pub fn ios_phone(env: &Env, o: PhoneOptions) -> Result<ExitCode> {
    let feeds = env.feeds(&o.iocs)?;
    if o.backup && o.case.is_none() {
        return Err(anyhow!(env.cat.key("iosdev-backup-needs-case")));
    }
    let password = read_password(env, o.password_file.as_deref())?;
    let target = env.target(o.case.as_deref())?;
    let made = Timestamp::now();
    let request = PhoneCheckRequest {
        udid: o.udid,
        password,
        backup: o.backup,
    };
    let mux = vigie_station::usbmux();
    let mut last = String::new();
    let mut progress = |_: usize, _: usize, step: &str| {
        if step != last {
            eprintln!("{step}");
            last = step.to_owned();
        }
    };
    let checked = vigie_station::check_phone(
        mux,
        &request,
        target.as_ref(),
        &feeds,
        &env.cat,
        &mut progress,
    );
    let (result, _) = checked.said(&env.cat)?;
    if let Some(r) = o.case.as_deref() {
        env.say_stored(r);
    }
    if result.paired_now {
        eprintln!("{}", env.cat.key("iosdev-paired-now"));
    }
    eprintln!("{}", env.cat.key("iosdev-unchanged"));
    print(env, &result, made, &feeds, o.json)
}
