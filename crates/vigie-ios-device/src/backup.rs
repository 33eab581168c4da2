//! A fresh backup made by the phone's backup service (mobilebackup2, over the DeviceLink
//! protocol) and received into a [`BackupSink`]. The phone decides what it sends; this side
//! only stores. Nothing from an earlier backup is offered back to the phone, no setting is
//! changed (an encrypted backup stays encrypted with the password the phone already has; an
//! unencrypted one is not made encrypted).

use crate::framing::{self, read_u32, BoxStream};
use crate::DeviceError;
use plist::Value;
use std::io::{Read, Write};

const CODE_SUCCESS: u8 = 0x00;
const CODE_ERROR_LOCAL: u8 = 0x06;
const CODE_ERROR_REMOTE: u8 = 0x0b;
const CODE_FILE_DATA: u8 = 0x0c;
const EMPTY: &str = "___EmptyParameterString___";
/// Longest path the phone may name.
const MAX_PATH: u32 = 4096;
/// Longest error text the phone may send about one file.
const MAX_STATUS_TEXT: u32 = 64 * 1024;

/// Where a received backup goes (a folder, or the encrypted case file). Paths are relative
/// to the backup root (`<UDID>/Manifest.db`, `<UDID>/ab/ab12…`) and already checked: never
/// absolute, never with `..`.
pub trait BackupSink {
    /// Makes a folder (and its parents).
    fn create_dir(&mut self, path: &str) -> Result<(), String>;
    /// Starts a file (replacing one of the same path).
    fn begin_file(&mut self, path: &str) -> Result<(), String>;
    /// Adds bytes to the file begun.
    fn write(&mut self, data: &[u8]) -> Result<(), String>;
    /// Ends the file begun.
    fn end_file(&mut self) -> Result<(), String>;
    /// Renames a file or folder.
    fn move_item(&mut self, from: &str, to: &str) -> Result<(), String>;
    /// Removes a file or folder (with what it holds).
    fn remove(&mut self, path: &str) -> Result<(), String>;
    /// Copies a file.
    fn copy_item(&mut self, from: &str, to: &str) -> Result<(), String>;
    /// What a folder holds: name, size, whether it is a folder.
    fn list(&mut self, dir: &str) -> Result<Vec<(String, u64, bool)>, String>;
    /// Free space, in bytes.
    fn free_space(&mut self) -> u64;
}

/// What a received backup came to.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BackupSummary {
    /// Files received.
    pub files: u64,
    /// Bytes received.
    pub bytes: u64,
    /// Errors the phone reported about single files (it goes on without them).
    pub device_errors: Vec<String>,
}

/// A path named by the phone, refused when it could leave the backup folder.
fn safe_path(p: &str) -> Result<&str, DeviceError> {
    let bad = p.is_empty()
        || p.starts_with('/')
        || p.contains('\0')
        || p.contains('\\')
        || p.split('/').any(|c| c == "..");
    if bad {
        Err(DeviceError::Protocol(format!(
            "a path outside the backup: {p:?}"
        )))
    } else {
        Ok(p)
    }
}

fn sink_error(e: String) -> DeviceError {
    DeviceError::Sink(e)
}

fn message(items: Vec<Value>) -> Value {
    Value::Array(items)
}

fn status(
    stream: &mut BoxStream,
    code: i64,
    description: Option<&str>,
    value: Option<Value>,
) -> Result<(), DeviceError> {
    framing::send_binary(
        stream,
        &message(vec![
            Value::String("DLMessageStatusResponse".into()),
            Value::Integer(code.into()),
            Value::String(description.unwrap_or(EMPTY).into()),
            value.unwrap_or_else(|| Value::String(EMPTY.into())),
        ]),
    )
}

/// Answers "done, no error" to the phone's last request.
fn done(stream: &mut BoxStream) -> Result<(), DeviceError> {
    status(
        stream,
        0,
        None,
        Some(Value::Dictionary(plist::Dictionary::new())),
    )
}

