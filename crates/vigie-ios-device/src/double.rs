//! A test double: a fake usbmuxd with one fake iPhone behind it, speaking the real protocols
//! over a local Unix socket (usbmuxd framing and pairing records, lockdown with pairing and
//! TLS sessions pinned to the pairing's certificates, the installation proxy, the profile
//! service, and mobilebackup2's DeviceLink messages with file uploads). It records every
//! request, so tests can prove the check only reads.

use crate::backup::BackupSink;
use crate::framing::{self, dict, BoxStream};
use crate::lockdown::LOCKDOWN_PORT;
use crate::pairing::{device_key, pem_to_der};
use crate::usbmux::{read_message, write_message};
use crate::{DeviceError, UsbmuxAddress};
use plist::Value;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// How the fake phone answers "Trust this computer?".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrustAnswer {
    /// "Trust", after the question stayed on screen for this many requests.
    TrustAfter(u32),
    /// "Don't Trust".
    DontTrust,
    /// The phone is locked with its passcode.
    Locked,
}

/// The sync lock file on the fake phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockFile {
    /// There, and free to lock.
    Free,
    /// Not there (a phone never synced with iTunes).
    Absent,
    /// Held by another computer or app all along.
    HeldElsewhere,
}

/// The fake phone.
#[derive(Clone, Debug)]
pub struct FakeIphone {
    /// Its UDID.
    pub udid: String,
    /// Its lockdown values (DeviceName, ProductType, ...).
    pub values: BTreeMap<String, Value>,
    /// What the installation proxy lists (dictionaries with `CFBundleIdentifier`, ...).
    pub apps: Vec<Value>,
    /// What the profile service lists: identifier and metadata.
    pub profiles: Vec<(String, Value)>,
    /// A backup folder whose files the phone sends as its backup.
    pub backup_from: Option<PathBuf>,
    /// Whether its backups are encrypted (`WillEncrypt`).
    pub encrypts_backups: bool,
    /// How it answers pairing.
    pub trust: TrustAnswer,
    /// Its sync lock file.
    pub lock_file: LockFile,
}

impl FakeIphone {
    /// A phone with usual values, two apps, no profile and no backup.
    pub fn new(udid: &str) -> FakeIphone {
        let mut values = BTreeMap::new();
        for (k, v) in [
            ("DeviceName", "iPhone de Test"),
            ("ProductType", "iPhone14,5"),
            ("ProductVersion", "17.5.1"),
            ("BuildVersion", "21F90"),
            ("SerialNumber", "F17TESTSERIAL"),
            ("UniqueDeviceID", udid),
            ("DeviceClass", "iPhone"),
            ("WiFiAddress", "aa:bb:cc:dd:ee:ff"),
        ] {
            values.insert(k.to_owned(), Value::String(v.to_owned()));
        }
        FakeIphone {
            udid: udid.to_owned(),
            values,
            apps: vec![
                app(
                    "com.apple.mobilesafari",
                    "Safari",
                    "System",
                    "Apple iPhone OS Application Signing",
                ),
                app(
                    "net.whatsapp.WhatsApp",
                    "WhatsApp",
                    "User",
                    "Apple iPhone OS Application Signing",
                ),
            ],
            profiles: vec![],
            backup_from: None,
            encrypts_backups: false,
            trust: TrustAnswer::TrustAfter(2),
            lock_file: LockFile::Free,
        }
    }
}

/// An app as the installation proxy describes it.
pub fn app(bundle_id: &str, name: &str, kind: &str, signer: &str) -> Value {
    dict([
        ("CFBundleIdentifier", Value::String(bundle_id.into())),
        ("CFBundleDisplayName", Value::String(name.into())),
        ("CFBundleShortVersionString", Value::String("1.0".into())),
        ("ApplicationType", Value::String(kind.into())),
        ("SignerIdentity", Value::String(signer.into())),
    ])
}

