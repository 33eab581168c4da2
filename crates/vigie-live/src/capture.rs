//! Packets read from one interface as they arrive (Linux `AF_PACKET`), read-only.

use crate::error::LiveError;
use crate::interface::present;
use std::io;
use std::time::Duration;
use vigie_core::Timestamp;
use vigie_net::{LinkType, Packet};

/// How long a read waits before giving control back (so that a stop request, a timer or a
/// vanished interface is noticed).
pub const POLL: Duration = Duration::from_millis(200);

/// Largest frame read (veth and offloading NICs hand over coalesced 64 KiB frames).
const READ_BUFFER: usize = 256 * 1024;

/// Packets from one interface, read as they arrive.
pub struct LiveCapture {
    name: String,
    rx: Box<dyn pnet_datalink::DataLinkReceiver>,
    frames: u64,
    bytes: u64,
}

impl std::fmt::Debug for LiveCapture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveCapture")
            .field("name", &self.name)
            .field("frames", &self.frames)
            .finish()
    }
}

impl LiveCapture {
    /// Opens a read-only capture on interface `name` (Ethernet framing; Wi-Fi interfaces in
    /// access-point mode hand over Ethernet frames too).
    pub fn open(name: &str) -> Result<Self, LiveError> {
        let iface = pnet_datalink::interfaces()
            .into_iter()
            .find(|i| i.name == name)
            .ok_or_else(|| LiveError::NoInterface(name.to_owned()))?;
        if iface.is_loopback() {
            // The station's own talk, never a phone's.
            return Err(LiveError::Loopback(name.to_owned()));
        }
        let config = pnet_datalink::Config {
            read_timeout: Some(POLL),
            read_buffer_size: READ_BUFFER,
            write_buffer_size: 64,
            promiscuous: true,
            ..Default::default()
        };
        match pnet_datalink::channel(&iface, config) {
            Ok(pnet_datalink::Channel::Ethernet(_tx, rx)) => Ok(LiveCapture {
                name: name.to_owned(),
                rx,
                frames: 0,
                bytes: 0,
            }),
            Ok(_) => Err(LiveError::Io(
                name.to_owned(),
                io::Error::other("unsupported channel type"),
            )),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                Err(LiveError::Permission(name.to_owned()))
            }
            Err(e) => Err(LiveError::Io(name.to_owned(), e)),
        }
    }

    /// The interface's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Frames read so far.
    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// Bytes read so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The next packet; `Ok(None)` when none arrived within [`POLL`]. An interface that
    /// disappears or goes down ends the capture with [`LiveError::Gone`].
    pub fn next_packet(&mut self) -> Result<Option<Packet<'_>>, LiveError> {
        match self.rx.next() {
            Ok(data) => {
                self.frames += 1;
                self.bytes += data.len() as u64;
                Ok(Some(Packet {
                    frame: self.frames,
                    ts: Timestamp::now(),
                    link: LinkType::ETHERNET,
                    orig_len: u32::try_from(data.len()).unwrap_or(u32::MAX),
                    data,
                }))
            }
            Err(e)
                if e.kind() == io::ErrorKind::TimedOut
                    || e.kind() == io::ErrorKind::Interrupted =>
            {
                if present(&self.name) {
                    Ok(None)
                } else {
                    Err(LiveError::Gone(self.name.clone()))
                }
            }
            Err(e) => {
                if present(&self.name) {
                    Err(LiveError::Io(self.name.clone(), e))
                } else {
                    Err(LiveError::Gone(self.name.clone()))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie_core::Localized;

    #[test]
    fn loopback_is_refused() {
        let e = LiveCapture::open("lo").expect_err("loopback");
        assert_eq!(e.message().key, "live-error-loopback");
    }

    #[test]
    fn unknown_interface_is_a_clear_error() {
        let e = LiveCapture::open("vigie-no-such-if0").expect_err("no interface");
        assert!(matches!(e, LiveError::NoInterface(_)));
        assert_eq!(e.message().key, "live-error-no-interface");
    }
}
