//! `vigie scan android`, `android-dump`, `ios-backup` and `ios`: device checks from the
//! command line. Nothing on a device is changed; what was read is kept in the case (when one
//! is named) before the rules run.

use crate::args::CheckArgs;
use crate::env::{Env, Said};
use crate::scan::print;
use anyhow::{anyhow, Result};
use std::path::Path;
use std::process::ExitCode;
use vigie_core::{Message, Timestamp};
use vigie_indicators::IndicatorSet;
use vigie_station::{CaseTarget, Check, CheckError, IosResult, PhoneCheckRequest};

/// Runs a device check against the feeds `c` names, keeping it in its case, then `after`
/// (what to say of the result) and the verdict.
fn run<C: Check>(
    env: &Env,
    c: &CheckArgs,
    check: impl FnOnce(&IndicatorSet, Option<&CaseTarget>) -> Result<(C, Option<i64>), CheckError>,
    after: impl FnOnce(&C),
) -> Result<ExitCode> {
    let feeds = env.feeds(&c.iocs)?;
    let target = env.target(c.case.as_deref())?;
    let made = Timestamp::now();
    let (result, _) = check(&feeds, target.as_ref()).said(&env.cat)?;
    if let Some(r) = c.case.as_deref() {
        env.say_stored(r);
    }
    after(&result);
    print(env, &result, made, &feeds, c.json())
}

/// `vigie scan android`: the phone connected over USB, through the adb server.
pub fn android(env: &Env, serial: Option<&str>, c: &CheckArgs) -> Result<ExitCode> {
    let mut progress = |done: usize, total: usize, step: &str| {
        let m = Message::new("adb-step")
            .arg("step", step)
            .arg("done", done.to_string())
            .arg("total", total.to_string());
        say!("{}", env.cat.text(&m));
    };
    let check = |feeds: &IndicatorSet, target: Option<&CaseTarget>| {
        let checked = vigie_station::check_android_phone(serial, feeds, target, &mut progress);
        if let Err(CheckError::Adb(vigie_android::AdbError::NoDevice)) = &checked {
            say!("{}", env.cat.key("adb-guide"));
        }
        checked
    };
    run(env, c, check, |_| {})
}

/// `vigie scan android-dump`: an androidqf acquisition, MVT outputs or a bug report.
pub fn android_dump(env: &Env, path: &Path, c: &CheckArgs) -> Result<ExitCode> {
    let check = |feeds: &IndicatorSet, target: Option<&CaseTarget>| {
        vigie_station::check_android_dump(path, feeds, target)
    };
    run(env, c, check, |_| {})
}

/// `vigie scan ios-backup`: a Finder or iTunes backup, read in place.
pub fn ios_backup(
    env: &Env,
    path: &Path,
    password_file: Option<&Path>,
    c: &CheckArgs,
) -> Result<ExitCode> {
    let password = read_password(env, password_file)?;
    let check = |feeds: &IndicatorSet, target: Option<&CaseTarget>| {
        let password = password.as_deref();
        vigie_station::check_ios_backup(path, password, feeds, target, &mut |_, _| {})
    };
    run(env, c, check, |_| {})
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

/// `vigie scan ios`: the phone connected by cable (usbmuxd at `USBMUXD_SOCKET_ADDRESS`,
/// else its usual socket), with a fresh backup into the case when asked.
pub fn ios_phone(
    env: &Env,
    udid: Option<String>,
    password_file: Option<&Path>,
    backup: bool,
    c: &CheckArgs,
) -> Result<ExitCode> {
    if backup && c.case.is_none() {
        return Err(anyhow!(env.cat.key("iosdev-backup-needs-case")));
    }
    let password = read_password(env, password_file)?;
    let request = PhoneCheckRequest {
        udid,
        password,
        backup,
    };
    let mut last = String::new();
    let mut progress = |_: usize, _: usize, step: &str| {
        if step != last {
            say!("{step}");
            last = step.to_owned();
        }
    };
    let check = |feeds: &IndicatorSet, target: Option<&CaseTarget>| {
        let mux = vigie_station::usbmux();
        vigie_station::check_phone(mux, &request, target, feeds, &env.cat, &mut progress)
    };
    let after = |result: &IosResult| {
        if result.paired_now {
            say!("{}", env.cat.key("iosdev-paired-now"));
        }
        say!("{}", env.cat.key("iosdev-unchanged"));
    };
    run(env, c, check, after)
}