#[derive(Default)]
struct State {
    phone: Option<FakeIphone>,
    device_key: Vec<u8>,
    device_public: Vec<u8>,
    /// Pairings the phone knows: host id → (host certificate, device certificate), DER.
    trusted: BTreeMap<String, (Vec<u8>, Vec<u8>)>,
    /// Pairing records usbmuxd keeps, by UDID.
    records: BTreeMap<String, Vec<u8>>,
    /// Services started: port → (name, host id).
    services: BTreeMap<u16, (String, String)>,
    escrow: Vec<u8>,
    pending: u32,
    log: Vec<String>,
    /// Whether Vigie holds the sync lock.
    lock_held: bool,
}

/// A running fake usbmuxd.
pub struct FakeUsbmuxd {
    path: PathBuf,
    state: Arc<Mutex<State>>,
}

type Shared = Arc<Mutex<State>>;

fn note(state: &Shared, what: String) {
    if let Ok(mut s) = state.lock() {
        s.log.push(what);
    }
}

impl FakeUsbmuxd {
    /// Starts a fake usbmuxd on a socket in `dir`, with `phone` plugged in.
    pub fn start(dir: &Path, phone: FakeIphone) -> std::io::Result<FakeUsbmuxd> {
        let path = dir.join("usbmuxd.sock");
        let _ = std::fs::remove_file(&path);
        let listener = UnixListener::bind(&path)?;
        let (key, public) = device_key().map_err(|e| std::io::Error::other(e.to_string()))?;
        let pending = match phone.trust {
            TrustAnswer::TrustAfter(n) => n,
            _ => 0,
        };
        let state = Arc::new(Mutex::new(State {
            phone: Some(phone),
            device_key: key,
            device_public: public,
            escrow: b"fake escrow bag".to_vec(),
            pending,
            ..State::default()
        }));
        let shared = state.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(conn) = conn else { break };
                let s = shared.clone();
                std::thread::spawn(move || {
                    let _ = serve_usbmux(Box::new(conn), &s);
                });
            }
        });
        Ok(FakeUsbmuxd { path, state })
    }

    /// Where it listens.
    pub fn address(&self) -> UsbmuxAddress {
        UsbmuxAddress::Unix(self.path.clone())
    }

    /// The value for `USBMUXD_SOCKET_ADDRESS`.
    pub fn env_value(&self) -> String {
        format!("UNIX:{}", self.path.display())
    }

    /// Every request the phone and usbmuxd received, in order.
    pub fn log(&self) -> Vec<String> {
        self.state.lock().map(|s| s.log.clone()).unwrap_or_default()
    }

    /// Requests the phone received that are not reads (values, pairing, sessions, starting
    /// the read services, listing apps and profiles, a backup) nor the sync lock's passing
    /// signals (notifications, the lock file opened read-only, locked and let go).
    pub fn requests_beyond_reads(&self) -> Vec<String> {
        const READS: &[&str] = &[
            "usbmuxd:",
            "lockdown:QueryType",
            "lockdown:GetValue",
            "lockdown:Pair:",
            "lockdown:StartSession",
            "lockdown:StartService",
        ];
        const EXACT: &[&str] = &[
            "installation_proxy:Browse",
            "profiles:GetProfileList",
            "mobilebackup2:Hello",
            "mobilebackup2:Backup",
            "notification_proxy:com.apple.itunes-mobdev.syncWillStart",
            "notification_proxy:com.apple.itunes-mobdev.syncLockRequest",
            "notification_proxy:com.apple.itunes-mobdev.syncDidStart",
            "notification_proxy:com.apple.itunes-mobdev.syncDidFinish",
            "notification_proxy:Shutdown",
            "afc:open /com.apple.itunes.lock_sync read-only",
            "afc:lock exclusive",
            "afc:unlock",
            "afc:close",
        ];
        self.log()
            .into_iter()
            .filter(|l| !READS.iter().any(|p| l.starts_with(p)) && !EXACT.contains(&l.as_str()))
            .collect()
    }

    /// Forgets every pairing on the phone (as "Reset Location & Privacy" does).
    pub fn forget_pairings(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.trusted.clear();
        }
    }
}

fn phone(state: &Shared) -> Option<FakeIphone> {
    state.lock().ok().and_then(|s| s.phone.clone())
}

fn result(n: u64) -> Value {
    dict([
        ("MessageType", Value::String("Result".into())),
        ("Number", Value::Integer(n.into())),
    ])
}

