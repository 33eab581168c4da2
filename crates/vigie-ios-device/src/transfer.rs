//! The files of a backup as they cross the connection: those the phone uploads, in blocks
//! received into the sink, and those it asks for (from an earlier backup), refused.

use crate::devicelink::status;
use crate::error::DeviceError;
use crate::framing::{self, read_u32, BoxStream};
use crate::sink::{safe_path, sink_error, BackupSink, BackupSummary};
use plist::Value;
use std::io::{Read, Write};

/// A file block's code: the file is done.
const CODE_SUCCESS: u8 = 0x00;
/// A file block's code: this side could not read the file.
const CODE_ERROR_LOCAL: u8 = 0x06;
/// A file block's code: the phone could not read the file.
const CODE_ERROR_REMOTE: u8 = 0x0b;
/// A file block's code: the file's data follows.
const CODE_FILE_DATA: u8 = 0x0c;
/// Longest path the phone may name.
const MAX_PATH: u32 = 4096;
/// Longest error text the phone may send about one file.
const MAX_STATUS_TEXT: u32 = 64 * 1024;

/// Reads a length-prefixed path.
fn read_path(stream: &mut BoxStream, len: u32) -> Result<String, DeviceError> {
    if len > MAX_PATH {
        return Err(DeviceError::Protocol(format!("a path of {len} bytes")));
    }
    let bytes = framing::read_exact_vec(stream, len as usize)?;
    String::from_utf8(bytes).map_err(|_| DeviceError::Protocol("a path that is not UTF-8".into()))
}

/// Reads one byte.
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
pub(crate) fn receive_files(
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
pub(crate) fn refuse_downloads(stream: &mut BoxStream, msg: &[Value]) -> Result<(), DeviceError> {
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