fn receive_array(stream: &mut BoxStream) -> Result<Vec<Value>, DeviceError> {
    match framing::receive(stream)? {
        Value::Array(a) if !a.is_empty() => Ok(a),
        other => Err(DeviceError::Protocol(format!(
            "a DeviceLink message that is not a list: {other:?}"
        ))),
    }
}

fn name_of(msg: &[Value]) -> &str {
    msg.first().and_then(Value::as_string).unwrap_or("")
}

fn process_message(body: Value) -> Value {
    message(vec![Value::String("DLMessageProcessMessage".into()), body])
}

/// Reads a length-prefixed path.
fn read_path(stream: &mut BoxStream, len: u32) -> Result<String, DeviceError> {
    if len > MAX_PATH {
        return Err(DeviceError::Protocol(format!("a path of {len} bytes")));
    }
    let bytes = framing::read_exact_vec(stream, len as usize)?;
    String::from_utf8(bytes).map_err(|_| DeviceError::Protocol("a path that is not UTF-8".into()))
}

fn read_u8(stream: &mut BoxStream) -> Result<u8, DeviceError> {
    let mut b = [0u8; 1];
    stream.read_exact(&mut b)?;
    Ok(b[0])
}

/// Reads the names that open a file of an upload: the phone's own name for it (passed
/// over), then the path to store it at, checked. `None` when the upload ends instead.
fn next_file_name(stream: &mut BoxStream) -> Result<Option<String>, DeviceError> {
    let device_len = read_u32(stream)?;
    if device_len == 0 {
        return Ok(None);
    }
    let _device_name = read_path(stream, device_len)?;
    let len = read_u32(stream)?;
    if len == 0 {
        return Ok(None);
    }
    let name = read_path(stream, len)?;
    safe_path(&name)?;
    Ok(Some(name))
}

/// Copies `len` bytes of file data from the phone into the file begun in `sink`.
fn copy_data(
    stream: &mut BoxStream,
    sink: &mut dyn BackupSink,
    buf: &mut [u8],
    len: u32,
    summary: &mut BackupSummary,
) -> Result<(), DeviceError> {
    let mut left = u64::from(len);
    while left > 0 {
        let want = usize::try_from(left.min(buf.len() as u64)).unwrap_or(buf.len());
        stream.read_exact(&mut buf[..want])?;
        sink.write(&buf[..want]).map_err(sink_error)?;
        summary.bytes += want as u64;
        left -= want as u64;
    }
    Ok(())
}

/// Reads the status that follows a file's data (a code and at most an error text), noting
/// an error the phone reports about the file.
fn read_file_status(
    stream: &mut BoxStream,
    name: &str,
    code: u8,
    len: u32,
    had_data: bool,
    summary: &mut BackupSummary,
) -> Result<(), DeviceError> {
    if len - 1 > MAX_STATUS_TEXT {
        return Err(DeviceError::Protocol(format!(
            "a file status of {len} bytes"
        )));
    }
    let text = framing::read_exact_vec(stream, (len - 1) as usize)?;
    match code {
        CODE_SUCCESS => {}
        CODE_ERROR_REMOTE if had_data => {}
        _ => summary
            .device_errors
            .push(format!("{name}: {}", String::from_utf8_lossy(&text))),
    }
    Ok(())
}

/// Receives one file of an upload, whose first block is `len` bytes long: its data blocks,
/// then its status. Whether the upload goes on after it.
fn receive_file(
    stream: &mut BoxStream,
    sink: &mut dyn BackupSink,
    buf: &mut [u8],
    name: &str,
    mut len: u32,
    summary: &mut BackupSummary,
) -> Result<bool, DeviceError> {
    let mut code = read_u8(stream)?;
    // A file the phone could not read comes as an error alone: nothing is kept for it.
    let refused = code != CODE_FILE_DATA && code != CODE_SUCCESS;
    if !refused {
        sink.begin_file(name).map_err(sink_error)?;
    }
    let mut had_data = false;
    while code == CODE_FILE_DATA {
        copy_data(stream, sink, buf, len - 1, summary)?;
        had_data = true;
        len = read_u32(stream)?;
        if len == 0 {
            sink.end_file().map_err(sink_error)?;
            summary.files += 1;
            return Ok(false);
        }
        code = read_u8(stream)?;
    }
    if !refused {
        sink.end_file().map_err(sink_error)?;
        summary.files += 1;
    }
    read_file_status(stream, name, code, len, had_data, summary)?;
    Ok(true)
}