fn serve_usbmux(mut stream: BoxStream, state: &Shared) -> Result<(), DeviceError> {
    loop {
        let (tag, msg) = read_message(&mut stream)?;
        let kind = framing::text(&msg, "MessageType").unwrap_or_default();
        note(state, format!("usbmuxd:{kind}"));
        let Some(p) = phone(state) else { return Ok(()) };
        let field = |k: &str| msg.as_dictionary().and_then(|d| d.get(k)).cloned();
        match kind.as_str() {
            "ListDevices" => {
                let props = dict([
                    ("DeviceID", Value::Integer(7.into())),
                    ("SerialNumber", Value::String(p.udid.clone())),
                    ("ConnectionType", Value::String("USB".into())),
                    ("ProductID", Value::Integer(4776.into())),
                ]);
                let entry = dict([
                    ("DeviceID", Value::Integer(7.into())),
                    ("MessageType", Value::String("Attached".into())),
                    ("Properties", props),
                ]);
                write_message(
                    &mut stream,
                    tag,
                    &dict([("DeviceList", Value::Array(vec![entry]))]),
                )?;
            }
            "ReadPairRecord" => {
                let id = field("PairRecordID")
                    .and_then(|v| v.as_string().map(str::to_owned))
                    .unwrap_or_default();
                let data = state.lock().ok().and_then(|s| s.records.get(&id).cloned());
                match data {
                    Some(d) => write_message(
                        &mut stream,
                        tag,
                        &dict([("PairRecordData", Value::Data(d))]),
                    )?,
                    None => write_message(&mut stream, tag, &result(2))?,
                }
            }
            "SavePairRecord" => {
                let id = field("PairRecordID")
                    .and_then(|v| v.as_string().map(str::to_owned))
                    .unwrap_or_default();
                if let (Some(data), Ok(mut s)) = (
                    field("PairRecordData").and_then(|v| v.as_data().map(<[u8]>::to_vec)),
                    state.lock(),
                ) {
                    s.records.insert(id, data);
                }
                write_message(&mut stream, tag, &result(0))?;
            }
            "ReadBUID" => write_message(
                &mut stream,
                tag,
                &dict([("BUID", Value::String("FAKE-BUID-0001".into()))]),
            )?,
            "Connect" => {
                let port = field("PortNumber")
                    .and_then(|v| v.as_unsigned_integer())
                    .and_then(|p| u16::try_from(p).ok())
                    .map(u16::swap_bytes)
                    .unwrap_or(0);
                let known = port == LOCKDOWN_PORT
                    || state
                        .lock()
                        .map(|s| s.services.contains_key(&port))
                        .unwrap_or(false);
                if !known {
                    write_message(&mut stream, tag, &result(3))?;
                    continue;
                }
                write_message(&mut stream, tag, &result(0))?;
                return if port == LOCKDOWN_PORT {
                    serve_lockdown(stream, state, &p)
                } else {
                    serve_service(stream, state, &p, port)
                };
            }
            _ => write_message(&mut stream, tag, &result(1))?,
        }
    }
}

fn error(e: &str) -> Value {
    dict([("Error", Value::String(e.into()))])
}

