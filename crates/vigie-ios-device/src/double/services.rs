//! The services the fake phone runs once lockdown started them: the installation proxy
//! (its apps, in two pages), the profile service (its profiles), the notification proxy
//! and AFC (as far as the sync lock goes), and the backup service.

use super::backup::serve_backup;
use super::lockdown::error;
use super::phone::{FakeIphone, LockFile};
use super::state::{locked, note, Shared};
use crate::error::DeviceError;
use crate::framing::{self, dict, BoxStream};
use crate::services::{INSTALLATION_PROXY, PROFILES};
use crate::sync::{
    op, read_afc, write_afc, AfcPacket, AFC, LOCK_EXCLUSIVE, LOCK_FILE, NOTIFICATION_PROXY,
    NOT_FOUND, READ_ONLY, UNLOCK, WOULD_BLOCK,
};
use plist::Value;

/// The handle of the lock file, once opened.
const LOCK_HANDLE: u64 = 7;
/// AFC's error for a lock operation it does not know.
const BAD_LOCK: u64 = 7;
/// AFC's error for an operation it does not know.
const UNKNOWN_OPERATION: u64 = 15;

/// Serves the service started on `port`: over TLS with the pairing's certificates, but for
/// the file and notification services.
pub(super) fn serve_service(
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
        let s = locked(state)?;
        let (h, d) = s
            .trusted
            .get(&host)
            .cloned()
            .ok_or_else(|| DeviceError::Io("untrusted".into()))?;
        (h, d, s.device_key.clone())
    };
    match name.as_str() {
        NOTIFICATION_PROXY => return serve_notifications(stream, state),
        AFC => return serve_afc(stream, state, p),
        _ => {}
    }
    let mut stream = crate::tls::server(stream, device_cert, key, host_cert)?;
    match name.as_str() {
        INSTALLATION_PROXY => serve_apps(&mut stream, state, p),
        PROFILES => serve_profiles(&mut stream, state, p),
        _ => serve_backup(stream, state, p),
    }
}

/// The installation proxy: the phone's apps, in two pages, when asked to browse.
fn serve_apps(stream: &mut BoxStream, state: &Shared, p: &FakeIphone) -> Result<(), DeviceError> {
    let req = framing::receive(stream)?;
    let command = framing::text(&req, "Command");
    note(
        state,
        format!("installation_proxy:{}", command.clone().unwrap_or_default()),
    );
    if command.as_deref() != Some("Browse") {
        return framing::send(stream, &error("UnsupportedCommand"));
    }
    let half = p.apps.len() / 2;
    for part in [&p.apps[..half], &p.apps[half..]] {
        framing::send(
            stream,
            &dict([
                ("Status", Value::String("BrowsingApplications".into())),
                ("CurrentList", Value::Array(part.to_vec())),
            ]),
        )?;
    }
    framing::send(
        stream,
        &dict([("Status", Value::String("Complete".into()))]),
    )
}

/// The profile service: the phone's profiles, when asked for their list.
fn serve_profiles(
    stream: &mut BoxStream,
    state: &Shared,
    p: &FakeIphone,
) -> Result<(), DeviceError> {
    let req = framing::receive(stream)?;
    let kind = framing::text(&req, "RequestType").unwrap_or_default();
    note(state, format!("profiles:{kind}"));
    if kind != "GetProfileList" {
        return framing::send(stream, &dict([("Status", Value::String("Error".into()))]));
    }
    let identifiers = p
        .profiles
        .iter()
        .map(|(id, _)| Value::String(id.clone()))
        .collect();
    let metadata = p.profiles.iter().cloned().collect();
    framing::send(
        stream,
        &dict([
            ("Status", Value::String("Acknowledged".into())),
            ("OrderedIdentifiers", Value::Array(identifiers)),
            ("ProfileMetadata", Value::Dictionary(metadata)),
        ]),
    )
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

/// The 8-byte number at `i` of an AFC request's data.
fn word(req: &AfcPacket, i: usize) -> Option<u64> {
    req.data
        .get(i..i + 8)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_le_bytes)
}

/// Opens a file: only the lock file is there (unless the phone has none), under the one
/// handle.
fn open_file(req: &AfcPacket, state: &Shared, p: &FakeIphone) -> (u64, u64) {
    let mode = word(req, 0).unwrap_or(0);
    let path = String::from_utf8_lossy(req.data.get(8..).unwrap_or_default())
        .trim_end_matches('\0')
        .to_owned();
    let how = if mode == READ_ONLY {
        "read-only".to_owned()
    } else {
        format!("mode {mode}")
    };
    note(state, format!("afc:open {path} {how}"));
    if path == LOCK_FILE && p.lock_file != LockFile::Absent {
        (op::FILE_OPEN_RESULT, LOCK_HANDLE)
    } else {
        (op::STATUS, NOT_FOUND)
    }
}

/// Locks or unlocks the lock file: a lock held elsewhere is never had.
fn lock_file(req: &AfcPacket, state: &Shared, p: &FakeIphone) -> Result<(u64, u64), DeviceError> {
    let how = word(req, 8).unwrap_or(0);
    let mut s = locked(state)?;
    Ok(if how == UNLOCK {
        s.log.push("afc:unlock".into());
        s.lock_held = false;
        (op::STATUS, 0)
    } else if how == LOCK_EXCLUSIVE {
        s.log.push("afc:lock exclusive".into());
        if p.lock_file == LockFile::HeldElsewhere {
            (op::STATUS, WOULD_BLOCK)
        } else {
            s.lock_held = true;
            (op::STATUS, 0)
        }
    } else {
        s.log.push(format!("afc:lock {how}"));
        (op::STATUS, BAD_LOCK)
    })
}

/// AFC, as far as the sync lock goes: opening, locking and closing the lock file.
fn serve_afc(mut stream: BoxStream, state: &Shared, p: &FakeIphone) -> Result<(), DeviceError> {
    // Until the client closes the connection.
    while let Ok(req) = read_afc(&mut stream) {
        let (answer, value) = match req.operation {
            op::FILE_OPEN => open_file(&req, state, p),
            op::FILE_LOCK if word(&req, 0) == Some(LOCK_HANDLE) => lock_file(&req, state, p)?,
            op::FILE_CLOSE => {
                note(state, "afc:close".into());
                (op::STATUS, 0)
            }
            other => {
                note(state, format!("afc:operation {other}"));
                (op::STATUS, UNKNOWN_OPERATION)
            }
        };
        write_afc(&mut stream, req.number, answer, &value.to_le_bytes())?;
    }
    Ok(())
}
