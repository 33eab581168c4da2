//! What the network check observes: DNS questions and answers, TLS and QUIC hellos, server
//! certificates, HTTP requests and flows, each with the packet it was seen in; and the counters
//! of what was read.

use crate::capture::Packet;
use crate::cert::CertInfo;
use serde::{Serialize, Serializer};
use std::fmt;
use std::net::IpAddr;
use vigie_core::Timestamp;

/// One end of a connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Endpoint {
    /// Address.
    pub ip: IpAddr,
    /// Port (0 for protocols without ports).
    pub port: u16,
}

impl Default for Endpoint {
    fn default() -> Self {
        Endpoint {
            ip: IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED),
            port: 0,
        }
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ip {
            IpAddr::V4(a) => write!(f, "{a}:{}", self.port),
            IpAddr::V6(a) => write!(f, "[{a}]:{}", self.port),
        }
    }
}

impl Serialize for Endpoint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A transport protocol.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Proto {
    /// TCP.
    #[default]
    Tcp,
    /// UDP.
    Udp,
    /// Another IP protocol.
    Other(u8),
}

impl fmt::Display for Proto {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Proto::Tcp => f.write_str("tcp"),
            Proto::Udp => f.write_str("udp"),
            Proto::Other(p) => write!(f, "ip-proto-{p}"),
        }
    }
}

impl Serialize for Proto {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What a flow carried, as recognised.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FlowSummary {
    /// Transport protocol.
    pub proto: Proto,
    /// The side that opened the flow (the device, usually).
    pub client: Endpoint,
    /// The side it talked to.
    pub server: Endpoint,
    /// First packet number.
    pub first_frame: u64,
    /// Last packet number.
    pub last_frame: u64,
    /// First packet time.
    pub first_ts: Timestamp,
    /// Last packet time.
    pub last_ts: Timestamp,
    /// Packets in both directions.
    pub packets: u64,
    /// Payload bytes from client to server.
    pub bytes_up: u64,
    /// Payload bytes from server to client.
    pub bytes_down: u64,
    /// The name the device resolved for the server's address by DNS earlier in the capture.
    pub dns_name: Option<String>,
    /// TLS or QUIC server name.
    pub sni: Option<String>,
    /// HTTP Host of the first request.
    pub http_host: Option<String>,
    /// Methods of the HTTP requests seen (at most a few).
    pub http_methods: Vec<String>,
    /// TLS was seen (over TCP).
    pub tls: bool,
    /// QUIC was seen.
    pub quic: bool,
    /// The flow carried DNS.
    pub dns: bool,
    /// The protocol upgraded with STARTTLS, if the TLS handshake followed one.
    pub starttls: Option<&'static str>,
    /// The server's leaf certificate (TLS 1.0–1.2).
    pub cert: Option<CertInfo>,
    /// Negotiated TLS version, when the ServerHello was seen.
    pub tls_version: Option<u16>,
    /// Whether the flow ended with the capture (still open) rather than closing or expiring.
    pub open_at_end: bool,
}

impl FlowSummary {
    /// The best name for the server: SNI, else HTTP Host, else the DNS name.
    pub fn name(&self) -> Option<&str> {
        self.sni
            .as_deref()
            .or(self.http_host.as_deref())
            .or(self.dns_name.as_deref())
    }

    /// The flow as `proto client -> server`.
    pub fn label(&self) -> String {
        format!("{} {} -> {}", self.proto, self.client, self.server)
    }
}

/// What was observed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Observed {
    /// A DNS (or mDNS/LLMNR) question.
    DnsQuery {
        /// Queried name.
        name: String,
        /// Query type (1 A, 28 AAAA, 65 HTTPS, ...).
        qtype: u16,
        /// `dns`, `mdns`, `llmnr` or `dns-tcp`.
        via: &'static str,
    },
    /// A DNS answer record, or a response without answer.
    DnsAnswer {
        /// Owner name of the record (the question's name for an empty response).
        name: String,
        /// The question this answers.
        query: Option<String>,
        /// Record type (0 when the response has no answer).
        rtype: u16,
        /// Address or name given.
        answer: Option<String>,
        /// Response code (0 NOERROR, 3 NXDOMAIN...).
        rcode: u8,
        /// `dns`, `mdns`, `llmnr` or `dns-tcp`.
        via: &'static str,
    },
    /// A TLS ClientHello naming a server.
    TlsSni {
        /// Server name indication.
        name: String,
        /// JA3 fingerprint.
        ja3: String,
        /// JA4 fingerprint.
        ja4: String,
        /// ALPN protocols offered.
        alpn: Vec<String>,
        /// Protocol upgraded with STARTTLS, if any.
        starttls: Option<&'static str>,
    },
    /// A TLS ClientHello without server name.
    TlsClientHello {
        /// JA3 fingerprint.
        ja3: String,
        /// JA4 fingerprint.
        ja4: String,
        /// ALPN protocols offered.
        alpn: Vec<String>,
        /// Protocol upgraded with STARTTLS, if any.
        starttls: Option<&'static str>,
    },
    /// A QUIC Initial's ClientHello naming a server (decrypted).
    QuicSni {
        /// Server name indication.
        name: String,
        /// JA4 fingerprint (QUIC).
        ja4: String,
        /// ALPN protocols offered.
        alpn: Vec<String>,
        /// QUIC version (`1` or `2`).
        version: u8,
    },
    /// A server certificate (TLS 1.0–1.2).
    TlsCert {
        /// Subject common name, if any.
        name: Option<String>,
        /// The certificate.
        #[serde(flatten)]
        cert: CertInfo,
        /// Certificates in the chain sent.
        chain_len: usize,
    },
    /// An HTTP/1.x request.
    HttpHost {
        /// Host header (without port).
        name: String,
        /// Method.
        method: String,
        /// Full URL.
        url: Option<String>,
        /// User-Agent.
        user_agent: Option<String>,
    },
    /// A device joining the network (DHCP): the client's own message, or the server's
    /// acknowledgement giving it its address.
    DhcpDevice(DhcpClient),
    /// A flow's summary, when it ends.
    Flow {
        /// The server's best name.
        name: Option<String>,
        /// The flow.
        #[serde(flatten)]
        flow: Box<FlowSummary>,
    },
}

