//! usbmuxd: the service (usbmuxd on Linux, Apple Mobile Device Service elsewhere) that sees
//! iPhones on USB, keeps pairing records and opens connections to a port of the phone.
//!
//! A message is a 16-byte little-endian header (length, version 1, type 8 = plist, tag) and
//! an XML plist. After a successful `Connect`, the same socket carries the phone's port.

use crate::error::DeviceError;
use crate::framing::{read_exact_vec, BoxStream};
use crate::pairing::PairRecord;
use plist::Value;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::time::Duration;

/// How long a silent phone is waited for before the check says so.
pub(crate) const READ_TIMEOUT: Duration = Duration::from_secs(120);

/// Where usbmuxd listens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UsbmuxAddress {
    /// A Unix socket (Linux and macOS).
    Unix(PathBuf),
    /// A TCP address `host:port` (usbmuxd reached through a tunnel, or Windows).
    Tcp(String),
}

impl UsbmuxAddress {
    /// The address libimobiledevice also uses: `USBMUXD_SOCKET_ADDRESS` (`UNIX:/path` or
    /// `host:port`), else `/var/run/usbmuxd`.
    pub fn from_env() -> UsbmuxAddress {
        match std::env::var("USBMUXD_SOCKET_ADDRESS") {
            Ok(a) if !a.trim().is_empty() => UsbmuxAddress::parse(a.trim()),
            _ => UsbmuxAddress::Unix(PathBuf::from("/var/run/usbmuxd")),
        }
    }

    /// Parses `UNIX:/path`, a path, or `host:port`.
    pub fn parse(text: &str) -> UsbmuxAddress {
        if let Some(p) = text.strip_prefix("UNIX:") {
            UsbmuxAddress::Unix(PathBuf::from(p))
        } else if text.starts_with('/') {
            UsbmuxAddress::Unix(PathBuf::from(text))
        } else {
            UsbmuxAddress::Tcp(text.to_owned())
        }
    }

    fn describe(&self) -> String {
        match self {
            UsbmuxAddress::Unix(p) => p.display().to_string(),
            UsbmuxAddress::Tcp(a) => a.clone(),
        }
    }

    fn open(&self) -> Result<BoxStream, DeviceError> {
        let unreachable = |e: std::io::Error| DeviceError::NoUsbmuxd {
            address: self.describe(),
            detail: e.to_string(),
        };
        match self {
            UsbmuxAddress::Unix(p) => {
                let s = std::os::unix::net::UnixStream::connect(p).map_err(unreachable)?;
                s.set_read_timeout(Some(READ_TIMEOUT))
                    .map_err(unreachable)?;
                Ok(Box::new(s))
            }
            UsbmuxAddress::Tcp(a) => {
                let s = std::net::TcpStream::connect(a).map_err(unreachable)?;
                s.set_read_timeout(Some(READ_TIMEOUT))
                    .map_err(unreachable)?;
                Ok(Box::new(s))
            }
        }
    }
}

/// A phone usbmuxd sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    /// usbmuxd's number for it (valid while plugged in).
    pub id: u64,
    /// Its UDID.
    pub udid: String,
    /// `USB` or `Network`.
    pub connection: String,
}

/// A client of usbmuxd.
#[derive(Clone, Debug)]
pub struct Usbmux {
    address: UsbmuxAddress,
}

/// Reads one usbmuxd message: its tag and its plist, refused over 1 MiB.
pub fn read_message(r: &mut dyn Read) -> Result<(u32, Value), DeviceError> {
    let mut header = [0u8; 16];
    r.read_exact(&mut header)?;
    let word =
        |i: usize| u32::from_le_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]]);
    let len = word(0);
    let tag = word(12);
    if !(16..=1024 * 1024).contains(&len) {
        return Err(DeviceError::Protocol(format!(
            "a usbmuxd message of {len} bytes"
        )));
    }
    let body = read_exact_vec(r, len as usize - 16)?;
    Ok((tag, crate::framing::parse(&body)?))
}

/// Writes one usbmuxd message.
pub(crate) fn write_message(w: &mut dyn Write, tag: u32, value: &Value) -> Result<(), DeviceError> {
    let mut body = Vec::new();
    value
        .to_writer_xml(&mut body)
        .map_err(|e| DeviceError::Protocol(e.to_string()))?;
    let len =
        u32::try_from(body.len() + 16).map_err(|_| DeviceError::Protocol("too large".into()))?;
    let mut out = Vec::with_capacity(body.len() + 16);
    for word in [len, 1, 8, tag] {
        out.extend_from_slice(&word.to_le_bytes());
    }
    out.extend_from_slice(&body);
    w.write_all(&out)?;
    w.flush()?;
    Ok(())
}

/// The port number as usbmuxd wants it: in network byte order inside a little-endian integer.
pub(crate) fn swap_port(port: u16) -> u64 {
    u64::from(port.swap_bytes())
}

