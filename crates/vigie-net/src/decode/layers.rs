//! The layers a packet nests: Ethernet (VLAN, MPLS, PPPoE), PPP, 802.11, IPv4 and IPv6, TCP
//! and UDP, and the tunnels that carry them again (IP in IP, GRE, VXLAN, Geneve, GTP-U,
//! AYIYA, Teredo).

use super::decoded::{Decode, Decoded, Fragment, SkipReason, Transport, MAX_TUNNEL_DEPTH};
use crate::reader::Reader;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What a layer that cannot be read gives.
pub(super) const DAMAGED: Decode<'static> = Decode::Skip(SkipReason::Damaged);

/// 802.11 data frames carrying LLC/SNAP (unencrypted, or as captured on a monitor interface
/// of an open network).
pub(super) fn decode_80211(data: &[u8]) -> Decode<'_> {
    let mut r = Reader::init(data);
    let (Some(fc0), Some(fc1)) = (r.u8(), r.u8()) else {
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
    let mut r = Reader::init(llc);
    if r.take(3) != Some(&[0xaa, 0xaa, 0x03][..]) {
        return Decode::Skip(SkipReason::NotIp);
    }
    match r.skip(3).and_then(|()| r.u16()) {
        Some(et) => decode_ethertype(et, r.rest(), 0),
        None => DAMAGED,
    }
}

pub(super) fn decode_ethernet(data: &[u8], depth: u8) -> Decode<'_> {
    let mut r = Reader::init(data);
    match r.skip(12).and_then(|()| r.u16()) {
        Some(et) => decode_ethertype(et, r.rest(), depth),
        None => DAMAGED,
    }
}

pub(super) fn decode_ethertype(mut et: u16, mut data: &[u8], depth: u8) -> Decode<'_> {
    // VLAN tags (802.1Q, 802.1ad, old QinQ), any number.
    for _ in 0..8 {
        match et {
            0x8100 | 0x88a8 | 0x9100 | 0x9200 => {
                let mut r = Reader::init(data);
                let Some(next) = r.skip(2).and_then(|()| r.u16()) else {
                    return DAMAGED;
                };
                et = next;
                data = r.rest();
            }
            _ => break,
        }
    }
    match et {
        0x0800 | 0x86dd => decode_ip(data, depth),
        0x8847 | 0x8848 => {
            // MPLS label stack, then IP guessed from the version nibble.
            let mut r = Reader::init(data);
            loop {
                let Some(entry) = r.u32() else {
                    return DAMAGED;
                };
                if entry & 0x100 != 0 || r.used() > 64 {
                    break;
                }
            }
            decode_ip(r.rest(), depth)
        }
        0x8864 => {
            // PPPoE session: 6-byte header, then PPP protocol.
            decode_ppp(data.get(6..).unwrap_or_default(), depth)
        }
        0x6558 => decode_ethernet(data, depth),
        _ => Decode::Skip(SkipReason::NotIp),
    }
}

pub(super) fn decode_ppp(data: &[u8], depth: u8) -> Decode<'_> {
    let mut r = Reader::init(data.strip_prefix(&[0xff, 0x03]).unwrap_or(data));
    // The protocol field is one byte when compressed (odd), else two.
    let proto = match r.peek() {
        Some(b) if b & 1 == 1 => r.u8().map(u16::from),
        _ => r.u16(),
    };
    match proto {
        Some(0x0021 | 0x0057) => decode_ip(r.rest(), depth),
        Some(_) => Decode::Skip(SkipReason::NotIp),
        None => DAMAGED,
    }
}

/// Decodes an IP packet (v4 or v6 by version nibble).
pub(crate) fn decode_ip(data: &[u8], depth: u8) -> Decode<'_> {
    if depth > MAX_TUNNEL_DEPTH {
        return Decode::Skip(SkipReason::TooDeep);
    }
    match data.first().map(|b| b >> 4) {
        Some(4) => decode_ipv4(data, depth),
        Some(6) => decode_ipv6(data, depth),
        _ => DAMAGED,
    }
}