fn serve_lockdown(
    mut stream: BoxStream,
    state: &Shared,
    p: &FakeIphone,
) -> Result<(), DeviceError> {
    let mut session: Option<String> = None;
    loop {
        let req = match framing::receive(&mut stream) {
            Ok(r) => r,
            Err(_) => return Ok(()),
        };
        let name = framing::text(&req, "Request").unwrap_or_default();
        let d = req.as_dictionary().cloned().unwrap_or_default();
        let text = |k: &str| d.get(k).and_then(Value::as_string).map(str::to_owned);
        note(
            state,
            format!(
                "lockdown:{name}:{}:{}",
                text("Domain").unwrap_or_default(),
                text("Key").or_else(|| text("Service")).unwrap_or_default()
            ),
        );
        let reply = match name.as_str() {
            "QueryType" => dict([("Type", Value::String("com.apple.mobile.lockdown".into()))]),
            "GetValue" => match (text("Domain").as_deref(), text("Key")) {
                (Some("com.apple.mobile.backup"), Some(k)) if k == "WillEncrypt" => {
                    dict([("Value", Value::Boolean(p.encrypts_backups))])
                }
                (None, Some(k)) if k == "DevicePublicKey" => {
                    let public = state
                        .lock()
                        .map(|s| s.device_public.clone())
                        .unwrap_or_default();
                    dict([("Value", Value::Data(public))])
                }
                (None, Some(k)) => match p.values.get(&k) {
                    Some(v) => dict([("Value", v.clone())]),
                    None => error("MissingValue"),
                },
                (None, None) if session.is_some() => {
                    let mut all = plist::Dictionary::new();
                    for (k, v) in &p.values {
                        all.insert(k.clone(), v.clone());
                    }
                    dict([("Value", Value::Dictionary(all))])
                }
                _ => error("MissingValue"),
            },
            "Pair" => pair(state, p, &d),
            "StartSession" => {
                let host = text("HostID").unwrap_or_default();
                let known = state
                    .lock()
                    .ok()
                    .and_then(|s| s.trusted.get(&host).cloned());
                match known {
                    None => error("InvalidHostID"),
                    Some((host_cert, device_cert)) => {
                        framing::send(
                            &mut stream,
                            &dict([
                                ("SessionID", Value::String("FAKE-SESSION".into())),
                                ("EnableSessionSSL", Value::Boolean(true)),
                            ]),
                        )?;
                        let key = state
                            .lock()
                            .map(|s| s.device_key.clone())
                            .unwrap_or_default();
                        stream = crate::tls::server(stream, device_cert, key, host_cert)?;
                        session = Some(host);
                        continue;
                    }
                }
            }
            "StartService" => match &session {
                None => error("NoRunningSession"),
                Some(host) => {
                    let service = text("Service").unwrap_or_default();
                    let escrow = d
                        .get("EscrowBag")
                        .and_then(Value::as_data)
                        .map(<[u8]>::to_vec);
                    let mut s = state.lock().map_err(|_| DeviceError::Io("state".into()))?;
                    let allowed = [
                        crate::services::INSTALLATION_PROXY,
                        crate::services::PROFILES,
                        crate::services::MOBILEBACKUP2,
                        crate::sync::NOTIFICATION_PROXY,
                        crate::sync::AFC,
                    ];
                    if !allowed.contains(&service.as_str()) {
                        error("InvalidService")
                    } else if service == crate::services::MOBILEBACKUP2
                        && escrow.as_deref() != Some(s.escrow.as_slice())
                    {
                        error("EscrowLocked")
                    } else {
                        let port = 49_152 + u16::try_from(s.services.len()).unwrap_or(0);
                        s.services.insert(port, (service.clone(), host.clone()));
                        // As on a phone, the file and notification services run
                        // without TLS.
                        let ssl = !matches!(
                            service.as_str(),
                            crate::sync::AFC | crate::sync::NOTIFICATION_PROXY
                        );
                        dict([
                            ("Port", Value::Integer(port.into())),
                            ("EnableServiceSSL", Value::Boolean(ssl)),
                            ("Service", Value::String(service)),
                        ])
                    }
                }
            },
            _ => error("UnsupportedRequest"),
        };
        framing::send(&mut stream, &reply)?;
    }
}

fn pair(state: &Shared, p: &FakeIphone, d: &plist::Dictionary) -> Value {
    let Ok(mut s) = state.lock() else {
        return error("Internal");
    };
    match p.trust {
        TrustAnswer::DontTrust => return error("UserDeniedPairing"),
        TrustAnswer::Locked => return error("PasswordProtected"),
        TrustAnswer::TrustAfter(_) if s.pending > 0 => {
            s.pending -= 1;
            return error("PairingDialogResponsePending");
        }
        TrustAnswer::TrustAfter(_) => {}
    }
    let record = d.get("PairRecord").and_then(Value::as_dictionary);
    let pem = |k: &str| {
        record
            .and_then(|r| r.get(k))
            .and_then(Value::as_data)
            .and_then(|b| pem_to_der(b).ok())
    };
    let host = record
        .and_then(|r| r.get("HostID"))
        .and_then(Value::as_string)
        .map(str::to_owned);
    match (
        host,
        pem("HostCertificate"),
        pem("DeviceCertificate"),
        pem("RootCertificate"),
    ) {
        (Some(host), Some(h), Some(dev), Some(_)) => {
            s.trusted.insert(host, (h, dev));
            dict([("EscrowBag", Value::Data(s.escrow.clone()))])
        }
        _ => error("InvalidPairRecord"),
    }
}