/// Receives the files of one `DLMessageUploadFiles`.
fn receive_files(
    stream: &mut BoxStream,
    sink: &mut dyn BackupSink,
    summary: &mut BackupSummary,
) -> Result<(), DeviceError> {
    let mut buf = vec![0u8; 64 * 1024];
    while let Some(name) = next_file_name(stream)? {
        let len = read_u32(stream)?;
        if len == 0 || !receive_file(stream, sink, &mut buf, &name, len, summary)? {
            return Ok(());
        }
    }
    Ok(())
}

/// Answers `DLMessageDownloadFiles`: nothing of an earlier backup is offered (a fresh, full
/// backup), each file is said to be missing.
fn refuse_downloads(stream: &mut BoxStream, msg: &[Value]) -> Result<(), DeviceError> {
    let mut errors = plist::Dictionary::new();
    for path in msg.get(1).and_then(Value::as_array).into_iter().flatten() {
        let Some(path) = path.as_string() else {
            continue;
        };
        let len = u32::try_from(path.len()).map_err(|_| DeviceError::Protocol("path".into()))?;
        stream.write_all(&len.to_be_bytes())?;
        stream.write_all(path.as_bytes())?;
        let text = b"No such file or directory";
        stream.write_all(&(text.len() as u32 + 1).to_be_bytes())?;
        stream.write_all(&[CODE_ERROR_LOCAL])?;
        stream.write_all(text)?;
        errors.insert(
            path.to_owned(),
            framing::dict([
                (
                    "DLFileErrorString",
                    Value::String("No such file or directory".into()),
                ),
                ("DLFileErrorCode", Value::Integer((-6i64).into())),
            ]),
        );
    }
    stream.write_all(&0u32.to_be_bytes())?;
    stream.flush()?;
    if errors.is_empty() {
        status(
            stream,
            0,
            None,
            Some(Value::Dictionary(plist::Dictionary::new())),
        )
    } else {
        status(
            stream,
            -13,
            Some("Multi status"),
            Some(Value::Dictionary(errors)),
        )
    }
}

/// The progress (0–100) a DeviceLink message carries, where it does.
fn progress_of(msg: &[Value]) -> Option<f64> {
    msg.iter()
        .skip(1)
        .find_map(Value::as_real)
        .filter(|p| (0.0..=100.0).contains(p))
}

/// An operation the phone asks on the files it sent.
enum FileOperation<'a> {
    /// Renames a file or folder.
    Move(&'a str, &'a str),
    /// Removes a file or folder.
    Remove(&'a str),
    /// Copies a file.
    Copy(&'a str, &'a str),
}

impl FileOperation<'_> {
    /// The operations a move, remove or copy message asks.
    fn asked<'a>(msg: &'a [Value]) -> Vec<FileOperation<'a>> {
        let text = |i: usize| msg.get(i).and_then(Value::as_string).unwrap_or("");
        match name_of(msg) {
            "DLMessageMoveFiles" | "DLMessageMoveItems" => msg
                .get(1)
                .and_then(Value::as_dictionary)
                .into_iter()
                .flatten()
                .filter_map(|(from, to)| Some(FileOperation::Move(from, to.as_string()?)))
                .collect(),
            "DLMessageRemoveFiles" | "DLMessageRemoveItems" => msg
                .get(1)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|p| Some(FileOperation::Remove(p.as_string()?)))
                .collect(),
            "DLMessageCopyItem" => vec![FileOperation::Copy(text(1), text(2))],
            _ => vec![],
        }
    }

    /// Carries the operation out in `sink`, every path checked first.
    fn apply(&self, sink: &mut dyn BackupSink) -> Result<(), DeviceError> {
        match *self {
            FileOperation::Move(from, to) => sink.move_item(safe_path(from)?, safe_path(to)?),
            FileOperation::Remove(path) => sink.remove(safe_path(path)?),
            FileOperation::Copy(from, to) => sink.copy_item(safe_path(from)?, safe_path(to)?),
        }
        .map_err(sink_error)
    }
}