/// The fields of an IPv4 header that decoding needs.
struct Ipv4Header {
    header_len: usize,
    total_len: usize,
    id: u16,
    flags_offset: u16,
    proto: u8,
    src: Ipv4Addr,
    dst: Ipv4Addr,
}

impl Ipv4Header {
    fn read(data: &[u8]) -> Option<Self> {
        let mut r = Reader::init(data.first_chunk::<20>()?);
        let header_len = usize::from(r.u8()? & 0x0f) * 4;
        r.skip(1)?; // type of service
        let total_len = usize::from(r.u16()?);
        let id = r.u16()?;
        let flags_offset = r.u16()?;
        r.skip(1)?; // time to live
        let proto = r.u8()?;
        r.skip(2)?; // checksum
        Some(Ipv4Header {
            header_len,
            total_len,
            id,
            flags_offset,
            proto,
            src: Ipv4Addr::from(r.array()?),
            dst: Ipv4Addr::from(r.array()?),
        })
    }
}

fn decode_ipv4(data: &[u8], depth: u8) -> Decode<'_> {
    let Some(h) = Ipv4Header::read(data).filter(|h| h.header_len >= 20) else {
        return DAMAGED;
    };
    let (ihl, total) = (h.header_len, h.total_len);
    // Trim link padding; keep what was captured when the snapshot is shorter.
    let end = if total >= ihl {
        total.min(data.len())
    } else {
        data.len()
    };
    let Some(payload) = data.get(ihl..end) else {
        return DAMAGED;
    };
    let (src, dst) = (IpAddr::V4(h.src), IpAddr::V4(h.dst));
    let more = h.flags_offset & 0x2000 != 0;
    let offset = u32::from(h.flags_offset & 0x1fff) * 8;
    let declared = u32::try_from(total.saturating_sub(ihl)).unwrap_or(0);
    if more || offset > 0 {
        return Decode::Fragment(Fragment {
            src,
            dst,
            id: u32::from(h.id),
            proto: h.proto,
            offset,
            more,
            payload,
            tunnel_depth: depth,
        });
    }
    decode_transport(
        src,
        dst,
        h.proto,
        payload,
        declared.max(payload.len() as u32),
        depth,
    )
}
/// The fields of an IPv6 fixed header that decoding needs.
struct Ipv6Header {
    payload_len: usize,
    next: u8,
    src: Ipv6Addr,
    dst: Ipv6Addr,
}

impl Ipv6Header {
    fn read(r: &mut Reader<'_>) -> Option<Self> {
        r.skip(4)?; // version, traffic class, flow label
        let payload_len = usize::from(r.u16()?);
        let next = r.u8()?;
        r.skip(1)?; // hop limit
        Some(Ipv6Header {
            payload_len,
            next,
            src: Ipv6Addr::from(r.array()?),
            dst: Ipv6Addr::from(r.array()?),
        })
    }
}

fn decode_ipv6(data: &[u8], depth: u8) -> Decode<'_> {
    let mut r = Reader::init(data);
    let Some(h) = Ipv6Header::read(&mut r) else {
        return DAMAGED;
    };
    let plen = h.payload_len;
    let (src, dst) = (IpAddr::V6(h.src), IpAddr::V6(h.dst));
    let body = r.rest();
    let body = if plen == 0 {
        body
    } else {
        body.get(..plen).unwrap_or(body)
    };
    let mut r = Reader::init(body);
    match ipv6_extensions(&mut r, body, h.next) {
        None => DAMAGED,
        Some(Upper::Mobility(payload)) => Decode::Packet(Decoded {
            src,
            dst,
            transport: Transport::Other {
                proto: 135,
                payload,
            },
            ip_payload_len: plen as u32,
            tunnel_depth: depth,
        }),
        Some(Upper::Fragment {
            proto,
            offset,
            more,
            id,
        }) => Decode::Fragment(Fragment {
            src,
            dst,
            id,
            proto,
            offset,
            more,
            payload: r.rest(),
            tunnel_depth: depth,
        }),
        Some(Upper::Protocol(next)) => {
            let declared = u32::try_from(plen.saturating_sub(r.used())).unwrap_or(0);
            let payload = r.rest();
            let len = declared.max(payload.len() as u32);
            decode_transport(src, dst, next, payload, len, depth)
        }
    }
}

