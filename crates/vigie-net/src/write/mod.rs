//! The project's own capture writer and packet builders.
//!
//! Tests, benchmarks and fuzz seeds build captures in code with these (a phone joining over
//! DHCP, resolving and contacting servers over DNS, TLS and QUIC) instead of committing large binary files.

mod conversation;
mod messages;
mod packets;
mod pcap;
mod traffic;

pub use conversation::TcpConversation;
pub use messages::{
    client_hello, dhcp_request, dns_query, dns_response, handshake, server_hello_and_certificates,
    tls_records,
};
pub use packets::{ethernet, tcp_flags, tcp_packet, udp_packet};
pub use pcap::PcapWriter;
pub use traffic::TrafficGenerator;