/// Answers `DLContentsOfDirectory`: what the folder holds in `sink` (nothing for a path
/// outside the backup).
fn list_directory(
    stream: &mut BoxStream,
    sink: &mut dyn BackupSink,
    msg: &[Value],
) -> Result<(), DeviceError> {
    let dir = msg.get(1).and_then(Value::as_string).unwrap_or("");
    let mut listing = plist::Dictionary::new();
    if let Ok(dir) = safe_path(dir) {
        for (name, size, is_dir) in sink.list(dir).unwrap_or_default() {
            let kind = if is_dir {
                "DLFileTypeDirectory"
            } else {
                "DLFileTypeRegular"
            };
            let entry = framing::dict([
                ("DLFileType", Value::String(kind.into())),
                ("DLFileSize", Value::Integer(size.into())),
            ]);
            listing.insert(name, entry);
        }
    }
    status(stream, 0, None, Some(Value::Dictionary(listing)))
}

/// The end of the backup the phone reports: done, or its error.
fn finished(msg: &[Value]) -> Result<(), DeviceError> {
    let d = msg.get(1).and_then(Value::as_dictionary);
    let code = d
        .and_then(|d| d.get("ErrorCode"))
        .and_then(Value::as_signed_integer)
        .unwrap_or(0);
    if code == 0 {
        return Ok(());
    }
    let text = d
        .and_then(|d| d.get("ErrorDescription"))
        .and_then(Value::as_string)
        .unwrap_or("");
    Err(DeviceError::Refused(format!("backup: {code} {text}")))
}

/// The DeviceLink version exchange and the phone's "ready".
fn exchange_versions(stream: &mut BoxStream) -> Result<(), DeviceError> {
    let hello = receive_array(stream)?;
    if name_of(&hello) != "DLMessageVersionExchange" {
        return Err(DeviceError::Protocol(format!(
            "expected a version exchange, got {}",
            name_of(&hello)
        )));
    }
    let major = hello.get(1).cloned().unwrap_or(Value::Integer(300.into()));
    framing::send_binary(
        stream,
        &message(vec![
            Value::String("DLMessageVersionExchange".into()),
            Value::String("DLVersionsOk".into()),
            major,
        ]),
    )?;
    let ready = receive_array(stream)?;
    if name_of(&ready) != "DLMessageDeviceReady" {
        return Err(DeviceError::Protocol(format!(
            "expected DeviceReady, got {}",
            name_of(&ready)
        )));
    }
    Ok(())
}

/// The backup service's "Hello", with the protocol versions this side speaks.
fn say_hello(stream: &mut BoxStream) -> Result<(), DeviceError> {
    framing::send_binary(
        stream,
        &process_message(framing::dict([
            ("MessageName", Value::String("Hello".into())),
            (
                "SupportedProtocolVersions",
                Value::Array(vec![Value::Real(2.0), Value::Real(2.1)]),
            ),
        ])),
    )?;
    let answer = receive_array(stream)?;
    let code = answer
        .get(1)
        .and_then(Value::as_dictionary)
        .and_then(|d| d.get("ErrorCode"))
        .and_then(Value::as_signed_integer);
    if code != Some(0) {
        return Err(DeviceError::Refused(format!(
            "backup service hello: {answer:?}"
        )));
    }
    Ok(())
}

/// Stores `info` as the backup's `Info.plist`, in the folder of `udid`.
fn store_info(sink: &mut dyn BackupSink, udid: &str, info: &Value) -> Result<(), DeviceError> {
    sink.create_dir(udid).map_err(sink_error)?;
    let mut xml = Vec::new();
    info.to_writer_xml(&mut xml)
        .map_err(|e| DeviceError::Protocol(e.to_string()))?;
    sink.begin_file(&format!("{udid}/Info.plist"))
        .map_err(sink_error)?;
    sink.write(&xml).map_err(sink_error)?;
    sink.end_file().map_err(sink_error)
}

