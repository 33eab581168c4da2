//! Packet decoding, from the link layer to TCP/UDP, through the tunnels seen in real traffic.
//!
//! Zero-copy and total: every function takes `&[u8]`, never panics, and stops at the first
//! layer it cannot read. Handled: Ethernet (VLAN, QinQ, MPLS, PPPoE), Linux cooked v1/v2, raw
//! IP, BSD loopback, PPP, 802.11 data frames (with or without radiotap), IPv4/IPv6 with
//! extension headers and fragments, and the tunnels IP-in-IP (4in4, 6in4, 4in6, 6in6), GRE
//! (with ERSPAN II/III and transparent Ethernet bridging), VXLAN, Geneve, Teredo, AYIYA and
//! GTP-U. The innermost TCP or UDP packet is what the analysis sees.

use crate::capture::LinkType;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Most tunnel layers followed before giving up (guards against crafted recursion).
pub const MAX_TUNNEL_DEPTH: u8 = 8;

/// The transport layer of a decoded packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport<'a> {
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
pub struct Decoded<'a> {
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
pub struct Fragment<'a> {
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
pub enum Decode<'a> {
    /// A complete IP packet.
    Packet(Decoded<'a>),
    /// A fragment (hand it to the reassembler).
    Fragment(Fragment<'a>),
    /// Not IP (ARP, LLDP, 802.11 management, ...), or a layer that could not be read.
    Skip(SkipReason),
}

/// Why a packet gave nothing to analyse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// Not an IP packet (ARP, spanning tree, 802.11 management...).
    NotIp,
    /// A header was cut short or inconsistent.
    Damaged,
    /// The link type is not one Vigie decodes.
    UnknownLink,
    /// Tunnels nested deeper than [`MAX_TUNNEL_DEPTH`].
    TooDeep,
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

const DAMAGED: Decode<'static> = Decode::Skip(SkipReason::Damaged);

/// Decodes a captured frame of the given link type.
pub fn decode_link(link: LinkType, data: &[u8]) -> Decode<'_> {
    match link {
        LinkType::ETHERNET => decode_ethernet(data, 0),
        LinkType::RAW | LinkType(12) | LinkType(14) | LinkType::IPV4 | LinkType::IPV6 => {
            decode_ip(data, 0)
        }
        LinkType::NULL | LinkType::LOOP => {
            let Some(fam) = data.get(..4) else {
                return DAMAGED;
            };
            // Family is host-order for NULL; accept either order. 2 = IPv4; 24/28/30 = IPv6.
            let f = u32::from_le_bytes([fam[0], fam[1], fam[2], fam[3]])
                .min(u32::from_be_bytes([fam[0], fam[1], fam[2], fam[3]]));
            match f {
                2 | 24 | 28 | 30 => decode_ip(&data[4..], 0),
                _ => Decode::Skip(SkipReason::NotIp),
            }
        }
        LinkType::LINUX_SLL => match be16(data, 14) {
            Some(et) => decode_ethertype(et, data.get(16..).unwrap_or_default(), 0),
            None => DAMAGED,
        },
        LinkType::LINUX_SLL2 => match be16(data, 0) {
            Some(et) => decode_ethertype(et, data.get(20..).unwrap_or_default(), 0),
            None => DAMAGED,
        },
        LinkType::PPP => decode_ppp(data, 0),
        LinkType::RADIOTAP => {
            let Some(len) = data
                .get(2..4)
                .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
            else {
                return DAMAGED;
            };
            match data.get(len..) {
                Some(rest) => decode_80211(rest),
                None => DAMAGED,
            }
        }
        LinkType::IEEE802_11 => decode_80211(data),
        _ => Decode::Skip(SkipReason::UnknownLink),
    }
}

