//! The fake phone's backup service (mobilebackup2, over DeviceLink messages): it sends the
//! files of its backup folder as a phone does — top-level files into a snapshot folder,
//! then moved in place — with one file it cannot read, and asks for room by deleting
//! earlier backups (which the host must decline).

use super::phone::{FakeIphone, LockFile};
use super::state::{note, Shared};
use crate::error::DeviceError;
use crate::framing::{self, dict, BoxStream};
use plist::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The size of the data blocks a file is sent in.
const BLOCK: usize = 48 * 1024;
/// DeviceLink's code before a block of file data.
const CODE_FILE_DATA: u8 = 0x0c;
/// DeviceLink's code before the error about a file the phone cannot read.
const CODE_ERROR_REMOTE: u8 = 0x0b;
/// DeviceLink's code that ends a file.
const CODE_SUCCESS: u8 = 0x00;

/// A DeviceLink message.
fn dl(items: Vec<Value>) -> Value {
    Value::Array(items)
}

/// A text value.
fn s(text: &str) -> Value {
    Value::String(text.into())
}

/// The name in a message's `MessageName` (a `DLMessageProcessMessage`).
fn message_name(v: &Value) -> String {
    v.as_array()
        .and_then(|a| a.get(1))
        .and_then(|d| framing::text(d, "MessageName"))
        .unwrap_or_default()
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

/// Sends a request to the host and reads its status response.
fn ask(stream: &mut BoxStream, items: Vec<Value>) -> Result<Value, DeviceError> {
    framing::send_binary(stream, &dl(items))?;
    expect_status(stream)
}

/// Writes a big-endian length or code.
fn write_u32(stream: &mut BoxStream, n: u32) -> Result<(), DeviceError> {
    stream.write_all(&n.to_be_bytes())?;
    Ok(())
}

/// Writes a block: its length (with the code), its code, its bytes.
fn write_block(stream: &mut BoxStream, code: u8, bytes: &[u8]) -> Result<(), DeviceError> {
    write_u32(stream, bytes.len() as u32 + 1)?;
    stream.write_all(&[code])?;
    stream.write_all(bytes)?;
    Ok(())
}

/// Writes a length-prefixed path.
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

/// The version exchange, "ready", and the host's hello answered; the request that follows
/// (noted, with whether the host holds the sync lock).
fn open_exchange(
    stream: &mut BoxStream,
    state: &Shared,
    p: &FakeIphone,
) -> Result<String, DeviceError> {
    let versions = dl(vec![
        s("DLMessageVersionExchange"),
        Value::Integer(300.into()),
        Value::Integer(0.into()),
    ]);
    framing::send_binary(stream, &versions)?;
    let ok = framing::receive(stream)?;
    if ok
        .as_array()
        .and_then(|a| a.get(1))
        .and_then(Value::as_string)
        != Some("DLVersionsOk")
    {
        return Err(DeviceError::Protocol("versions".into()));
    }
    framing::send_binary(stream, &dl(vec![s("DLMessageDeviceReady")]))?;
    let hello = framing::receive(stream)?;
    note(state, format!("mobilebackup2:{}", message_name(&hello)));
    let answer = dict([
        ("ErrorCode", Value::Integer(0.into())),
        ("ProtocolVersion", Value::Real(2.1)),
    ]);
    framing::send_binary(stream, &dl(vec![s("DLMessageProcessMessage"), answer]))?;
    let request = message_name(&framing::receive(stream)?);
    let unlocked =
        p.lock_file == LockFile::Free && !state.lock().map(|s| s.lock_held).unwrap_or(false);
    let lock = if unlocked {
        " without the sync lock"
    } else {
        ""
    };
    note(state, format!("mobilebackup2:{request}{lock}"));
    Ok(request)
}

/// Offers the files an incremental backup would start from (a fresh one has none), and
/// reads what the host answers about each.
fn offer_earlier_backup(stream: &mut BoxStream, u: &str) -> Result<(), DeviceError> {
    let wanted = Value::Array(vec![
        s(&format!("{u}/Status.plist")),
        s(&format!("{u}/Manifest.plist")),
    ]);
    let download = dl(vec![s("DLMessageDownloadFiles"), wanted, Value::Real(0.0)]);
    framing::send_binary(stream, &download)?;
    loop {
        let n = framing::read_u32(stream)?;
        if n == 0 {
            break;
        }
        let _path = framing::read_exact_vec(stream, n as usize)?;
        let len = framing::read_u32(stream)?;
        let _answer = framing::read_exact_vec(stream, len as usize)?;
    }
    expect_status(stream)?;
    Ok(())
}

/// Sends one file under `target`, in blocks.
fn send_file(stream: &mut BoxStream, target: &str, path: &Path) -> Result<(), DeviceError> {
    send_path(stream, "file")?;
    send_path(stream, target)?;
    let mut f = std::fs::File::open(path)?;
    let mut buf = vec![0u8; BLOCK];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        write_block(stream, CODE_FILE_DATA, &buf[..n])?;
    }
    write_u32(stream, 1)?;
    stream.write_all(&[CODE_SUCCESS])?;
    Ok(())
}

