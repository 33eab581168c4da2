//! Vigie's network check.
//!
//! The flow is the project's: a capture (file or live interface) → [`capture::CaptureReader`]
//! → [`decode`] (links, tunnels, IP, TCP/UDP) → [`observe::Observer`] (flows, DNS, TLS,
//! QUIC, HTTP: typed [`observe::Observation`]s) → [`rules::NetRules`] (indicators and
//! heuristics) → [`vigie_core::Finding`]s → [`vigie_core::Verdict`]. [`scan::NetScan`] runs
//! it all over capture files. Everything is streaming: memory depends on live flows, not on
//! the capture's size.

pub mod capture;
pub mod cert;
pub mod decode;
pub mod defrag;
pub mod dns;
pub mod http;
pub mod lists;
mod observation;
pub mod observe;
pub mod quic;
mod reader;
pub mod reassembly;
pub mod rules;
pub mod scan;
pub mod tls;
pub mod write;

pub use capture::{CaptureError, CaptureReader, LinkType, Packet};
pub use observation::{Endpoint, FlowSummary, Observation, Observed, ObserverStats, Proto};
pub use observe::Observer;
pub use rules::NetRules;
pub use scan::NetScan;

vigie_core::locales!(
    "Translation resources of the network check (rule titles and explanations, coverage)."
);