/// 802.11 data frames carrying LLC/SNAP (unencrypted, or as captured on a monitor interface
/// of an open network).
fn decode_80211(data: &[u8]) -> Decode<'_> {
    let Some(&fc0) = data.first() else {
        return DAMAGED;
    };
    let Some(&fc1) = data.get(1) else {
        return DAMAGED;
    };
    let ftype = (fc0 >> 2) & 3;
    let subtype = fc0 >> 4;
    if ftype != 2 || fc1 & 0x40 != 0 {
        // Not data, or protected (encrypted) data.
        return Decode::Skip(SkipReason::NotIp);
    }
    let mut hdr = 24;
    if fc1 & 0x03 == 0x03 {
        hdr += 6; // four addresses
    }
    if subtype & 0x08 != 0 {
        hdr += 2; // QoS control
    }
    if fc1 & 0x80 != 0 && subtype & 0x08 != 0 {
        hdr += 4; // HT control
    }
    let Some(llc) = data.get(hdr..) else {
        return DAMAGED;
    };
    if llc.get(..3) != Some(&[0xaa, 0xaa, 0x03]) {
        return Decode::Skip(SkipReason::NotIp);
    }
    match be16(llc, 6) {
        Some(et) => decode_ethertype(et, llc.get(8..).unwrap_or_default(), 0),
        None => DAMAGED,
    }
}

fn decode_ethernet(data: &[u8], depth: u8) -> Decode<'_> {
    match be16(data, 12) {
        Some(et) => decode_ethertype(et, data.get(14..).unwrap_or_default(), depth),
        None => DAMAGED,
    }
}

fn decode_ethertype(mut et: u16, mut data: &[u8], depth: u8) -> Decode<'_> {
    // VLAN tags (802.1Q, 802.1ad, old QinQ), any number.
    for _ in 0..8 {
        match et {
            0x8100 | 0x88a8 | 0x9100 | 0x9200 => {
                let Some(next) = be16(data, 2) else {
                    return DAMAGED;
                };
                et = next;
                data = data.get(4..).unwrap_or_default();
            }
            _ => break,
        }
    }
    match et {
        0x0800 | 0x86dd => decode_ip(data, depth),
        0x8847 | 0x8848 => {
            // MPLS label stack, then IP guessed from the version nibble.
            let mut at = 0;
            loop {
                let Some(entry) = be32(data, at) else {
                    return DAMAGED;
                };
                at += 4;
                if entry & 0x100 != 0 || at > 64 {
                    break;
                }
            }
            decode_ip(data.get(at..).unwrap_or_default(), depth)
        }
        0x8864 => {
            // PPPoE session: 6-byte header, then PPP protocol.
            decode_ppp(data.get(6..).unwrap_or_default(), depth)
        }
        0x6558 => decode_ethernet(data, depth),
        _ => Decode::Skip(SkipReason::NotIp),
    }
}

fn decode_ppp(data: &[u8], depth: u8) -> Decode<'_> {
    let data = if data.starts_with(&[0xff, 0x03]) {
        &data[2..]
    } else {
        data
    };
    let (proto, rest) = match data.first() {
        Some(b) if b & 1 == 1 => (u16::from(*b), &data[1..]),
        _ => match be16(data, 0) {
            Some(p) => (p, &data[2..]),
            None => return DAMAGED,
        },
    };
    match proto {
        0x0021 | 0x0057 => decode_ip(rest, depth),
        _ => Decode::Skip(SkipReason::NotIp),
    }
}

/// Decodes an IP packet (v4 or v6 by version nibble).
pub fn decode_ip(data: &[u8], depth: u8) -> Decode<'_> {
    if depth > MAX_TUNNEL_DEPTH {
        return Decode::Skip(SkipReason::TooDeep);
    }
    match data.first().map(|b| b >> 4) {
        Some(4) => decode_ipv4(data, depth),
        Some(6) => decode_ipv6(data, depth),
        _ => DAMAGED,
    }
}

fn decode_ipv4(data: &[u8], depth: u8) -> Decode<'_> {
    let ihl = usize::from(data[0] & 0x0f) * 4;
    if ihl < 20 || data.len() < ihl {
        return DAMAGED;
    }
    let total = usize::from(be16(data, 2).unwrap_or(0));
    // Trim link padding; keep what was captured when the snapshot is shorter.
    let end = if total >= ihl {
        total.min(data.len())
    } else {
        data.len()
    };
    let src = IpAddr::V4(Ipv4Addr::new(data[12], data[13], data[14], data[15]));
    let dst = IpAddr::V4(Ipv4Addr::new(data[16], data[17], data[18], data[19]));
    let proto = data[9];
    let frag = be16(data, 6).unwrap_or(0);
    let more = frag & 0x2000 != 0;
    let offset = u32::from(frag & 0x1fff) * 8;
    let payload = &data[ihl..end];
    let declared = u32::try_from(total.saturating_sub(ihl)).unwrap_or(0);
    if more || offset > 0 {
        return Decode::Fragment(Fragment {
            src,
            dst,
            id: u32::from(be16(data, 4).unwrap_or(0)),
            proto,
            offset,
            more,
            payload,
            tunnel_depth: depth,
        });
    }
    decode_transport(
        src,
        dst,
        proto,
        payload,
        declared.max(payload.len() as u32),
        depth,
    )
}

