#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]
//! Live capture: packets read from a network interface as they arrive (Linux `AF_PACKET`,
//! no libpcap needed), handed out as [`vigie_net::Packet`]s so that the same engine as
//! `vigie scan pcap` checks them.
//!
//! The capture only reads: it never sends a packet on the interface.
//!
//! The flow: [`interfaces`] lists where a capture can run; [`LiveCapture::open`] starts one,
//! and [`LiveCapture::next_packet`] hands out each packet as it arrives, until the caller
//! stops or the interface goes away ([`LiveError`]).

mod capture;
mod error;
mod interface;

pub use capture::{LiveCapture, POLL};
pub use error::LiveError;
pub use interface::{interfaces, InterfaceInfo};

vigie_core::locales!("Translation resources of live capture (errors).");