fn serve_service(
    stream: BoxStream,
    state: &Shared,
    p: &FakeIphone,
    port: u16,
) -> Result<(), DeviceError> {
    let (name, host) = state
        .lock()
        .ok()
        .and_then(|s| s.services.get(&port).cloned())
        .ok_or_else(|| DeviceError::Io("no service".into()))?;
    let (host_cert, device_cert, key) = {
        let s = state.lock().map_err(|_| DeviceError::Io("state".into()))?;
        let (h, d) = s
            .trusted
            .get(&host)
            .cloned()
            .ok_or_else(|| DeviceError::Io("untrusted".into()))?;
        (h, d, s.device_key.clone())
    };
    match name.as_str() {
        crate::sync::NOTIFICATION_PROXY => return serve_notifications(stream, state),
        crate::sync::AFC => return serve_afc(stream, state, p),
        _ => {}
    }
    let mut stream = crate::tls::server(stream, device_cert, key, host_cert)?;
    match name.as_str() {
        crate::services::INSTALLATION_PROXY => {
            let req = framing::receive(&mut stream)?;
            note(
                state,
                format!(
                    "installation_proxy:{}",
                    framing::text(&req, "Command").unwrap_or_default()
                ),
            );
            if framing::text(&req, "Command").as_deref() != Some("Browse") {
                return framing::send(&mut stream, &error("UnsupportedCommand"));
            }
            let half = p.apps.len() / 2;
            for part in [&p.apps[..half], &p.apps[half..]] {
                framing::send(
                    &mut stream,
                    &dict([
                        ("Status", Value::String("BrowsingApplications".into())),
                        ("CurrentList", Value::Array(part.to_vec())),
                    ]),
                )?;
            }
            framing::send(
                &mut stream,
                &dict([("Status", Value::String("Complete".into()))]),
            )
        }
        crate::services::PROFILES => {
            let req = framing::receive(&mut stream)?;
            let kind = framing::text(&req, "RequestType").unwrap_or_default();
            note(state, format!("profiles:{kind}"));
            if kind != "GetProfileList" {
                return framing::send(
                    &mut stream,
                    &dict([("Status", Value::String("Error".into()))]),
                );
            }
            let mut meta = plist::Dictionary::new();
            for (id, m) in &p.profiles {
                meta.insert(id.clone(), m.clone());
            }
            framing::send(
                &mut stream,
                &dict([
                    ("Status", Value::String("Acknowledged".into())),
                    (
                        "OrderedIdentifiers",
                        Value::Array(
                            p.profiles
                                .iter()
                                .map(|(id, _)| Value::String(id.clone()))
                                .collect(),
                        ),
                    ),
                    ("ProfileMetadata", Value::Dictionary(meta)),
                ]),
            )
        }
        _ => serve_backup(stream, state, p),
    }
}

/// The notification proxy: notes each notification posted, until "Shutdown".
fn serve_notifications(mut stream: BoxStream, state: &Shared) -> Result<(), DeviceError> {
    loop {
        let req = framing::receive(&mut stream)?;
        match framing::text(&req, "Command").as_deref() {
            Some("PostNotification") => note(
                state,
                format!(
                    "notification_proxy:{}",
                    framing::text(&req, "Name").unwrap_or_default()
                ),
            ),
            Some("Shutdown") => {
                note(state, "notification_proxy:Shutdown".into());
                return framing::send(
                    &mut stream,
                    &dict([("Command", Value::String("ProxyDeath".into()))]),
                );
            }
            other => note(state, format!("notification_proxy:{other:?}")),
        }
    }
}