fn decode_ipv6(data: &[u8], depth: u8) -> Decode<'_> {
    if data.len() < 40 {
        return DAMAGED;
    }
    let plen = usize::from(be16(data, 4).unwrap_or(0));
    let mut s = [0u8; 16];
    s.copy_from_slice(&data[8..24]);
    let mut d = [0u8; 16];
    d.copy_from_slice(&data[24..40]);
    let src = IpAddr::V6(Ipv6Addr::from(s));
    let dst = IpAddr::V6(Ipv6Addr::from(d));
    let end = if plen == 0 {
        data.len()
    } else {
        (40 + plen).min(data.len())
    };
    let body = &data[40..end];
    let mut next = data[6];
    let mut at = 0usize;
    // Extension headers.
    for _ in 0..16 {
        match next {
            0 | 43 | 60 | 135 | 139 | 140 => {
                let (Some(&nh), Some(&len)) = (body.get(at), body.get(at + 1)) else {
                    return DAMAGED;
                };
                if next == 135 {
                    // Mobility header: no upper layer follows.
                    return Decode::Packet(Decoded {
                        src,
                        dst,
                        transport: Transport::Other {
                            proto: 135,
                            payload: body.get(at..).unwrap_or_default(),
                        },
                        ip_payload_len: plen as u32,
                        tunnel_depth: depth,
                    });
                }
                next = nh;
                at += (usize::from(len) + 1) * 8;
            }
            51 => {
                let (Some(&nh), Some(&len)) = (body.get(at), body.get(at + 1)) else {
                    return DAMAGED;
                };
                next = nh;
                at += (usize::from(len) + 2) * 4;
            }
            44 => {
                let Some(hdr) = body.get(at..at + 8) else {
                    return DAMAGED;
                };
                let off = u16::from_be_bytes([hdr[2], hdr[3]]);
                let id = u32::from_be_bytes([hdr[4], hdr[5], hdr[6], hdr[7]]);
                let payload = body.get(at + 8..).unwrap_or_default();
                let offset = u32::from(off >> 3) * 8;
                let more = off & 1 != 0;
                if offset == 0 && !more {
                    // Atomic fragment: carries the whole datagram.
                    next = hdr[0];
                    at += 8;
                    continue;
                }
                return Decode::Fragment(Fragment {
                    src,
                    dst,
                    id,
                    proto: hdr[0],
                    offset,
                    more,
                    payload,
                    tunnel_depth: depth,
                });
            }
            _ => break,
        }
    }
    let Some(payload) = body.get(at..) else {
        return DAMAGED;
    };
    let declared = u32::try_from(plen.saturating_sub(at)).unwrap_or(0);
    decode_transport(
        src,
        dst,
        next,
        payload,
        declared.max(payload.len() as u32),
        depth,
    )
}

/// Decodes a transport payload: TCP, UDP (with UDP tunnels), or IP tunnels.
pub fn decode_transport(
    src: IpAddr,
    dst: IpAddr,
    proto: u8,
    payload: &[u8],
    ip_payload_len: u32,
    depth: u8,
) -> Decode<'_> {
    let packet = |transport| {
        Decode::Packet(Decoded {
            src,
            dst,
            transport,
            ip_payload_len,
            tunnel_depth: depth,
        })
    };
    match proto {
        6 => {
            let (Some(sport), Some(dport), Some(seq)) =
                (be16(payload, 0), be16(payload, 2), be32(payload, 4))
            else {
                return DAMAGED;
            };
            let off = usize::from(payload.get(12).copied().unwrap_or(0) >> 4) * 4;
            let flags = payload.get(13).copied().unwrap_or(0);
            if off < 20 {
                return DAMAGED;
            }
            let data = payload.get(off..).unwrap_or_default();
            packet(Transport::Tcp {
                sport,
                dport,
                seq,
                flags,
                payload: data,
            })
        }
        17 | 136 => {
            let (Some(sport), Some(dport)) = (be16(payload, 0), be16(payload, 2)) else {
                return DAMAGED;
            };
            let ulen = usize::from(be16(payload, 4).unwrap_or(0));
            let end = if ulen >= 8 {
                ulen.min(payload.len())
            } else {
                payload.len()
            };
            let data = payload.get(8..end).unwrap_or_default();
            if let Some(inner) = decode_udp_tunnel(sport, dport, data, depth) {
                return inner;
            }
            packet(Transport::Udp {
                sport,
                dport,
                payload: data,
            })
        }
        4 | 41 => decode_ip(payload, depth + 1),
        47 => decode_gre(payload, depth + 1).unwrap_or(packet(Transport::Other { proto, payload })),
        _ => packet(Transport::Other { proto, payload }),
    }
}

