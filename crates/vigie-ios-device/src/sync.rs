//! The sync lock iTunes, Finder and libimobiledevice take while they back a phone up, so
//! that no other computer or app syncs it meanwhile: sync notifications through the
//! notification proxy, and the lock file `/com.apple.itunes.lock_sync` locked through AFC
//! (Apple File Conduit). The file is opened read-only, so nothing is created or written on
//! the phone; where it does not exist, no lock is taken (the others would create it).

use crate::error::DeviceError;
use crate::framing::{self, dict, BoxStream};
use plist::Value;
use std::io::{Read, Write};

/// The notification service.
pub(crate) const NOTIFICATION_PROXY: &str = "com.apple.mobile.notification_proxy";
/// The file service of the phone's media area.
pub(crate) const AFC: &str = "com.apple.afc";
/// The file every syncing computer locks.
pub(crate) const LOCK_FILE: &str = "/com.apple.itunes.lock_sync";

/// Sync notifications, as iTunes posts them.
pub(crate) const SYNC_WILL_START: &str = "com.apple.itunes-mobdev.syncWillStart";
/// Posted before asking for the lock.
pub(crate) const SYNC_LOCK_REQUEST: &str = "com.apple.itunes-mobdev.syncLockRequest";
/// Posted once the lock is held.
pub(crate) const SYNC_DID_START: &str = "com.apple.itunes-mobdev.syncDidStart";
/// Posted when the lock is let go.
pub(crate) const SYNC_DID_FINISH: &str = "com.apple.itunes-mobdev.syncDidFinish";

const MAGIC: &[u8; 8] = b"CFA6LPAA";
const HEADER: u64 = 40;
/// Largest AFC answer accepted (the answers read here are a few bytes).
const MAX_ANSWER: u64 = 64 * 1024;

/// AFC operations used.
pub(crate) mod op {
    /// A status answer (an error code, 0 for success).
    pub(crate) const STATUS: u64 = 0x01;
    /// Opens a file.
    pub(crate) const FILE_OPEN: u64 = 0x0d;
    /// The handle of an opened file.
    pub(crate) const FILE_OPEN_RESULT: u64 = 0x0e;
    /// Closes a file.
    pub(crate) const FILE_CLOSE: u64 = 0x14;
    /// Locks or unlocks a file.
    pub(crate) const FILE_LOCK: u64 = 0x1b;
}

/// AFC open mode: read only (`r`), which never creates the file.
pub(crate) const READ_ONLY: u64 = 1;
/// AFC lock operations (non-blocking).
pub(crate) const LOCK_EXCLUSIVE: u64 = 2 | 4;
/// Lets the lock go.
pub(crate) const UNLOCK: u64 = 8 | 4;
/// AFC error: no such file.
#[cfg(feature = "test-double")]
pub(crate) const NOT_FOUND: u64 = 8;
/// AFC error: the lock is held by another.
pub(crate) const WOULD_BLOCK: u64 = 19;

/// Tries to take the lock, waiting this long between tries (as libimobiledevice does).
const LOCK_TRIES: u32 = 50;
const LOCK_WAIT: std::time::Duration = std::time::Duration::from_millis(200);

/// One AFC packet: its operation and data.
#[derive(Debug, PartialEq, Eq)]
pub struct AfcPacket {
    /// The operation.
    pub operation: u64,
    /// Its number in the conversation.
    pub number: u64,
    /// What follows the header.
    pub data: Vec<u8>,
}

/// Writes an AFC packet.
pub(crate) fn write_afc(
    w: &mut dyn Write,
    number: u64,
    operation: u64,
    data: &[u8],
) -> Result<(), DeviceError> {
    let len = HEADER + data.len() as u64;
    let mut out = Vec::with_capacity(len as usize);
    out.extend_from_slice(MAGIC);
    for word in [len, len, number, operation] {
        out.extend_from_slice(&word.to_le_bytes());
    }
    out.extend_from_slice(data);
    w.write_all(&out)?;
    w.flush()?;
    Ok(())
}

/// Reads an AFC packet, refused when its header is not AFC's or it is over 64 KiB.
pub fn read_afc(r: &mut dyn Read) -> Result<AfcPacket, DeviceError> {
    let mut header = [0u8; HEADER as usize];
    r.read_exact(&mut header)?;
    if &header[..8] != MAGIC {
        return Err(DeviceError::Protocol(
            "an AFC packet without its magic".into(),
        ));
    }
    let word = |i: usize| {
        let mut b = [0u8; 8];
        b.copy_from_slice(&header[i..i + 8]);
        u64::from_le_bytes(b)
    };
    let (entire, number, operation) = (word(8), word(24), word(32));
    if !(HEADER..=HEADER + MAX_ANSWER).contains(&entire) {
        return Err(DeviceError::Protocol(format!(
            "an AFC packet of {entire} bytes"
        )));
    }
    let data = framing::read_exact_vec(r, (entire - HEADER) as usize)?;
    Ok(AfcPacket {
        operation,
        number,
        data,
    })
}

fn le_u64(data: &[u8]) -> Option<u64> {
    let b: [u8; 8] = data.get(..8)?.try_into().ok()?;
    Some(u64::from_le_bytes(b))
}

