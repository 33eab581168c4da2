//! A fresh backup made by the phone's backup service (mobilebackup2, over the DeviceLink
//! protocol) and received into a [`BackupSink`]. The phone decides what it sends; this side
//! only stores. Nothing from an earlier backup is offered back to the phone, no setting is
//! changed (an encrypted backup stays encrypted with the password the phone already has; an
//! unencrypted one is not made encrypted).

use crate::devicelink::{
    done, message, name_of, process_message, progress_of, receive_array, status,
};
use crate::error::DeviceError;
use crate::framing::{self, BoxStream};
use crate::sink::{safe_path, sink_error, BackupSink, BackupSummary};
use crate::transfer::{receive_files, refuse_downloads};
use plist::Value;

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