/// The original packet quoted by an ICMP or ICMPv6 error (destination unreachable, time
/// exceeded, parameter problem, packet too big), if this packet is one.
pub fn icmp_quoted<'a>(d: &Decoded<'a>) -> Option<&'a [u8]> {
    let Transport::Other { proto, payload } = d.transport else {
        return None;
    };
    let ty = *payload.first()?;
    let is_error = match proto {
        1 => matches!(ty, 3 | 11 | 12),
        58 => matches!(ty, 1..=4),
        _ => false,
    };
    if is_error {
        payload.get(8..)
    } else {
        None
    }
}

fn decode_gre(data: &[u8], depth: u8) -> Option<Decode<'_>> {
    let flags = be16(data, 0)?;
    let proto = be16(data, 2)?;
    let version = flags & 7;
    let mut at = 4;
    if version == 1 {
        // Enhanced GRE (PPTP): key present, optional sequence and ack.
        at += 4;
        if flags & 0x1000 != 0 {
            at += 4;
        }
        if flags & 0x0080 != 0 {
            at += 4;
        }
        let rest = data.get(at..)?;
        return (proto == 0x880b).then(|| decode_ppp(rest, depth));
    }
    if flags & 0x8000 != 0 {
        at += 4; // checksum + reserved
    }
    if flags & 0x2000 != 0 {
        at += 4; // key
    }
    if flags & 0x1000 != 0 {
        at += 4; // sequence
    }
    let rest = data.get(at..)?;
    Some(match proto {
        0x88be => {
            // ERSPAN type II (with sequence) has an 8-byte header; type I has none.
            if flags & 0x1000 != 0 {
                decode_ethernet(rest.get(8..)?, depth)
            } else {
                decode_ethernet(rest, depth)
            }
        }
        0x22eb => {
            // ERSPAN type III: 12-byte header, plus 8 when the optional subheader is present.
            let o = if rest.get(11).is_some_and(|b| b & 1 != 0) {
                20
            } else {
                12
            };
            decode_ethernet(rest.get(o..)?, depth)
        }
        0x6558 => decode_ethernet(rest, depth),
        // Aruba access points tunnel 802.11 frames.
        0x8200 | 0x8210 => decode_80211(rest),
        0x9000 => return None,
        et => decode_ethertype(et, rest, depth),
    })
}

