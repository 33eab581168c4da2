//! A read-only acquisition over ADB: properties, settings lists, package lists, `dumpsys`,
//! `ps`, file existence checks, APK hashes and the end of each APK (for its signing
//! certificates). Only commands that read are sent; nothing is installed, changed or
//! removed. Every output is kept as received, to store as evidence.

use crate::adb::{AdbClient, AdbError};
use crate::apk::{fingerprints, signing_certificates, ApkError};
use crate::dump::{apply_dumpsys, apply_settings};
use crate::model::AndroidDevice;
use crate::parse;
use std::fmt::Write as _;
use vigie_core::Message;

/// The read-only commands of an acquisition: name (as stored in the case) and command.
const STEPS: &[(&str, &str)] = &[
    ("getprop", "getprop"),
    ("settings secure", "settings list secure"),
    ("settings global", "settings list global"),
    ("settings system", "settings list system"),
    ("pm list packages", "pm list packages -f -i -U"),
    (
        "launcher activities",
        "cmd package query-activities --brief -a android.intent.action.MAIN -c android.intent.category.LAUNCHER",
    ),
    ("dumpsys package", "dumpsys package"),
    ("dumpsys accessibility", "dumpsys accessibility"),
    ("dumpsys device_policy", "dumpsys device_policy"),
    ("dumpsys appops", "dumpsys appops"),
    ("dumpsys batterystats", "dumpsys batterystats --history"),
    ("batterystats checkin", "dumpsys batterystats --checkin"),
    ("ps", "ps -A"),
    ("root traces", ROOT_CHECK),
];

/// Lists those of the usual root and hooking files that exist (reads nothing else).
const ROOT_CHECK: &str = "ls -d /system/bin/su /system/xbin/su /sbin/su /system/sbin/su /vendor/bin/su /su/bin/su /data/local/su /data/local/bin/su /data/local/xbin/su /system/app/Superuser.apk /data/adb/magisk /sbin/.magisk /cache/.disable_magisk /data/local/tmp/magisk /system/framework/XposedBridge.jar /system/bin/magiskhide 2>/dev/null";

/// The first bytes read from the end of an APK, and the most ever read.
const APK_TAIL: u64 = 2 * 1024 * 1024;
const APK_TAIL_MAX: u64 = 32 * 1024 * 1024;

/// What an acquisition read: the observations and every raw output, to store as evidence.
#[derive(Debug, Default)]
pub struct Acquisition {
    /// The device's serial number.
    pub serial: String,
    /// What was observed.
    pub device: AndroidDevice,
    /// Each output as received (name, bytes).
    pub outputs: Vec<(String, Vec<u8>)>,
}

impl Acquisition {
    /// Records an output and keeps its bytes; returns its name (for evidence pointers).
    fn keep(&mut self, name: &str, bytes: Vec<u8>) -> String {
        let source = self.device.add_output(name, &bytes);
        self.outputs.push((name.to_owned(), bytes));
        source
    }

    /// Keeps the output of one step and adds what it shows. Returns the packages with a
    /// launcher icon when the step lists some.
    fn apply_step(&mut self, name: &str, bytes: Vec<u8>) -> Option<Vec<String>> {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let source = self.keep(name, bytes);
        let d = &mut self.device;
        match name {
            "settings secure" | "settings global" | "settings system" | "getprop" | "ps"
            | "root traces" => d.note_source(
                &name
                    .replace("settings ", "settings-")
                    .replace("root traces", "root"),
                &source,
            ),
            _ => {}
        }
        match name {
            "getprop" => d.properties.extend(parse::getprop(&text)),
            "settings secure" | "settings global" | "settings system" => {
                let ns = name.trim_start_matches("settings ").to_owned();
                d.settings
                    .entry(ns)
                    .or_default()
                    .extend(parse::settings(&text));
            }
            "pm list packages" => parse::pm_list_packages(&text, d, &source),
            "launcher activities" => return launcher_packages(&text),
            "ps" => d.processes.extend(parse::ps(&text)),
            "batterystats checkin" => d
                .network_use
                .extend(parse::batterystats_checkin_network(&text)),
            "root traces" => d.root_traces.extend(
                text.lines()
                    .map(str::trim)
                    .filter(|l| l.starts_with('/'))
                    .map(str::to_owned),
            ),
            dumpsys => apply_dumpsys(d, dumpsys.trim_start_matches("dumpsys "), &text, &source),
        }
        None
    }
}

