//! Reading a dump folder, or a zip of one: an androidqf acquisition (`packages.json`, `dumpsys.txt`,
//! `getprop.txt`, `settings_*.txt`, `ps.txt`, `root_binaries.json`), MVT-style outputs
//! (`dumpsys_package.txt`, `dumpsys_accessibility.txt`, ...), or a bug report (its
//! `dumpstate`/`bugreport-*.txt` and tombstones), unpacked or as the zip the phone makes. Files are read in place, each bounded in size, and recorded with their
//! SHA-256; a file that cannot be read or understood is listed as not checked.

use crate::model::AndroidDevice;
use crate::parse;
use std::io::Read;
use std::path::{Path, PathBuf};
use vigie_core::Message;

/// Largest single file read from a dump (a full bug report stays well under it).
pub(crate) const MAX_FILE: u64 = 512 * 1024 * 1024;

/// Why a dump could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    /// The path is not a folder that can be read.
    #[error("{path}: {detail}")]
    Unreadable {
        /// The path given.
        path: String,
        /// What the system said.
        detail: String,
    },
    /// Nothing in it is an Android output Vigie knows.
    #[error("{0}: no Android output found (androidqf, MVT or bug report files)")]
    NothingKnown(String),
}

impl vigie_core::Localized for DumpError {
    /// The error as a translatable message.
    fn message(&self) -> vigie_core::Message {
        match self {
            DumpError::Unreadable { path, detail } => {
                vigie_core::Message::new("and-dump-unreadable")
                    .arg("path", path)
                    .arg("detail", detail)
            }
            DumpError::NothingKnown(path) => {
                vigie_core::Message::new("and-dump-nothing").arg("path", path)
            }
        }
    }
}

/// Why a part of a dump was not read: what the system said of it.
fn unreadable(detail: &str) -> Message {
    Message::new("and-missing-unreadable").arg("detail", detail)
}

/// What an entry of a dump folder is, a link not followed.
enum Entry {
    File,
    Folder,
    Link,
    Other,
}

impl Entry {
    fn of(path: &Path) -> Entry {
        match path.symlink_metadata().map(|m| m.file_type()) {
            Ok(t) if t.is_symlink() => Entry::Link,
            Ok(t) if t.is_file() => Entry::File,
            Ok(t) if t.is_dir() => Entry::Folder,
            _ => Entry::Other,
        }
    }
}

/// The regular files directly in `dir`; links met are added to `links`.
fn files_in(dir: &Path, links: &mut Vec<PathBuf>) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut files = vec![];
    for path in entries.flatten().map(|e| e.path()) {
        match Entry::of(&path) {
            Entry::File => files.push(path),
            Entry::Link => links.push(path),
            Entry::Folder | Entry::Other => {}
        }
    }
    files
}

/// The tombstones of a bug report unpacked in `root` (`FS/data/tombstones` or
/// `data/tombstones`), each folder on the way a real one, not a link.
fn tombstones(root: &Path, links: &mut Vec<PathBuf>) -> Vec<PathBuf> {
    let mut files = vec![];
    for steps in [
        &["FS", "data", "tombstones"][..],
        &["data", "tombstones"][..],
    ] {
        let mut at = root.to_path_buf();
        let mut real = true;
        for step in steps {
            at.push(step);
            match Entry::of(&at) {
                Entry::Folder => {}
                Entry::Link => {
                    links.push(at.clone());
                    real = false;
                    break;
                }
                Entry::File | Entry::Other => {
                    real = false;
                    break;
                }
            }
        }
        if real {
            files.extend(files_in(&at, links));
        }
    }
    files
}

/// Reads one file, at most [`MAX_FILE`] bytes.
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let f = std::fs::File::open(path)?;
    let mut buf = Vec::new();
    f.take(MAX_FILE + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > MAX_FILE {
        return Err(std::io::Error::other("file too large"));
    }
    Ok(buf)
}

