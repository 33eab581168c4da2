//! Vigie's link to a connected iPhone or iPad, read-only towards the phone.
//!
//! The phone is reached through usbmuxd ([`Usbmux`]), then its lockdown service: pairing
//! asks the person on the phone ("Trust this computer?") and leaves a [`PairRecord`];
//! sessions and services run over TLS with the pairing's certificates. Over that, a
//! [`Phone`] reads the device's facts, the installed apps and configuration profiles
//! ([`InstalledApp`], [`InstalledProfile`]), and receives a fresh backup into a
//! [`BackupSink`] ([`receive_backup`]) while the phone's sync lock is held, as iTunes holds
//! it. Nothing is installed, changed or removed on the phone; the backup password set on
//! the phone is never changed.
//!
//! The `test-double` feature adds the `double` module: a fake usbmuxd and a fake iPhone
//! speaking the same protocols over a local socket, for tests.
#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod backup;
mod devicelink;
mod error;
mod framing;
mod lockdown;
mod pairing;
mod phone;
mod services;
mod sink;
mod sync;
mod tls;
mod transfer;
mod usbmux;

#[cfg(feature = "test-double")]
pub mod double;

pub use backup::receive_backup;
pub use error::DeviceError;
pub use framing::{receive as receive_plist_message, BoxStream, Stream};
pub use pairing::PairRecord;
pub use phone::{Phone, PhoneStep};
pub use services::{InstalledApp, InstalledProfile, MAX_APPS};
pub use sink::{BackupSink, BackupSummary};
pub use sync::{read_afc, AfcPacket};
pub use usbmux::{read_message as read_usbmux_message, Device, Usbmux, UsbmuxAddress};

vigie_core::locales!("Translation resources of the connected-iPhone check.");