impl Usbmux {
    /// A client of usbmuxd at `address`.
    pub fn new(address: UsbmuxAddress) -> Usbmux {
        Usbmux { address }
    }

    fn request(
        &self,
        message: &str,
        mut fields: plist::Dictionary,
    ) -> Result<(BoxStream, Value), DeviceError> {
        let mut s = self.address.open()?;
        fields.insert("MessageType".into(), Value::String(message.into()));
        fields.insert("ProgName".into(), Value::String("vigie".into()));
        fields.insert(
            "ClientVersionString".into(),
            Value::String(concat!("vigie-", env!("CARGO_PKG_VERSION")).into()),
        );
        fields.insert("kLibUSBMuxVersion".into(), Value::Integer(3.into()));
        write_message(&mut s, 1, &Value::Dictionary(fields))?;
        let (_, reply) = read_message(&mut s)?;
        Ok((s, reply))
    }

    /// The `Number` of a `Result` reply, if it is one.
    fn result_number(reply: &Value) -> Option<u64> {
        let d = reply.as_dictionary()?;
        if d.get("MessageType")?.as_string()? != "Result" {
            return None;
        }
        d.get("Number")?.as_unsigned_integer()
    }

    /// The phones connected now.
    pub fn devices(&self) -> Result<Vec<Device>, DeviceError> {
        let (_, reply) = self.request("ListDevices", plist::Dictionary::new())?;
        let list = reply
            .as_dictionary()
            .and_then(|d| d.get("DeviceList"))
            .and_then(Value::as_array)
            .ok_or_else(|| DeviceError::Protocol("ListDevices without DeviceList".into()))?;
        let mut out = vec![];
        for entry in list {
            let Some(props) = entry
                .as_dictionary()
                .and_then(|d| d.get("Properties"))
                .and_then(Value::as_dictionary)
            else {
                continue;
            };
            let (Some(id), Some(udid)) = (
                props.get("DeviceID").and_then(Value::as_unsigned_integer),
                props.get("SerialNumber").and_then(Value::as_string),
            ) else {
                continue;
            };
            out.push(Device {
                id,
                udid: udid.to_owned(),
                connection: props
                    .get("ConnectionType")
                    .and_then(Value::as_string)
                    .unwrap_or("USB")
                    .to_owned(),
            });
        }
        Ok(out)
    }

    /// The pairing record usbmuxd keeps for `udid`, if any.
    pub fn pair_record(&self, udid: &str) -> Result<Option<PairRecord>, DeviceError> {
        let mut f = plist::Dictionary::new();
        f.insert("PairRecordID".into(), Value::String(udid.into()));
        let (_, reply) = self.request("ReadPairRecord", f)?;
        let Some(data) = reply
            .as_dictionary()
            .and_then(|d| d.get("PairRecordData"))
            .and_then(Value::as_data)
        else {
            return Ok(None);
        };
        let v = crate::framing::parse(data)?;
        Ok(Some(PairRecord::from_plist(&v)?))
    }

    /// Gives usbmuxd the pairing record of `device`, to keep as other tools expect.
    pub fn save_pair_record(
        &self,
        device: &Device,
        record: &PairRecord,
    ) -> Result<(), DeviceError> {
        let mut data = Vec::new();
        record
            .to_plist()
            .to_writer_xml(&mut data)
            .map_err(|e| DeviceError::Protocol(e.to_string()))?;
        let mut f = plist::Dictionary::new();
        f.insert("PairRecordID".into(), Value::String(device.udid.clone()));
        f.insert("PairRecordData".into(), Value::Data(data));
        f.insert("DeviceID".into(), Value::Integer(device.id.into()));
        let (_, reply) = self.request("SavePairRecord", f)?;
        match Self::result_number(&reply) {
            Some(0) => Ok(()),
            n => Err(DeviceError::Refused(format!(
                "usbmuxd SavePairRecord: {n:?}"
            ))),
        }
    }

    /// This computer's system BUID (the same for every pairing made from it).
    pub fn system_buid(&self) -> Result<String, DeviceError> {
        let (_, reply) = self.request("ReadBUID", plist::Dictionary::new())?;
        crate::framing::text(&reply, "BUID")
            .ok_or_else(|| DeviceError::Protocol("ReadBUID without BUID".into()))
    }

    /// A connection to `port` of the phone.
    pub fn connect(&self, device: &Device, port: u16) -> Result<BoxStream, DeviceError> {
        let mut f = plist::Dictionary::new();
        f.insert("DeviceID".into(), Value::Integer(device.id.into()));
        f.insert("PortNumber".into(), Value::Integer(swap_port(port).into()));
        let (stream, reply) = self.request("Connect", f)?;
        match Self::result_number(&reply) {
            Some(0) => Ok(stream),
            Some(3) => Err(DeviceError::NotConnected(device.udid.clone())),
            n => Err(DeviceError::Refused(format!(
                "usbmuxd Connect to port {port}: {n:?}"
            ))),
        }
    }
}
