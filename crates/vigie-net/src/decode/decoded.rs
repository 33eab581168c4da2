//! What decoding a captured frame gives: an IP packet down to its transport layer, a fragment
//! to reassemble, or the reason there is nothing to analyse.

use std::net::IpAddr;

/// Most tunnel layers followed before giving up (guards against crafted recursion).
pub(crate) const MAX_TUNNEL_DEPTH: u8 = 8;

/// The transport layer of a decoded packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transport<'a> {
    /// A TCP segment.
    Tcp {
        /// Source port.
        sport: u16,
        /// Destination port.
        dport: u16,
        /// Sequence number.
        seq: u32,
        /// TCP flags (FIN 0x01, SYN 0x02, RST 0x04, PSH 0x08, ACK 0x10).
        flags: u8,
        /// Segment payload (trimmed to the IP length).
        payload: &'a [u8],
    },
    /// A UDP datagram.
    Udp {
        /// Source port.
        sport: u16,
        /// Destination port.
        dport: u16,
        /// Datagram payload.
        payload: &'a [u8],
    },
    /// Any other IP protocol (ICMP, SCTP, ESP, ...).
    Other {
        /// IP protocol number.
        proto: u8,
        /// The IP payload.
        payload: &'a [u8],
    },
}

/// An IP packet decoded down to its transport layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decoded<'a> {
    /// Source address.
    pub src: IpAddr,
    /// Destination address.
    pub dst: IpAddr,
    /// The transport layer.
    pub transport: Transport<'a>,
    /// Length of the IP payload as the IP header states it (what flows count as bytes).
    pub ip_payload_len: u32,
    /// Tunnel layers removed to reach this packet.
    pub tunnel_depth: u8,
}

/// One fragment of an IP datagram, to be reassembled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fragment<'a> {
    /// Source address.
    pub src: IpAddr,
    /// Destination address.
    pub dst: IpAddr,
    /// Datagram identification.
    pub id: u32,
    /// Protocol of the reassembled payload.
    pub proto: u8,
    /// Byte offset of this fragment in the payload.
    pub offset: u32,
    /// Whether more fragments follow.
    pub more: bool,
    /// This fragment's bytes.
    pub payload: &'a [u8],
    /// Tunnel layers removed to reach it.
    pub tunnel_depth: u8,
}

/// What decoding a packet gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decode<'a> {
    /// A complete IP packet.
    Packet(Decoded<'a>),
    /// A fragment (hand it to the reassembler).
    Fragment(Fragment<'a>),
    /// Not IP (ARP, LLDP, 802.11 management, ...), or a layer that could not be read.
    Skip(SkipReason),
}

/// Why a packet gave nothing to analyse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SkipReason {
    /// Not an IP packet (ARP, spanning tree, 802.11 management...).
    NotIp,
    /// A header was cut short or inconsistent.
    Damaged,
    /// The link type is not one Vigie decodes.
    UnknownLink,
    /// Tunnels nested deeper than [`MAX_TUNNEL_DEPTH`].
    TooDeep,
}