/// What a file of a dump holds, from its name.
enum Kind {
    Getprop,
    Ps,
    Settings(String),
    FullDumpsys,
    Dumpsys(&'static str),
    PackagesJson,
    RootJson,
    PmList,
    Tombstone,
}

fn kind_of(name: &str) -> Option<Kind> {
    let n = name.to_ascii_lowercase();
    let stem = n.strip_suffix(".txt").unwrap_or(&n);
    Some(match stem {
        "getprop" => Kind::Getprop,
        "ps" | "processes" => Kind::Ps,
        "dumpsys" => Kind::FullDumpsys,
        "packages.json" => Kind::PackagesJson,
        "root_binaries.json" => Kind::RootJson,
        "packages" | "pm_list_packages" => Kind::PmList,
        s if s.starts_with("dumpstate") || s.starts_with("bugreport") => Kind::FullDumpsys,
        s if s.starts_with("tombstone_") && !s.ends_with(".pb") => Kind::Tombstone,
        s if s.starts_with("settings_") => Kind::Settings(s["settings_".len()..].to_owned()),
        s if s.starts_with("dumpsys_package") => Kind::Dumpsys("package"),
        s if s.starts_with("dumpsys_accessibility") => Kind::Dumpsys("accessibility"),
        s if s.starts_with("dumpsys_appops") => Kind::Dumpsys("appops"),
        s if s.starts_with("dumpsys_device_policy") => Kind::Dumpsys("device_policy"),
        s if s.starts_with("dumpsys_battery") => Kind::Dumpsys("batterystats"),
        _ => return None,
    })
}

/// Applies one `dumpsys` service's output.
pub fn apply_dumpsys(device: &mut AndroidDevice, service: &str, body: &str, source: &str) {
    if matches!(
        service,
        "package" | "accessibility" | "appops" | "batterystats" | "device_policy"
    ) {
        device.note_source(service, source);
    }
    match service {
        "package" => parse::dumpsys_package(body, device, source),
        "accessibility" => {
            for c in parse::dumpsys_accessibility(body) {
                if !device.accessibility_services.contains(&c) {
                    device.accessibility_services.push(c);
                }
            }
        }
        "appops" => {
            device.app_ops.extend(parse::dumpsys_appops(body));
            device
                .app_op_modes
                .extend(parse::dumpsys_appops_modes(body));
        }
        "batterystats" => {
            for (p, line) in parse::batterystats_packages(body) {
                device.history_packages.entry(p).or_insert(line);
            }
        }
        "device_policy" => {
            for c in parse::dumpsys_device_policy(body) {
                if !device.device_admins.contains(&c) {
                    device.device_admins.push(c);
                }
            }
        }
        _ => {}
    }
}

/// Settings that name special accesses and interception, applied once all are read.
pub fn apply_settings(device: &mut AndroidDevice) {
    let list = |v: Option<&str>| -> Vec<String> {
        v.unwrap_or_default()
            .split(':')
            .map(str::trim)
            .filter(|c| c.contains('/'))
            .map(str::to_owned)
            .collect()
    };
    for c in list(device.setting("secure", "enabled_notification_listeners")) {
        if !device.notification_listeners.contains(&c) {
            device.notification_listeners.push(c);
        }
    }
    for c in list(device.setting("secure", "enabled_accessibility_services")) {
        if !device.accessibility_services.contains(&c) {
            device.accessibility_services.push(c);
        }
    }
    device.always_on_vpn = device
        .setting("secure", "always_on_vpn_app")
        .filter(|v| !v.is_empty() && *v != "null")
        .map(str::to_owned);
    device.http_proxy = device
        .setting("global", "http_proxy")
        .filter(|v| !v.is_empty() && *v != "null" && *v != ":0")
        .map(str::to_owned);
}

/// Adds one file of a dump to what was observed.
fn apply_file(device: &mut AndroidDevice, label: &str, kind: Kind, bytes: &[u8]) {
    let source = device.add_output(label, bytes);
    let text = String::from_utf8_lossy(bytes);
    match kind {
        Kind::Getprop => {
            device.note_source("getprop", &source);
            device.properties.extend(parse::getprop(&text));
        }
        Kind::Ps => {
            device.note_source("ps", &source);
            device.processes.extend(parse::ps(&text));
        }
        Kind::Settings(ns) => {
            device.note_source(&format!("settings-{ns}"), &source);
            device
                .settings
                .entry(ns)
                .or_default()
                .extend(parse::settings(&text));
        }
        Kind::FullDumpsys => {
            for (service, body) in parse::dumpsys_sections(&text) {
                apply_dumpsys(device, service, body, &source);
            }
        }
        Kind::Dumpsys(service) => apply_dumpsys(device, service, &text, &source),
        Kind::PmList => parse::pm_list_packages(&text, device, &source),
        Kind::PackagesJson => {
            if parse::androidqf_packages(bytes, device, &source).is_err() {
                device
                    .missing
                    .push((label.to_owned(), Message::new("and-missing-malformed")));
            }
        }
        Kind::Tombstone => {
            if let Some(c) = parse::tombstone(&text, label) {
                device.crashes.push(c);
            }
        }
        Kind::RootJson => match serde_json::from_slice::<Vec<String>>(bytes) {
            Ok(list) => {
                device.note_source("root", &source);
                device.root_traces.extend(list);
            }
            Err(_) => device
                .missing
                .push((label.to_owned(), Message::new("and-missing-malformed"))),
        },
    }
}

/// Whether a path inside a dump is one Vigie reads: files at the top, a bug report's
/// `dumpstate*`, and tombstones.
fn wanted(relative: &str) -> Option<Kind> {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    let kind = kind_of(name)?;
    let depth = relative.trim_matches('/').matches('/').count();
    let ok = depth <= 1
        || matches!(kind, Kind::Tombstone | Kind::FullDumpsys)
            && (relative.contains("tombstones/") || name.starts_with("dumpstate"));
    ok.then_some(kind)
}

/// Reads a dump (a folder, or a zip of one: androidqf archives, bug report zips) into what
/// the check observed. Zip entries are read in place, each bounded in size.
pub fn load_dump(path: &Path) -> Result<AndroidDevice, DumpError> {
    if path.is_file() {
        return load_zip(path);
    }
    load_folder(path)
}

fn load_zip(path: &Path) -> Result<AndroidDevice, DumpError> {
    let failed = |detail: String| DumpError::Unreadable {
        path: path.display().to_string(),
        detail,
    };
    let file = std::fs::File::open(path).map_err(|e| failed(e.to_string()))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| failed(e.to_string()))?;
    let mut device = AndroidDevice::default();
    let mut known = 0;
    let mut names: Vec<(usize, String)> = (0..archive.len())
        .filter_map(|i| Some((i, archive.name_for_index(i)?.to_owned())))
        .collect();
    names.sort_by(|a, b| a.1.cmp(&b.1));
    // The archive's single top folder (androidqf zips have one) is not part of the names.
    let top = names
        .first()
        .and_then(|(_, n)| n.split_once('/').map(|(t, _)| format!("{t}/")))
        .filter(|t| names.iter().all(|(_, n)| n.starts_with(t.as_str())));
    for (i, name) in names {
        let relative = top
            .as_deref()
            .and_then(|t| name.strip_prefix(t))
            .unwrap_or(&name)
            .to_owned();
        let Some(kind) = wanted(&relative) else {
            continue;
        };
        let mut entry = match archive.by_index(i) {
            Ok(e) if e.is_file() => e,
            Ok(_) => continue,
            Err(e) => {
                device.missing.push((relative, unreadable(&e.to_string())));
                continue;
            }
        };
        let mut bytes = Vec::new();
        let read = (&mut entry).take(MAX_FILE + 1).read_to_end(&mut bytes);
        match read {
            Ok(_) if bytes.len() as u64 <= MAX_FILE => {
                known += 1;
                apply_file(&mut device, &relative, kind, &bytes);
            }
            Ok(_) => device
                .missing
                .push((relative, Message::new("and-missing-too-large"))),
            Err(e) => device.missing.push((relative, unreadable(&e.to_string()))),
        }
    }
    if known == 0 {
        return Err(DumpError::NothingKnown(path.display().to_string()));
    }
    apply_settings(&mut device);
    Ok(device)
}

