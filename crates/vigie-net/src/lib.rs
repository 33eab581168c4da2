//! Vigie's network check.
//!
//! A capture (file or live interface) is read one packet at a time by a [`CaptureReader`]
//! (pcap or pcapng, gzip-compressed or not). The [`Observer`] decodes each packet (links,
//! tunnels, IP, TCP/UDP), keeps its flow, and hands its payload to the protocol it carries:
//! DNS, TLS, QUIC and HTTP each read their messages and make typed [`Observation`]s, a
//! flow's summary is observed when it ends. [`NetRules`] match every observation against
//! the indicators and the heuristics and raise [`vigie_core::Finding`]s, which make the
//! [`vigie_core::Verdict`]. [`NetScan`] runs it all over captures. Everything streams:
//! memory depends on the live flows, not on the capture's size.
//!
//! The parsers of outside data the observer uses are public for fuzzing and tests
//! ([`cert`], [`dhcp`], [`dns`], [`quic`], [`tls`]), as is the crate's own capture writer ([`mod@write`]).
//!
//! # Example
//!
//! A phone's DNS query for a name of a one-line indicator list, written in memory with the
//! crate's writer, is found as known spyware:
//!
//! ```
//! use std::io::Cursor;
//! use std::net::IpAddr;
//! use vigie_core::{Timestamp, VerdictLevel};
//! use vigie_indicators::{load_bytes, IndicatorSet};
//! use vigie_net::write::{dns_query, ethernet, udp_packet, PcapWriter};
//! use vigie_net::{ids, CaptureReader, LinkType, NetScan};
//!
//! let (phone, resolver): (IpAddr, IpAddr) = ("192.168.1.20".parse()?, "192.168.1.1".parse()?);
//! let query = udp_packet(phone, resolver, 40_000, 53, &dns_query(1, "api.spy.example", 1));
//! let mut capture = PcapWriter::new(Vec::new(), LinkType::ETHERNET)?;
//! capture.write(Timestamp::from_secs_nanos(1_760_000_000, 0), &ethernet(&query))?;
//!
//! let mut iocs = IndicatorSet::new();
//! load_bytes(&mut iocs, "domains.txt", b"spy.example\n", None)?;
//!
//! let mut scan = NetScan::new(&iocs);
//! let reader = CaptureReader::from_reader(Cursor::new(capture.into_inner()))?;
//! let summary = scan.scan_reader("phone.pcap", reader, &mut |_| {});
//! assert_eq!((summary.packets, summary.stopped), (1, None));
//!
//! let verdict = scan.verdict();
//! assert_eq!(verdict.level, VerdictLevel::KnownSpyware);
//! assert_eq!(verdict.findings[0].rule, ids::IOC_DOMAIN);
//! assert_eq!(verdict.findings[0].subject, "api.spy.example");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(unreachable_pub)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod capture;
pub mod cert;
mod decode;
mod defrag;
mod devices;
pub mod dhcp;
pub mod dns;
mod http;
mod lists;
mod observation;
mod observe;
pub mod quic;
mod reader;
mod reassembly;
mod rules;
mod scan;
pub mod tls;
pub mod write;

pub use capture::{CaptureError, CaptureReader, LinkType, Packet};
pub use devices::JoinedDevice;
pub use lists::{HeuristicLists, SuffixSet};
pub use observation::{Endpoint, FlowSummary, Observation, Observed, ObserverStats, Proto};
pub use observe::Observer;
pub use rules::{ids, is_public, NetRules, Thresholds};
pub use scan::{human_duration, CaptureSummary, NetScan, Span};

vigie_core::locales!(
    "Translation resources of the network check (rule titles and explanations, coverage)."
);
