//! Where decoding starts: a captured frame, by the link type of its interface, and the
//! link headers only a capture has (loopback, Linux cooked, radiotap).

use super::decoded::{Decode, SkipReason};
use super::layers::{
    decode_80211, decode_ethernet, decode_ethertype, decode_ip, decode_ppp, DAMAGED,
};
use crate::capture::LinkType;
use crate::reader::{Endian, Reader};

/// Decodes a captured frame of the given link type.
pub(crate) fn decode_link(link: LinkType, data: &[u8]) -> Decode<'_> {
    match link {
        LinkType::ETHERNET => decode_ethernet(data, 0),
        LinkType::RAW | LinkType(12) | LinkType(14) | LinkType::IPV4 | LinkType::IPV6 => {
            decode_ip(data, 0)
        }
        LinkType::NULL | LinkType::LOOP => decode_loopback(data),
        LinkType::LINUX_SLL => decode_cooked(data, 14, 16),
        LinkType::LINUX_SLL2 => decode_cooked(data, 0, 20),
        LinkType::PPP => decode_ppp(data, 0),
        LinkType::RADIOTAP => {
            // The radiotap header's length is little-endian, after its version and padding.
            let mut r = Reader::init(data);
            let len = r.skip(2).and_then(|()| r.u16_in(Endian::Little));
            match len.and_then(|len| data.get(usize::from(len)..)) {
                Some(rest) => decode_80211(rest),
                None => DAMAGED,
            }
        }
        LinkType::IEEE802_11 => decode_80211(data),
        _ => Decode::Skip(SkipReason::UnknownLink),
    }
}

/// BSD and OpenBSD loopback: a 4-byte address family, then IP.
fn decode_loopback(data: &[u8]) -> Decode<'_> {
    let mut r = Reader::init(data);
    let Some(family) = r.array::<4>() else {
        return DAMAGED;
    };
    // Host order for NULL, network order for LOOP: accept either. 2 = IPv4; 24/28/30 = IPv6.
    match u32::from_le_bytes(family).min(u32::from_be_bytes(family)) {
        2 | 24 | 28 | 30 => decode_ip(r.rest(), 0),
        _ => Decode::Skip(SkipReason::NotIp),
    }
}

/// Linux cooked capture: the ethertype at `ethertype_at`, the payload at `payload_at`.
fn decode_cooked(data: &[u8], ethertype_at: usize, payload_at: usize) -> Decode<'_> {
    let mut r = Reader::init(data);
    match r.skip(ethertype_at).and_then(|()| r.u16()) {
        Some(et) => decode_ethertype(et, data.get(payload_at..).unwrap_or_default(), 0),
        None => DAMAGED,
    }
}