fn decode_udp_tunnel(sport: u16, dport: u16, data: &[u8], depth: u8) -> Option<Decode<'_>> {
    let depth = depth + 1;
    let either = |p: u16| sport == p || dport == p;
    if either(4789) || either(8472) {
        // VXLAN: flags with the I bit, then an Ethernet frame.
        if data.len() >= 8 + 14 && data[0] & 0x08 != 0 {
            return Some(decode_ethernet(&data[8..], depth));
        }
    }
    if either(6081) && data.len() >= 8 && data[0] >> 6 == 0 {
        // Geneve: options length in 4-byte words, then the protocol type.
        let opt = usize::from(data[0] & 0x3f) * 4;
        let proto = be16(data, 2)?;
        let inner = data.get(8 + opt..)?;
        return Some(match proto {
            0x6558 => decode_ethernet(inner, depth),
            et => decode_ethertype(et, inner, depth),
        });
    }
    if either(4754) {
        // GRE over UDP.
        return decode_gre(data, depth);
    }
    if either(2152) && data.len() >= 8 && data[0] >> 5 == 1 && data[1] == 0xff {
        // GTP-U version 1, T-PDU.
        let mut at = 8;
        if data[0] & 0x07 != 0 {
            at += 4;
            // Extension headers.
            if data[0] & 0x04 != 0 {
                let mut next = data.get(at - 1).copied().unwrap_or(0);
                while next != 0 {
                    let len = usize::from(*data.get(at)?) * 4;
                    if len == 0 {
                        return None;
                    }
                    next = *data.get(at + len - 1)?;
                    at += len;
                }
            }
        }
        let inner = data.get(at..)?;
        return matches!(inner.first().map(|b| b >> 4), Some(4 | 6))
            .then(|| decode_ip(inner, depth));
    }
    if either(5072) && data.len() >= 12 {
        // AYIYA: identity and signature lengths in the header, next header at byte 3.
        let id_len = 1usize << (data[0] >> 4);
        let sig_len = usize::from(data[1] >> 4) * 4;
        let next = data[3];
        let inner = data.get(8 + id_len + sig_len..)?;
        if next == 41 || next == 4 {
            return Some(decode_ip(inner, depth));
        }
        return None;
    }
    if either(3544) {
        // Teredo: optional authentication and origin indications, then IPv6.
        let mut inner = data;
        if inner.starts_with(&[0, 1]) {
            let id_len = usize::from(*inner.get(2)?);
            let au_len = usize::from(*inner.get(3)?);
            inner = inner.get(4 + id_len + au_len + 9..)?;
        }
        if inner.starts_with(&[0, 0]) {
            inner = inner.get(8..)?;
        }
        if inner.first().map(|b| b >> 4) == Some(6) && inner.len() >= 40 {
            return Some(decode_ip(inner, depth));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{ethernet, tcp_packet, udp_packet};

    fn v4(a: u8) -> IpAddr {
        IpAddr::V4(Ipv4Addr::new(10, 0, 0, a))
    }

    #[test]
    fn ethernet_vlan_tcp_and_padding() {
        let ip = tcp_packet(v4(1), v4(2), 1234, 443, 7, 0, 0x18, b"hello");
        let mut frame = ethernet(&ip);
        // Insert a VLAN tag and link padding.
        frame.splice(12..12, [0x81, 0x00, 0x00, 0x05]);
        frame.extend_from_slice(&[0; 10]);
        let Decode::Packet(d) = decode_link(LinkType::ETHERNET, &frame) else {
            panic!("not decoded")
        };
        assert_eq!(d.src, v4(1));
        assert_eq!(
            d.transport,
            Transport::Tcp {
                sport: 1234,
                dport: 443,
                seq: 7,
                flags: 0x18,
                payload: b"hello"
            }
        );
    }

    #[test]
    fn vxlan_and_ip_in_ip() {
        let inner = ethernet(&udp_packet(v4(3), v4(4), 5353, 53, b"q"));
        let mut vx = vec![0x08, 0, 0, 0, 0, 0, 1, 0];
        vx.extend_from_slice(&inner);
        let outer = udp_packet(v4(1), v4(2), 40000, 4789, &vx);
        let Decode::Packet(d) = decode_ip(&outer, 0) else {
            panic!("not decoded")
        };
        assert_eq!((d.src, d.tunnel_depth), (v4(3), 1));
        let inner = udp_packet(v4(5), v4(6), 1, 2, b"x");
        let mut outer = vec![
            0x45, 0, 0, 0, 0, 0, 0, 0, 64, 4, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
        ];
        let total = (20 + inner.len()) as u16;
        outer[2..4].copy_from_slice(&total.to_be_bytes());
        outer.extend_from_slice(&inner);
        let Decode::Packet(d) = decode_ip(&outer, 0) else {
            panic!("not decoded")
        };
        assert_eq!(d.dst, v4(6));
    }

    #[test]
    fn icmp_error_keeps_the_quoted_packet() {
        let quoted = udp_packet(v4(1), v4(2), 5000, 53, b"query");
        let mut icmp = vec![3, 3, 0, 0, 0, 0, 0, 0];
        icmp.extend_from_slice(&quoted);
        let Decode::Packet(d) = decode_transport(v4(2), v4(1), 1, &icmp, icmp.len() as u32, 0)
        else {
            panic!("not decoded")
        };
        assert_eq!(icmp_quoted(&d), Some(&quoted[..]));
    }

    #[test]
    fn damaged_input_never_panics() {
        for len in 0..64 {
            let junk: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            for link in [0, 1, 9, 101, 105, 108, 113, 127, 228, 229, 276] {
                let _ = decode_link(LinkType(link), &junk);
            }
            let mut v4 = junk.clone();
            if let Some(b) = v4.first_mut() {
                *b = 0x45;
            }
            let _ = decode_ip(&v4, 0);
        }
    }
}