/// AFC, as far as the sync lock goes: opening, locking and closing the lock file.
fn serve_afc(mut stream: BoxStream, state: &Shared, p: &FakeIphone) -> Result<(), DeviceError> {
    use crate::sync::{op, read_afc, write_afc};
    const HANDLE: u64 = 7;
    loop {
        let Ok(req) = read_afc(&mut stream) else {
            return Ok(()); // the client closed the connection
        };
        let word = |i: usize| {
            req.data
                .get(i..i + 8)
                .and_then(|b| b.try_into().ok())
                .map(u64::from_le_bytes)
        };
        let (answer_op, value) = match req.operation {
            op::FILE_OPEN => {
                let mode = word(0).unwrap_or(0);
                let path = String::from_utf8_lossy(req.data.get(8..).unwrap_or_default())
                    .trim_end_matches('\0')
                    .to_owned();
                let how = if mode == crate::sync::READ_ONLY {
                    "read-only".to_owned()
                } else {
                    format!("mode {mode}")
                };
                note(state, format!("afc:open {path} {how}"));
                if path == crate::sync::LOCK_FILE && p.lock_file != LockFile::Absent {
                    (op::FILE_OPEN_RESULT, HANDLE)
                } else {
                    (op::STATUS, crate::sync::NOT_FOUND)
                }
            }
            op::FILE_LOCK if word(0) == Some(HANDLE) => {
                let how = word(8).unwrap_or(0);
                let mut s = state.lock().map_err(|_| DeviceError::Io("state".into()))?;
                if how == crate::sync::UNLOCK {
                    s.log.push("afc:unlock".into());
                    s.lock_held = false;
                    (op::STATUS, 0)
                } else if how == crate::sync::LOCK_EXCLUSIVE {
                    s.log.push("afc:lock exclusive".into());
                    if p.lock_file == LockFile::HeldElsewhere {
                        (op::STATUS, crate::sync::WOULD_BLOCK)
                    } else {
                        s.lock_held = true;
                        (op::STATUS, 0)
                    }
                } else {
                    s.log.push(format!("afc:lock {how}"));
                    (op::STATUS, 7)
                }
            }
            op::FILE_CLOSE => {
                note(state, "afc:close".into());
                (op::STATUS, 0)
            }
            other => {
                note(state, format!("afc:operation {other}"));
                (op::STATUS, 15)
            }
        };
        write_afc(&mut stream, req.number, answer_op, &value.to_le_bytes())?;
    }
}

fn dl(items: Vec<Value>) -> Value {
    Value::Array(items)
}

fn s(text: &str) -> Value {
    Value::String(text.into())
}

/// Reads the host's status response.
fn expect_status(stream: &mut BoxStream) -> Result<Value, DeviceError> {
    let v = framing::receive(stream)?;
    match v
        .as_array()
        .and_then(|a| a.first())
        .and_then(Value::as_string)
    {
        Some("DLMessageStatusResponse") => Ok(v),
        _ => Err(DeviceError::Protocol(format!(
            "expected a status, got {v:?}"
        ))),
    }
}

fn write_u32(stream: &mut BoxStream, n: u32) -> Result<(), DeviceError> {
    stream.write_all(&n.to_be_bytes())?;
    Ok(())
}

fn send_path(stream: &mut BoxStream, path: &str) -> Result<(), DeviceError> {
    write_u32(stream, path.len() as u32)?;
    stream.write_all(path.as_bytes())?;
    Ok(())
}

/// Every file of a backup folder, relative to it.
fn files_of(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.push((rel.to_string_lossy().into_owned(), path.clone()));
            }
        }
    }
    out.sort();
    out
}

