//! Vigie's link to a connected iPhone or iPad, read-only towards the phone.
//!
//! The phone is reached through usbmuxd ([`usbmux`]), then its lockdown service
//! ([`lockdown`]): pairing asks the person on the phone ("Trust this computer?"), sessions and
//! services run over TLS with the pairing's certificates ([`pairing`], [`tls`]). Over that:
//! the device's facts, the installed apps and configuration profiles ([`services`]), and a
//! fresh backup received into a [`backup::BackupSink`] ([`backup`]) while the phone's sync
//! lock is held, as iTunes holds it ([`sync`]). Nothing is installed,
//! changed or removed on the phone; the backup password set on the phone is never changed.
//!
//! [`Phone`] puts these together. The `test-double` feature adds a fake usbmuxd and a fake
//! iPhone speaking the same protocols over a local socket, for tests.

pub mod backup;
mod devicelink;
pub mod error;
pub mod framing;
pub mod lockdown;
pub mod pairing;
pub mod phone;
pub mod services;
mod sink;
pub mod sync;
pub mod tls;
mod transfer;
pub mod usbmux;

#[cfg(feature = "test-double")]
pub mod double;

pub use error::DeviceError;
pub use pairing::PairRecord;
pub use phone::{Phone, PhoneStep};
pub use services::{InstalledApp, InstalledProfile};
pub use sink::{BackupSink, BackupSummary};
pub use usbmux::{Device, Usbmux, UsbmuxAddress};

vigie_core::locales!("Translation resources of the connected-iPhone check.");
