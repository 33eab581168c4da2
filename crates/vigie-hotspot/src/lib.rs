#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]
//! The hotspot: a Wi-Fi access point opened by the station for one check, with Debian's
//! hostapd (the access point) and dnsmasq (DHCP and DNS), NAT to the uplink so that the phone
//! behaves normally, or no uplink at all (captive mode). A random network name and password
//! per check, shown as a QR code. Stopping restores what was changed: the interface's
//! address, IP forwarding, and the NAT table.
//!
//! The flow: [`HotspotConfig::random`] makes one check's settings; [`Hotspot::start`] opens
//! the access point with them and [`Hotspot::stop`] (or dropping it) undoes every change.

mod config;
mod error;
mod hotspot;
mod interfaces;

pub use config::{HotspotConfig, NAT_TABLE};
pub use error::{HotspotError, InterfaceProblem, InterfaceRole};
pub use hotspot::{is_wireless, Hotspot};

vigie_core::locales!("Translation resources of the hotspot (errors, instructions).");
