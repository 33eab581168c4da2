//! Plist messages on a stream: a 4-byte big-endian length, then the plist (lockdown and its
//! services), bounded in size.

use crate::error::DeviceError;
use std::io::{Read, Write};

/// Largest message accepted from the phone.
pub(crate) const MAX_MESSAGE: u32 = 64 * 1024 * 1024;

/// A byte stream to the phone (plain or TLS).
pub trait Stream: Read + Write + Send {}
impl<T: Read + Write + Send> Stream for T {}

/// A boxed stream.
pub type BoxStream = Box<dyn Stream>;

/// Writes `value` as an XML plist message.
pub(crate) fn send(w: &mut dyn Write, value: &plist::Value) -> Result<(), DeviceError> {
    let mut body = Vec::new();
    value
        .to_writer_xml(&mut body)
        .map_err(|e| DeviceError::Protocol(e.to_string()))?;
    send_bytes(w, &body)
}

/// Writes `value` as a binary plist message (what DeviceLink services use).
pub(crate) fn send_binary(w: &mut dyn Write, value: &plist::Value) -> Result<(), DeviceError> {
    let mut body = Vec::new();
    value
        .to_writer_binary(&mut body)
        .map_err(|e| DeviceError::Protocol(e.to_string()))?;
    send_bytes(w, &body)
}

fn send_bytes(w: &mut dyn Write, body: &[u8]) -> Result<(), DeviceError> {
    let len =
        u32::try_from(body.len()).map_err(|_| DeviceError::Protocol("message too large".into()))?;
    w.write_all(&len.to_be_bytes())?;
    w.write_all(body)?;
    w.flush()?;
    Ok(())
}

/// Reads one plist message (binary or XML), refused over 64 MiB.
pub fn receive(r: &mut dyn Read) -> Result<plist::Value, DeviceError> {
    let len = read_u32(r)?;
    if len > MAX_MESSAGE {
        return Err(DeviceError::Protocol(format!("a message of {len} bytes")));
    }
    let body = read_exact_vec(r, len as usize)?;
    parse(&body)
}

/// Parses a plist message body, refusing one nested deeper than an iPhone writes
/// ([`vigie_ios::MAX_PLIST_DEPTH`]).
pub(crate) fn parse(body: &[u8]) -> Result<plist::Value, DeviceError> {
    vigie_ios::plist_from_bytes(body).map_err(|e| DeviceError::Protocol(e.to_string()))
}

/// Reads a big-endian u32.
pub(crate) fn read_u32(r: &mut dyn Read) -> Result<u32, DeviceError> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_be_bytes(b))
}

/// Reads exactly `len` bytes, growing the buffer as bytes arrive (a lying length costs
/// nothing before the bytes come).
pub(crate) fn read_exact_vec(r: &mut dyn Read, len: usize) -> Result<Vec<u8>, DeviceError> {
    let mut out = Vec::with_capacity(len.min(1 << 16));
    let got = r.take(len as u64).read_to_end(&mut out)?;
    if got != len {
        return Err(DeviceError::Io("the connection closed mid-message".into()));
    }
    Ok(out)
}

/// A dictionary value from `pairs`.
pub(crate) fn dict<const N: usize>(pairs: [(&str, plist::Value); N]) -> plist::Value {
    let mut d = plist::Dictionary::new();
    for (k, v) in pairs {
        d.insert(k.to_owned(), v);
    }
    plist::Value::Dictionary(d)
}

/// A text value of a dictionary.
pub(crate) fn text(v: &plist::Value, key: &str) -> Option<String> {
    v.as_dictionary()?.get(key)?.as_string().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_nested_past_what_a_phone_sends_is_refused() {
        let levels = 20_000;
        let xml = format!(
            "<plist version=\"1.0\">{}{}</plist>",
            "<array>".repeat(levels),
            "</array>".repeat(levels)
        );
        let mut framed = (xml.len() as u32).to_be_bytes().to_vec();
        framed.extend_from_slice(xml.as_bytes());
        match receive(&mut framed.as_slice()) {
            Err(DeviceError::Protocol(why)) => assert!(why.contains("levels"), "{why}"),
            other => panic!("expected a protocol error, got {other:?}"),
        }
    }
}