/// One observation: what, when, where.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Observation {
    /// What was observed.
    #[serde(flatten)]
    pub what: Observed,
    /// Packet time.
    pub ts: Timestamp,
    /// 1-based packet number in the capture.
    pub frame: u64,
    /// Sender.
    pub src: Endpoint,
    /// Receiver.
    pub dst: Endpoint,
}

/// Counters of what the observer read, for the coverage part of a verdict.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct ObserverStats {
    /// Packets read.
    pub packets: u64,
    /// Captured bytes read.
    pub bytes: u64,
    /// IP packets decoded to their transport layer.
    pub ip_packets: u64,
    /// Packets that were not IP (ARP, 802.11 management, ...).
    pub not_ip: u64,
    /// Packets with a damaged or cut header.
    pub damaged: u64,
    /// Packets of a link type Vigie does not decode.
    pub unknown_link: u64,
    /// Packets reached through at least one tunnel.
    pub tunneled: u64,
    /// IP fragments seen.
    pub fragments: u64,
    /// Datagrams reassembled from fragments.
    pub reassembled: u64,
    /// Flows seen.
    pub flows: u64,
    /// Flows ended early because the flow table was full.
    pub flows_evicted: u64,
    /// DNS messages read.
    pub dns_messages: u64,
    /// TLS ClientHellos read (TCP).
    pub tls_client_hellos: u64,
    /// Server certificates read.
    pub tls_certificates: u64,
    /// TLS sessions whose certificates were encrypted (TLS 1.3).
    pub tls13_sessions: u64,
    /// QUIC Initial packets decrypted.
    pub quic_initials: u64,
    /// QUIC Initial packets that could not be decrypted.
    pub quic_undecryptable: u64,
    /// QUIC ClientHellos read.
    pub quic_client_hellos: u64,
    /// HTTP requests read.
    pub http_requests: u64,
    /// TCP streams not reassembled because the memory budget was reached.
    pub streams_over_budget: u64,
    /// Time of the first packet.
    pub first_ts: Option<Timestamp>,
    /// Time of the last packet.
    pub last_ts: Option<Timestamp>,
}
/// Where the observations made from one packet go, each with the packet's time, number and
/// endpoints.
pub(crate) struct Emitter<'s> {
    ts: Timestamp,
    frame: u64,
    /// The packet's sender.
    pub(crate) src: Endpoint,
    /// The packet's receiver.
    pub(crate) dst: Endpoint,
    sink: &'s mut dyn FnMut(Observation),
}

impl<'s> Emitter<'s> {
    /// Observations of `pkt`, sent from `src` to `dst`, go to `sink`.
    pub(crate) fn new(
        pkt: &Packet<'_>,
        src: Endpoint,
        dst: Endpoint,
        sink: &'s mut dyn FnMut(Observation),
    ) -> Self {
        Emitter {
            ts: pkt.ts,
            frame: pkt.frame,
            src,
            dst,
            sink,
        }
    }

    /// Sends one observation.
    pub(crate) fn emit(&mut self, what: Observed) {
        (self.sink)(Observation {
            what,
            ts: self.ts,
            frame: self.frame,
            src: self.src,
            dst: self.dst,
        });
    }
}

/// A device as DHCP shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DhcpClient {
    /// Its hardware address (`aa:bb:cc:dd:ee:ff`).
    pub mac: String,
    /// The address is one the device made up (private, random: it names no maker).
    pub private_mac: bool,
    /// The IPv4 address it was given, asked for or has.
    pub address: Option<IpAddr>,
    /// The name it gives itself (option 12, printable characters only), e.g. `Galaxy-S21`.
    pub hostname: Option<String>,
    /// Its DHCP client (option 60), e.g. `android-dhcp-14`.
    pub vendor_class: Option<String>,
}