/// Where the walk over an IPv6 packet's extension headers ended.
enum Upper<'a> {
    /// At the upper-layer protocol.
    Protocol(u8),
    /// At a mobility header (no upper layer follows), with its bytes.
    Mobility(&'a [u8]),
    /// At the fragment header of a fragment: the fragment's bytes follow.
    Fragment {
        proto: u8,
        offset: u32,
        more: bool,
        id: u32,
    },
}

/// Walks the extension headers of an IPv6 body from header type `next`; `None` when one is
/// damaged.
fn ipv6_extensions<'a>(r: &mut Reader<'a>, body: &'a [u8], mut next: u8) -> Option<Upper<'a>> {
    for _ in 0..16 {
        match next {
            0 | 43 | 60 | 135 | 139 | 140 => {
                let at = r.used();
                let (nh, len) = (r.u8()?, r.u8()?);
                if next == 135 {
                    return Some(Upper::Mobility(body.get(at..).unwrap_or_default()));
                }
                next = nh;
                r.skip((usize::from(len) + 1) * 8 - 2)?;
            }
            51 => {
                // Authentication header: its length counts 4-byte words, less two.
                let (nh, len) = (r.u8()?, r.u8()?);
                next = nh;
                r.skip((usize::from(len) + 2) * 4 - 2)?;
            }
            44 => {
                let mut hdr = r.sub(8)?;
                let nh = hdr.u8()?;
                hdr.skip(1)?;
                let (off, id) = (hdr.u16()?, hdr.u32()?);
                let offset = u32::from(off >> 3) * 8;
                let more = off & 1 != 0;
                if offset != 0 || more {
                    return Some(Upper::Fragment {
                        proto: nh,
                        offset,
                        more,
                        id,
                    });
                }
                // Atomic fragment: carries the whole datagram.
                next = nh;
            }
            _ => break,
        }
    }
    Some(Upper::Protocol(next))
}

/// Decodes a transport payload: TCP, UDP (with UDP tunnels), or IP tunnels.
pub(crate) fn decode_transport(
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
        6 => tcp(payload).map_or(DAMAGED, packet),
        17 | 136 => {
            let mut r = Reader::init(payload);
            let (Some(sport), Some(dport)) = (r.u16(), r.u16()) else {
                return DAMAGED;
            };
            let ulen = usize::from(r.u16().unwrap_or(0));
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

/// A TCP segment: ports, sequence number, flags and payload.
fn tcp(segment: &[u8]) -> Option<Transport<'_>> {
    let mut r = Reader::init(segment);
    let sport = r.u16()?;
    let dport = r.u16()?;
    let seq = r.u32()?;
    // After the acknowledgement number, the header length in 4-byte words; it and the flags
    // may be cut off by the capture's snapshot length.
    let data_offset = r
        .skip(4)
        .and_then(|()| r.u8())
        .map_or(0, |b| usize::from(b >> 4) * 4);
    let flags = r.u8().unwrap_or(0);
    if data_offset < 20 {
        return None;
    }
    Some(Transport::Tcp {
        sport,
        dport,
        seq,
        flags,
        payload: segment.get(data_offset..).unwrap_or_default(),
    })
}

/// The original packet quoted by an ICMP or ICMPv6 error (destination unreachable, time
/// exceeded, parameter problem, packet too big), if this packet is one.
pub(crate) fn icmp_quoted<'a>(d: &Decoded<'a>) -> Option<&'a [u8]> {
    let Transport::Other { proto, payload } = d.transport else {
        return None;
    };
    let mut r = Reader::init(payload);
    let ty = r.u8()?;
    let is_error = match proto {
        1 => matches!(ty, 3 | 11 | 12),
        58 => matches!(ty, 1..=4),
        _ => false,
    };
    // Code, checksum and four bytes of the message, then the quoted packet.
    r.skip(7)?;
    is_error.then(|| r.rest())
}

