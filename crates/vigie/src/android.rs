//! `vigie scan android-dump` (and, with the ADB client, `vigie scan android`): an Android
//! check from the command line.

use crate::{cases, feeds, render};
use anyhow::{anyhow, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vigie_android::AndroidDevice;
use vigie_case::{CaseStore, EvidenceKind};
use vigie_core::Localized;
use vigie_core::{Catalog, Message};
use vigie_indicators::IndicatorSet;

/// Checks a dump folder; exit codes as for `scan pcap` (1 when something needs attention).
pub fn scan_dump(
    cat: &Catalog,
    data_dir: &Path,
    passphrase_file: Option<&Path>,
    path: &Path,
    iocs: &[PathBuf],
    json: bool,
    case: Option<&str>,
) -> Result<ExitCode> {
    let set = feeds::load(cat, iocs, data_dir)?;
    let mut store = open_store(cat, data_dir, passphrase_file, case)?;
    let device = vigie_android::load_dump(path).map_err(|e| anyhow!(cat.text(&e.message())))?;
    if let (Some(store), Some(reference)) = (store.as_mut(), case) {
        // The dump goes into the case as evidence, as it is: the zip itself, or each file
        // read from the folder.
        let id = store
            .case(reference, feeds::now())
            .map_err(|e| anyhow!(cat.text(&e.message())))?;
        let files: Vec<(String, PathBuf)> = if path.is_file() {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "dump.zip".into());
            vec![(name, path.to_path_buf())]
        } else {
            device
                .outputs
                .iter()
                .map(|o| (o.name.clone(), path.join(&o.name)))
                .collect()
        };
        for (name, file) in files {
            let mut f =
                std::fs::File::open(&file).map_err(|e| anyhow!("{}: {e}", file.display()))?;
            store
                .add_evidence(id, &name, EvidenceKind::Import, &mut f, feeds::now())
                .map_err(|e| anyhow!(cat.text(&e.message())))?;
        }
    }
    finish(cat, &set, &device, json, store.as_mut().zip(case))
}

/// Checks the phone connected over USB. Every output read is stored in the case (when one
/// is given) before anything else, so a disconnection loses nothing already read.
pub fn scan_device(
    cat: &Catalog,
    data_dir: &Path,
    passphrase_file: Option<&Path>,
    serial: Option<&str>,
    iocs: &[PathBuf],
    json: bool,
    case: Option<&str>,
) -> Result<ExitCode> {
    let set = feeds::load(cat, iocs, data_dir)?;
    let mut store = open_store(cat, data_dir, passphrase_file, case)?;
    let client = vigie_android::AdbClient::new(&vigie_android::server_address());
    let chosen = match client.choose(serial) {
        Ok(d) => d,
        Err(e) => {
            if matches!(e, vigie_android::AdbError::NoDevice) {
                eprintln!("{}", cat.key("adb-guide"));
            }
            return Err(anyhow!(cat.text(&e.message())));
        }
    };
    let mut progress = |done: usize, total: usize, step: &str| {
        eprintln!(
            "{}",
            cat.text(
                &Message::new("adb-step")
                    .arg("step", step)
                    .arg("done", done.to_string())
                    .arg("total", total.to_string())
            )
        );
    };
    let (acq, failure) = match vigie_android::acquire(&client, &chosen.serial, &mut progress) {
        Ok(acq) => (acq, None),
        Err(boxed) => {
            let (e, acq) = *boxed;
            (acq, Some(e))
        }
    };
    if let (Some(store), Some(reference)) = (store.as_mut(), case) {
        let id = store
            .case(reference, feeds::now())
            .map_err(|e| anyhow!(cat.text(&e.message())))?;
        for (name, bytes) in &acq.outputs {
            let file = format!("{}-{}.txt", acq.serial, name.replace(' ', "_"));
            store
                .add_evidence(
                    id,
                    &file,
                    EvidenceKind::Import,
                    &mut bytes.as_slice(),
                    feeds::now(),
                )
                .map_err(|e| anyhow!(cat.text(&e.message())))?;
        }
    }
    if let Some(e) = failure {
        return Err(anyhow!(cat.text(&e.message())));
    }
    finish(cat, &set, &acq.device, json, store.as_mut().zip(case))
}

/// Opens the case file when a case is asked for (before any long work: a wrong passphrase
/// is said first).
pub fn open_store(
    cat: &Catalog,
    data_dir: &Path,
    passphrase_file: Option<&Path>,
    case: Option<&str>,
) -> Result<Option<CaseStore>> {
    match case {
        Some(_) => {
            let pass = cases::passphrase(cat, passphrase_file)?;
            Ok(Some(cases::open(cat, data_dir, &pass, feeds::now())?))
        }
        None => Ok(None),
    }
}

/// Runs the rules, stores the check when asked, prints the verdict and the advice.
pub fn finish(
    cat: &Catalog,
    set: &IndicatorSet,
    device: &AndroidDevice,
    json: bool,
    store: Option<(&mut CaseStore, &str)>,
) -> Result<ExitCode> {
    let started = feeds::now();
    let verdict = vigie_android::check(device, set);
    if let Some((store, reference)) = store {
        let doc = vigie_station::android_verdict_value(cat, &verdict, device, set);
        let record = vigie_station::android_record(started, set, device, doc);
        let now = feeds::now();
        store
            .case(reference, now)
            .and_then(|id| store.add_scan(id, &record, now))
            .map_err(|e| anyhow!(cat.text(&e.message())))?;
        eprintln!(
            "{}",
            cat.text(&Message::new("case-scan-stored").arg("reference", reference))
        );
    }
    let mut out = std::io::stdout().lock();
    if json {
        vigie_station::android_verdict_json(&mut out, cat, &verdict, device, set)?;
    } else {
        render::verdict_text(&mut out, cat, &verdict)?;
        writeln!(out, "\n{}", cat.key("android-advice-after"))?;
    }
    out.flush()?;
    Ok(if verdict.needs_attention() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