/// A short AFC conversation.
struct Afc {
    stream: BoxStream,
    number: u64,
}

impl Afc {
    /// Sends a request; the answer's operation and first number (a handle or a status).
    fn ask(&mut self, operation: u64, data: &[u8]) -> Result<(u64, u64), DeviceError> {
        write_afc(&mut self.stream, self.number, operation, data)?;
        self.number += 1;
        let answer = read_afc(&mut self.stream)?;
        let value = le_u64(&answer.data)
            .ok_or_else(|| DeviceError::Protocol("an AFC answer without its value".into()))?;
        Ok((answer.operation, value))
    }

    /// Opens `path` read-only: its handle, or `None` when the phone does not open it (no
    /// such file, or any other refusal: the backup then goes on without the lock, as
    /// libimobiledevice's does).
    fn open_read_only(&mut self, path: &str) -> Result<Option<u64>, DeviceError> {
        let mut data = READ_ONLY.to_le_bytes().to_vec();
        data.extend_from_slice(path.as_bytes());
        data.push(0);
        match self.ask(op::FILE_OPEN, &data)? {
            (op::FILE_OPEN_RESULT, handle) => Ok(Some(handle)),
            (op::STATUS, _) => Ok(None),
            (o, _) => Err(DeviceError::Protocol(format!("AFC open answered by {o}"))),
        }
    }

    /// Locks or unlocks a file: the status code (0 for done).
    fn lock(&mut self, handle: u64, how: u64) -> Result<u64, DeviceError> {
        let mut data = handle.to_le_bytes().to_vec();
        data.extend_from_slice(&how.to_le_bytes());
        match self.ask(op::FILE_LOCK, &data)? {
            (op::STATUS, code) => Ok(code),
            (o, _) => Err(DeviceError::Protocol(format!("AFC lock answered by {o}"))),
        }
    }

    fn close(&mut self, handle: u64) -> Result<(), DeviceError> {
        self.ask(op::FILE_CLOSE, &handle.to_le_bytes()).map(|_| ())
    }
}

/// Posts a notification on the phone.
fn post(np: &mut BoxStream, name: &str) -> Result<(), DeviceError> {
    framing::send(
        np,
        &dict([
            ("Command", Value::String("PostNotification".into())),
            ("Name", Value::String(name.into())),
        ]),
    )
}

/// The sync lock, held while a backup is received.
pub(crate) struct SyncLock {
    np: BoxStream,
    afc: Afc,
    handle: Option<u64>,
}

impl SyncLock {
    /// Takes the lock on streams to the notification proxy and AFC: "sync will start", then
    /// the lock file locked (trying for ten seconds while another holds it), then "sync did
    /// start". A lock held by another all that time is [`DeviceError::SyncBusy`].
    pub(crate) fn take(mut np: BoxStream, afc: BoxStream) -> Result<SyncLock, DeviceError> {
        let mut afc = Afc {
            stream: afc,
            number: 0,
        };
        post(&mut np, SYNC_WILL_START)?;
        let handle = afc.open_read_only(LOCK_FILE)?;
        let mut lock = SyncLock { np, afc, handle };
        let Some(handle) = handle else {
            return Ok(lock);
        };
        post(&mut lock.np, SYNC_LOCK_REQUEST)?;
        for _ in 0..LOCK_TRIES {
            match lock.afc.lock(handle, LOCK_EXCLUSIVE)? {
                0 => {
                    post(&mut lock.np, SYNC_DID_START)?;
                    return Ok(lock);
                }
                WOULD_BLOCK => std::thread::sleep(LOCK_WAIT),
                code => {
                    let _ = lock.afc.close(handle);
                    return Err(DeviceError::Refused(format!("AFC lock: code {code}")));
                }
            }
        }
        let _ = lock.afc.close(handle);
        lock.handle = None;
        Err(DeviceError::SyncBusy)
    }

    /// Lets the lock go, posts "sync did finish" and closes the notification proxy.
    pub(crate) fn release(mut self) -> Result<(), DeviceError> {
        if let Some(handle) = self.handle.take() {
            self.afc.lock(handle, UNLOCK)?;
            self.afc.close(handle)?;
        }
        post(&mut self.np, SYNC_DID_FINISH)?;
        framing::send(
            &mut self.np,
            &dict([("Command", Value::String("Shutdown".into()))]),
        )?;
        // The phone answers "ProxyDeath"; what it says no longer matters.
        let _ = framing::receive(&mut self.np);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn afc_packets_round_trip_and_bad_ones_are_refused() {
        let mut out = Vec::new();
        write_afc(&mut out, 3, op::FILE_LOCK, &[1, 2, 3]).expect("write");
        assert_eq!(&out[..8], MAGIC);
        let p = read_afc(&mut out.as_slice()).expect("read");
        assert_eq!(
            p,
            AfcPacket {
                operation: op::FILE_LOCK,
                number: 3,
                data: vec![1, 2, 3]
            }
        );
        out[0] = b'X';
        assert!(read_afc(&mut out.as_slice()).is_err());
        let mut huge = Vec::new();
        write_afc(&mut huge, 0, op::STATUS, &[]).expect("write");
        huge[8..16].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(read_afc(&mut huge.as_slice()).is_err());
    }
}