fn load_folder(dir: &Path) -> Result<AndroidDevice, DumpError> {
    let failed = |e: std::io::Error| DumpError::Unreadable {
        path: dir.display().to_string(),
        detail: e.to_string(),
    };
    let mut links = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(failed)? {
        let path = entry.map_err(failed)?.path();
        match Entry::of(&path) {
            Entry::File => files.push(path),
            // A bug report unpacked one level down (MVT's `bugreport/dumpstate.txt`), with
            // its tombstones in `FS/data/tombstones`.
            Entry::Folder => {
                files.extend(files_in(&path, &mut links));
                files.extend(tombstones(&path, &mut links));
            }
            Entry::Link => links.push(path),
            Entry::Other => {}
        }
    }
    // An unpacked bug report given itself: its tombstones.
    files.extend(tombstones(dir, &mut links));
    let mut device = AndroidDevice::default();
    for link in links {
        if let Ok(label) = link.strip_prefix(dir) {
            device.missing.push((
                label.display().to_string(),
                Message::new("and-missing-link"),
            ));
        }
    }
    files.sort();
    let mut known = 0;
    for path in files {
        let Some(label) = path
            .strip_prefix(dir)
            .ok()
            .and_then(|p| p.to_str())
            .map(str::to_owned)
        else {
            continue;
        };
        let Some(kind) = wanted(&label) else { continue };
        match read_bounded(&path) {
            Ok(bytes) => {
                known += 1;
                apply_file(&mut device, &label, kind, &bytes);
            }
            Err(e) => device.missing.push((label, unreadable(&e.to_string()))),
        }
    }
    if known == 0 {
        return Err(DumpError::NothingKnown(dir.display().to_string()));
    }
    apply_settings(&mut device);
    Ok(device)
}