/// Asks for a full backup of `udid`.
fn ask_backup(stream: &mut BoxStream, udid: &str) -> Result<(), DeviceError> {
    framing::send_binary(
        stream,
        &process_message(framing::dict([
            ("MessageName", Value::String("Backup".into())),
            ("TargetIdentifier", Value::String(udid.into())),
            ("SourceIdentifier", Value::String(udid.into())),
            (
                "Options",
                framing::dict([("ForceFullBackup", Value::Boolean(true))]),
            ),
        ])),
    )
}

/// Asks the phone for a full backup of `udid` and stores what it sends in `sink`, starting
/// with `info` (the `Info.plist` this side writes, as iTunes does). `progress` gets the
/// phone's own progress (0–100).
pub fn receive_backup(
    stream: &mut BoxStream,
    udid: &str,
    info: &Value,
    sink: &mut dyn BackupSink,
    progress: &mut dyn FnMut(f64),
) -> Result<BackupSummary, DeviceError> {
    safe_path(udid)?;
    exchange_versions(stream)?;
    say_hello(stream)?;
    store_info(sink, udid, info)?;
    ask_backup(stream, udid)?;
    let mut summary = BackupSummary::default();
    loop {
        let msg = receive_array(stream)?;
        if let Some(p) = progress_of(&msg) {
            progress(p);
        }
        if answer(stream, sink, &msg, &mut summary)? == Exchange::Over {
            progress(100.0);
            return Ok(summary);
        }
    }
}

/// Where the backup exchange stands after a message.
#[derive(PartialEq, Eq)]
enum Exchange {
    /// The phone goes on.
    Going,
    /// The phone reported the backup done.
    Over,
}

/// Does what one message of the phone asks, and answers it.
fn answer(
    stream: &mut BoxStream,
    sink: &mut dyn BackupSink,
    msg: &[Value],
    summary: &mut BackupSummary,
) -> Result<Exchange, DeviceError> {
    match name_of(msg) {
        "DLMessageDownloadFiles" => refuse_downloads(stream, msg)?,
        "DLMessageUploadFiles" => {
            receive_files(stream, sink, summary)?;
            done(stream)?;
        }
        "DLMessageGetFreeDiskSpace" => {
            let free = sink.free_space();
            status(stream, 0, None, Some(Value::Integer(free.into())))?;
        }
        "DLContentsOfDirectory" => list_directory(stream, sink, msg)?,
        "DLMessageCreateDirectory" => {
            let dir = msg.get(1).and_then(Value::as_string).unwrap_or("");
            sink.create_dir(safe_path(dir)?).map_err(sink_error)?;
            status(stream, 0, None, None)?;
        }
        "DLMessageMoveFiles"
        | "DLMessageMoveItems"
        | "DLMessageRemoveFiles"
        | "DLMessageRemoveItems"
        | "DLMessageCopyItem" => {
            for operation in FileOperation::asked(msg) {
                operation.apply(sink)?;
            }
            done(stream)?;
        }
        "DLMessageProcessMessage" => {
            finished(msg)?;
            return Ok(Exchange::Over);
        }
        // Room is never made by deleting anything: declined, as libimobiledevice does.
        "DLMessagePurgeDiskSpace" => status(
            stream,
            -1,
            Some("Operation not supported"),
            Some(Value::Dictionary(plist::Dictionary::new())),
        )?,
        "DLMessageDisconnect" => {
            return Err(DeviceError::Refused("the phone ended the backup".into()))
        }
        other => {
            return Err(DeviceError::Protocol(format!(
                "unknown backup message {other}"
            )))
        }
    }
    Ok(Exchange::Going)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_backup_are_refused() {
        for bad in ["", "/etc/passwd", "a/../../b", "..", "a\\b", "a\0b"] {
            assert!(safe_path(bad).is_err(), "{bad:?}");
        }
        for good in [
            "UDID/Manifest.db",
            "UDID/ab/ab12",
            "UDID/Snapshot/Status.plist",
        ] {
            assert!(safe_path(good).is_ok());
        }
    }
}
