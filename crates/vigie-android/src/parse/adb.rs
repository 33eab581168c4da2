//! The adb server's replies: length-prefixed blocks of its host protocol, and its list of
//! connected devices.

use std::io::Read;

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