/// Uploads the backup folder's files (but `Info.plist`, which the host writes), then one
/// the phone cannot read; the moves that put the top-level files in place.
fn upload(stream: &mut BoxStream, p: &FakeIphone) -> Result<plist::Dictionary, DeviceError> {
    let u = &p.udid;
    let files = p.backup_from.as_deref().map(files_of).unwrap_or_default();
    let upload = dl(vec![
        s("DLMessageUploadFiles"),
        Value::Dictionary(plist::Dictionary::new()),
        Value::Real(5.0),
    ]);
    framing::send_binary(stream, &upload)?;
    let mut moves = plist::Dictionary::new();
    for (rel, path) in files.iter().filter(|(rel, _)| rel != "Info.plist") {
        let target = if rel.contains('/') {
            format!("{u}/{rel}")
        } else {
            // Top-level files go to the snapshot first, then are moved in place.
            moves.insert(format!("{u}/Snapshot/{rel}"), s(&format!("{u}/{rel}")));
            format!("{u}/Snapshot/{rel}")
        };
        send_file(stream, &target, path)?;
    }
    // A file the phone cannot read is announced with an error and no data.
    send_path(stream, "file")?;
    send_path(
        stream,
        &format!("{u}/ff/ff00000000000000000000000000000000000000"),
    )?;
    write_block(stream, CODE_ERROR_REMOTE, b"Operation not permitted")?;
    write_u32(stream, 0)?;
    stream.flush()?;
    expect_status(stream)?;
    Ok(moves)
}

/// Serves a backup: the exchange mobilebackup2 has with iTunes, the phone's side.
pub(super) fn serve_backup(
    mut stream: BoxStream,
    state: &Shared,
    p: &FakeIphone,
) -> Result<(), DeviceError> {
    let stream = &mut stream;
    if open_exchange(stream, state, p)? != "Backup" {
        let refusal = dict([
            ("ErrorCode", Value::Integer(22.into())),
            ("ErrorDescription", s("refused by the double")),
        ]);
        return framing::send_binary(stream, &dl(vec![s("DLMessageProcessMessage"), refusal]));
    }
    let u = p.udid.as_str();
    offer_earlier_backup(stream, u)?;
    let snapshot = s(&format!("{u}/Snapshot"));
    ask(
        stream,
        vec![
            s("DLMessageCreateDirectory"),
            snapshot.clone(),
            Value::Real(1.0),
        ],
    )?;
    ask(
        stream,
        vec![s("DLMessageGetFreeDiskSpace"), Value::Real(2.0)],
    )?;
    // Asked to make room by deleting older backups, Vigie declines (nothing is deleted).
    let purge = vec![
        s("DLMessagePurgeDiskSpace"),
        Value::Integer(1_000_000.into()),
    ];
    let purged = ask(stream, purge)?;
    let declined = purged
        .as_array()
        .and_then(|a| a.get(1))
        .and_then(Value::as_signed_integer);
    if declined != Some(-1) {
        note(state, format!("mobilebackup2:purge answered {purged:?}"));
    }
    let moves = upload(stream, p)?;
    ask(
        stream,
        vec![
            s("DLMessageMoveItems"),
            Value::Dictionary(moves),
            Value::Real(90.0),
        ],
    )?;
    ask(
        stream,
        vec![s("DLContentsOfDirectory"), s(u), Value::Real(95.0)],
    )?;
    let snapshots = Value::Array(vec![snapshot]);
    ask(
        stream,
        vec![s("DLMessageRemoveItems"), snapshots, Value::Real(99.0)],
    )?;
    let done = dict([("ErrorCode", Value::Integer(0.into()))]);
    framing::send_binary(stream, &dl(vec![s("DLMessageProcessMessage"), done]))
}
