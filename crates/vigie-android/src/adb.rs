//! A read-only acquisition over ADB, through the adb server's host protocol (by default on
//! 127.0.0.1:5037, or where `ADB_SERVER_SOCKET=tcp:HOST:PORT` says, as adb itself reads it).
//! Only commands that read are sent: properties, settings lists, package lists, `dumpsys`,
//! `ps`, file existence checks and APK hashes. Nothing is installed, changed or removed.

use crate::dump::{apply_dumpsys, apply_settings, MAX_FILE};
use crate::model::AndroidDevice;
use crate::parse;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;
use vigie_core::Message;

/// Why talking to the device failed.
#[derive(Debug, thiserror::Error)]
pub enum AdbError {
    /// No adb server answers.
    #[error("no adb server at {0}")]
    NoServer(String),
    /// No device is connected (or USB debugging is off).
    #[error("no Android device connected")]
    NoDevice,
    /// Several devices are connected and none was chosen.
    #[error("several devices connected: {0}")]
    SeveralDevices(String),
    /// The device has not accepted this computer's key yet.
    #[error("the device {0} has not authorised this computer")]
    Unauthorized(String),
    /// The device went away or stopped answering during the acquisition.
    #[error("the device disconnected during {step}: {detail}")]
    Disconnected {
        /// What was being read.
        step: String,
        /// What the connection said.
        detail: String,
    },
    /// The server refused a request.
    #[error("adb refused {request}: {detail}")]
    Refused {
        /// The request.
        request: String,
        /// The server's message.
        detail: String,
    },
}

impl vigie_core::Localized for AdbError {
    /// The error as a translatable message (with what to do).
    fn message(&self) -> vigie_core::Message {
        match self {
            AdbError::NoServer(a) => Message::new("adb-error-no-server").arg("address", a),
            AdbError::NoDevice => Message::new("adb-error-no-device"),
            AdbError::SeveralDevices(list) => {
                Message::new("adb-error-several").arg("devices", list)
            }
            AdbError::Unauthorized(s) => Message::new("adb-error-unauthorized").arg("serial", s),
            AdbError::Disconnected { step, detail } => Message::new("adb-error-disconnected")
                .arg("step", step)
                .arg("detail", detail),
            AdbError::Refused { request, detail } => Message::new("adb-error-refused")
                .arg("request", request)
                .arg("detail", detail),
        }
    }
}

/// Where the adb server listens: `ADB_SERVER_SOCKET=tcp:HOST:PORT`, else 127.0.0.1:5037.
pub fn server_address() -> String {
    std::env::var("ADB_SERVER_SOCKET")
        .ok()
        .and_then(|v| v.strip_prefix("tcp:").map(str::to_owned))
        .unwrap_or_else(|| "127.0.0.1:5037".into())
}

/// A device as the server lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceEntry {
    /// Serial number.
    pub serial: String,
    /// `device`, `unauthorized`, `offline`, ...
    pub state: String,
    /// The rest of the line (model, transport).
    pub details: String,
}

/// A client of the adb server.
#[derive(Debug, Clone)]
pub struct AdbClient {
    addr: String,
    timeout: Duration,
}

const TIMEOUT: Duration = Duration::from_secs(120);

impl AdbClient {
    /// A client of the server at `addr` (`HOST:PORT`).
    pub fn new(addr: &str) -> Self {
        AdbClient {
            addr: addr.to_owned(),
            timeout: TIMEOUT,
        }
    }

    fn connect(&self) -> Result<TcpStream, AdbError> {
        let no_server = || AdbError::NoServer(self.addr.clone());
        let addrs: Vec<SocketAddr> = self
            .addr
            .to_socket_addrs()
            .map_err(|_| no_server())?
            .collect();
        let s = addrs
            .iter()
            .find_map(|a| TcpStream::connect_timeout(a, Duration::from_secs(3)).ok())
            .ok_or_else(no_server)?;
        let _ = s.set_read_timeout(Some(self.timeout));
        let _ = s.set_write_timeout(Some(self.timeout));
        Ok(s)
    }

    /// Sends one request and reads the server's OKAY or FAIL.
    fn request(&self, s: &mut TcpStream, req: &str, step: &str) -> Result<(), AdbError> {
        let lost = |e: std::io::Error| AdbError::Disconnected {
            step: step.to_owned(),
            detail: e.to_string(),
        };
        s.write_all(format!("{:04x}{req}", req.len()).as_bytes())
            .map_err(lost)?;
        let mut status = [0u8; 4];
        s.read_exact(&mut status).map_err(lost)?;
        match &status {
            b"OKAY" => Ok(()),
            b"FAIL" => {
                let detail = read_block(s).map_err(lost)?;
                let detail = String::from_utf8_lossy(&detail).into_owned();
                if detail.contains("offline")
                    || detail.contains("not found")
                    || detail.contains("unauthorized")
                {
                    Err(AdbError::Disconnected {
                        step: step.to_owned(),
                        detail,
                    })
                } else {
                    Err(AdbError::Refused {
                        request: req.to_owned(),
                        detail,
                    })
                }
            }
            other => Err(AdbError::Refused {
                request: req.to_owned(),
                detail: String::from_utf8_lossy(other).into_owned(),
            }),
        }
    }