/// The packages a launcher query lists, `None` when it lists none.
fn launcher_packages(text: &str) -> Option<Vec<String>> {
    let list: Vec<String> = text
        .lines()
        .filter_map(|l| l.trim().split('/').next())
        .filter(|p| p.contains('.') && !p.contains(' '))
        .map(str::to_owned)
        .collect();
    (!list.is_empty()).then_some(list)
}

/// Reads the device through `client`, calling `progress(done, total, step)` before each
/// step. On a disconnection, what was read so far is returned with the error.
pub fn acquire(
    client: &AdbClient,
    serial: &str,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<Acquisition, Box<(AdbError, Acquisition)>> {
    let mut acq = Acquisition {
        serial: serial.to_owned(),
        ..Acquisition::default()
    };
    match read_device(client, serial, &mut acq, progress) {
        Ok(()) => Ok(acq),
        Err(e) => Err(Box::new((e, acq))),
    }
}

/// Every step of an acquisition, into `acq`; a refused command is noted as missing.
fn read_device(
    client: &AdbClient,
    serial: &str,
    acq: &mut Acquisition,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<(), AdbError> {
    let total = STEPS.len() + 2;
    let mut launcher: Option<Vec<String>> = None;
    for (i, (name, command)) in STEPS.iter().enumerate() {
        progress(i, total, name);
        match client.shell(serial, command, name) {
            Ok(bytes) => launcher = acq.apply_step(name, bytes).or(launcher),
            Err(AdbError::Refused { detail, .. }) => {
                let why = Message::new("and-missing-refused").arg("detail", detail);
                acq.device.missing.push((name.to_string(), why));
            }
            Err(e) => return Err(e),
        }
    }
    if let Some(list) = launcher {
        for p in acq.device.packages.values_mut() {
            p.launcher = Some(list.contains(&p.name));
        }
    } else {
        acq.device.missing.push((
            "launcher activities".into(),
            Message::new("and-missing-no-answer"),
        ));
    }
    progress(STEPS.len(), total, "apk hashes");
    apk_hashes(client, serial, acq)?;
    progress(STEPS.len() + 1, total, "apk certificates");
    apk_certificates(client, serial, acq)?;
    acq.device.missing.push((
        "user CA certificates".into(),
        Message::new("and-missing-no-root"),
    ));
    apply_settings(&mut acq.device);
    progress(total, total, "done");
    Ok(())
}

/// Whether a path can go into a shell command as it is (no quote, space or shell sign).
fn shell_safe(path: &str) -> bool {
    !path.contains(['\'', '"', ' ', ';', '$', '`'])
}

/// The SHA-256 of the APK files of the apps that are not part of the system, 50 a command.
fn apk_hashes(client: &AdbClient, serial: &str, acq: &mut Acquisition) -> Result<(), AdbError> {
    let paths: Vec<(String, String)> = acq
        .device
        .packages
        .values()
        .filter(|p| !p.system)
        .flat_map(|p| p.apk_paths.iter().map(move |a| (a.clone(), p.name.clone())))
        .filter(|(a, _)| a.ends_with(".apk") && shell_safe(a))
        .collect();
    for chunk in paths.chunks(50) {
        let files: Vec<&str> = chunk.iter().map(|(a, _)| a.as_str()).collect();
        let command = format!("sha256sum {}", files.join(" "));
        match client.shell(serial, &command, "apk hashes") {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                acq.keep("apk hashes", bytes);
                add_apk_hashes(&mut acq.device, chunk, &text);
            }
            Err(AdbError::Refused { detail, .. }) => {
                let why = Message::new("and-missing-refused").arg("detail", detail);
                acq.device.missing.push(("apk hashes".into(), why));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// The lines of `sha256sum` (hash, path) added to the packages `chunk` says own the paths.
fn add_apk_hashes(device: &mut AndroidDevice, chunk: &[(String, String)], text: &str) {
    for line in text.lines() {
        let mut f = line.split_whitespace();
        let (Some(hash), Some(path)) = (f.next(), f.next()) else {
            continue;
        };
        if hash.len() != 64 {
            continue;
        }
        if let Some((_, pkg)) = chunk.iter().find(|(a, _)| a == path) {
            if let Some(p) = device.packages.get_mut(pkg) {
                p.apk_sha256.push(hash.to_ascii_lowercase());
            }
        }
    }
}

/// The signing certificates of the apps that are not part of the system, read from the end
/// of each APK (`stat` for its size, `tail -c` for its last bytes). One output lists, per
/// APK, its size, the bytes read and their SHA-256, and each certificate (DER, hexadecimal)
/// with its fingerprints.
fn apk_certificates(
    client: &AdbClient,
    serial: &str,
    acq: &mut Acquisition,
) -> Result<(), AdbError> {
    let targets: Vec<(String, String)> = acq
        .device
        .packages
        .values()
        .filter(|p| !p.system)
        .filter_map(|p| {
            let apk = p.apk_paths.iter().find(|a| a.ends_with(".apk"))?;
            shell_safe(apk).then(|| (p.name.clone(), apk.clone()))
        })
        .collect();
    let mut report = String::new();
    let mut unread = 0usize;
    for (package, path) in targets {
        let step = "apk certificates";
        let size = client.shell(serial, &format!("stat -c %s {path}"), step)?;
        let Some(size) = String::from_utf8_lossy(&size).trim().parse::<u64>().ok() else {
            unread += 1;
            continue;
        };
        let ApkTail {
            bytes: tail,
            certificates,
        } = apk_tail(client, serial, &path, size)?;
        {
            use sha2::Digest;
            let _ = writeln!(
                report,
                "{package} {path} size={size} read={} sha256={}",
                tail.len(),
                hex::encode(sha2::Sha256::digest(&tail))
            );
        }
        match certificates {
            Ok(certs) => add_certificates(&mut acq.device, &package, certs, &mut report),
            Err(e) => {
                unread += 1;
                let _ = writeln!(report, "  no certificate: {e}");
            }
        }
    }
    acq.keep("apk certificates", report.into_bytes());
    if unread > 0 {
        let why = Message::new("and-missing-unsigned").arg("count", unread.to_string());
        acq.device.missing.push(("apk certificates".into(), why));
    }
    Ok(())
}

/// The end of an APK as read, and the signing certificates found in it.
struct ApkTail {
    bytes: Vec<u8>,
    certificates: Result<Vec<Vec<u8>>, ApkError>,
}

/// The end of the APK at `path` (of `size` bytes), read longer while its signing block
/// starts before the part read (up to [`APK_TAIL_MAX`]).
fn apk_tail(client: &AdbClient, serial: &str, path: &str, size: u64) -> Result<ApkTail, AdbError> {
    let mut want = size.min(APK_TAIL);
    loop {
        let tail = client.shell(
            serial,
            &format!("tail -c {want} {path}"),
            "apk certificates",
        )?;
        match signing_certificates(&tail, size) {
            Err(ApkError::NeedMore(more)) if want < size.min(APK_TAIL_MAX) => {
                want = size.min(APK_TAIL_MAX).min(want + more + 65_536);
            }
            certificates => {
                return Ok(ApkTail {
                    bytes: tail,
                    certificates,
                })
            }
        }
    }
}

/// A package's certificates, added to it and written in the report with their fingerprints.
fn add_certificates(
    device: &mut AndroidDevice,
    package: &str,
    certs: Vec<Vec<u8>>,
    report: &mut String,
) {
    let p = device.package_mut(package, "apk certificates");
    for der in certs {
        let (sha1, sha256) = fingerprints(&der);
        let _ = writeln!(
            report,
            "  cert sha1={sha1} sha256={sha256} der={}",
            hex::encode(&der)
        );
        if !p.cert_sha1.contains(&sha1) {
            p.cert_sha1.push(sha1);
        }
        if !p.cert_sha256.contains(&sha256) {
            p.cert_sha256.push(sha256);
        }
    }
}