fn serve_backup(mut stream: BoxStream, state: &Shared, p: &FakeIphone) -> Result<(), DeviceError> {
    framing::send_binary(
        &mut stream,
        &dl(vec![
            s("DLMessageVersionExchange"),
            Value::Integer(300.into()),
            Value::Integer(0.into()),
        ]),
    )?;
    let ok = framing::receive(&mut stream)?;
    if ok
        .as_array()
        .and_then(|a| a.get(1))
        .and_then(Value::as_string)
        != Some("DLVersionsOk")
    {
        return Err(DeviceError::Protocol("versions".into()));
    }
    framing::send_binary(&mut stream, &dl(vec![s("DLMessageDeviceReady")]))?;
    let hello = framing::receive(&mut stream)?;
    let name = |v: &Value| {
        v.as_array()
            .and_then(|a| a.get(1))
            .and_then(|d| framing::text(d, "MessageName"))
            .unwrap_or_default()
    };
    note(state, format!("mobilebackup2:{}", name(&hello)));
    framing::send_binary(
        &mut stream,
        &dl(vec![
            s("DLMessageProcessMessage"),
            dict([
                ("ErrorCode", Value::Integer(0.into())),
                ("ProtocolVersion", Value::Real(2.1)),
            ]),
        ]),
    )?;
    let request = framing::receive(&mut stream)?;
    let unlocked =
        p.lock_file == LockFile::Free && !state.lock().map(|s| s.lock_held).unwrap_or(false);
    note(
        state,
        format!(
            "mobilebackup2:{}{}",
            name(&request),
            if unlocked {
                " without the sync lock"
            } else {
                ""
            }
        ),
    );
    if name(&request) != "Backup" {
        return framing::send_binary(
            &mut stream,
            &dl(vec![
                s("DLMessageProcessMessage"),
                dict([
                    ("ErrorCode", Value::Integer(22.into())),
                    ("ErrorDescription", s("refused by the double")),
                ]),
            ]),
        );
    }
    let u = &p.udid;
    // An incremental backup would start from these; a fresh one has none.
    framing::send_binary(
        &mut stream,
        &dl(vec![
            s("DLMessageDownloadFiles"),
            Value::Array(vec![
                s(&format!("{u}/Status.plist")),
                s(&format!("{u}/Manifest.plist")),
            ]),
            Value::Real(0.0),
        ]),
    )?;
    loop {
        let n = framing::read_u32(&mut stream)?;
        if n == 0 {
            break;
        }
        let _path = framing::read_exact_vec(&mut stream, n as usize)?;
        let len = framing::read_u32(&mut stream)?;
        let _rest = framing::read_exact_vec(&mut stream, len as usize)?;
    }
    expect_status(&mut stream)?;
    framing::send_binary(
        &mut stream,
        &dl(vec![
            s("DLMessageCreateDirectory"),
            s(&format!("{u}/Snapshot")),
            Value::Real(1.0),
        ]),
    )?;
    expect_status(&mut stream)?;
    framing::send_binary(
        &mut stream,
        &dl(vec![s("DLMessageGetFreeDiskSpace"), Value::Real(2.0)]),
    )?;
    expect_status(&mut stream)?;
    // Asked to make room by deleting older backups, Vigie declines (nothing is deleted).
    framing::send_binary(
        &mut stream,
        &dl(vec![
            s("DLMessagePurgeDiskSpace"),
            Value::Integer(1_000_000.into()),
        ]),
    )?;
    let purge = expect_status(&mut stream)?;
    if purge
        .as_array()
        .and_then(|a| a.get(1))
        .and_then(Value::as_signed_integer)
        != Some(-1)
    {
        note(state, format!("mobilebackup2:purge answered {purge:?}"));
    }
    let files: Vec<(String, PathBuf)> = p
        .backup_from
        .as_deref()
        .map(files_of)
        .unwrap_or_default()
        .into_iter()
        .filter(|(rel, _)| rel != "Info.plist")
        .collect();
    let mut moves = plist::Dictionary::new();
    framing::send_binary(
        &mut stream,
        &dl(vec![
            s("DLMessageUploadFiles"),
            Value::Dictionary(plist::Dictionary::new()),
            Value::Real(5.0),
        ]),
    )?;
    for (rel, path) in &files {
        let target = if rel.contains('/') {
            format!("{u}/{rel}")
        } else {
            // Top-level files go to the snapshot first, then are moved in place.
            moves.insert(format!("{u}/Snapshot/{rel}"), s(&format!("{u}/{rel}")));
            format!("{u}/Snapshot/{rel}")
        };
        send_path(&mut stream, "file")?;
        send_path(&mut stream, &target)?;
        let mut f = std::fs::File::open(path)?;
        let mut buf = vec![0u8; 48 * 1024];
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                break;
            }
            write_u32(&mut stream, n as u32 + 1)?;
            stream.write_all(&[0x0c])?;
            stream.write_all(&buf[..n])?;
        }
        write_u32(&mut stream, 1)?;
        stream.write_all(&[0x00])?;
    }
    // A file the phone cannot read is announced with an error and no data.
    send_path(&mut stream, "file")?;
    send_path(
        &mut stream,
        &format!("{u}/ff/ff00000000000000000000000000000000000000"),
    )?;
    let reason = b"Operation not permitted";
    write_u32(&mut stream, reason.len() as u32 + 1)?;
    stream.write_all(&[0x0b])?;
    stream.write_all(reason)?;
    write_u32(&mut stream, 0)?;
    stream.flush()?;
    expect_status(&mut stream)?;
    framing::send_binary(
        &mut stream,
        &dl(vec![
            s("DLMessageMoveItems"),
            Value::Dictionary(moves),
            Value::Real(90.0),
        ]),
    )?;
    expect_status(&mut stream)?;
    framing::send_binary(
        &mut stream,
        &dl(vec![s("DLContentsOfDirectory"), s(u), Value::Real(95.0)]),
    )?;
    expect_status(&mut stream)?;
    framing::send_binary(
        &mut stream,
        &dl(vec![
            s("DLMessageRemoveItems"),
            Value::Array(vec![s(&format!("{u}/Snapshot"))]),
            Value::Real(99.0),
        ]),
    )?;
    expect_status(&mut stream)?;
    framing::send_binary(
        &mut stream,
        &dl(vec![
            s("DLMessageProcessMessage"),
            dict([("ErrorCode", Value::Integer(0.into()))]),
        ]),
    )
}

