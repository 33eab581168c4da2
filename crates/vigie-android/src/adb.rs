//! A client of the adb server's host protocol (by default on 127.0.0.1:5037, or where
//! `ADB_SERVER_SOCKET=tcp:HOST:PORT` says, as adb itself reads it): the devices connected,
//! and shell commands run on one of them.

use crate::dump::MAX_FILE;
use crate::parse::{parse_devices, read_block, DeviceEntry};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;
use vigie_core::Message;

/// Why talking to the device failed.
#[derive(Debug, thiserror::Error)]
pub enum AdbError {
    /// No adb server answers.
    #[error("no adb server at {0}")]
    NoServer(String),
    /// No device is connected (or USB debugging is off).
    #[error("no Android device connected")]
    NoDevice,
    /// Several devices are connected and none was chosen.
    #[error("several devices connected: {0}")]
    SeveralDevices(String),
    /// The device has not accepted this computer's key yet.
    #[error("the device {0} has not authorised this computer")]
    Unauthorized(String),
    /// The device went away or stopped answering during the acquisition.
    #[error("the device disconnected during {step}: {detail}")]
    Disconnected {
        /// What was being read.
        step: String,
        /// What the connection said.
        detail: String,
    },
    /// The server refused a request.
    #[error("adb refused {request}: {detail}")]
    Refused {
        /// The request.
        request: String,
        /// The server's message.
        detail: String,
    },
}

impl vigie_core::Localized for AdbError {
    /// The error as a translatable message (with what to do).
    fn message(&self) -> vigie_core::Message {
        match self {
            AdbError::NoServer(a) => Message::new("adb-error-no-server").arg("address", a),
            AdbError::NoDevice => Message::new("adb-error-no-device"),
            AdbError::SeveralDevices(list) => {
                Message::new("adb-error-several").arg("devices", list)
            }
            AdbError::Unauthorized(s) => Message::new("adb-error-unauthorized").arg("serial", s),
            AdbError::Disconnected { step, detail } => Message::new("adb-error-disconnected")
                .arg("step", step)
                .arg("detail", detail),
            AdbError::Refused { request, detail } => Message::new("adb-error-refused")
                .arg("request", request)
                .arg("detail", detail),
        }
    }
}

/// Where the adb server listens: `ADB_SERVER_SOCKET=tcp:HOST:PORT`, else 127.0.0.1:5037.
pub fn server_address() -> String {
    std::env::var("ADB_SERVER_SOCKET")
        .ok()
        .and_then(|v| v.strip_prefix("tcp:").map(str::to_owned))
        .unwrap_or_else(|| "127.0.0.1:5037".into())
}

/// A client of the adb server.
#[derive(Debug, Clone)]
pub struct AdbClient {
    addr: String,
    timeout: Duration,
}

const TIMEOUT: Duration = Duration::from_secs(120);

impl AdbClient {
    /// A client of the server at `addr` (`HOST:PORT`).
    pub fn new(addr: &str) -> Self {
        AdbClient {
            addr: addr.to_owned(),
            timeout: TIMEOUT,
        }
    }

    fn connect(&self) -> Result<TcpStream, AdbError> {
        let no_server = || AdbError::NoServer(self.addr.clone());
        let addrs: Vec<SocketAddr> = self
            .addr
            .to_socket_addrs()
            .map_err(|_| no_server())?
            .collect();
        let s = addrs
            .iter()
            .find_map(|a| TcpStream::connect_timeout(a, Duration::from_secs(3)).ok())
            .ok_or_else(no_server)?;
        let _ = s.set_read_timeout(Some(self.timeout));
        let _ = s.set_write_timeout(Some(self.timeout));
        Ok(s)
    }

    /// Sends one request and reads the server's OKAY or FAIL.
    fn request(&self, s: &mut TcpStream, req: &str, step: &str) -> Result<(), AdbError> {
        let lost = |e: std::io::Error| AdbError::Disconnected {
            step: step.to_owned(),
            detail: e.to_string(),
        };
        s.write_all(format!("{:04x}{req}", req.len()).as_bytes())
            .map_err(lost)?;
        let mut status = [0u8; 4];
        s.read_exact(&mut status).map_err(lost)?;
        match &status {
            b"OKAY" => Ok(()),
            b"FAIL" => {
                let detail = read_block(s).map_err(lost)?;
                let detail = String::from_utf8_lossy(&detail).into_owned();
                if detail.contains("offline")
                    || detail.contains("not found")
                    || detail.contains("unauthorized")
                {
                    Err(AdbError::Disconnected {
                        step: step.to_owned(),
                        detail,
                    })
                } else {
                    Err(AdbError::Refused {
                        request: req.to_owned(),
                        detail,
                    })
                }
            }
            other => Err(AdbError::Refused {
                request: req.to_owned(),
                detail: String::from_utf8_lossy(other).into_owned(),
            }),
        }
    }

    /// The connected devices.
    pub fn devices(&self) -> Result<Vec<DeviceEntry>, AdbError> {
        let mut s = self.connect()?;
        self.request(&mut s, "host:devices-l", "devices")?;
        let body = read_block(&mut s).map_err(|e| AdbError::Disconnected {
            step: "devices".into(),
            detail: e.to_string(),
        })?;
        Ok(parse_devices(&body))
    }

    /// The device to read: the one named, or the only one connected.
    pub fn choose(&self, serial: Option<&str>) -> Result<DeviceEntry, AdbError> {
        let devices = self.devices()?;
        let chosen = match serial {
            Some(s) => devices.into_iter().find(|d| d.serial == s),
            None if devices.len() > 1 => {
                return Err(AdbError::SeveralDevices(
                    devices
                        .iter()
                        .map(|d| d.serial.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                ))
            }
            None => devices.into_iter().next(),
        };
        let d = chosen.ok_or(AdbError::NoDevice)?;
        match d.state.as_str() {
            "device" => Ok(d),
            "unauthorized" => Err(AdbError::Unauthorized(d.serial)),
            _ => Err(AdbError::NoDevice),
        }
    }

    /// Runs a read-only shell command on the device and returns its output (at most 512 MiB,
    /// as much as a file of a dump).
    pub fn shell(&self, serial: &str, command: &str, step: &str) -> Result<Vec<u8>, AdbError> {
        let mut s = self.connect()?;
        match self.request(&mut s, &format!("host:transport:{serial}"), step) {
            Err(AdbError::Disconnected { detail, .. }) if detail.contains("unauthorized") => {
                return Err(AdbError::Unauthorized(serial.to_owned()))
            }
            other => other?,
        }
        self.request(&mut s, &format!("shell:{command}"), step)?;
        let mut out = Vec::new();
        (&mut s)
            .take(MAX_FILE + 1)
            .read_to_end(&mut out)
            .map_err(|e| AdbError::Disconnected {
                step: step.to_owned(),
                detail: e.to_string(),
            })?;
        if out.len() as u64 > MAX_FILE {
            return Err(AdbError::Refused {
                request: command.to_owned(),
                detail: "output too large".into(),
            });
        }
        Ok(out)
    }
}