fn decode_gre(data: &[u8], depth: u8) -> Option<Decode<'_>> {
    let mut r = Reader::init(data);
    let flags = r.u16()?;
    let proto = r.u16()?;
    let has = |bit: u16| flags & bit != 0;
    if flags & 7 == 1 {
        // Enhanced GRE (PPTP): key present, optional sequence and ack.
        let options = 4 + 4 * usize::from(has(0x1000)) + 4 * usize::from(has(0x0080));
        r.skip(options)?;
        return (proto == 0x880b).then(|| decode_ppp(r.rest(), depth));
    }
    // Checksum and reserved, key, sequence: four bytes each when present.
    let options = [0x8000, 0x2000, 0x1000].map(|bit| 4 * usize::from(has(bit)));
    r.skip(options.iter().sum())?;
    let rest = r.rest();
    Some(match proto {
        0x88be => {
            // ERSPAN type II (with sequence) has an 8-byte header; type I has none.
            if has(0x1000) {
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
    let first = *data.first()?;
    if either(4789) || either(8472) {
        // VXLAN: flags with the I bit, then an Ethernet frame.
        if data.len() >= 8 + 14 && first & 0x08 != 0 {
            return Some(decode_ethernet(data.get(8..)?, depth));
        }
    }
    if either(6081) && data.len() >= 8 && first >> 6 == 0 {
        // Geneve: options length in 4-byte words, then the protocol type.
        let mut r = Reader::init(data);
        r.skip(2)?;
        let proto = r.u16()?;
        let inner = data.get(8 + usize::from(first & 0x3f) * 4..)?;
        return Some(match proto {
            0x6558 => decode_ethernet(inner, depth),
            et => decode_ethertype(et, inner, depth),
        });
    }
    if either(4754) {
        // GRE over UDP.
        return decode_gre(data, depth);
    }
    if either(2152) && data.len() >= 8 && first >> 5 == 1 && data.get(1) == Some(&0xff) {
        // GTP-U version 1, T-PDU.
        return decode_gtp_u(data, depth);
    }
    if either(5072) && data.len() >= 12 {
        // AYIYA: identity and signature lengths in the header, next header at byte 3.
        let mut r = Reader::init(data);
        let id_len = 1usize << (r.u8()? >> 4);
        let sig_len = usize::from(r.u8()? >> 4) * 4;
        r.skip(1)?; // authentication method and operation code
        let next = r.u8()?;
        let inner = data.get(8 + id_len + sig_len..)?;
        return matches!(next, 41 | 4).then(|| decode_ip(inner, depth));
    }
    if either(3544) {
        return decode_teredo(data, depth);
    }
    None
}

/// A GTP-U user packet (T-PDU): the header, its optional fields and extension headers, then IP.
fn decode_gtp_u(data: &[u8], depth: u8) -> Option<Decode<'_>> {
    let mut r = Reader::init(data);
    let flags = r.u8()?;
    r.skip(7)?; // message type, length, tunnel id
    if flags & 0x07 != 0 {
        // Sequence number, N-PDU number, then the type of the first extension header.
        r.skip(3)?;
        let mut next = r.u8()?;
        if flags & 0x04 == 0 {
            next = 0;
        }
        while next != 0 {
            // Each extension header: length in 4-byte words, content, next type.
            let len = usize::from(r.peek()?) * 4;
            let mut ext = r.sub(len).filter(|_| len > 0)?;
            next = *ext.rest().last()?;
        }
    }
    let inner = r.rest();
    matches!(inner.first().map(|b| b >> 4), Some(4 | 6)).then(|| decode_ip(inner, depth))
}

/// Teredo: optional authentication and origin indications, then IPv6.
fn decode_teredo(data: &[u8], depth: u8) -> Option<Decode<'_>> {
    let mut inner = data;
    if inner.starts_with(&[0, 1]) {
        let mut r = Reader::init(inner);
        r.skip(2)?;
        let (id_len, au_len) = (usize::from(r.u8()?), usize::from(r.u8()?));
        // Client identifier, authentication value, nonce and confirmation byte.
        r.skip(id_len + au_len + 9)?;
        inner = r.rest();
    }
    if inner.starts_with(&[0, 0]) {
        inner = inner.get(8..)?;
    }
    (inner.first().map(|b| b >> 4) == Some(6) && inner.len() >= 40).then(|| decode_ip(inner, depth))
}