/// A backup received in memory (for tests).
#[derive(Debug, Default)]
pub struct MemorySink {
    /// Files by path.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Folders made.
    pub dirs: Vec<String>,
    current: Option<String>,
}

impl BackupSink for MemorySink {
    fn create_dir(&mut self, path: &str) -> Result<(), String> {
        self.dirs.push(path.to_owned());
        Ok(())
    }
    fn begin_file(&mut self, path: &str) -> Result<(), String> {
        self.files.insert(path.to_owned(), vec![]);
        self.current = Some(path.to_owned());
        Ok(())
    }
    fn write(&mut self, data: &[u8]) -> Result<(), String> {
        let cur = self.current.as_ref().ok_or("no file")?;
        self.files
            .get_mut(cur)
            .ok_or("no file")?
            .extend_from_slice(data);
        Ok(())
    }
    fn end_file(&mut self) -> Result<(), String> {
        self.current = None;
        Ok(())
    }
    fn move_item(&mut self, from: &str, to: &str) -> Result<(), String> {
        let data = self
            .files
            .remove(from)
            .ok_or_else(|| format!("{from}: missing"))?;
        self.files.insert(to.to_owned(), data);
        Ok(())
    }
    fn remove(&mut self, path: &str) -> Result<(), String> {
        let prefix = format!("{path}/");
        self.files
            .retain(|k, _| k != path && !k.starts_with(&prefix));
        Ok(())
    }
    fn copy_item(&mut self, from: &str, to: &str) -> Result<(), String> {
        let data = self
            .files
            .get(from)
            .cloned()
            .ok_or_else(|| format!("{from}: missing"))?;
        self.files.insert(to.to_owned(), data);
        Ok(())
    }
    fn list(&mut self, dir: &str) -> Result<Vec<(String, u64, bool)>, String> {
        let prefix = format!("{dir}/");
        Ok(self
            .files
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix(&prefix)
                    .filter(|r| !r.contains('/'))
                    .map(|r| (r.to_owned(), v.len() as u64, false))
            })
            .collect())
    }
    fn free_space(&mut self) -> u64 {
        1 << 40
    }
}

impl std::fmt::Debug for FakeUsbmuxd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeUsbmuxd")
            .field("path", &self.path)
            .finish()
    }
}
