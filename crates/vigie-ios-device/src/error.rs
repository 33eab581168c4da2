//! What can go wrong with a connected phone, in words an operator can act on.

use vigie_core::Message;

/// Why the phone could not be reached or read.
#[derive(Debug, thiserror::Error)]
pub enum DeviceError {
    /// usbmuxd (the service that sees iPhones on USB) does not answer.
    #[error("usbmuxd is not reachable at {address}: {detail}")]
    NoUsbmuxd {
        /// Where it was looked for.
        address: String,
        /// What the system said.
        detail: String,
    },
    /// No iPhone or iPad is connected.
    #[error("no iPhone or iPad is connected")]
    NoDevice,
    /// Several are connected and none was chosen.
    #[error("several devices are connected: {0}")]
    SeveralDevices(String),
    /// The chosen device is not connected.
    #[error("the device {0} is not connected")]
    NotConnected(String),
    /// The phone is locked with its passcode.
    #[error("the phone is locked")]
    Locked,
    /// The person answered "Don't Trust" on the phone.
    #[error("pairing was refused on the phone")]
    PairingDenied,
    /// Nobody answered "Trust this computer?" in time.
    #[error("the phone did not answer the pairing request in time")]
    PairingTimeout,
    /// The phone answered a request with an error.
    #[error("the phone answered: {0}")]
    Refused(String),
    /// The connection broke.
    #[error("the connection with the phone failed: {0}")]
    Io(String),
    /// The phone (or something posing as it) sent what the protocol does not allow.
    #[error("the phone sent something unexpected: {0}")]
    Protocol(String),
    /// The secure session could not be set up.
    #[error("the secure connection with the phone failed: {0}")]
    Tls(String),
    /// Where the backup goes refused it (a full disk, a closed case).
    #[error("the backup could not be stored: {0}")]
    Sink(String),
    /// Another computer or app kept the phone's sync lock.
    #[error("another computer or app is syncing the phone")]
    SyncBusy,
}

impl vigie_core::Localized for DeviceError {
    /// The error as a translatable message.
    fn message(&self) -> vigie_core::Message {
        match self {
            DeviceError::NoUsbmuxd { address, detail } => Message::new("iosdev-error-no-usbmuxd")
                .arg("address", address)
                .arg("detail", detail),
            DeviceError::NoDevice => Message::new("iosdev-error-no-device"),
            DeviceError::SeveralDevices(list) => {
                Message::new("iosdev-error-several").arg("devices", list)
            }
            DeviceError::NotConnected(udid) => {
                Message::new("iosdev-error-not-connected").arg("device", udid)
            }
            DeviceError::Locked => Message::new("iosdev-error-locked"),
            DeviceError::PairingDenied => Message::new("iosdev-error-pairing-denied"),
            DeviceError::PairingTimeout => Message::new("iosdev-error-pairing-timeout"),
            DeviceError::Refused(d) => Message::new("iosdev-error-refused").arg("detail", d),
            DeviceError::Io(d) => Message::new("iosdev-error-io").arg("detail", d),
            DeviceError::Protocol(d) => Message::new("iosdev-error-protocol").arg("detail", d),
            DeviceError::Tls(d) => Message::new("iosdev-error-tls").arg("detail", d),
            DeviceError::Sink(d) => Message::new("iosdev-error-sink").arg("detail", d),
            DeviceError::SyncBusy => Message::new("iosdev-error-sync-busy"),
        }
    }
}

impl From<std::io::Error> for DeviceError {
    fn from(e: std::io::Error) -> Self {
        DeviceError::Io(e.to_string())
    }
}
