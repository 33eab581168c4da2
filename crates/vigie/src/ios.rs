//! `vigie scan ios-backup` (an iPhone backup checked in place, read-only) and `vigie scan ios`
//! (the phone connected by cable).

use crate::android::open_store;
use crate::{feeds, render};
use anyhow::{anyhow, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vigie_core::Localized;
use vigie_core::{Catalog, Message};

/// Reads the backup in `path`, checks it, stores it in the case when asked (the databases
/// read, as evidence with their SHA-256, then the verdict), and prints the verdict.
#[allow(clippy::too_many_arguments)]
pub fn scan_backup(
    cat: &Catalog,
    data_dir: &Path,
    passphrase_file: Option<&Path>,
    path: &Path,
    password_file: Option<&Path>,
    iocs: &[PathBuf],
    json: bool,
    case: Option<&str>,
) -> Result<ExitCode> {
    let set = feeds::load(cat, iocs, data_dir)?;
    let mut store = open_store(cat, data_dir, passphrase_file, case)?;
    let started = feeds::now();
    let password = read_password(cat, password_file)?;
    let backup = vigie_ios::Backup::open(path, password.as_deref())
        .map_err(|e| anyhow!(cat.text(&e.message())))?;
    let read = vigie_ios::read_backup(&backup).map_err(|e| anyhow!(cat.text(&e.message())))?;
    let verdict = vigie_ios::check(&read, &set);
    if let (Some(store), Some(reference)) = (store.as_mut(), case) {
        let fail = |e: vigie_case::CaseError| anyhow!(cat.text(&e.message()));
        let id = store.case(reference, feeds::now()).map_err(fail)?;
        vigie_station::store_ios(store, id, cat, &set, &backup, &read, &verdict, started)
            .map_err(fail)?;
        eprintln!(
            "{}",
            cat.text(&Message::new("case-scan-stored").arg("reference", reference))
        );
    }
    let mut out = std::io::stdout().lock();
    if json {
        vigie_station::ios_verdict_json(&mut out, cat, &verdict, &read, &set)?;
    } else {
        render::verdict_text(&mut out, cat, &verdict)?;
    }
    out.flush()?;
    Ok(if verdict.needs_attention() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The password in `file` (its first line), if one is given.
fn read_password(cat: &Catalog, file: Option<&Path>) -> Result<Option<String>> {
    let Some(f) = file else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(f).map_err(|e| {
        anyhow!(cat.text(
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

/// Checks the connected phone (usbmuxd at `USBMUXD_SOCKET_ADDRESS`, else its usual socket),
/// stores the check and the phone's backup in the case when asked, and prints the verdict.
pub fn scan_phone(
    cat: &Catalog,
    data_dir: &Path,
    passphrase_file: Option<&Path>,
    o: PhoneOptions,
) -> Result<ExitCode> {
    let set = feeds::load(cat, &o.iocs, data_dir)?;
    if o.backup && o.case.is_none() {
        return Err(anyhow!(cat.key("iosdev-backup-needs-case")));
    }
    let password = read_password(cat, o.password_file.as_deref())?;
    let store = open_store(cat, data_dir, passphrase_file, o.case.as_deref())?;
    let case = match (store, o.case.as_deref()) {
        (Some(mut store), Some(reference)) => {
            let id = store
                .case(reference, feeds::now())
                .map_err(|e| anyhow!(cat.text(&e.message())))?;
            Some((std::sync::Arc::new(std::sync::Mutex::new(store)), id, None))
        }
        _ => None,
    };
    let request = vigie_station::PhoneCheckRequest {
        udid: o.udid,
        password,
        backup: o.backup,
    };
    let mux = vigie_ios_device::Usbmux::new(vigie_ios_device::UsbmuxAddress::from_env());
    let mut last = String::new();
    let result = vigie_station::check_phone(mux, &request, case, &set, cat, &mut |p| {
        if p.step != last {
            eprintln!("{}", p.step);
            last = p.step;
        }
    })
    .map_err(|m| anyhow!(cat.text(&m)))?;
    if let Some(reference) = o.case.as_deref() {
        eprintln!(
            "{}",
            cat.text(&Message::new("case-scan-stored").arg("reference", reference))
        );
    }
    if result.paired_now {
        eprintln!("{}", cat.key("iosdev-paired-now"));
    }
    eprintln!("{}", cat.key("iosdev-unchanged"));
    let mut out = std::io::stdout().lock();
    if o.json {
        vigie_station::ios_verdict_json(&mut out, cat, &result.verdict, &result.read, &set)?;
    } else {
        render::verdict_text(&mut out, cat, &result.verdict)?;
    }
    out.flush()?;
    Ok(if result.verdict.needs_attention() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