    /// The connected devices.
    pub fn devices(&self) -> Result<Vec<DeviceEntry>, AdbError> {
        let mut s = self.connect()?;
        self.request(&mut s, "host:devices-l", "devices")?;
        let body = read_block(&mut s).map_err(|e| AdbError::Disconnected {
            step: "devices".into(),
            detail: e.to_string(),
        })?;
        Ok(parse_devices(&body))
    }

    /// The device to read: the one named, or the only one connected.
    pub fn choose(&self, serial: Option<&str>) -> Result<DeviceEntry, AdbError> {
        let devices = self.devices()?;
        let chosen = match serial {
            Some(s) => devices.into_iter().find(|d| d.serial == s),
            None if devices.len() > 1 => {
                return Err(AdbError::SeveralDevices(
                    devices
                        .iter()
                        .map(|d| d.serial.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                ))
            }
            None => devices.into_iter().next(),
        };
        let d = chosen.ok_or(AdbError::NoDevice)?;
        match d.state.as_str() {
            "device" => Ok(d),
            "unauthorized" => Err(AdbError::Unauthorized(d.serial)),
            _ => Err(AdbError::NoDevice),
        }
    }

    /// Runs a read-only shell command on the device and returns its output (at most
    /// [`MAX_FILE`] bytes).
    pub fn shell(&self, serial: &str, command: &str, step: &str) -> Result<Vec<u8>, AdbError> {
        let mut s = self.connect()?;
        match self.request(&mut s, &format!("host:transport:{serial}"), step) {
            Err(AdbError::Disconnected { detail, .. }) if detail.contains("unauthorized") => {
                return Err(AdbError::Unauthorized(serial.to_owned()))
            }
            other => other?,
        }
        self.request(&mut s, &format!("shell:{command}"), step)?;
        let mut out = Vec::new();
        (&mut s)
            .take(MAX_FILE + 1)
            .read_to_end(&mut out)
            .map_err(|e| AdbError::Disconnected {
                step: step.to_owned(),
                detail: e.to_string(),
            })?;
        if out.len() as u64 > MAX_FILE {
            return Err(AdbError::Refused {
                request: command.to_owned(),
                detail: "output too large".into(),
            });
        }
        Ok(out)
    }
}

/// The server's device list (`host:devices-l`): serial, state, details per line.
pub fn parse_devices(body: &[u8]) -> Vec<DeviceEntry> {
    String::from_utf8_lossy(body)
        .lines()
        .filter_map(|l| {
            let mut f = l.split_whitespace();
            let serial = f.next()?.to_owned();
            let state = f.next()?.to_owned();
            Some(DeviceEntry {
                serial,
                state,
                details: f.collect::<Vec<_>>().join(" "),
            })
        })
        .collect()
}

/// A length-prefixed block of the host protocol (4 hexadecimal digits, then the bytes; at
/// most 65 535 bytes by construction).
pub fn read_block(s: &mut impl Read) -> std::io::Result<Vec<u8>> {
    let mut len = [0u8; 4];
    s.read_exact(&mut len)?;
    let n = std::str::from_utf8(&len)
        .ok()
        .and_then(|t| usize::from_str_radix(t, 16).ok())
        .ok_or_else(|| std::io::Error::other("bad length"))?;
    let mut buf = vec![0u8; n];
    s.read_exact(&mut buf)?;
    Ok(buf)
}

/// The read-only commands of an acquisition: name (as stored in the case) and command.
pub const STEPS: &[(&str, &str)] = &[
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

/// The signing certificates of the apps that are not part of the system, read from the end
/// of each APK (`stat` for its size, `tail -c` for its last bytes). One output lists, per
/// APK, its size, the bytes read and their SHA-256, and each certificate (DER, hexadecimal)
/// with its fingerprints.
fn apk_certificates(
    client: &AdbClient,
    serial: &str,
    acq: &mut Acquisition,
) -> Result<(), AdbError> {
    use std::fmt::Write as _;
    let targets: Vec<(String, String)> = acq
        .device
        .packages
        .values()
        .filter(|p| !p.system)
        .filter_map(|p| {
            let apk = p.apk_paths.iter().find(|a| a.ends_with(".apk"))?;
            (!apk.contains(['\'', '"', ' ', ';', '$', '`'])).then(|| (p.name.clone(), apk.clone()))
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
        let mut want = size.min(APK_TAIL);
        let outcome = loop {
            let tail = client.shell(serial, &format!("tail -c {want} {path}"), step)?;
            match crate::apk::signing_certificates(&tail, size) {
                Err(crate::apk::ApkError::NeedMore(more)) if want < size.min(APK_TAIL_MAX) => {
                    want = size.min(APK_TAIL_MAX).min(want + more + 65_536);
                }
                other => break (tail, other),
            }
        };
        let (tail, certs) = outcome;
        {
            use sha2::Digest;
            let _ = writeln!(
                report,
                "{package} {path} size={size} read={} sha256={}",
                tail.len(),
                hex::encode(sha2::Sha256::digest(&tail))
            );
        }
        match certs {
            Ok(certs) => {
                let p = acq.device.package_mut(&package, "apk certificates");
                for der in certs {
                    let (sha1, sha256) = crate::apk::fingerprints(&der);
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
            Err(e) => {
                unread += 1;
                let _ = writeln!(report, "  no certificate: {e}");
            }
        }
    }
    acq.keep("apk certificates", report.into_bytes());
    if unread > 0 {
        acq.device.missing.push((
            "apk certificates".into(),
            format!("{unread} APK(s) without a readable v2/v3 signing block"),
        ));
    }
    Ok(())
}

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
    fn keep(&mut self, name: &str, bytes: Vec<u8>) -> String {
        let source = self.device.add_output(name, &bytes);
        self.outputs.push((name.to_owned(), bytes));
        source
    }
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
    let total = STEPS.len() + 2;
    let mut launcher: Option<Vec<String>> = None;
    for (i, (name, command)) in STEPS.iter().enumerate() {
        progress(i, total, name);
        let bytes = match client.shell(serial, command, name) {
            Ok(b) => b,
            Err(e @ AdbError::Refused { .. }) => {
                acq.device.missing.push((name.to_string(), e.to_string()));
                continue;
            }
            Err(e) => return Err(Box::new((e, acq))),
        };
        let source = acq.keep(name, bytes);
        let text = String::from_utf8_lossy(&acq.outputs[acq.outputs.len() - 1].1).into_owned();
        let d = &mut acq.device;
        match *name {
            "settings secure" | "settings global" | "settings system" | "getprop" | "ps"
            | "root traces" => d.note_source(
                &name
                    .replace("settings ", "settings-")
                    .replace("root traces", "root"),
                &source,
            ),
            _ => {}
        }
        match *name {
            "getprop" => d.properties.extend(parse::getprop(&text)),
            "settings secure" | "settings global" | "settings system" => {
                let ns = name.trim_start_matches("settings ").to_owned();
                d.settings
                    .entry(ns)
                    .or_default()
                    .extend(parse::settings(&text));
            }
            "pm list packages" => parse::pm_list_packages(&text, d, &source),
            "launcher activities" => {
                let list: Vec<String> = text
                    .lines()
                    .filter_map(|l| l.trim().split('/').next())
                    .filter(|p| p.contains('.') && !p.contains(' '))
                    .map(str::to_owned)
                    .collect();
                if !list.is_empty() {
                    launcher = Some(list);
                }
            }
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
    }
    if let Some(list) = launcher {
        for p in acq.device.packages.values_mut() {
            p.launcher = Some(list.contains(&p.name));
        }
    } else {
        acq.device
            .missing
            .push(("launcher activities".into(), "no answer".into()));
    }
    // APK hashes of the apps that are not part of the system.
    progress(STEPS.len(), total, "apk hashes");
    let paths: Vec<(String, String)> = acq
        .device
        .packages
        .values()
        .filter(|p| !p.system)
        .flat_map(|p| p.apk_paths.iter().map(move |a| (a.clone(), p.name.clone())))
        .filter(|(a, _)| a.ends_with(".apk") && !a.contains(['\'', '"', ' ', ';', '$', '`']))
        .collect();
    for chunk in paths.chunks(50) {
        let command = format!(
            "sha256sum {}",
            chunk
                .iter()
                .map(|(a, _)| a.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        );
        match client.shell(serial, &command, "apk hashes") {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                acq.keep("apk hashes", bytes);
                for line in text.lines() {
                    let mut f = line.split_whitespace();
                    let (Some(hash), Some(path)) = (f.next(), f.next()) else {
                        continue;
                    };
                    if hash.len() != 64 {
                        continue;
                    }
                    if let Some((_, pkg)) = chunk.iter().find(|(a, _)| a == path) {
                        if let Some(p) = acq.device.packages.get_mut(pkg) {
                            p.apk_sha256.push(hash.to_ascii_lowercase());
                        }
                    }
                }
            }
            Err(e @ AdbError::Refused { .. }) => {
                acq.device
                    .missing
                    .push(("apk hashes".into(), e.to_string()));
            }
            Err(e) => return Err(Box::new((e, acq))),
        }
    }
    progress(STEPS.len() + 1, total, "apk certificates");
    if let Err(e) = apk_certificates(client, serial, &mut acq) {
        return Err(Box::new((e, acq)));
    }
    acq.device.missing.push((
        "user CA certificates".into(),
        "not readable over ADB without root".into(),
    ));
    apply_settings(&mut acq.device);
    progress(total, total, "done");
    Ok(acq)
}
